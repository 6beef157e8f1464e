// Property-based tests: hostile values in every path and query parameter the OpenAPI document lists, hostile
// headers, and methods the API does not take. Whatever arrives, the answer is a documented kind of answer: a 2xx or
// 304, or a 400/404/405/406/414 problem; never a 5xx, and no body reveals a stack trace, SQL or a file path.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.ts';

const MAX_URL_LENGTH = 2048;
const NUM_RUNS = 150;
const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';
const ALLOWED_ERRORS = new Set([400, 404, 405, 406, 414]);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Text that must never reach a client: stack frames, SQL, the database engine, source or install paths. */
const LEAK_MARKERS = ['    at ', 'SELECT ', 'sqlite', '/work/', `${ROOT}/`, 'node_modules', '.ts:'];

interface Param {
  name: string;
  in: 'query' | 'path';
  example?: unknown;
  schema?: { enum?: unknown[] };
}

interface Route {
  path: string;
  params: Param[];
}

let app: FastifyInstance;
let routes: Route[];

beforeAll(async () => {
  // The rate limiter stays in the pipeline, as in production, with a limit these tests never reach (the default of
  // 600 a minute would turn later runs into 429s). Load shedding is off: the app shares its event loop with the
  // fuzzer, whose own work (generating, shrinking, reporting) would read as event-loop delay and shed requests with
  // 503s that say nothing about the app.
  app = await testApp({ RATE_LIMIT_MAX: 1_000_000, MAX_EVENT_LOOP_DELAY_MS: 0, MAX_URL_LENGTH });
  const doc = (await app.inject('/openapi.json')).json() as {
    paths: Record<string, { get?: { parameters?: Param[] } }>;
  };
  routes = Object.entries(doc.paths)
    .filter(([, item]) => item.get)
    .map(([p, item]) => ({
      path: p,
      params: item.get?.parameters ?? [],
      // Counterexamples name the route by its path, not by its whole parameter list.
      [fc.toStringMethod]: () => JSON.stringify(p),
    }));
});
afterAll(() => app.close());

// ---------------------------------------------------------------- hostile values

const RTL_MARKS = ['\u200f', '\u202e', '\u200e', '\u202b', '\u202c', '\u2066', '\u2067', '\u2069', '\u061c'];
const JOINERS = ['\u200c', '\u200d', '\ufeff', '\u00ad', '\u0640', '\u2060'];
const ARABIC_PERSIAN = [
  ...'ابتثجحخدذرزسشصضطظعغفقكلمنهويپچژگکیۀأإآؤئءةىۃ',
  ...'\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670',
  ...'٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹',
];
const NAMES = [
  'اصفهان',
  'إصفهان',
  'أصفهان',
  'خوزستان',
  'تهران',
  'آذربایجان شرقی',
  'كرمانشاه',
  'کرمان‌شاه',
  'IR-10',
];
const EMOJI = ['😀', '🇮🇷', '👨‍👩‍👧‍👦', '🏳️‍🌈', '❤️', '🤷🏽‍♀️', '𝕏', '\u{1F9EA}'];
const BAD_PERCENT = [
  '%',
  '%E0%A4%A',
  '%zz',
  '%%',
  '%2',
  '%ED%A0%80',
  '%C0%AF',
  '%FF%FE',
  '%00',
  '%u202E',
  '%E2%80%AE',
];
const SYNTAX = [
  '/',
  '?',
  '#',
  '&',
  '=',
  '+',
  '..',
  '../',
  '\\',
  "'",
  '"',
  ';',
  '--',
  '*',
  '[]',
  '[a]',
  ' ',
  '\t',
];
const NUMBERS = [
  '-1',
  '-0',
  '0',
  '1e308',
  '1e309',
  '-1e309',
  '1e-400',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '0b1',
  '1_000',
  '1,5',
  ' 1',
  '١٢',
  '۵',
  '9'.repeat(400),
  '-9007199254740993',
];

const numberString = fc.oneof(
  fc.integer().map(String),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
  fc.double().map(String),
  fc.constantFrom(...NUMBERS),
);

const piece = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.string({
    unit: fc.constantFrom(...ARABIC_PERSIAN, ...RTL_MARKS, ...JOINERS),
    minLength: 1,
    maxLength: 10,
  }),
  fc.constantFrom(...NAMES, ...EMOJI, ...BAD_PERCENT, ...SYNTAX, ...RTL_MARKS, ...JOINERS),
  numberString,
);

/** A hostile value: a few pieces of the above, glued together. */
const hostile = fc.array(piece, { minLength: 0, maxLength: 5 }).map((parts) => parts.join(''));

