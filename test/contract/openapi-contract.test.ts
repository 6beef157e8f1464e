// The published OpenAPI document as a contract: requests built from its own parameters and examples are answered
// with documented statuses, media types and bodies, checked with Ajv against the document's schemas (not the Zod
// schemas that produced it). Also: every schema the document publishes is closed (additionalProperties: false).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.ts';
import {
  DocumentValidator,
  documentedResponse,
  exampleValue,
  getOperations,
  hasExample,
  isJsonMedia,
  mediaTypeOf,
  type OpenApiDocument,
  type Operation,
  type Parameter,
  type Response,
  type SchemaObject,
  walkSchemas,
} from './openapi.ts';

let app: FastifyInstance;
let doc: OpenApiDocument;
let validator: DocumentValidator;

beforeAll(async () => {
  // The rate limit stays on (as in production) but far above the number of requests this file makes.
  app = await testApp({ RATE_LIMIT_MAX: 1_000_000 });
  const res = await app.inject('/openapi.json');
  expect(res.statusCode).toBe(200);
  doc = res.json() as OpenApiDocument;
  validator = new DocumentValidator(doc);
});
afterAll(() => app.close());

interface Call {
  label: string;
  url: string;
  headers?: Record<string, string>;
}

const pathParamsOf = (parameters: Parameter[]) => parameters.filter((p) => p.in === 'path');
const queryParamsOf = (parameters: Parameter[]) => parameters.filter((p) => p.in === 'query');

/** The URL of an operation with its path parameters filled in (from their examples unless overridden). */
function urlOf(path: string, parameters: Parameter[], overrides: Record<string, string> = {}): string {
  return path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const p = pathParamsOf(parameters).find((x) => x.name === name);
    const value = overrides[name] ?? (p ? exampleValue(p) : undefined);
    if (value === undefined) throw new Error(`path parameter {${name}} of GET ${path} has no example`);
    return encodeURIComponent(value);
  });
}

