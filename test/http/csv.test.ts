// Every CSV route read back with a CSV parser, as pandas or a spreadsheet would: flat named columns, every cell a
// scalar (no JSON), the header the same for every period and language, Arabic and Persian intact, a file name, and
// a byte-order mark on request. The data: the report of early 2024 plus a fictional second period.
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { testConfig } from '../../src/config.ts';
import { importReport } from '../../src/db/import.ts';
import { seededDb } from '../helpers/app.ts';

let app: FastifyInstance;
let csvPaths: string[];
beforeAll(async () => {
  const db = seededDb();
  importReport(db, new URL('../fixtures/fictional-2025.json', import.meta.url).pathname);
  app = await buildApp({ config: testConfig({ RATE_LIMIT_MAX: 1_000_000 }), db });
  await app.ready();
  const doc = (await app.inject('/openapi.json')).json() as {
    paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, unknown> }> } }>;
  };
  csvPaths = Object.entries(doc.paths)
    .filter(([, item]) => item.get?.responses['200']?.content?.['text/csv'] !== undefined)
    .map(([p]) => p.replace('{province}', 'IR-10'));
});
afterAll(() => app.close());

const PERIODS = ['2024-early', '2025-early'];
const LANGS = ['en', 'fa', 'ar'];

async function csv(url: string) {
  const res = await app.inject(url);
  expect(res.statusCode, url).toBe(200);
  expect(res.headers['content-type'], url).toBe('text/csv; charset=utf-8; header=present');
  const records: string[][] = parse(res.body, { relax_column_count: false });
  const [header, ...rows] = records as [string[], ...string[][]];
  return { res, header, rows };
}

const withQuery = (path: string, query: string) => `${path}${path.includes('?') ? '&' : '?'}${query}`;

describe('CSV', () => {
  it('finds the CSV routes in the OpenAPI document', () => {
    expect(csvPaths).toEqual(
      expect.arrayContaining(['/v1/exports', '/v1/rankings', '/v1/figures', '/v1/provinces/IR-10/history']),
    );
    expect(csvPaths.length).toBeGreaterThanOrEqual(11);
  });

  it('every route: flat snake_case columns, unique, every cell a scalar, same header in every period and language', async () => {
    for (const path of csvPaths) {
      let first: string[] | undefined;
      for (const period of path.includes('/history') || path === '/v1/periods' || path === '/v1/sources'
        ? [null]
        : PERIODS) {
        for (const lang of LANGS) {
          const url = withQuery(path, `format=csv&lang=${lang}${period ? `&period=${period}` : ''}`);
          const { header, rows } = await csv(url);
          expect(new Set(header).size, `${url}: duplicate columns`).toBe(header.length);
          for (const name of header) expect(name, url).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
          first ??= header;
          expect(header, `${url}: header differs`).toEqual(first);
          for (const row of rows) {
            expect(row.length, url).toBe(header.length);
            for (const cell of row) {
              // No JSON objects or lists in a cell (a list is values joined with "|").
              expect(cell, `${url}: a JSON cell`).not.toMatch(/^\s*[[{]/);
              expect(cell, url).not.toMatch(/\[object Object\]/);
            }
          }
        }
      }
    }
  });

  it('keeps Isfahan’s Arabic name and 37500000 intact', async () => {
    const { header, rows } = await csv('/v1/rankings?format=csv&lang=ar&period=2024-early');
    const col = (name: string) => header.indexOf(name);
    const isfahan = rows.find((r) => r[col('province_code')] === 'IR-10') as string[];
    expect(isfahan[col('province_name')]).toBe('أصفهان');
    expect(isfahan[col('value_usd')]).toBe('37500000');
    expect(isfahan[col('share_percent')]).toBe('25.9');
    const fa = await csv('/v1/exports?format=csv&lang=fa&period=2024-early&province=IR-10');
    expect(fa.rows[0]?.[fa.header.indexOf('province_name')]).toBe('اصفهان');
  });

  it('gives a province’s history one row per period', async () => {
    const { res, header, rows } = await csv(
      `/v1/provinces/${encodeURIComponent('اصفهان')}/history?format=csv`,
    );
    expect(res.headers['content-disposition']).toBe('attachment; filename="provinces-isfahan-history.csv"');
    const col = (name: string) => header.indexOf(name);
    expect(rows.map((r) => [r[col('period')], r[col('province_code')], r[col('value_usd')]])).toEqual([
      ['2024-early', 'IR-10', '37500000'],
      ['2025-early', 'IR-10', expect.stringMatching(/^\d+$/)],
    ]);
    const yazd = await csv('/v1/provinces/yazd/history?format=csv');
    expect(yazd.header).toEqual(header);
    expect(yazd.rows[0]?.[col('coverage')]).toBe('named-without-figure');
    expect(yazd.rows[0]?.[col('value_usd')]).toBe('');
  });

  it('offers a file name, and a byte-order mark on request', async () => {
    const plain = await app.inject('/v1/rankings?format=csv&period=2024-early');
    expect(plain.headers['content-disposition']).toBe('attachment; filename="rankings-2024-early.csv"');
    expect(plain.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    const bom = await app.inject('/v1/rankings?format=csv&period=2024-early&bom=true');
    expect(bom.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    expect(bom.rawPayload.subarray(3).equals(plain.rawPayload)).toBe(true);
    const detail = await app.inject(
      `/v1/provinces/${encodeURIComponent('اصفهان')}?format=csv&period=2024-early`,
    );
    expect(detail.headers['content-disposition']).toBe(
      'attachment; filename="provinces-isfahan-2024-early.csv"',
    );
    const figures = await app.inject('/v1/figures?format=csv');
    expect(figures.headers['content-disposition']).toBe('attachment; filename="figures.csv"');
    const json = await app.inject('/v1/rankings?bom=true');
    expect(json.headers['content-disposition']).toBeUndefined();
    expect(json.body.startsWith('{')).toBe(true);
  });

  it('names the provinces of a combined figure in one cell each', async () => {
    const { header, rows } = await csv('/v1/figures?format=csv&period=2024-early');
    const col = (name: string) => header.indexOf(name);
    const combined = rows.find((r) => r[col('comparator')] === 'gt') as string[];
    expect(combined[col('provinces_code')]).toBe('IR-06|IR-10');
    expect(combined[col('value')]).toBe('67000000');
    expect(combined[col('interval_high')]).toBe('');
  });
});
