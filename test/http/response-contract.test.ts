// A body that would break its schema is never served: the route answers a bare 500 problem and the start refuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { testConfig } from '../../src/config.ts';
import { seededDb } from '../helpers/app.ts';

describe('response schemas guard every body', () => {
  const db = seededDb();
  // A rank of 2.5 is something the database allows but the ExportRow contract (an integer rank) does not.
  db.$client
    .prepare("UPDATE figures SET rank = 2.5 WHERE id = 'nano-exports-early-2024/khuzestan-rank'")
    .run();
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    app = await buildApp({ config: testConfig(), db });
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers 500 with a problem that reveals nothing internal', async () => {
    const res = await app.inject('/v1/rankings');
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.json()).toEqual({
      type: 'tag:nano-exports-api,2026:problem:internal-error',
      title: 'Internal Server Error',
      status: 500,
      detail: 'The server failed to answer this request. It has been logged.',
      instance: '/v1/rankings',
    });
    expect(res.json().detail).not.toMatch(/schema|zod|rank|\.ts|at /i);
  });

  it('is not cached: the next request is checked again', async () => {
    expect((await app.inject('/v1/rankings')).statusCode).toBe(500);
  });

  it('routes whose bodies are fine still answer', async () => {
    expect((await app.inject('/v1/sources')).statusCode).toBe(200);
  });

  it('makes the warm-up at start fail, naming the route', async () => {
    await expect(app.selfCheck()).rejects.toThrow(
      'Self-check failed: GET /v1/exports answers 500 with the data in this database',
    );
  });
});