const withQuery = (url: string, pairs: [string, string][]) =>
  pairs.length === 0
    ? url
    : `${url}?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;

function requiredQuery(parameters: Parameter[]): [string, string][] {
  return queryParamsOf(parameters)
    .filter((p) => p.required)
    .map((p) => {
      const v = exampleValue(p);
      if (v === undefined) throw new Error(`required query parameter ${p.name} has no example`);
      return [p.name, v];
    });
}

/** The requests the document itself describes for an operation: its examples, one optional parameter at a time. */
function exampleCalls(path: string, op: Operation, parameters: Parameter[]): Call[] {
  const base = urlOf(path, parameters);
  const required = requiredQuery(parameters);
  const calls: Call[] = [{ label: 'no optional parameters', url: withQuery(base, required) }];
  for (const p of queryParamsOf(parameters).filter((x) => !x.required)) {
    const v = exampleValue(p);
    if (v === undefined) continue;
    const source = hasExample(p) ? 'example' : 'schema value (no example documented)';
    calls.push({
      label: `?${p.name} = ${source} ${JSON.stringify(v)}`,
      url: withQuery(base, [...required, [p.name, v]]),
    });
  }
  const documentsCsv = Object.entries(op.responses).some(
    ([status, r]) => status.startsWith('2') && r.content?.['text/csv'] !== undefined,
  );
  if (documentsCsv)
    calls.push({ label: '?format=csv', url: withQuery(base, [...required, ['format', 'csv']]) });
  const seen = new Set<string>();
  return calls.filter((c) => !seen.has(c.url) && seen.add(c.url));
}

/** Checks the documented headers of a response: each required one is sent, each one sent matches its schema. */
function headerViolations(documented: Response, res: Pick<LightMyRequestResponse, 'headers'>): string[] {
  const problems: string[] = [];
  for (const [name, header] of Object.entries(documented.headers ?? {})) {
    const raw = res.headers[name.toLowerCase()];
    if (raw === undefined) {
      if (header.required) problems.push(`the documented header ${name} is missing`);
      continue;
    }
    const text = Array.isArray(raw) ? raw.join(', ') : String(raw);
    // A header is text: a documented integer is checked as the number the text spells, if it spells one.
    const value = header.schema?.type === 'integer' && /^\d+$/.test(text) ? Number(text) : text;
    const errors = header.schema ? validator.check(header.schema, value) : null;
    if (errors)
      problems.push(`the header ${name}: ${JSON.stringify(text)} breaks its documented schema: ${errors}`);
  }
  return problems;
}

/** Checks one response against the operation's documentation; returns every violation found. */
function violations(op: Operation, res: LightMyRequestResponse): string[] {
  const documented = documentedResponse(op, res.statusCode);
  if (!documented) {
    return [
      `status ${res.statusCode} is not documented (documented: ${Object.keys(op.responses).join(', ')}); body: ${res.body.slice(0, 300)}`,
    ];
  }
  const problems = headerViolations(documented, res);
  if (res.statusCode === 304 || res.statusCode === 204) return problems;
  const content = documented.content ?? {};
  const media = mediaTypeOf(res.headers['content-type'] as string | undefined);
  const mediaDoc = content[media];
  if (!mediaDoc) {
    problems.push(
      `content-type ${String(res.headers['content-type'])} is not documented for ${res.statusCode} (documented: ${Object.keys(content).join(', ') || 'none'})`,
    );
    return problems;
  }
  if (!mediaDoc.schema) return problems;
  let value: unknown = res.body;
  if (isJsonMedia(media)) {
    try {
      value = JSON.parse(res.body);
    } catch (err) {
      problems.push(`the ${media} body is not JSON: ${(err as Error).message}`);
      return problems;
    }
  }
  const errors = validator.check(mediaDoc.schema, value);
  if (errors) {
    problems.push(`the ${res.statusCode} ${media} body does not match its documented schema:\n${errors}`);
  }
  return problems;
}

/** Sends one request and checks the response against the operation's documentation. */
async function conformance(op: Operation, call: Call) {
  const res = await app.inject({ method: 'GET', url: call.url, headers: call.headers ?? {} });
  const problems = violations(op, res).map(
    (v) => `GET ${call.url} [${call.label}] → ${res.statusCode}: ${v}`,
  );
  return { res, problems };
}

/** Fails with every collected violation, one per line. */
function expectNone(problems: string[]) {
  expect(problems, `${problems.length} contract violation(s):\n${problems.join('\n')}`).toEqual([]);
}

async function expectConforms(op: Operation, call: Call) {
  const { res, problems } = await conformance(op, call);
  expectNone(problems);
  return res;
}

describe('the published document', () => {
  it('is OpenAPI 3.1 with GET operations, each documenting its responses', () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    const ops = getOperations(doc);
    expect(ops.length).toBeGreaterThan(10);
    for (const { path, op } of ops) expect(Object.keys(op.responses), path).not.toHaveLength(0);
  });

  it('documents an example for every path parameter (requests are built from them)', () => {
    const missing = getOperations(doc).flatMap(({ path, parameters }) =>
      pathParamsOf(parameters)
        .filter((p) => exampleValue(p) === undefined)
        .map((p) => `GET ${path} {${p.name}}`),
    );
    expect(missing).toEqual([]);
  });
});

describe('the validator', () => {
  it('rejects bodies that break the documented schema (the checks below are not vacuous)', async () => {
    const exports = getOperations(doc).find((o) => o.path === '/v1/exports');
    const schema = exports?.op.responses['200']?.content?.['application/json']?.schema;
    expect(schema).toBeDefined();
    const body = (await app.inject('/v1/exports')).json();
    expect(validator.check(schema as SchemaObject, body)).toBeNull();
    const row = body.data[0];
    const broken = [
      { ...body, extra: 1 },
      { ...body, data: [{ ...row, rank: 'first' }] },
      { ...body, data: [{ ...row, province: { ...row.province, code: undefined } }] },
      { ...body, meta: { ...body.meta, period: { ...body.meta.period, startsOn: 'not a date' } } },
      {
        ...body,
        data: [
          { ...row, provenance: { ...row.provenance, rank: { ...row.provenance.rank, basis: 'guessed' } } },
        ],
      },
    ];
    for (const value of broken)
      expect(validator.check(schema as SchemaObject, JSON.parse(JSON.stringify(value)))).not.toBeNull();
  });
});

describe('the documented response headers', () => {
  it('name what a paged JSON route sends, and a reply without them is flagged', async () => {
    const exports = getOperations(doc).find((o) => o.path === '/v1/exports');
    const ok = exports?.op.responses['200'] as Response;
    const required = Object.entries(ok.headers ?? {})
      .filter(([, h]) => h.required)
      .map(([name]) => name);
    expect(required).toEqual([
      'ETag',
      'Cache-Control',
      'Vary',
      'Content-Language',
      'Link',
      'X-Total-Count',
      'X-Dataset-Version',
    ]);
    expect(Object.keys(exports?.op.responses['304']?.headers ?? {})).toEqual([
      'ETag',
      'Cache-Control',
      'Vary',
      'X-Dataset-Version',
    ]);
    expect(Object.keys(exports?.op.responses['429']?.headers ?? {})).toContain('Retry-After');
    const res = await app.inject('/v1/exports?limit=2');
    expect(headerViolations(ok, res)).toEqual([]);
    const { etag: _etag, ...withoutEtag } = res.headers;
    expect(headerViolations(ok, { headers: withoutEtag })).toEqual(['the documented header ETag is missing']);
    expect(headerViolations(ok, { headers: { ...res.headers, 'x-total-count': 'many' } })).toHaveLength(1);
    expect(headerViolations(ok, { headers: { ...res.headers, 'content-language': 'de' } })).toHaveLength(1);
    expect(headerViolations(ok, { headers: { ...res.headers, 'x-dataset-version': 'v1' } })).toHaveLength(1);
  });

  it('match a real 429 and the rate-limit headers of the replies before it', async () => {
    const limited = await testApp({ RATE_LIMIT_MAX: 2, RATE_LIMIT_WINDOW: '1 minute' });
    try {
      const found = getOperations(doc).find((o) => o.path === '/v1/rankings');
      const op = (found as NonNullable<typeof found>).op;
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await limited.inject('/v1/rankings');
        statuses.push(res.statusCode);
        expect(res.headers['x-ratelimit-limit']).toBe('2');
        expectNone(violations(op, res).map((v) => `GET /v1/rankings #${i + 1} → ${res.statusCode}: ${v}`));
      }
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await limited.close();
    }
  });

  it('are not claimed for the text and JSON Schema routes where they do not apply', () => {
    const text = getOperations(doc).find((o) => o.path === '/v1/sources/{id}/text');
    expect(Object.keys(text?.op.responses['200']?.headers ?? {})).not.toContain('Content-Language');
    expect(Object.keys(text?.op.responses['200']?.headers ?? {})).not.toContain('Link');
  });
});

