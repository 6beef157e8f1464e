// The front thread on its own, in front of a recording upstream: what it forwards, what it answers from its cache,
// and how it behaves when the upstream is gone or when it closes.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawnFrontThread } from '../../src/front/front.js';
import type { FromFront, ToFront } from '../../src/front/front-worker.js';
import type { Wire } from '../../src/http/cached-reply.js';
import { problemSchema } from '../../src/schemas/problem.js';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
let seen: Seen[] = [];
/** /slow is answered when the test calls this (set when /slow arrives). */
let releaseSlow: (() => void) | undefined;
let slowArrived: Promise<void> = Promise.resolve();
let onSlowArrived = () => {};
let upstream: http.Server;
let front: Worker;
let base: string;

function nextMessage(worker: Worker, type: FromFront['type']): Promise<FromFront> {
  return new Promise((resolve) => {
    const on = (message: FromFront) => {
      if (message.type !== type) return;
      worker.off('message', on);
      resolve(message);
    };
    worker.on('message', on);
  });
}

function request(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{
    status: number;
    headers: http.IncomingHttpHeaders;
    rawHeaders: string[];
    body: string;
  }>((resolve, reject) => {
    http
      .request(`${base}${path}`, { method, headers, agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => {
          body += d;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, rawHeaders: res.rawHeaders, body }),
        );
      })
      .on('error', reject)
      .end();
  });
}

/** Posts to the front, then waits until the front has handled it (messages are handled in order). */
async function tell(message: ToFront) {
  front.postMessage(message);
  await request('/__sync__');
}

const wire: Wire = {
  etag: '"r1"',
  body: Buffer.from('{"data":"cached"}'),
  headers: ['content-type', 'application/json; charset=utf-8', 'etag', '"r1"', 'content-length', '17'],
  notModifiedHeaders: ['etag', '"r1"'],
};

beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const answer = () => {
        res.writeHead(req.url === '/missing' ? 404 : 200, [
          'Content-Type',
          'text/plain',
          'X-Upstream',
          'yes',
        ]);
        res.end(`upstream answered ${req.method} ${req.url}`);
      };
      if (req.url !== '/slow') return answer();
      releaseSlow = answer;
      onSlowArrived();
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  front = spawnFrontThread({
    host: '127.0.0.1',
    port: 0,
    upstreamPort: (upstream.address() as AddressInfo).port,
    cacheEntries: 10,
    keepAliveTimeoutMs: 5000,
    requestTimeoutMs: 5000,
    headersTimeoutMs: 5000,
    closeTimeoutMs: 2000,
    trustsProxies: false,
  });
  const listening = await nextMessage(front, 'listening');
  base = `http://127.0.0.1:${(listening as { port: number }).port}`;
}, 30_000);

afterAll(async () => {
  await front?.terminate();
  upstream?.close();
});

beforeEach(async () => {
  await tell({ type: 'clear' });
  await tell({ type: 'pressure', underPressure: false });
  seen = [];
});

