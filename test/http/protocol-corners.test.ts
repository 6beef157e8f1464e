// Corners of HTTP found by an attack pass (issue 24): two Host headers, a huge Accept quoted back, refusals that cost
// nothing against the rate limit, and clients counted by address family quirks.
import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { clientKey } from '../../src/plugins/protection.ts';
import { testApp } from '../helpers/app.ts';

let app: FastifyInstance;
afterEach(() => app.close());

/** Sends raw bytes and returns the whole answer (the server closes or the reply is complete). */
function raw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let out = '';
    socket.on('data', (d) => {
      out += d;
      if (/\r\n\r\n/.test(out)) {
        const length = Number(/content-length: (\d+)/i.exec(out)?.[1] ?? 0);
        if (Buffer.byteLength(out.split('\r\n\r\n').slice(1).join('\r\n\r\n')) >= length) socket.end();
      }
    });
    socket.on('end', () => resolve(out));
    socket.on('close', () => resolve(out));
    socket.on('error', reject);
    socket.write(bytes);
  });
}

describe('Host', () => {
  it('two Host headers are a 400 (RFC 9112 §3.2); one is served', async () => {
    app = await testApp();
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as net.AddressInfo;
    const two = await raw(
      port,
      'GET /v1/periods HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\nConnection: close\r\n\r\n',
    );
    expect(two.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(two).toMatch(/content-type: application\/problem\+json/i);
    expect(two).toContain(
      'The request has more than one Host header; HTTP/1.1 allows exactly one (RFC 9112, section 3.2).',
    );
    const one = await raw(port, 'GET /v1/periods HTTP/1.1\r\nHost: a.example\r\nConnection: close\r\n\r\n');
    expect(one.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
  });

  it('an HTTP/1.1 request with no Host is a 400 problem (Node sent an empty 400); HTTP/1.0 needs none', async () => {
    app = await testApp();
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as net.AddressInfo;
    const none = await raw(port, 'GET /v1/periods HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(none.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(none).toMatch(/content-type: application\/problem\+json/i);
    expect(none).toMatch(/x-content-type-options: nosniff/i);
    expect(none).toContain(
      'The request has no Host header; HTTP/1.1 allows exactly one (RFC 9112, section 3.2).',
    );
    const old = await raw(port, 'GET /v1/periods HTTP/1.0\r\n\r\n');
    expect(old.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
  });
});

describe('406', () => {
  it('quotes at most 100 characters of the Accept header back', async () => {
    app = await testApp();
    const accept = `application/x-${'a'.repeat(40)}, `.repeat((15 * 1024) / 56).slice(0, 15000);
    const res = await app.inject({ url: '/v1/rankings', headers: { accept } });
    expect(res.statusCode).toBe(406);
    expect(res.json().detail).toBe(
      `Cannot answer with ${accept.slice(0, 100)}… (15000 characters); this route gives application/json or text/csv or application/json-stat+json. Use Accept or ?format=.`,
    );
    expect(res.body.length).toBeLessThan(600);
  });
});

describe('the rate limit counts refused requests too', () => {
  it.each([
    ['a 404', { method: 'GET', url: '/no/such/route' }, 404],
    ['a 405', { method: 'POST', url: '/v1/periods' }, 405],
    ['a URL that cannot be decoded', { method: 'GET', url: '/v1/provinces/%E0%A4%A' }, 400],
    ['a 414', { method: 'GET', url: `/v1/exports?x=${'a'.repeat(2100)}` }, 414],
    ['a refused parameter', { method: 'GET', url: '/v1/exports?limit=0' }, 400],
  ] as const)('%s counts', async (_name, req, status) => {
    app = await testApp({ RATE_LIMIT_MAX: 3, RATE_LIMIT_WINDOW: '1 minute' });
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await app.inject(req);
      expect(res.statusCode).toBe(status);
      remaining.push(String(res.headers['x-ratelimit-remaining']));
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await app.inject(req);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ status: 429, title: 'Too Many Requests' });
    // The same client's data requests are limited too: one budget per client.
    expect((await app.inject('/v1/periods')).statusCode).toBe(429);
  });

  it('the health probes stay out of it', async () => {
    app = await testApp({ RATE_LIMIT_MAX: 1, RATE_LIMIT_WINDOW: '1 minute' });
    await app.inject('/nothing');
    expect((await app.inject('/nothing')).statusCode).toBe(429);
    expect((await app.inject('/healthz')).statusCode).toBe(200);
    expect((await app.inject('/readyz')).statusCode).toBe(200);
  });
});

describe('who a client is', () => {
  it('clientKey: IPv4-mapped is IPv4, IPv6 by /64, the two loopbacks one', () => {
    expect(clientKey('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(clientKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(clientKey('::1')).toBe('127.0.0.1');
    expect(clientKey('2001:db8:1:2:aaaa::1')).toBe(clientKey('2001:db8:1:2:bbbb:cccc:dddd:eeee'));
    expect(clientKey('2001:db8:1:2::1')).not.toBe(clientKey('2001:db8:1:3::1'));
    expect(clientKey('203.0.113.9')).toBe('203.0.113.9');
  });

  it('::ffff:127.0.0.1, ::1 and 127.0.0.1 share one budget; addresses in one /64 share one', async () => {
    app = await testApp({ RATE_LIMIT_MAX: 2, RATE_LIMIT_WINDOW: '1 minute' });
    const from = (remoteAddress: string) => app.inject({ url: '/v1/periods', remoteAddress });
    expect((await from('127.0.0.1')).statusCode).toBe(200);
    expect((await from('::ffff:127.0.0.1')).statusCode).toBe(200);
    expect((await from('::1')).statusCode).toBe(429);
    expect((await from('2001:db8:1:2::1')).statusCode).toBe(200);
    expect((await from('2001:db8:1:2::2')).statusCode).toBe(200);
    expect((await from('2001:db8:1:2:ffff::9')).statusCode).toBe(429);
    expect((await from('2001:db8:1:3::1')).statusCode).toBe(200);
  });
});