describe('requests built from the documented parameters and examples', () => {
  it('every GET operation answers a documented 2xx with a documented media type and a valid body', async () => {
    const problems: string[] = [];
    let calls = 0;
    for (const { path, op, parameters } of getOperations(doc)) {
      for (const call of exampleCalls(path, op, parameters)) {
        const { res, problems: found } = await conformance(op, call);
        problems.push(...found);
        // The document's own examples must describe requests that succeed.
        if (res.statusCode < 200 || res.statusCode >= 300) {
          problems.push(
            `GET ${call.url} [${call.label}] → ${res.statusCode}, not 2xx: ${res.body.slice(0, 300)}`,
          );
        }
        calls++;
      }
    }
    expectNone(problems);
    expect(calls).toBeGreaterThan(40);
  });

  it('answers a conditional request carrying the current ETag with a bare 304', async () => {
    for (const { path, op, parameters } of getOperations(doc)) {
      const url = withQuery(urlOf(path, parameters), requiredQuery(parameters));
      const first = await app.inject(url);
      const etag = first.headers.etag as string | undefined;
      if (!etag) continue;
      const res = await app.inject({ url, headers: { 'if-none-match': etag } });
      expect(res.statusCode, `GET ${url} with If-None-Match`).toBe(304);
      expect(res.body).toBe('');
      expectNone(violations(op, res).map((v) => `GET ${url} with If-None-Match → 304: ${v}`));
      // A 304 is the representation documented for 200, unchanged: it needs no entry of its own.
      expect(documentedResponse(op, 200), `GET ${path} documents 200`).toBeDefined();
    }
  });
});