describe('the front thread', () => {
  it('forwards a request it has not seen as it came, minus hop-by-hop headers, with the client in X-Forwarded-For', async () => {
    const res = await request('/v1/exports?limit=2&format=csv', {
      host: 'api.example.org',
      accept: 'text/csv',
      'x-forwarded-for': '203.0.113.7',
      te: 'trailers',
      'keep-alive': 'timeout=5',
    });
    expect(res.status).toBe(200);
    expect(res.body).toBe('upstream answered GET /v1/exports?limit=2&format=csv');
    expect(res.headers['x-upstream']).toBe('yes');
    expect(seen).toHaveLength(1);
    const forwarded = seen[0] as Seen;
    expect(forwarded.url).toBe('/v1/exports?limit=2&format=csv');
    expect(forwarded.headers.host).toBe('api.example.org');
    expect(forwarded.headers.accept).toBe('text/csv');
    expect(forwarded.headers['x-forwarded-for']).toBe('203.0.113.7, 127.0.0.1');
    expect(forwarded.headers.te).toBeUndefined();
    expect(forwarded.headers['keep-alive']).toBeUndefined();
  });

  it('forwards no request body: a chunked GET cannot smuggle a second request to Fastify', async () => {
    const smuggled = 'GET /v1/exports HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 6.6.6.6\r\n\r\n';
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(new URL(base).port), '127.0.0.1', () => {
        socket.write(
          'GET /v1/summary HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n' +
            `${smuggled.length.toString(16)}\r\n${smuggled}\r\n0\r\n\r\n`,
        );
      });
      let data = '';
      socket.on('data', (d) => {
        data += d;
      });
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(answer).toContain('upstream answered GET /v1/summary');
    // Give a smuggled request time to arrive, were there one.
    await new Promise((r) => setTimeout(r, 100));
    expect(seen.map((s) => [s.method, s.url, s.body])).toEqual([['GET', '/v1/summary', '']]);
    expect(seen[0]?.headers['transfer-encoding']).toBeUndefined();
  });

  it('drops the headers its Connection header names, and X-Forwarded-Host/-Proto when no proxy is trusted', async () => {
    await request('/v1/exports', {
      connection: 'x-private, keep-alive',
      'x-private': 'secret',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'https',
      accept: 'application/json',
    });
    const headers = (seen[0] as Seen).headers;
    expect(headers['x-private']).toBeUndefined();
    expect(headers['x-forwarded-host']).toBeUndefined();
    expect(headers['x-forwarded-proto']).toBeUndefined();
    expect(headers.accept).toBe('application/json');
  });

  it('forwards a POST without its body (the API takes none: Fastify answers 405)', async () => {
    const res = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${base}/v1/exports`, { method: 'POST', agent: false }, (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('{"a":1}');
    });
    expect(res).toBe(200);
    expect(seen.map((s) => [s.method, s.body, s.headers['content-length'] ?? null])).toEqual([
      ['POST', '', '0'],
    ]);
  });

  it("passes the upstream's status through (a 404 stays a 404) and forwards every method", async () => {
    expect((await request('/missing')).status).toBe(404);
    const del = await request('/v1/exports', {}, 'DELETE');
    expect(del.body).toBe('upstream answered DELETE /v1/exports');
    expect(seen.map((s) => s.method)).toEqual(['GET', 'DELETE']);
  });

  it('answers a cached request itself, with the exact cached headers and body, and a 304 for a matching ETag', async () => {
    await tell({ type: 'put', key: '/v1/rankings\n\n', wire });
    seen = [];
    const res = await request('/v1/rankings');
    expect(res.status).toBe(200);
    expect(res.body).toBe('{"data":"cached"}');
    expect(res.rawHeaders.slice(0, 6)).toEqual(wire.headers);
    const notModified = await request('/v1/rankings', { 'if-none-match': '"r1"' });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.etag).toBe('"r1"');
    expect(notModified.body).toBe('');
    const head = await request('/v1/rankings', {}, 'HEAD');
    expect(head.headers['content-length']).toBe('17');
    expect(head.body).toBe('');
    expect(seen).toEqual([]);
    // Another Accept is another representation: forwarded.
    await request('/v1/rankings', { accept: 'text/csv' });
    expect(seen.map((s) => s.headers.accept)).toEqual(['text/csv']);
  });

  it('forgets every cached reply on clear (new data), and forwards everything while Fastify sheds load', async () => {
    await tell({ type: 'put', key: '/v1/rankings\n\n', wire });
    await tell({ type: 'pressure', underPressure: true });
    seen = [];
    expect((await request('/v1/rankings')).body).toBe('upstream answered GET /v1/rankings');
    await tell({ type: 'pressure', underPressure: false });
    expect((await request('/v1/rankings')).body).toBe('{"data":"cached"}');
    await tell({ type: 'clear' });
    expect((await request('/v1/rankings')).body).toBe('upstream answered GET /v1/rankings');
    expect(seen.map((s) => s.url)).toEqual(['/v1/rankings', '/__sync__', '/__sync__', '/v1/rankings']);
  });
});

describe('the front thread without its upstream, and closing', () => {
  it('answers 503 problem+json with Retry-After when Fastify cannot be reached, revealing nothing internal', async () => {
    const port = (upstream.address() as AddressInfo).port;
    await new Promise<void>((resolve) => {
      upstream.close(() => resolve());
      upstream.closeAllConnections();
    });
    let res: Awaited<ReturnType<typeof request>>;
    try {
      res = await request('/v1/exports?limit=2');
    } finally {
      await new Promise<void>((resolve) => upstream.listen(port, '127.0.0.1', resolve));
    }
    expect(res.status).toBe(503);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.headers['retry-after']).toBe('5');
    expect(JSON.parse(res.body)).toEqual({
      type: 'tag:nano-exports-api,2026:problem:unavailable',
      title: 'Service Unavailable',
      status: 503,
      detail: 'The server cannot answer right now; try again after the Retry-After delay.',
      instance: '/v1/exports',
    });
    expect(problemSchema.parse(JSON.parse(res.body)).status).toBe(503);
    expect(res.body).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|upstream/);
  });

  it('on close, finishes the request in flight (asking the client to close), then refuses connections', async () => {
    slowArrived = new Promise<void>((resolve) => {
      onSlowArrived = resolve;
    });
    const inFlight = request('/slow', { connection: 'keep-alive' });
    await slowArrived;
    const closed = nextMessage(front, 'closed');
    front.postMessage({ type: 'close' } satisfies ToFront);
    // The close message is handled before the reply: a 'put' sent after it is handled after it too.
    await new Promise((r) => setTimeout(r, 50));
    releaseSlow?.();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(res.body).toBe('upstream answered GET /slow');
    expect(res.headers.connection).toBe('close');
    await closed;
    await expect(request('/v1/exports')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
