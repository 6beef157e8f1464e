// The raw-request cache's answer: the cached headers once each, with the headers of this request's hooks on top;
// and, behind the front thread, every reply Fastify sends copied to the front.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../../src/config.js';
import { rawKey, serveCached, type Wire } from '../../src/http/cached-reply.js';
import { seededDb } from '../helpers/app.js';

const wire: Wire = {
  etag: '"abc"',
  body: Buffer.from('{"data":[]}'),
  headers: ['content-type', 'application/json', 'cache-control', 'public, max-age=300', 'etag', '"abc"'],
  notModifiedHeaders: ['etag', '"abc"', 'cache-control', 'public, max-age=300'],
};
// The cache key is the URL, Accept and Accept-Language, one per line.
const cache = new Map([['/v1/rankings\n\n', wire]]);

function answer(headers: Record<string, string>, extra?: OutgoingHttpHeaders) {
  const sent: { status?: number; headers?: string[]; body?: Buffer } = {};
  const res = {
    writeHead(status: number, list: string[]) {
      sent.status = status;
      sent.headers = list;
    },
    end(body?: Buffer) {
      sent.body = body;
    },
  } as unknown as ServerResponse;
  const req = {
    method: 'GET',
    url: '/v1/rankings',
    headers,
    rawHeaders: Object.entries(headers).flat(),
  } as unknown as IncomingMessage;
  return { served: serveCached(cache, req, res, extra), ...sent };
}

const names = (list: string[] = []) => list.filter((_, i) => i % 2 === 0);

describe('serveCached', () => {
  it('sends the cached headers and body as they are when no hook added any', () => {
    const { served, status, headers, body } = answer({});
    expect(served).toBe(true);
    expect(status).toBe(200);
    expect(headers).toEqual(wire.headers);
    expect(body?.toString()).toBe('{"data":[]}');
  });

  it("adds this request's headers (the rate limiter's) and sends a header set by both once, with the hook's value", () => {
    const { headers } = answer({}, { 'x-ratelimit-remaining': '41', 'Cache-Control': 'no-store' });
    expect(names(headers)).toEqual(['content-type', 'etag', 'x-ratelimit-remaining', 'Cache-Control']);
    expect(headers).toEqual([
      'content-type',
      'application/json',
      'etag',
      '"abc"',
      'x-ratelimit-remaining',
      '41',
      'Cache-Control',
      'no-store',
    ]);
  });

  it('answers a matching If-None-Match with a bare 304 and its own short header list', () => {
    const { status, headers, body } = answer({ 'if-none-match': '"abc"' }, { 'x-ratelimit-remaining': '40' });
    expect(status).toBe(304);
    expect(headers).toEqual([
      'etag',
      '"abc"',
      'cache-control',
      'public, max-age=300',
      'x-ratelimit-remaining',
      '40',
    ]);
    expect(body).toBeUndefined();
  });

  it('reads Accept and Accept-Language from the raw headers as Node joins them (any case, repeated)', () => {
    const csv: Wire = { ...wire, etag: '"csv"' };
    const byKey = new Map([['/v1/rankings\ntext/csv, text/plain\nfa', csv]]);
    const rawHeaders = ['ACCEPT', 'text/csv', 'Accept-Language', 'fa', 'accept', 'text/plain'];
    const req = { method: 'GET', url: '/v1/rankings', rawHeaders } as unknown as IncomingMessage;
    const sent: number[] = [];
    const res = { writeHead: (status: number) => sent.push(status), end() {} } as unknown as ServerResponse;
    expect(serveCached(byKey, req, res)).toBe(true);
    // rawKey() over Node's req.headers for the same request gives the same key.
    expect(
      rawKey({ url: '/v1/rankings', headers: { accept: 'text/csv, text/plain', 'accept-language': 'fa' } }),
    ).toBe('/v1/rankings\ntext/csv, text/plain\nfa');
    // If-None-Match in any case makes it conditional; Cache-Control: no-cache makes fresh() say no.
    const conditional = [
      'Accept',
      'text/csv',
      'accept',
      'text/plain',
      'accept-language',
      'fa',
      'If-None-Match',
      '"csv"',
    ];
    serveCached(
      byKey,
      { method: 'GET', url: '/v1/rankings', rawHeaders: conditional } as unknown as IncomingMessage,
      res,
    );
    serveCached(
      byKey,
      {
        method: 'GET',
        url: '/v1/rankings',
        rawHeaders: [...conditional, 'Cache-Control', 'no-cache'],
      } as unknown as IncomingMessage,
      res,
    );
    expect(sent).toEqual([200, 304, 200]);
  });

  it('leaves a request it has not seen to the app', () => {
    const req = {
      method: 'GET',
      url: '/v1/summary',
      headers: {},
      rawHeaders: [],
    } as unknown as IncomingMessage;
    expect(serveCached(cache, req, {} as ServerResponse)).toBe(false);
  });
});

describe('behind the front thread', () => {
  it('Fastify renders every request that reaches it and copies the reply to the front again (its copy may be gone)', async () => {
    const app = await buildApp({
      config: testConfig({ RATE_LIMIT_MAX: 0 }),
      db: seededDb(),
      behindFront: true,
    });
    const puts: string[] = [];
    let clears = 0;
    app.store.mirror = { put: (key) => puts.push(key), clear: () => clears++ };
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const { port } = app.server.address() as AddressInfo;
      for (let i = 0; i < 2; i++) {
        const res = await fetch(`http://127.0.0.1:${port}/v1/rankings`, { headers: { accept: 'text/csv' } });
        expect(res.status).toBe(200);
      }
      // (fetch sends Accept-Language: *.)
      expect(puts).toEqual(['/v1/rankings\ntext/csv\n*', '/v1/rankings\ntext/csv\n*']);
      app.swapDatabase(seededDb());
      expect(clears).toBe(1);
    } finally {
      await app.close();
    }
  });
});
