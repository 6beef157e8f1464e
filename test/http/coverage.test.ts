// Why a figure is missing, as data: every province row says whether its figures are reported, ranked only, named
// only, or not mentioned.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.ts';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

const get = (url: string) => app.inject({ url });
type Row = { province: { code: string }; valueUsd: number | null; rank: number | null; coverage: string };

describe('coverage', () => {
  it('marks the reported rows and Tehran, ranked without a figure', async () => {
    const body = (await get('/v1/exports')).json();
    expect(body.data.map((r: Row) => [r.province.code, r.coverage])).toEqual([
      ['IR-10', 'reported'],
      ['IR-06', 'reported'],
      ['IR-23', 'ranked-without-figure'],
      ['IR-00', 'reported'],
      ['IR-18', 'reported'],
    ]);
  });

  it('/v1/exports?province=yazd gives Yazd with null figures and the reason', async () => {
    const res = await get('/v1/exports?province=yazd');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({
      province: { code: 'IR-21' },
      valueUsd: null,
      sharePercent: null,
      rank: null,
      coverage: 'named-without-figure',
    });
    expect(body.data[0].provenance.valueUsd.basis).toBe('unknown');
    const tehranAndGilan = (await get('/v1/exports?province=tehran,gilan&sort=code')).json();
    expect(tehranAndGilan.data.map((r: Row) => [r.province.code, r.coverage])).toEqual([
      ['IR-01', 'not-mentioned'],
      ['IR-23', 'ranked-without-figure'],
    ]);
  });

  it('filters by coverage', async () => {
    const named = (await get('/v1/exports?coverage=named-without-figure&sort=code')).json();
    expect(named.data.map((r: Row) => r.province.code)).toEqual(['IR-03', 'IR-21', 'IR-26', 'IR-30']);
    const all = (
      await get('/v1/exports?coverage=reported,ranked-without-figure,named-without-figure,not-mentioned')
    ).json();
    expect(all.meta.page.total).toBe(31);
    const none = (await get('/v1/exports?coverage=not-mentioned')).json();
    expect(none.meta.page.total).toBe(31 - 5 - 4);
    expect((await get('/v1/exports?coverage=missing')).statusCode).toBe(400);
  });

  it('every province in /v1/provinces and its detail says its coverage', async () => {
    const list = (await get('/v1/provinces')).json();
    const counts: Record<string, number> = {};
    for (const p of list.data) counts[p.coverage] = (counts[p.coverage] ?? 0) + 1;
    expect(counts).toEqual({
      reported: 4,
      'ranked-without-figure': 1,
      'named-without-figure': 4,
      'not-mentioned': 22,
    });
    const yazd = (await get(`/v1/provinces/${encodeURIComponent('یزد')}`)).json();
    expect(yazd.data).toMatchObject({ code: 'IR-21', coverage: 'named-without-figure', exports: null });
    const history = (await get('/v1/provinces/yazd/history')).json();
    expect(history.data.points[0]).toMatchObject({ exports: null, coverage: 'named-without-figure' });
  });
});
