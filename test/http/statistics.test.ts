// The statistics routes with the exact figures of the report: exports, rankings, shares, summary, checks.
import { parse } from 'csv-parse/sync';
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

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ url, headers });
const SRC = 'nano-exports-early-2024';

type Row = {
  province: { code: string };
  valueUsd: number | null;
  sharePercent: number | null;
  rank: number | null;
};
const triples = (rows: Row[]) => rows.map((r) => [r.province.code, r.valueUsd, r.sharePercent, r.rank]);

describe('/v1/exports', () => {
  it('gives every province with a figure, ranked, with exact values', async () => {
    const res = await get('/v1/exports');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(triples(body.data)).toEqual([
      ['IR-10', 37500000, 25.9, 1],
      ['IR-06', 30000000, 20.9, 2],
      ['IR-23', null, null, 3],
      ['IR-00', 14000000, 9.7, 4],
      ['IR-18', 10500000, 7.3, 5],
    ]);
    expect(body.meta.period).toEqual({
      id: '2024-early',
      label: 'early 2024',
      year: 2024,
      startsOn: null,
      endsOn: null,
    });
    expect(body.meta.sources.map((s: { id: string }) => s.id)).toEqual([SRC]);
    expect(body.meta.page).toEqual({ total: 5, limit: 50, offset: 0 });
    expect(body.meta.readingRule).toMatch(/agrees at the stated values with every other statement/);
    expect(body.meta.readingRule).toMatch(/Within their rounding more than one reading may agree/);
  });

  it("shows Isfahan's 37.5 M with its quote and the 37 M reading as an alternative", async () => {
    const isfahan = (await get('/v1/exports?province=IR-10')).json().data[0];
    expect(isfahan.provenance.valueUsd).toEqual({
      basis: 'reported',
      method: null,
      figureId: `${SRC}/isfahan-value-line-5`,
      quote: {
        sourceId: SRC,
        text: 'إصفهان تتصدر الصادرات بـ37.5 مليون دولار',
        line: 5,
        start: 821,
        end: 861,
      },
      interval: {
        low: 37450000,
        high: 37550000,
        method: 'stated to the nearest 100000: the true figure lies in this interval',
      },
      alternatives: [
        {
          figureId: `${SRC}/isfahan-value-line-4`,
          value: 37000000,
          agreesWithOtherStatements: false,
          quote: { sourceId: SRC, text: '37 مليون دولار (25.9%)', line: 4, start: 635, end: 657 },
        },
      ],
    });
    expect(isfahan.provenance.sharePercent.quote).toEqual({
      sourceId: SRC,
      text: '37 مليون دولار (25.9%)',
      line: 4,
      start: 635,
      end: 657,
    });
    expect(isfahan.provenance.rank.quote.line).toBe(4);
  });

  it("Tehran's value and share are null and unknown, bounded by its neighbours in the ranking", async () => {
    const tehran = (await get('/v1/exports?province=tehran')).json().data[0];
    expect(tehran.valueUsd).toBeNull();
    expect(tehran.sharePercent).toBeNull();
    expect(tehran.provenance.valueUsd.basis).toBe('unknown');
    expect(tehran.provenance.valueUsd.interval).toMatchObject({ low: 13926493, high: 30432206 });
    expect(tehran.provenance.sharePercent.interval).toMatchObject({ low: 9.65, high: 20.95 });
    expect(tehran.provenance.rank.quote).toMatchObject({
      text: 'فقد حصلت على المركز الثالث',
      line: 8,
      start: 1526,
    });
  });

  it('filters by a list of provinces in any spelling, by ranges and by rank', async () => {
    const codes = async (q: string) =>
      (await get(`/v1/exports?${q}`)).json().data.map((r: Row) => r.province.code);
    expect(await codes(`province=${encodeURIComponent('IR-10,khuzestan,مرکزی')}`)).toEqual([
      'IR-10',
      'IR-06',
      'IR-00',
    ]);
    expect(await codes('minValueUsd=14000000&maxValueUsd=30000000')).toEqual(['IR-06', 'IR-00']);
    expect(await codes('minShare=20')).toEqual(['IR-10', 'IR-06']);
    expect(await codes('maxShare=9.7')).toEqual(['IR-00', 'IR-18']);
    expect(await codes('minRank=2&maxRank=4')).toEqual(['IR-06', 'IR-23', 'IR-00']);
  });

  it('sorts by value, share, name and code; unknown values last', async () => {
    const codes = async (sort: string) =>
      (await get(`/v1/exports?sort=${sort}`)).json().data.map((r: Row) => r.province.code);
    expect(await codes('-valueUsd')).toEqual(['IR-10', 'IR-06', 'IR-00', 'IR-18', 'IR-23']);
    expect(await codes('valueUsd')).toEqual(['IR-18', 'IR-00', 'IR-06', 'IR-10', 'IR-23']);
    expect(await codes('-sharePercent')).toEqual(['IR-10', 'IR-06', 'IR-00', 'IR-18', 'IR-23']);
    expect(await codes('name')).toEqual(['IR-18', 'IR-10', 'IR-06', 'IR-00', 'IR-23']);
    expect(await codes('-rank')).toEqual(['IR-18', 'IR-00', 'IR-23', 'IR-06', 'IR-10']);
    expect(await codes('code')).toEqual(['IR-00', 'IR-06', 'IR-10', 'IR-18', 'IR-23']);
  });

  it('pages with limit/offset and Link headers', async () => {
    const res = await get('/v1/exports?limit=2&offset=2');
    expect(res.json().data.map((r: Row) => r.province.code)).toEqual(['IR-23', 'IR-00']);
    expect(res.json().meta.page).toEqual({ total: 5, limit: 2, offset: 2 });
    expect(res.headers['x-total-count']).toBe('5');
    // Canonical links: every parameter of the normalized request, defaults, language and format included.
    const link = (offset: number, rel: string) =>
      `</v1/exports?sort=rank&limit=2&offset=${offset}&lang=en&format=json>; rel="${rel}"`;
    expect(res.headers.link).toBe(
      [link(0, 'first'), link(0, 'prev'), link(4, 'next'), link(4, 'last')].join(', '),
    );
  });

  it('links are built from the normalized request, not from whichever request rendered the page first', async () => {
    const byHeader = await get('/v1/exports?limit=2', { 'accept-language': 'fa', accept: 'text/csv' });
    const byQuery = await get('/v1/exports?limit=2&lang=fa&format=csv');
    expect(byHeader.headers.etag).toBe(byQuery.headers.etag);
    expect(byQuery.headers.link).toBe(byHeader.headers.link);
    expect(byQuery.headers.link).toContain(
      '</v1/exports?sort=rank&limit=2&offset=2&lang=fa&format=csv>; rel="next"',
    );
  });

  it('names follow ?lang and Accept-Language, with Content-Language', async () => {
    const fa = await get('/v1/exports?lang=fa&limit=1');
    expect(fa.json().data[0].province.name).toBe('اصفهان');
    expect(fa.headers['content-language']).toBe('fa');
    const ar = await get('/v1/exports?limit=1', { 'accept-language': 'ar-IQ, en;q=0.5' });
    expect(ar.json().data[0].province.name).toBe('أصفهان');
    expect(ar.headers['content-language']).toBe('ar');
    const de = await get('/v1/exports?limit=1', { 'accept-language': 'de' });
    expect(de.json().data[0].province.name).toBe('Isfahan');
    expect(de.headers['content-language']).toBe('en');
    expect(fa.headers.vary).toBe('Accept, Accept-Language, Accept-Encoding');
  });
});