type Encoding = 'component' | 'raw' | 'uri';
const encoding = fc.constantFrom<Encoding>('component', 'raw', 'uri');

/** Puts a value in a URL percent-encoded, as is (the raw string goes to the server), or half-encoded. */
function put(value: string, how: Encoding): string {
  try {
    if (how === 'component') return encodeURIComponent(value);
    if (how === 'uri') return encodeURI(value);
  } catch {
    // A lone surrogate cannot be encoded: send it raw.
  }
  return value;
}

// ---------------------------------------------------------------- URLs from the document

const routeArb = () => fc.constantFrom(...routes);
const exampleOf = (p: Param) => String(p.example ?? p.schema?.enum?.[0] ?? 'x');

/** The route's URL with its path parameters set to their examples, except those given. */
function fill(route: Route, values: Record<string, string> = {}): string {
  return route.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    if (values[name] !== undefined) return values[name];
    const p = route.params.find((x) => x.in === 'path' && x.name === name);
    return encodeURIComponent(p ? exampleOf(p) : 'x');
  });
}

// ---------------------------------------------------------------- what every answer must be

const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
};

/** Checks one answer; `sent` is everything the client sent, so that a marker echoed back from it is not a leak. */
function expectSafeAnswer(res: LightMyRequestResponse, sent: string[], label: string) {
  const status = res.statusCode;
  const where = `${label} → ${status} ${String(res.headers['content-type'])}: ${res.body.slice(0, 400)}`;
  expect(status, `no 5xx: ${where}`).toBeLessThan(500);
  const allowed = (status >= 200 && status < 300) || status === 304 || ALLOWED_ERRORS.has(status);
  expect(allowed, `status is 2xx, 304, 400, 404, 405, 406 or 414: ${where}`).toBe(true);
  if (status >= 400) {
    expect(res.headers['content-type'], `problem content type: ${where}`).toBe(PROBLEM_TYPE);
    let body: { status?: unknown };
    try {
      body = JSON.parse(res.body) as { status?: unknown };
    } catch {
      throw new Error(`the problem body is not JSON: ${where}`);
    }
    expect(body.status, `problem status equals the HTTP status: ${where}`).toBe(status);
  }
  const echoed = [...sent, ...sent.map(safeDecode)].join('\n').toLowerCase();
  for (const marker of LEAK_MARKERS) {
    const needle = marker.toLowerCase();
    if (echoed.includes(needle)) continue;
    expect(res.body.toLowerCase().includes(needle), `body reveals "${marker}": ${where}`).toBe(false);
  }
}

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await app.inject({ method: 'GET', url, headers });
  expectSafeAnswer(res, [url, ...Object.values(headers)], `GET ${url}`);
  return res;
}

const withPathParams = () => routes.filter((r) => r.params.some((p) => p.in === 'path'));
const withQueryParams = () => routes.filter((r) => r.params.some((p) => p.in === 'query'));
/** A route with path parameters, and the name of one of them. */
const routeAndPathParam = () =>
  fc
    .constantFrom(...withPathParams())
    .chain((route) =>
      fc.tuple(
        fc.constant(route),
        fc.constantFrom(...route.params.filter((p) => p.in === 'path').map((p) => p.name)),
      ),
    );

// ---------------------------------------------------------------- properties

describe('the answer check', () => {
  const fake = (statusCode: number, contentType: string, body: string) =>
    ({ statusCode, headers: { 'content-type': contentType }, body }) as unknown as LightMyRequestResponse;
  const problem = (status: number, detail = 'x') =>
    JSON.stringify({ type: 't', title: 't', status, detail, instance: '/' });

  it('catches what it is meant to catch (the properties below are not vacuous)', () => {
    const ok =
      (r: LightMyRequestResponse, sent = ['/x']) =>
      () =>
        expectSafeAnswer(r, sent, 'fake');
    expect(ok(fake(200, 'application/json', '{}'))).not.toThrow();
    expect(ok(fake(404, PROBLEM_TYPE, problem(404)))).not.toThrow();
    expect(ok(fake(500, PROBLEM_TYPE, problem(500)))).toThrow(/no 5xx/);
    expect(ok(fake(429, PROBLEM_TYPE, problem(429)))).toThrow(/status is 2xx/);
    expect(ok(fake(400, 'application/json; charset=utf-8', problem(400)))).toThrow(/problem content type/);
    expect(ok(fake(400, PROBLEM_TYPE, problem(404)))).toThrow(/equals the HTTP status/);
    expect(ok(fake(400, PROBLEM_TYPE, 'not json'))).toThrow(/not JSON/);
    expect(ok(fake(200, 'text/plain', 'Error\n    at handler (/srv/app.js:1:1)'))).toThrow(/reveals/);
    expect(ok(fake(400, PROBLEM_TYPE, problem(400, 'near "SELECT ": syntax error')))).toThrow(/SELECT/);
    expect(ok(fake(400, PROBLEM_TYPE, problem(400, 'SqliteError')))).toThrow(/sqlite/);
    expect(ok(fake(400, PROBLEM_TYPE, problem(400, `${ROOT}/src/app.ts:10`)))).toThrow(/reveals/);
    // Echoing the client's own input is not a leak.
    expect(
      ok(fake(404, PROBLEM_TYPE, problem(404, 'No province matches "SELECT "')), ['/p/SELECT%20']),
    ).not.toThrow();
  });
});

