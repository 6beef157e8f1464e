// The real server process: graceful shutdown under load, and identical replicas on one database file.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDatabaseFile } from '../../src/db/build.ts';
import { type RunningServer, spawnServer, startServer, until } from '../helpers/process.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nano-process-'));
const file = path.join(dir, 'db.sqlite');
beforeAll(() => buildDatabaseFile(file));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function get(
  url: string,
  agent: http.Agent,
  headers: Record<string, string> = {},
  onRequest: (req: http.ClientRequest) => void = () => {},
) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>(
    (resolve, reject) => {
      const req = http
        .get(url, { agent, headers }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (d) => {
            body += d;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
        })
        .on('error', reject);
      onRequest(req);
    },
  );
}

describe('graceful shutdown', () => {
  it('SIGTERM: requests in flight complete, new connections are refused, the process exits 0', async () => {
    const server = await startServer({ DATABASE_PATH: file });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
    const urls = ['/v1/exports', '/v1/rankings?format=csv', '/v1/summary', '/v1/checks', '/v1/provinces'];
    // Open 50 connections, then put one request on each and signal once every request has been sent.
    await Promise.all(Array.from({ length: 50 }, (_, i) => get(server.url + urls[i % urls.length], agent)));
    const sent: Promise<void>[] = [];
    // Every other one is new to the server (rendered now); the rest come from the representation cache.
    const inFlight = Array.from({ length: 50 }, (_, i) =>
      get(server.url + (i % 2 ? `/v1/exports?limit=${i}` : urls[i % urls.length]), agent, {}, (req) =>
        sent.push(new Promise((r) => req.on('finish', r))),
      ),
    );
    await Promise.all(sent);
    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    const results = await Promise.allSettled(inFlight);
    const { code, signal } = await server.exited;
    const exitMs = Date.now() - signalledAt;
    expect(
      results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason)),
    ).toEqual([]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value.status : 0)).every((s) => s === 200)).toBe(
      true,
    );
    expect(code).toBe(0);
    expect(signal).toBeNull();
    expect(exitMs).toBeLessThan(5000);
    await expect(get(`${server.url}/healthz`, new http.Agent())).rejects.toThrow(/ECONNREFUSED/);
    agent.destroy();
  });
});

describe('identical replicas', () => {
  let a: RunningServer;
  let b: RunningServer;
  beforeAll(async () => {
    [a, b] = await Promise.all([startServer({ DATABASE_PATH: file }), startServer({ DATABASE_PATH: file })]);
  });
  afterAll(async () => {
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    await Promise.all([a.exited, b.exited]);
  });

  it('two processes on one database file answer byte-identical bodies with identical ETags', async () => {
    const agent = new http.Agent();
    const requests: [string, Record<string, string>][] = [
      ['/v1/exports', {}],
      ['/v1/exports?format=csv', {}],
      ['/v1/rankings', { accept: 'text/csv' }],
      ['/v1/shares?lang=fa', {}],
      ['/v1/summary', { 'accept-language': 'ar' }],
      ['/v1/checks', {}],
      ['/v1/provinces', {}],
      [`/v1/provinces/${encodeURIComponent('اصفهان')}`, {}],
      ['/v1/sources/nano-exports-early-2024/text', {}],
      ['/v1/periods', {}],
    ];
    for (const [url, headers] of requests) {
      const [ra, rb] = await Promise.all([
        get(a.url + url, agent, headers),
        get(b.url + url, agent, headers),
      ]);
      expect(ra.status, url).toBe(200);
      expect(rb.body, url).toBe(ra.body);
      expect(rb.headers.etag, url).toBe(ra.headers.etag);
      // Either replica can revalidate what the other served.
      const revalidated = await get(b.url + url, agent, {
        ...headers,
        'if-none-match': ra.headers.etag as string,
      });
      expect(revalidated.status, url).toBe(304);
    }
    agent.destroy();
  });
});

describe('the real server: one path for every request', () => {
  const stop = async (server: RunningServer) => {
    server.child.kill('SIGTERM');
    return server.exited;
  };
  /** Header names lower-cased, without the ones that belong to a connection or a moment. */
  const stable = (headers: http.IncomingHttpHeaders) =>
    Object.fromEntries(
      Object.entries(headers).filter(([name]) => !['date', 'connection', 'keep-alive'].includes(name)),
    );

  it('answers a repeat request with the same headers and body, through the whole lifecycle (it is logged each time)', async () => {
    const server = await startServer({ DATABASE_PATH: file, TRUST_PROXY: '1', LOG_REQUESTS: 'true' });
    try {
      const agent = new http.Agent();
      const url = `${server.url}/v1/rankings?lang=fa`;
      const first = await get(url, agent, { accept: 'text/csv' });
      const again = await get(url, agent, { accept: 'text/csv' });
      expect(first.status).toBe(200);
      expect(again.body).toBe(first.body);
      expect(stable(again.headers)).toEqual(stable(first.headers));
      // Both requests went through Fastify's hooks: each has its access log line (request and response).
      await until(
        () => (server.output().match(/"url":"\/v1\/rankings\?lang=fa"/g) ?? []).length === 2,
        'two access log lines',
      );
      expect(first.body.split('\n')[1]).toMatch(
        /^2024-early,nano-exports-early-2024,IR-10,isfahan,اصفهان,37500000,25.9,1,/,
      );
      // Fastify sees the client's address: one trusted proxy (this test) said the client was 203.0.113.7.
      await get(`${server.url}/v1/provinces/nowhere`, agent, { 'x-forwarded-for': '203.0.113.7' });
      await until(() => server.output().includes('"url":"/v1/provinces/nowhere"'), 'the access log line');
      expect(server.output()).toMatch(
        /"url":"\/v1\/provinces\/nowhere"[^\n]*"remoteAddress":"203\.0\.113\.7"/,
      );
      agent.destroy();
    } finally {
      await stop(server);
    }
  });

  it('with no trusted proxy, a client cannot change its address with X-Forwarded-For', async () => {
    const server = await startServer({ DATABASE_PATH: file, LOG_REQUESTS: 'true' });
    try {
      await get(`${server.url}/v1/provinces/nowhere`, new http.Agent(), { 'x-forwarded-for': '203.0.113.7' });
      await until(() => server.output().includes('"url":"/v1/provinces/nowhere"'), 'the access log line');
      expect(server.output()).toMatch(/"url":"\/v1\/provinces\/nowhere"[^\n]*"remoteAddress":"127\.0\.0\.1"/);
    } finally {
      await stop(server);
    }
  });

  it('a public port already in use stops the start with one line and exit code 1', async () => {
    const taken = http.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = String((taken.address() as { port: number }).port);
    try {
      const server = spawnServer({ DATABASE_PATH: file, PORT: port, LOG_LEVEL: 'warn' });
      expect(await server.exited).toEqual({ code: 1, signal: null });
      expect(server.output().trim()).toBe(
        `nano-exports-api failed to start: listen EADDRINUSE: address already in use 127.0.0.1:${port}`,
      );
    } finally {
      taken.close();
    }
  });
});
