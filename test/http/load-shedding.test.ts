// Load shedding: a saturated event loop gets 503 with Retry-After and a problem; /readyz says not-ready. The delay is
// measured from when the server listens: a start's own work sheds nothing.

import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.ts';

/** Keeps the event loop busy (100 ms blocks) for `ms`, across under-pressure's 1 s sampling window. */
async function saturate(ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const blockUntil = Date.now() + 100;
    while (Date.now() < blockUntil) {
      // busy
    }
    await new Promise((r) => setImmediate(r));
  }
}

describe('under pressure', () => {
  let app: FastifyInstance;
  afterEach(() => app.close());

  it('sheds data requests with 503 while the event loop is saturated, and /readyz reports it', async () => {
    app = await testApp({ MAX_EVENT_LOOP_DELAY_MS: 20 });
    await app.listen({ host: '127.0.0.1', port: 0 });
    await saturate(1500);
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
    // Once the loop is free again, the next sample lifts the shedding.
    let status = 503;
    for (let waited = 0; status === 503 && waited < 3000; waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await app.inject('/v1/exports')).statusCode;
    }
    expect(status).toBe(200);
  });

  it('a fresh start does not shed: the work before listening (a self-check, a large load) is not load', async () => {
    app = await testApp({ MAX_EVENT_LOOP_DELAY_MS: 20 });
    // What a start on 100,000 figures does between registering the plugins and listening: long blocks.
    await saturate(1500);
    await app.listen({ host: '127.0.0.1', port: 0 });
    expect((await app.inject('/readyz')).json()).toMatchObject({ status: 'ready', load: 'ok' });
    const res = await app.inject('/v1/rankings');
    expect(res.statusCode).toBe(200);
    // And still not a second later, when the first sample since listening is taken.
    await new Promise((r) => setTimeout(r, 1100));
    expect((await app.inject('/v1/rankings')).statusCode).toBe(200);
  });
});
