// What a newcomer typing query strings by hand is told (issue 24): empty values, plain-word refusals that name the
// parameter, what was given and what is accepted, suggestions for typos, and lenient language tags and formats.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closestName } from '../../src/http/query-validation.ts';
import { testApp } from '../helpers/app.ts';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

/** The problem a URL answers with, asking for JSON. */
async function problem(url: string) {
  const res = await app.inject({ url, headers: { accept: 'application/json' } });
  expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  return {
    status: res.statusCode,
    body: res.json() as {
      detail: string;
      errors?: { in: string; parameter: string; message: string }[];
      suggestions?: { code: string; name: string }[];
    },
  };
}

describe('an empty value is refused, never read as 0', () => {
  it.each([
    ['/v1/exports?maxValueUsd=', 'maxValueUsd'],
    ['/v1/exports?minValueUsd=', 'minValueUsd'],
    ['/v1/exports?minRank=', 'minRank'],
    ['/v1/exports?minShare=', 'minShare'],
    ['/v1/exports?province=', 'province'],
    ['/v1/exports?limit=', 'limit'],
    ['/v1/rankings?period=', 'period'],
    ['/v1/figures?offset=', 'offset'],
    ['/v1/provinces?q=', 'q'],
    ['/v1/checks?result=', 'result'],
    ['/v1/sources?lang=', 'lang'],
    ['/v1/shares?format=', 'format'],
    ['/v1/summary?bom=', 'bom'],
    ['/?lang=', 'lang'],
    ['/sources/nano-exports-early-2024?start=', 'start'],
  ])('%s is a 400 saying %s was empty', async (url, parameter) => {
    const { status, body } = await problem(url);
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      { in: 'query', parameter, message: `${parameter} was empty; give it a value, or leave it out` },
    ]);
    expect(body.detail).toBe(`Invalid request: ${parameter} was empty; give it a value, or leave it out.`);
  });

  it('a page ignores an empty parameter it does not know (a tracker’s), as it ignores any unknown one', async () => {
    const res = await app.inject({ url: '/?utm_source=', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
  });
});

describe('refusals in plain words: the parameter, what was given, what is accepted', () => {
  it.each([
    [
      '/v1/exports?minValueUsd=abc',
      'minValueUsd must be a whole number of US dollars, such as 30000000; got "abc"',
    ],
    [
      '/v1/exports?maxValueUsd=1.5',
      'maxValueUsd must be a whole number of US dollars, such as 30000000; got "1.5"',
    ],
    ['/v1/exports?maxRank=2.5', 'maxRank must be a whole number from 1 to 1000, such as 3; got "2.5"'],
    ['/v1/exports?minRank=0', 'minRank must be a whole number from 1 to 1000, such as 1; got "0"'],
    ['/v1/exports?minShare=abc', 'minShare must be a percentage from 0 to 100, such as 9.7; got "abc"'],
    ['/v1/exports?limit=1000', 'limit must be a whole number from 1 to 100, such as 50; got "1000"'],
    ['/v1/figures?limit=0x10', 'limit must be a whole number from 1 to 1000, such as 100; got "0x10"'],
    ['/v1/figures?offset=1e3', 'offset must be a whole number from 0 to 10000, such as 50; got "1e3"'],
    [
      '/v1/exports?lang=xx',
      'lang must be en, fa or ar (a language tag such as fa-IR is read as fa); got "xx"',
    ],
    ['/v1/rankings?format=xml', 'format must be one of json, csv (the formats of this route); got "xml"'],
    ['/v1/checks?result=ok', 'result must be one of pass, warn, fail; got "ok"'],
    ['/v1/summary?bom=yes', 'bom must be true or false; got "yes"'],
    [
      '/v1/rankings?period=Early%202024',
      'period must be a period id such as 2024-early (the list is at /v1/periods); got "Early 2024"',
    ],
  ])('%s', async (url, message) => {
    const { status, body } = await problem(url);
    expect(status).toBe(400);
    expect(body.errors?.map((e) => e.message)).toEqual([message]);
    expect(body.detail).toBe(`Invalid request: ${message}.`);
    expect(body.detail).not.toMatch(/expected|received|NaN|Too (small|big)/);
  });

  it('a repeated single-valued parameter says so', async () => {
    const { status, body } = await problem('/v1/exports?minValueUsd=1&minValueUsd=2');
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      {
        in: 'query',
        parameter: 'minValueUsd',
        message: 'minValueUsd was given 2 times; it takes one value, so give it once',
      },
    ]);
  });

  it('a huge value is quoted back shortened', async () => {
    const { body } = await problem(`/v1/exports?minValueUsd=${'9'.repeat(30)}x${'9'.repeat(500)}`);
    const message = body.errors?.[0]?.message ?? '';
    expect(message).toBe(
      `minValueUsd must be a whole number of US dollars, such as 30000000; got "${'9'.repeat(30)}x${'9'.repeat(29)}…"`,
    );
  });

  it('the numbers that are accepted still filter (Tehran has no stated value; Khuzestan is 30 M)', async () => {
    const res = await app.inject('/v1/exports?minValueUsd=30000000&maxValueUsd=30000000');
    expect(res.statusCode).toBe(200);
    expect(
      (res.json() as { data: { province: { slug: string } }[] }).data.map((r) => r.province.slug),
    ).toEqual(['khuzestan']);
    const shares = await app.inject('/v1/exports?minShare=9.7&maxShare=9.7');
    expect((shares.json() as { data: { sharePercent: number }[] }).data.map((r) => r.sharePercent)).toEqual([
      9.7,
    ]);
  });
});

