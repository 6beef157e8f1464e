// Load shedding: a saturated event loop gets 503 with Retry-After and a problem; /readyz says not-ready.

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.ts';

describe('under pressure', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp({ MAX_EVENT_LOOP_DELAY_MS: 20 });
  });
  afterAll(() => app.close());

  it('sheds data requests with 503 while the event loop is saturated, and /readyz reports it', async () => {
    // Keep the loop busy across under-pressure's 1 s sampling window.
    const until = Date.now() + 1500;
    while (Date.now() < until) {
      const blockUntil = Date.now() + 100;
      while (Date.now() < blockUntil) {
        // busy
      }
      await new Promise((r) => setImmediate(r));
    }
    const shed = await app.inject('/v1/exports');
    expect(shed.statusCode).toBe(503);
    expect(shed.headers['retry-after']).toBe('5');
    expect(shed.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(shed.json()).toMatchObject({
      status: 503,
      title: 'Service Unavailable',
      detail: 'The server is overloaded; try again after the Retry-After delay.',
    });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'not-ready', database: 'ok', load: 'overloaded' });
    expect((await app.inject('/healthz')).statusCode).toBe(200);
  });
});
