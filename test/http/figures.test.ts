// /v1/figures: every stated figure of the report, one row each, with its quote, filters and paging.
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.ts';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ url, headers });
const SRC = 'nano-exports-early-2024';
const TEXT = fs.readFileSync(new URL(`../../seed/reports/${SRC}.ar.txt`, import.meta.url), 'utf8');

interface FigureRow {
  id: string;
  sourceId: string;
  period: string;
  measure: string;
  provinces: { code: string; name: string }[];
  comparator: string;
  value: number;
  unit: string;
  resolution: number | null;
  interval: { low: number; high: number | null; method: string };
  quote: { sourceId: string; text: string; line: number; start: number; end: number };
  quoteHref: string;
  remark: string | null;
}

describe('/v1/figures', () => {
  it('lists all 15 stated figures of the report, both readings of Isfahan and the combined one included', async () => {
    const res = await get('/v1/figures');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { data: FigureRow[]; meta: { page: { total: number }; period: unknown } };
    expect(body.data).toHaveLength(15);
    expect(body.meta.page.total).toBe(15);
    expect(body.meta.period).toBeNull();
    expect(res.headers['x-total-count']).toBe('15');
    const isfahanValues = body.data
      .filter(
        (f) =>
          f.measure === 'export_value_usd' && f.provinces.length === 1 && f.provinces[0]?.code === 'IR-10',
      )
      .map((f) => [f.value, f.resolution, f.interval.low, f.interval.high]);
    expect(isfahanValues).toEqual([
      [37000000, 1000000, 36500000, 37500000],
      [37500000, 100000, 37450000, 37550000],
    ]);
    const combined = body.data.find((f) => f.provinces.length > 1) as FigureRow;
    expect(combined.provinces.map((p) => p.code).sort()).toEqual(['IR-06', 'IR-10']);
    expect(combined).toMatchObject({ comparator: 'gt', value: 67000000, unit: 'USD' });
    expect(combined.interval.high).toBeNull();
    expect(combined.interval.low).toBe(67000000);
    for (const f of body.data) {
      // Every quote is in the text where it says, and the link points at it.
      expect(Array.from(TEXT).slice(f.quote.start, f.quote.end).join('')).toBe(f.quote.text);
      expect(TEXT.split('\n')[f.quote.line - 1]).toContain(f.quote.text);
      expect(f.quoteHref).toBe(`/v1/sources/${SRC}/text#char=${f.quote.start},${f.quote.end}`);
      expect(f.unit).toBe(
        { export_value_usd: 'USD', export_share_percent: 'percent', export_rank: 'rank' }[f.measure],
      );
    }
  });

  it('filters by province in any spelling, measure, source and period', async () => {
    const byPersian = (await get(`/v1/figures?province=${encodeURIComponent('اصفهان')}`)).json();
    const byCode = (await get('/v1/figures?province=ir-10')).json();
    expect(byPersian.data).toEqual(byCode.data);
    // 2 values, a share, a rank, and the combined statement.
    expect(byPersian.data).toHaveLength(5);
    const tehran = (await get('/v1/figures?province=tehran')).json();
    expect(tehran.data.map((f: FigureRow) => [f.measure, f.value])).toEqual([['export_rank', 3]]);
    const shares = (await get('/v1/figures?measure=export_share_percent&period=2024-early')).json();
    expect(shares.data.map((f: FigureRow) => f.value)).toEqual([25.9, 20.9, 9.7, 7.3]);
    expect(shares.meta.period.id).toBe('2024-early');
    const bySource = (await get(`/v1/figures?source=${SRC}`)).json();
    expect(bySource.data).toHaveLength(15);
    const yazd = (await get('/v1/figures?province=yazd')).json();
    expect(yazd.data).toEqual([]);
  });

  it('rejects unknown filters with a problem naming the parameter', async () => {
    for (const [url, status, parameter] of [
      ['/v1/figures?province=atlantis', 400, 'province'],
      ['/v1/figures?source=nothing', 400, 'source'],
      ['/v1/figures?measure=weight', 400, 'measure'],
    ] as const) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(status);
      expect(res.body).toContain(parameter);
    }
    expect((await get('/v1/figures?period=1999')).statusCode).toBe(404);
  });

  it('pages with Link headers', async () => {
    const res = await get('/v1/figures?limit=4&offset=4');
    expect(res.json().data).toHaveLength(4);
    expect(res.headers.link).toContain('rel="next"');
    expect(res.headers.link).toContain('offset=8');
  });

  it('is linked from its source', async () => {
    const source = (await get(`/v1/sources/${SRC}`)).json();
    expect(source.data.figuresHref).toBe(`/v1/figures?source=${SRC}`);
    const figures = (await get(source.data.figuresHref)).json();
    expect(figures.data).toHaveLength(source.data.figureCount);
  });

  it('comes as CSV', async () => {
    const res = await get('/v1/figures?format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
  });
});
