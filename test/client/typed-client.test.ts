// The generated TypeScript types with openapi-fetch against the real server process: typed calls to /v1/rankings
// and to /v1/provinces/{province} with a Persian name. `npm run typecheck` compiles this file, so a change of the
// API that breaks these calls breaks the build (and `npm run check:client` says the types are stale). What the
// client refuses at compile time is checked by tsc itself, in typed-client.types.ts.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNanoExportsClient, type Schemas } from '../../clients/typescript/index.ts';
import { generate } from '../../scripts/generate-client.ts';
import { type RunningServer, serverOnItsOwnDatabase } from '../helpers/process.ts';

const suite = serverOnItsOwnDatabase();
let server: RunningServer;
beforeAll(async () => {
  server = await suite.start();
});
afterAll(() => suite.stop());

describe('typed client (openapi-typescript + openapi-fetch)', () => {
  it('the committed types are those the API generates', async () => {
    const committed = fs.readFileSync(new URL('../../clients/typescript/schema.ts', import.meta.url), 'utf8');
    expect(committed === (await generate()), 'stale: run node scripts/generate-client.ts').toBe(true);
  });

  it('GET /v1/rankings, typed', async () => {
    const api = createNanoExportsClient(server.url);
    const { data, error, response } = await api.GET('/v1/rankings', {
      params: { query: { period: '2024-early', lang: 'en' } },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    // The route also answers CSV (a string) and JSON-stat: JSON is what was asked for.
    if (!data || typeof data === 'string' || !('data' in data)) throw new Error('no JSON data');
    const rows: Schemas['ExportRow'][] = data.data;
    const triples = rows.map((r) => [r.province.code, r.valueUsd, r.rank] as const);
    expect(triples[0]).toEqual(['IR-10', 37500000, 1]);
    expect(triples[2]).toEqual(['IR-23', null, 3]);
    const coverage: 'reported' | 'ranked-without-figure' | 'named-without-figure' | 'not-mentioned' =
      rows[2]?.coverage ?? 'not-mentioned';
    expect(coverage).toBe('ranked-without-figure');
    expect(data.meta.datasetVersion).toBe(response.headers.get('x-dataset-version'));
  });

  it('GET /v1/provinces/{province} with a Persian name, typed', async () => {
    const api = createNanoExportsClient(server.url);
    const { data, error } = await api.GET('/v1/provinces/{province}', {
      params: { path: { province: 'اصفهان' }, query: { lang: 'fa' } },
    });
    expect(error).toBeUndefined();
    // The route also answers CSV (a string): JSON is what was asked for.
    if (!data || typeof data === 'string') throw new Error('no JSON data');
    const name: string = data.data.name;
    const value: number | null | undefined = data.data.exports?.valueUsd;
    expect(name).toBe('اصفهان');
    expect(data.data.code).toBe('IR-10');
    expect(value).toBe(37500000);
    expect(data.data.figures.map((f) => f.figureId)).toContain(
      'nano-exports-early-2024/isfahan-value-line-5',
    );
  });

  it('an unknown province is a typed problem', async () => {
    const api = createNanoExportsClient(server.url);
    const { data, error, response } = await api.GET('/v1/provinces/{province}', {
      params: { path: { province: 'آتلانتیس' } },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(404);
    expect(error?.status).toBe(404);
  });
});
