// Requests the HTTP parser refuses: raw non-ASCII bytes in the URL get a problem document that says how to
// percent-encode, over a real socket (inject never goes through the parser).
import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.ts';

let app: FastifyInstance;
let port: number;
beforeAll(async () => {
  app = await testApp();
  await app.listen({ host: '127.0.0.1', port: 0 });
  port = (app.server.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await app.close();
});

/** Sends raw bytes and reads the reply until the server closes the connection. */
function raw(request: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

describe('raw non-ASCII in the URL', () => {
  it('is a 400 problem that shows how to percent-encode', async () => {
    const reply = await raw(
      Buffer.from(`GET /v1/exports?province=اصفهان HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`, 'utf8'),
    );
    const [head = '', body = ''] = reply.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(head).toMatch(/\r\nContent-Type: application\/problem\+json; charset=utf-8/);
    expect(head).toMatch(new RegExp(`\\r\\nContent-Length: ${Buffer.byteLength(body)}\\r\\n`));
    const problem = JSON.parse(body);
    expect(problem).toMatchObject({
      type: 'tag:nano-exports-api,2026:problem:bad-url',
      title: 'Bad Request',
      status: 400,
      instance: '/v1/exports',
    });
    expect(problem.detail).toContain('percent-encoded');
    // The headers every reply carries, though Fastify never saw the request.
    expect(head).toMatch(/\r\ncontent-security-policy: default-src 'none';frame-ancestors 'none'\r\n/);
    expect(head).toMatch(/\r\nx-frame-options: DENY\r\n/);
    expect(head).toMatch(/\r\nx-dataset-version: sha256-[0-9a-f]{32}\r\n/);
    expect(head.match(/x-content-type-options/gi)).toHaveLength(1);
    expect(problem.detail).toContain(
      `curl -G --data-urlencode 'province=اصفهان' 'http://127.0.0.1:${port}/v1/exports'`,
    );
  });

  it('still serves the same request percent-encoded', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/v1/exports?province=${encodeURIComponent('اصفهان')}`);
    expect(res.status).toBe(200);
    expect((await res.json()).data[0].province.code).toBe('IR-10');
  });

  it('answers other malformed requests with a problem too', async () => {
    const reply = await raw(Buffer.from('NOT HTTP AT ALL\r\n\r\n'));
    expect(reply).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    const problem = JSON.parse(reply.split('\r\n\r\n')[1] ?? '');
    expect(problem.type).toBe('tag:nano-exports-api,2026:problem:bad-request');
  });
});

describe('request targets other than origin-form (RFC 9112 §3.2)', () => {
  const host = () => `Host: 127.0.0.1:${port}\r\nConnection: close\r\n`;

  it('absolute-form is routed by its path: a data route answers, a missing one is a 404 problem', async () => {
    const ok = await raw(
      Buffer.from(`GET http://127.0.0.1:${port}/v1/rankings?lang=fa HTTP/1.1\r\n${host()}\r\n`),
    );
    expect(ok).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(ok).toMatch(/\r\ncontent-language: fa\r\n/);
    const missing = await raw(
      Buffer.from(`GET http://127.0.0.1:${port}/v1/nowhere HTTP/1.1\r\n${host()}Accept: text/html\r\n\r\n`),
    );
    expect(missing).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    // An API path: a problem document, not a page, and its instance is the path alone.
    expect(missing).toMatch(/\r\ncontent-type: application\/problem\+json; charset=utf-8\r\n/);
    expect(missing).toContain('"instance":"/v1/nowhere"');
  });

  it('the URL length bound counts the target as sent, authority included', async () => {
    const reply = await raw(
      Buffer.from(`GET http://${'a'.repeat(2100)}/v1/periods HTTP/1.1\r\n${host()}\r\n`),
    );
    expect(reply).toMatch(/^HTTP\/1\.1 414 URI Too Long\r\n/);
  });

  it('a refused absolute-form target is spoken of by its path', async () => {
    const reply = await raw(
      Buffer.from(
        `GET http://elsewhere.example/v1/exports?province=اصفهان HTTP/1.1\r\n${host()}\r\n`,
        'utf8',
      ),
    );
    const problem = JSON.parse(reply.split('\r\n\r\n')[1] ?? '');
    expect(problem.instance).toBe('/v1/exports');
    expect(problem.detail).toContain(
      `curl -G --data-urlencode 'province=اصفهان' 'http://127.0.0.1:${port}/v1/exports'`,
    );
  });

  it('asterisk-form is no page: GET * is a 404', async () => {
    const reply = await raw(Buffer.from(`GET * HTTP/1.1\r\n${host()}\r\n`));
    expect(reply).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
  });

  it('originForm keeps the path and query as sent', async () => {
    const { originForm } = await import('../../src/http/request-target.ts');
    expect(originForm('/v1/x?a=1')).toBe('/v1/x?a=1');
    expect(originForm('http://example.org/v1/x/../y?a=%20')).toBe('/v1/x/../y?a=%20');
    expect(originForm('HTTPS://example.org:8443')).toBe('/');
    expect(originForm('http://example.org?a=1')).toBe('/?a=1');
    expect(originForm('*')).toBe('/*');
  });
});
