// /v1/provinces: the list, its filters, and lookup of one province by any spelling people type.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.ts';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

const get = (url: string) => app.inject(url);
const path = (name: string) => `/v1/provinces/${encodeURIComponent(name)}`;

describe('/v1/provinces', () => {
  it('lists all 31 provinces with names in three scripts', async () => {
    const body = (await get('/v1/provinces')).json();
    expect(body.data).toHaveLength(31);
    expect(body.meta.page).toEqual({ total: 31, limit: 100, offset: 0 });
    const isfahan = body.data.find((p: { code: string }) => p.code === 'IR-10');
    expect(isfahan).toMatchObject({
      code: 'IR-10',
      slug: 'isfahan',
      name: 'Isfahan',
      names: { en: 'Isfahan', fa: 'اصفهان', ar: 'أصفهان' },
      isoName: 'Eşfahān',
      inReport: true,
      href: '/v1/provinces/IR-10',
    });
    expect(isfahan.aliases).toContainEqual({ alias: 'إصفهان', language: 'ar', kind: 'report-spelling' });
  });

  it('filters the provinces the report mentions', async () => {
    const codes = (await get('/v1/provinces?inReport=true')).json().data.map((p: { code: string }) => p.code);
    expect(codes).toEqual(['IR-00', 'IR-03', 'IR-06', 'IR-10', 'IR-18', 'IR-21', 'IR-23', 'IR-26', 'IR-30']);
    expect((await get('/v1/provinces?inReport=false')).json().data).toHaveLength(22);
  });

  it('searches by any spelling, whole or partial', async () => {
    const codes = async (q: string) =>
      (await get(`/v1/provinces?q=${encodeURIComponent(q)}`))
        .json()
        .data.map((p: { code: string }) => p.code);
    expect(await codes('إصفهان')).toEqual(['IR-10']);
    expect(await codes('khorasan')).toEqual(['IR-09', 'IR-28', 'IR-29']);
    expect(await codes('آذربایجان')).toEqual(['IR-03', 'IR-04']);
    expect(await codes('xyzzy')).toEqual([]);
  });
});

describe('/v1/provinces/{province}', () => {
  const spellings: [string, string][] = [
    ['IR-10', 'IR-10'],
    ['ir-10', 'IR-10'],
    ['isfahan', 'IR-10'],
    ['Esfahan', 'IR-10'],
    ['Eşfahān', 'IR-10'],
    ['ISFAHAN', 'IR-10'],
    ['اصفهان', 'IR-10'],
    ['أصفهان', 'IR-10'],
    ['إصفهان', 'IR-10'],
    ['آذربایجان\u200cشرقی', 'IR-03'],
    ['آذربايجان الشرقية', 'IR-03'],
    ['East Azerbaijan', 'IR-03'],
    ['east-azerbaijan', 'IR-03'],
    ['طهران', 'IR-23'],
    ['تهران', 'IR-23'],
    ['Tehran', 'IR-23'],
    ['يزد', 'IR-21'],
    ['یزد', 'IR-21'],
    ['كرمانشاه', 'IR-05'],
    ['کرمانشاه', 'IR-05'],
    ['مركزي', 'IR-00'],
    ['مرکزی', 'IR-00'],
    ['ألبرز', 'IR-30'],
    ['البرز', 'IR-30'],
    ['Kohgīlūyeh va Bowyer Aḩmad', 'IR-17'],
    ['  bushehr  ', 'IR-18'],
  ];
  for (const [spelling, code] of spellings) {
    it(`finds ${code} by "${spelling}"`, async () => {
      const res = await get(path(spelling));
      expect(res.statusCode).toBe(200);
      expect(res.json().data.code).toBe(code);
    });
  }

  it("returns Khuzestan's figures, ports and industries with their quotes", async () => {
    const { data, meta } = (await get('/v1/provinces/khuzestan')).json();
    expect(data.exports).toMatchObject({ valueUsd: 30000000, sharePercent: 20.9, rank: 2 });
    expect(data.figures.map((f: { figureId: string }) => f.figureId)).toEqual([
      'nano-exports-early-2024/isfahan-khuzestan-combined-value',
      'nano-exports-early-2024/khuzestan-rank',
      'nano-exports-early-2024/khuzestan-share',
      'nano-exports-early-2024/khuzestan-value',
    ]);
    expect(
      data.notes.map((n: { topic: string; quote: { text: string; start: number } }) => [
        n.topic,
        n.quote.text,
        n.quote.start,
      ]),
    ).toEqual([
      ['industries', 'النفط والغاز والصلب وبناء السفن', 1163],
      ['ports', 'ميناء الإمام الخميني وخرمشهر', 1221],
      ['infrastructure', 'بنية تحتية لوجستية متطورة', 1334],
    ]);
    expect(meta.period.id).toBe('2024-early');
  });

  it('returns a province named without figures with its note and null exports', async () => {
    const { data } = (await get(path('قزوین'))).json();
    expect(data.code).toBe('IR-26');
    expect(data.exports).toBeNull();
    expect(data.notes).toEqual([
      expect.objectContaining({
        topic: 'growth-ambition',
        quote: expect.objectContaining({
          text: 'آذربايجان الشرقية ويزد وألبرز وقزوين',
          line: 10,
          start: 1781,
        }),
      }),
    ]);
  });

  it('a province the report does not mention has no figures', async () => {
    const { data } = (await get('/v1/provinces/gilan')).json();
    expect(data).toMatchObject({ code: 'IR-01', inReport: false, exports: null, figures: [], notes: [] });
  });

  it('an unknown name is a 404 problem suggesting the closest provinces', async () => {
    const res = await get('/v1/provinces/Isfahn');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const body = res.json();
    expect(body.suggestions[0]).toEqual({ code: 'IR-10', slug: 'isfahan', name: 'Isfahan' });
    expect(body.detail).toBe(
      'No province matches "Isfahn". Did you mean Isfahan? The list is at /v1/provinces.',
    );
    const persian = (await get(path('تهرن'))).json();
    expect(persian.suggestions[0].code).toBe('IR-23');
  });
});