describe('suggestions for typos', () => {
  it('/v1/exports?province=isfahn asks "Did you mean Isfahan?", with the suggestion the path lookup gives', async () => {
    const { status, body } = await problem('/v1/exports?province=isfahn');
    expect(status).toBe(400);
    expect(body.detail).toBe(
      'Invalid query parameter "province": no province matches "isfahn". Did you mean Isfahan? The list is at /v1/provinces.',
    );
    expect(body.suggestions).toEqual([{ code: 'IR-10', slug: 'isfahan', name: 'Isfahan' }]);
    const path = await problem('/v1/provinces/isfahn');
    expect(path.status).toBe(404);
    expect(path.body.suggestions).toEqual(body.suggestions);
    expect(path.body.detail).toBe(
      'No province matches "isfahn". Did you mean Isfahan? The list is at /v1/provinces.',
    );
  });

  it('one of a list, and /v1/figures, suggest too', async () => {
    const list = await problem('/v1/exports?province=khuzestan,isfahn');
    expect(list.body.suggestions?.map((s) => s.code)).toEqual(['IR-10']);
    const figures = await problem('/v1/figures?province=isfahn');
    expect(figures.status).toBe(400);
    expect(figures.body.suggestions?.map((s) => s.code)).toEqual(['IR-10']);
  });

  it('an unknown parameter names the closest known one', async () => {
    const { status, body } = await problem('/v1/exports?provnce=isfahan');
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      {
        in: 'query',
        parameter: 'provnce',
        message: 'provnce is not a parameter of this route; did you mean province?',
      },
    ]);
    expect(body.detail).toBe(
      'Invalid request: provnce is not a parameter of this route; did you mean province?',
    );
  });

  it('an unknown parameter far from every known one lists what the route takes', async () => {
    const { body } = await problem('/v1/summary?zzzzzzzz=1');
    expect(body.errors?.[0]?.message).toBe(
      'zzzzzzzz is not a parameter of this route; it takes lang, bom, period, format',
    );
  });

  it('closestName: case, one or two edits, nothing far', () => {
    const known = ['province', 'minValueUsd', 'maxValueUsd', 'lang', 'limit'];
    expect(closestName('MINVALUEUSD', known)).toBe('minValueUsd');
    expect(closestName('minValue', known)).toBe('minValueUsd');
    expect(closestName('lan', known)).toBe('lang');
    expect(closestName('colour', known)).toBeUndefined();
  });
});

describe('language tags and formats as people write them', () => {
  it.each([
    ['fa-IR', 'fa', 'اصفهان'],
    ['FA', 'fa', 'اصفهان'],
    ['ar-SA', 'ar', 'أصفهان'],
    ['EN-gb', 'en', 'Isfahan'],
  ])('lang=%s is read as %s, and Content-Language says so', async (tag, lang, name) => {
    const res = await app.inject(`/v1/rankings?lang=${tag}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-language']).toBe(lang);
    expect((res.json() as { data: { province: { name: string } }[] }).data[0]?.province.name).toBe(name);
  });

  it('format=CSV is CSV; format=BibTeX is BibTeX', async () => {
    const csv = await app.inject('/v1/rankings?format=CSV&lang=FA');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(csv.headers['content-language']).toBe('fa');
    const bib = await app.inject('/v1/sources/nano-exports-early-2024?format=BibTeX');
    expect(bib.statusCode).toBe(200);
    expect(bib.headers['content-type']).toMatch(/^application\/x-bibtex/);
  });

  it('the same representation is served (one cache entry, one ETag) whatever the spelling', async () => {
    const a = await app.inject('/v1/rankings?lang=fa');
    const b = await app.inject('/v1/rankings?lang=fa-IR');
    expect(b.headers.etag).toBe(a.headers.etag);
  });
});
