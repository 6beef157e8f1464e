// JSON-stat 2.0 on the data routes, read back the way its users read it: with jsonstat-toolkit, into a table.
import type { FastifyInstance } from 'fastify';
import JSONstat from 'jsonstat-toolkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.ts';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

async function dataset(url: string, headers: Record<string, string> = {}) {
  const res = await app.inject({ url, headers });
  expect(res.statusCode, res.body).toBe(200);
  return { res, body: res.json(), ds: JSONstat(res.json()) };
}

describe('JSON-stat', () => {
  it('/v1/exports: province × measure, read into a table with exact values and statuses', async () => {
    const { res, body, ds } = await dataset('/v1/exports?format=jsonstat');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-language']).toBe('en');
    expect(body.version).toBe('2.0');
    expect(ds.id).toEqual(['province', 'measure']);
    expect(ds.Dimension('measure').id).toEqual(['export_value_usd', 'export_share_percent', 'export_rank']);
    expect(ds.Data({ province: 'IR-10', measure: 'export_value_usd' })).toEqual({
      value: 37500000,
      status: 'reported',
    });
    expect(ds.Data({ province: 'IR-10', measure: 'export_share_percent' }).value).toBe(25.9);
    // Tehran: ranked 3rd, its value unknown.
    expect(ds.Data({ province: 'IR-23', measure: 'export_value_usd' })).toEqual({
      value: null,
      status: 'unknown',
    });
    expect(ds.Data({ province: 'IR-23', measure: 'export_rank' })).toEqual({ value: 3, status: 'reported' });
    const table = ds.toTable({ type: 'arrobj', content: 'id', status: true }) as {
      province: string;
      measure: string;
      value: number | null;
      status: string;
    }[];
    expect(table).toContainEqual({
      province: 'IR-10',
      measure: 'export_value_usd',
      value: 37500000,
      status: 'reported',
    });
    expect(table).toContainEqual({
      province: 'IR-06',
      measure: 'export_value_usd',
      value: 30000000,
      status: 'reported',
    });
    expect(table.filter((r) => r.measure === 'export_rank').map((r) => r.value)).toEqual([1, 2, 3, 4, 5]);
    expect(ds.Dimension('province').Category('IR-10').label).toBe('Isfahan');
    // The source and the dataset version travel with the data.
    expect(body.source).toMatch(/Isfahan and Khuzestan/);
    expect(body.extension.datasetVersion).toBe(res.headers['x-dataset-version']);
    expect(body.note[0]).toBe(`Dataset version ${res.headers['x-dataset-version']}.`);
  });

  it('by Accept, with labels in the negotiated language', async () => {
    const { res, ds } = await dataset('/v1/rankings?lang=fa', { accept: 'application/json-stat+json' });
    expect(res.headers['content-language']).toBe('fa');
    expect(ds.Dimension('province').Category('IR-10').label).toBe('اصفهان');
    expect(ds.Dimension('measure').Category('export_value_usd').label).toBe('ارزش صادرات');
    expect(ds.Dimension('province').label).toBe('استان');
  });

  it('/v1/shares: the derived remainder is a category of its own, with status derived', async () => {
    const { ds } = await dataset('/v1/shares?format=jsonstat');
    expect(ds.Dimension('measure').id).toEqual(['export_share_percent']);
    expect(ds.Data({ province: 'IR-10', measure: 'export_share_percent' })).toEqual({
      value: 25.9,
      status: 'reported',
    });
    expect(ds.Data({ province: 'other', measure: 'export_share_percent' })).toEqual({
      value: 36.2,
      status: 'derived',
    });
  });

  it('/v1/provinces/{province}/history spans periods: a period dimension', async () => {
    const { ds } = await dataset('/v1/provinces/isfahan/history?format=jsonstat');
    expect(ds.id).toEqual(['period', 'province', 'measure']);
    expect(ds.role.time).toEqual(['period']);
    expect(ds.Data({ period: '2024-early', province: 'IR-10', measure: 'export_value_usd' }).value).toBe(
      37500000,
    );
  });

  it('/v1/figures: one value per stated figure, both readings of Isfahan kept apart', async () => {
    const { ds } = await dataset('/v1/figures?format=jsonstat&province=isfahan&measure=export_value_usd');
    expect(ds.id).toEqual(['period', 'province', 'measure', 'figure']);
    const table = ds.toTable({ type: 'arrobj', content: 'id' }) as { figure: string; value: number | null }[];
    const readings = table.filter((r) => r.value !== null).map((r) => [r.figure, r.value]);
    expect(readings).toContainEqual(['nano-exports-early-2024/isfahan-value-line-5', 37500000]);
    expect(readings).toContainEqual(['nano-exports-early-2024/isfahan-value-line-4', 37000000]);
  });

  it('is refused where it is not offered: /v1/summary (400 for ?format=, 406 for Accept)', async () => {
    expect((await app.inject('/v1/summary?format=jsonstat')).statusCode).toBe(400);
    const res = await app.inject({ url: '/v1/summary', headers: { accept: 'application/json-stat+json' } });
    expect(res.statusCode).toBe(406);
  });
});