describe('hostile path parameters', () => {
  it('any value in any path parameter gets a safe answer', async () => {
    const arb = fc
      .tuple(routeAndPathParam(), hostile, encoding)
      .map(([[route, name], v, e]) => [route, name, v, e] as const);
    await fc.assert(
      fc.asyncProperty(arb, async ([route, name, value, how]) => {
        await get(fill(route, { [name]: put(value, how) }));
      }),
      { numRuns: NUM_RUNS * 2 },
    );
  });
});

describe('hostile query parameters', () => {
  const queryCase = () =>
    fc
      .constantFrom(...withQueryParams())
      .chain((route) =>
        fc.tuple(
          fc.constant(route),
          fc.constantFrom(...route.params.filter((p) => p.in === 'query').map((p) => p.name)),
          hostile,
          encoding,
        ),
      );

  it('any value in any documented query parameter gets a safe answer', async () => {
    await fc.assert(
      fc.asyncProperty(queryCase(), async ([route, name, value, how]) => {
        await get(`${fill(route)}?${name}=${put(value, how)}`);
      }),
      { numRuns: NUM_RUNS * 2 },
    );
  });

  it('huge, negative and malformed numbers get a safe answer', async () => {
    const numeric = [
      'limit',
      'offset',
      'minValueUsd',
      'maxValueUsd',
      'minShare',
      'maxShare',
      'minRank',
      'maxRank',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...numeric),
        fc.oneof(
          numberString,
          numberString.map((n) => `-${n}`),
        ),
        encoding,
        async (name, value, how) => {
          const res = await get(`/v1/exports?${name}=${put(value, how)}`);
          const n = Number(value);
          if (!Number.isFinite(n) || n < 0) expect(res.statusCode, `${name}=${value}`).toBe(400);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('a repeated parameter (?limit=1&limit=2) gets a safe answer, never a 2xx built from half of it', async () => {
    await fc.assert(
      fc.asyncProperty(queryCase(), hostile, async ([route, name, first, how], second) => {
        const res = await get(`${fill(route)}?${name}=${put(first, how)}&${name}=${put(second, how)}`);
        // Two values where the contract takes one are refused: the answer never silently picks one of them. (Only
        // when both are encoded: a raw `#` would cut the query short and leave one value.)
        if (how === 'component') {
          expect(res.statusCode, `${route.path}?${name}=…&${name}=…`).toBeGreaterThanOrEqual(400);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('malformed percent-encoding anywhere in the query gets a safe answer', async () => {
    await fc.assert(
      fc.asyncProperty(
        routeArb(),
        fc.constantFrom(...BAD_PERCENT),
        fc.constantFrom('key', 'value', 'both'),
        fc.string({ maxLength: 6 }),
        async (route, bad, where, text) => {
          const name = route.params.find((p) => p.in === 'query')?.name ?? 'lang';
          const key = where === 'value' ? name : `${name}${bad}`;
          const value = where === 'key' ? encodeURIComponent(text) : `${encodeURIComponent(text)}${bad}`;
          await get(`${fill(route)}?${key}=${value}`);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('unknown parameters, with any name, are refused with a 400 where the route takes a query', async () => {
    const names = fc.oneof(
      hostile.filter((s) => s.length > 0),
      fc.constantFrom(
        '__proto__',
        'constructor',
        'prototype',
        'toString',
        'hasOwnProperty',
        'lang[]',
        'a.b',
        'LIMIT',
      ),
    );
    await fc.assert(
      fc.asyncProperty(routeArb(), names, hostile, encoding, async (route, name, value, how) => {
        const key = put(name, how);
        const res = await get(`${fill(route)}?${key}=${put(value, how)}`);
        // Checked only for an encoded name: raw, a `#` or `&` in it changes what the server receives.
        const known = route.params.some((p) => p.in === 'query' && p.name === name);
        if (
          how === 'component' &&
          !known &&
          res.statusCode < 300 &&
          route.params.some((p) => p.in === 'query')
        ) {
          throw new Error(`GET ${fill(route)}?${key}=… accepted an unknown parameter`);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('very long values', () => {
  /** A long value, already percent-encoded for a URL. */
  const longValue = fc
    .integer({ min: 1000, max: 5000 })
    .chain((n) =>
      fc.oneof(
        fc.constant('x'.repeat(n)),
        fc.string({ minLength: n, maxLength: n }).map(encodeURIComponent),
        fc.constant(encodeURIComponent('ا'.repeat(Math.ceil(n / 6)))),
      ),
    );

  it(`a query value up to ~5000 characters gets 414 past MAX_URL_LENGTH (${MAX_URL_LENGTH})`, async () => {
    await fc.assert(
      fc.asyncProperty(routeArb(), longValue, async (route, value) => {
        const name = route.params.find((p) => p.in === 'query')?.name ?? 'q';
        const url = `${fill(route)}?${name}=${value}`;
        const res = await get(url);
        if (url.length > MAX_URL_LENGTH) expect(res.statusCode, `GET (${url.length} characters)`).toBe(414);
      }),
      { numRuns: NUM_RUNS / 3 },
    );
  });

  it(`a path parameter up to ~5000 characters gets 414 past MAX_URL_LENGTH (${MAX_URL_LENGTH})`, async () => {
    const arb = fc
      .tuple(routeAndPathParam(), longValue)
      .map(([[route, name], v]) => [route, name, v] as const);
    await fc.assert(
      fc.asyncProperty(arb, async ([route, name, value]) => {
        const url = fill(route, { [name]: value });
        const res = await get(url);
        if (url.length > MAX_URL_LENGTH) {
          expect(res.statusCode, `GET ${url.slice(0, 60)}… (${url.length} characters)`).toBe(414);
        }
      }),
      { numRuns: NUM_RUNS / 3 },
    );
  });
});

describe('hostile headers', () => {
  it('any Accept and Accept-Language get a safe answer (406 at worst)', async () => {
    const headerValue = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(
        'application/xml',
        'text/*;q=0',
        '*/*;q=-1',
        'text/csv;q=abc, */*;q=0.1',
        'application/json;charset=utf-16',
        'fa-IR;q=2',
        '*',
        'x'.repeat(500),
        ',,,;;;',
      ),
    );
    await fc.assert(
      fc.asyncProperty(routeArb(), headerValue, headerValue, async (route, accept, language) => {
        await get(fill(route), { accept, 'accept-language': language });
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('methods the API does not take', () => {
  const method = fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE');
  const url = () =>
    fc.oneof(
      routeArb().map((r) => fill(r)),
      fc.constant('/'),
      fc.constant('/no/such/route'),
    );

  async function expect405(m: string, target: string, headers: Record<string, string>, payload: string) {
    const res = await app.inject({ method: m as 'POST', url: target, headers, payload });
    const label = `${m} ${target} (${headers['content-type'] ?? 'no content-type'}, ${payload.length} bytes)`;
    expectSafeAnswer(res, [target, payload], label);
    expect(res.statusCode, `${label} → ${res.statusCode}: ${res.body.slice(0, 300)}`).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  }

  it('POST, PUT, PATCH and DELETE with a well-formed body within the body limit get a 405 problem', async () => {
    const body = fc.oneof(
      fc.json({ maxDepth: 2 }).map((json) => ({ type: 'application/json', payload: json })),
      fc.string({ maxLength: 200 }).map((s) => ({ type: 'text/plain', payload: s })),
      fc.string({ maxLength: 200 }).map((s) => ({ type: 'application/xml', payload: `<a>${s}</a>` })),
      fc.string({ maxLength: 200 }).map((s) => ({ type: 'application/octet-stream', payload: s })),
      fc.constant({ type: 'application/x-www-form-urlencoded', payload: 'a=1&b=2' }),
    );
    await fc.assert(
      fc.asyncProperty(method, url(), body, async (m, target, b) => {
        fc.pre(Buffer.byteLength(b.payload) <= 1024);
        await expect405(m, target, { 'content-type': b.type }, b.payload);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('POST, PUT, PATCH and DELETE with any body (malformed JSON, oversized, any content type) get a 405 problem', async () => {
    const contentType = fc.constantFrom(
      'application/json',
      'text/plain',
      'application/xml',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
      'application/octet-stream',
    );
    const payload = fc.oneof(
      fc.string({ maxLength: 64 }),
      fc.string({ unit: 'grapheme', maxLength: 64 }),
      fc.integer({ min: 1025, max: 4096 }).map((n) => 'x'.repeat(n)),
    );
    await fc.assert(
      fc.asyncProperty(method, url(), contentType, payload, async (m, target, type, body) => {
        await expect405(m, target, { 'content-type': type }, body);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