describe('/v1/rankings', () => {
  it('ranks 1 to 5 with Tehran 3rd, value and share null', async () => {
    const body = (await get('/v1/rankings')).json();
    expect(triples(body.data)).toEqual([
      ['IR-10', 37500000, 25.9, 1],
      ['IR-06', 30000000, 20.9, 2],
      ['IR-23', null, null, 3],
      ['IR-00', 14000000, 9.7, 4],
      ['IR-18', 10500000, 7.3, 5],
    ]);
    expect(body.data[2].provenance.valueUsd.interval).toMatchObject({ low: 13926493, high: 30432206 });
    expect(body.data[2].provenance.valueUsd.interval.method).toMatch(
      /^Derived from the ranking and the rounding: rank 3 lies between rank 2 \(Khuzestan, 30,000,000 USD, at most 30,500,000 USD given its rounding\) and rank 4 \(Markazi, 14,000,000 USD, at least 13,500,000 USD\)\. /,
    );
  });

  it('comes as CSV that parses back to the same figures', async () => {
    const res = await get('/v1/rankings', { accept: 'text/csv' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    const rows: Record<string, string>[] = parse(res.body, { columns: true });
    expect(rows.map((r) => [r.province_code, r.value_usd, r.share_percent, r.rank])).toEqual([
      ['IR-10', '37500000', '25.9', '1'],
      ['IR-06', '30000000', '20.9', '2'],
      ['IR-23', '', '', '3'],
      ['IR-00', '14000000', '9.7', '4'],
      ['IR-18', '10500000', '7.3', '5'],
    ]);
    expect(rows[0]?.period).toBe('2024-early');
    expect(rows[0]?.sources).toBe(SRC);
    expect(rows[0]?.provenance_value_usd_quote_text).toBe('إصفهان تتصدر الصادرات بـ37.5 مليون دولار');
    expect(rows[0]?.provenance_value_usd_alternatives_value).toBe('37000000');
    expect(rows[2]?.coverage).toBe('ranked-without-figure');
    expect(res.headers['content-disposition']).toBe('attachment; filename="rankings-2024-early.csv"');
    const viaQuery = await get('/v1/rankings?format=csv');
    expect(viaQuery.body).toBe(res.body);
  });
});

describe('/v1/shares', () => {
  it('gives the reported shares and the derived remainder, adding up to 100', async () => {
    const body = (await get('/v1/shares')).json();
    expect(
      body.data.map((r: { label: string; sharePercent: number; basis: string }) => [
        r.label,
        r.sharePercent,
        r.basis,
      ]),
    ).toEqual([
      ['Isfahan', 25.9, 'reported'],
      ['Khuzestan', 20.9, 'reported'],
      ['Markazi', 9.7, 'reported'],
      ['Bushehr', 7.3, 'reported'],
      ['All other provinces (including Tehran)', 36.2, 'derived'],
    ]);
    expect(body.meta.totalPercent).toBe(100);
    const rest = body.data[4];
    expect(rest.province).toBeNull();
    expect(rest.provenance.method).toBe(
      '100 − the sum of the 4 reported shares (9.7 + 20.9 + 25.9 + 7.3 = 63.8)',
    );
    expect(rest.provenance.interval).toMatchObject({ low: 36, high: 36.4 });
  });
});

describe('/v1/summary', () => {
  it('derives the national total with its interval, and sets "more than 67 million" beside the computed sum', async () => {
    const { data } = (await get('/v1/summary')).json();
    expect(data.impliedNationalTotal).toMatchObject({
      basis: 'derived',
      lowUsd: 144315992,
      highUsd: 145261122,
      midpointUsd: 144788557,
    });
    expect(
      data.impliedNationalTotal.pairs.map((p: { province: { code: string }; pointUsd: number }) => [
        p.province.code,
        p.pointUsd,
      ]),
    ).toEqual([
      ['IR-00', 144329897],
      ['IR-06', 143540670],
      ['IR-10', 144787645],
      ['IR-18', 143835616],
    ]);
    expect(data.combinedStatements).toHaveLength(1);
    expect(data.combinedStatements[0]).toMatchObject({
      statement: {
        comparator: 'gt',
        value: 67000000,
        quote: { text: 'أكثر من 67 مليون دولار', line: 3, start: 238, end: 260 },
      },
      computedUsd: 67500000,
      agrees: true,
      // 37.5 (to 0.1 million) + 30 (to 1 million): 66.95 to 68.05 million, so "more than 67" may or may not hold.
      computedInterval: { low: 66950000, high: 68050000 },
      withinRounding: 'possible',
      otherCombinations: [
        {
          sumUsd: 67000000,
          agrees: false,
          interval: { low: 66000000, high: 68000000 },
          withinRounding: 'possible',
        },
      ],
    });
    expect(data.knownShares).toMatchObject({ count: 4, sumPercent: 63.8, remainderPercent: 36.2 });
    expect(data.coverage).toEqual({ provinces: 31, mentioned: 9, withValue: 4, withShare: 4, withRank: 5 });
  });
});

describe('/v1/checks', () => {
  it('lists every check with its result; the report disagreeing with itself is a warning', async () => {
    const body = (await get('/v1/checks')).json();
    const results = Object.fromEntries(
      body.data.map((c: { id: string; result: string }) => [c.id, c.result]),
    );
    expect(results).toEqual({
      'readings/IR-10/export_value_usd': 'warn',
      [`combined/${SRC}/isfahan-khuzestan-combined-value`]: 'warn',
      'implied-total/IR-00': 'pass',
      'implied-total/IR-06': 'pass',
      'implied-total/IR-10': 'pass',
      'implied-total/IR-18': 'pass',
      'implied-total/all': 'pass',
      'ranks-vs-values': 'pass',
      'ranks-vs-shares': 'pass',
      'ranks-sequence': 'pass',
      'shares-sum': 'pass',
    });
    expect(body.meta.counts).toEqual({ pass: 9, warn: 2, fail: 0 });
    const readings = body.data[0];
    expect(readings.message).toBe(
      `The report disagrees with itself: 37500000 (${SRC}, line 5); 37000000 (${SRC}, line 4). Shown: 37500000, by the reading rule.`,
    );
    expect(readings.figures.map((f: { quote: { line: number } }) => f.quote.line)).toEqual([5, 4]);
  });

  it('says what holds at the stated values and within the rounding, with every combination of readings', async () => {
    const body = (await get('/v1/checks')).json();
    const combined = body.data.find((c: { id: string }) => c.id.startsWith('combined/'));
    expect([combined.result, combined.atStatedValues, combined.withinRounding]).toEqual([
      'warn',
      'holds',
      'possible',
    ]);
    expect(
      combined.combinations.map(
        (c: {
          figures: { figureId: string }[];
          sum: number;
          interval: unknown;
          atStatedValues: string;
          withinRounding: string;
        }) => [c.figures.map((f) => f.figureId), c.sum, c.interval, c.atStatedValues, c.withinRounding],
      ),
    ).toEqual([
      [
        [`${SRC}/khuzestan-value`, `${SRC}/isfahan-value-line-5`],
        67500000,
        { low: 66950000, high: 68050000 },
        'holds',
        'possible',
      ],
      [
        [`${SRC}/khuzestan-value`, `${SRC}/isfahan-value-line-4`],
        67000000,
        { low: 66000000, high: 68000000 },
        'fails',
        'possible',
      ],
    ]);
    const verdicts = Object.fromEntries(
      body.data.map((c: { id: string; atStatedValues: string; withinRounding: string }) => [
        c.id,
        `${c.atStatedValues}/${c.withinRounding}`,
      ]),
    );
    expect(verdicts).toEqual({
      'readings/IR-10/export_value_usd': 'fails/possible',
      [`combined/${SRC}/isfahan-khuzestan-combined-value`]: 'holds/possible',
      'implied-total/IR-00': 'fails/possible',
      'implied-total/IR-06': 'fails/possible',
      'implied-total/IR-10': 'fails/possible',
      'implied-total/IR-18': 'fails/possible',
      'implied-total/all': 'fails/possible',
      'ranks-vs-values': 'holds/certain',
      'ranks-vs-shares': 'holds/certain',
      'ranks-sequence': 'holds/certain',
      'shares-sum': 'holds/certain',
    });
  });

  it('states the rule of `result` and the meaning of both verdicts in the OpenAPI document', async () => {
    const doc = (await get('/openapi.json')).json();
    const check = doc.components.schemas.Check.properties;
    expect(check.result.description).toMatch(/^`fail` when the figures shown contradict each other: /);
    expect(check.result.description).toContain(
      '`warn` when the data disagrees with itself but a stated rule resolves it',
    );
    expect(check.atStatedValues.anyOf).toEqual([
      { type: 'string', enum: ['holds', 'fails'] },
      { type: 'null' },
    ]);
    expect(check.withinRounding.anyOf).toEqual([
      { type: 'string', enum: ['certain', 'possible', 'impossible'] },
      { type: 'null' },
    ]);
    expect(check.combinations.items.$ref).toBe('#/components/schemas/CheckCombination');
    expect(doc.paths['/v1/checks'].get.description).toContain('`result`: `fail` when');
  });

  it('filters by result', async () => {
    const body = (await get('/v1/checks?result=warn')).json();
    expect(body.data.map((c: { id: string }) => c.id)).toEqual([
      'readings/IR-10/export_value_usd',
      `combined/${SRC}/isfahan-khuzestan-combined-value`,
    ]);
  });
});

describe('caching', () => {
  it('answers a matching If-None-Match with 304 and no body', async () => {
    const first = await get('/v1/rankings');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    const again = await get('/v1/rankings', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    const other = await get('/v1/rankings', { 'if-none-match': '"something-else"' });
    expect(other.statusCode).toBe(200);
  });

  it('gives each representation its own ETag', async () => {
    const json = await get('/v1/rankings');
    const csv = await get('/v1/rankings?format=csv');
    const fa = await get('/v1/rankings?lang=fa');
    expect(new Set([json.headers.etag, csv.headers.etag, fa.headers.etag]).size).toBe(3);
  });

  it('HEAD gives the headers without a body', async () => {
    const res = await app.inject({ method: 'HEAD', url: '/v1/exports' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
    expect(res.headers.etag).toMatch(/^"/);
  });
});

describe('bad input is a 4xx problem naming the parameter', () => {
  const cases: [string, number, string][] = [
    ['/v1/exports?limit=0', 400, 'limit'],
    ['/v1/exports?limit=101', 400, 'limit'],
    ['/v1/exports?limit=abc', 400, 'limit'],
    ['/v1/exports?offset=-1', 400, 'offset'],
    ['/v1/exports?sort=value', 400, 'sort'],
    ['/v1/exports?lang=de', 400, 'lang'],
    ['/v1/exports?format=xml', 400, 'format'],
    ['/v1/exports?minShare=200', 400, 'minShare'],
    ['/v1/exports?province=Atlantis', 400, 'province'],
    ['/v1/exports?color=blue', 400, 'color'],
    ['/v1/exports?lang=en&lang=fa', 400, 'lang'],
    ['/v1/checks?result=maybe', 400, 'result'],
    ['/v1/provinces?inReport=yes', 400, 'inReport'],
  ];
  for (const [url, status, parameter] of cases) {
    it(`${url} → ${status} naming ${parameter}`, async () => {
      const res = await get(url);
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      const body = res.json();
      expect(body.status).toBe(status);
      expect(body.errors.map((e: { parameter: string }) => e.parameter)).toContain(parameter);
      expect(body.detail).toContain(parameter);
    });
  }

  it('an unknown period is a 404 problem', async () => {
    const res = await get('/v1/exports?period=1999-late');
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toBe('Unknown period "1999-late". Known periods: 2024-early.');
  });

  it('an Accept the API cannot satisfy is a 406 problem', async () => {
    const res = await get('/v1/exports', { accept: 'application/xml' });
    expect(res.statusCode).toBe(406);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.json().title).toBe('Not Acceptable');
  });

  it('malformed percent-encoding in the path is a 400 problem, not a 5xx', async () => {
    const res = await get('/v1/provinces/%E0%A4%A');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  });

  it('malformed percent-encoding in the query is a 4xx problem, not a 5xx', async () => {
    const res = await get('/v1/exports?province=%E0%A4%A');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  });
});