describe('documented error cases answer documented problems', () => {
  const problemSchemaOf = (op: Operation, status: number): SchemaObject | undefined =>
    op.responses[String(status)]?.content?.['application/problem+json']?.schema;

  it('an out-of-range limit on /v1/exports is a 400 problem valid against the documented schema', async () => {
    const found = getOperations(doc).find((o) => o.path === '/v1/exports');
    expect(found, '/v1/exports is documented').toBeDefined();
    const { path, op, parameters } = found as NonNullable<typeof found>;
    const limit = queryParamsOf(parameters).find((p) => p.name === 'limit');
    const max = limit?.schema?.maximum;
    expect(typeof max, 'limit documents a maximum').toBe('number');
    expect(problemSchemaOf(op, 400), '/v1/exports documents a 400 problem').toBeDefined();
    for (const value of [String((max as number) + 1), '0', '-1', 'ten']) {
      const res = await expectConforms(op, { label: 'limit out of range', url: `${path}?limit=${value}` });
      expect(res.statusCode, `limit=${value}`).toBe(400);
      expect(res.json().status).toBe(400);
      expect(res.json().errors).toEqual([expect.objectContaining({ in: 'query', parameter: 'limit' })]);
    }
  });

  it('every numeric query parameter past its documented maximum is a documented 400', async () => {
    for (const { path, op, parameters } of getOperations(doc)) {
      for (const p of queryParamsOf(parameters)) {
        const max = p.schema?.maximum;
        if (typeof max !== 'number') continue;
        const url = withQuery(urlOf(path, parameters), [[p.name, String(max + 1)]]);
        const res = await expectConforms(op, { label: `${p.name} past its maximum`, url });
        expect(res.statusCode, url).toBe(400);
      }
    }
  });

  it('an unknown province on /v1/provinces/{province} is a 404 problem valid against the documented schema', async () => {
    const found = getOperations(doc).filter((o) => o.path.startsWith('/v1/provinces/{province}'));
    expect(found.length).toBeGreaterThan(0);
    for (const { path, op, parameters } of found) {
      expect(problemSchemaOf(op, 404), `${path} documents a 404 problem`).toBeDefined();
      for (const name of ['Atlantis', 'اصفهانستان', 'IR-99']) {
        const url = urlOf(path, parameters, { province: name });
        const res = await expectConforms(op, { label: 'unknown province', url });
        expect(res.statusCode, url).toBe(404);
        expect(res.json().status).toBe(404);
        expect(Array.isArray(res.json().suggestions), `${url} suggests provinces`).toBe(true);
      }
    }
  });

  it('an unknown id in any other path is a documented 404', async () => {
    for (const { path, op, parameters } of getOperations(doc)) {
      const names = pathParamsOf(parameters).map((p) => p.name);
      if (names.length === 0 || names.includes('province')) continue;
      const url = urlOf(path, parameters, Object.fromEntries(names.map((n) => [n, 'no-such-thing-zz'])));
      const res = await expectConforms(op, { label: 'unknown id', url });
      expect(res.statusCode, url).toBe(404);
    }
  });

  it('Accept: application/xml is a 406 problem, on every operation that documents 406', async () => {
    const with406 = getOperations(doc).filter(({ op }) => op.responses['406'] !== undefined);
    expect(with406.map((o) => o.path)).toContain('/v1/exports');
    for (const { path, op, parameters } of with406) {
      const url = withQuery(urlOf(path, parameters), requiredQuery(parameters));
      const res = await expectConforms(op, {
        label: 'Accept: application/xml',
        url,
        headers: { accept: 'application/xml' },
      });
      expect(res.statusCode, url).toBe(406);
      expect(res.json().status).toBe(406);
    }
  });

  it('an unknown query parameter or a path parameter past its maxLength gets a status the operation documents', async () => {
    const problems: string[] = [];
    for (const { path, op, parameters } of getOperations(doc)) {
      const url = withQuery(urlOf(path, parameters), [...requiredQuery(parameters), ['notAParameter', '1']]);
      problems.push(...(await conformance(op, { label: 'unknown query parameter', url })).problems);
      for (const p of pathParamsOf(parameters)) {
        const max = p.schema?.maxLength;
        if (typeof max !== 'number') continue;
        const long = urlOf(path, parameters, { [p.name]: 'x'.repeat(max + 1) });
        problems.push(
          ...(await conformance(op, { label: `{${p.name}} past its maxLength`, url: long })).problems,
        );
      }
    }
    expectNone(problems);
  });
});

describe('closed schemas', () => {
  it('every object schema with properties, in components and inline responses, has additionalProperties: false', () => {
    const offenders: string[] = [];
    const check = (s: SchemaObject, pointer: string) => {
      if (s.properties !== undefined && s.additionalProperties !== false) {
        offenders.push(`${pointer} (additionalProperties: ${JSON.stringify(s.additionalProperties)})`);
      }
    };
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
      walkSchemas(schema, `#/components/schemas/${name}`, check);
    }
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (method === 'parameters' || op === null || typeof op !== 'object') continue;
        const responses = (op as Operation).responses ?? {};
        for (const [status, response] of Object.entries(responses)) {
          for (const [media, content] of Object.entries(response.content ?? {})) {
            // A JSON Schema document is open by nature: its keywords are those of JSON Schema, not this API's.
            if (media === 'application/schema+json') continue;
            const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
            walkSchemas(
              content.schema,
              `#/paths/${esc(path)}/${method}/responses/${status}/content/${esc(media)}/schema`,
              check,
            );
          }
        }
      }
    }
    expect(offenders, `open object schemas:\n  ${offenders.join('\n  ')}`).toEqual([]);
  });
});
