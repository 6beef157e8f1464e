// /v1/datapackage.json: valid against the published Tabular Data Package profile (shipped in test/fixtures, from the
// npm package `datapackage` 1.1.10, lib/profiles), and true to the CSV files it describes: every resource's header is
// its fields, every value meets its field's type and constraints, primary keys are unique, foreign keys resolve.
import fs from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { testConfig } from '../../src/config.ts';
import { importReport } from '../../src/db/import.ts';
import { seededDb } from '../helpers/app.ts';

const profile = JSON.parse(
  fs.readFileSync(new URL('../fixtures/tabular-data-package.profile.json', import.meta.url), 'utf8'),
);

interface Field {
  name: string;
  type: string;
  constraints: { required: boolean; enum?: string[] };
}
interface Resource {
  name: string;
  path: string;
  schema: {
    fields: Field[];
    primaryKey: string[];
    foreignKeys?: { fields: string; reference: { resource: string; fields: string } }[];
  };
}
interface Package {
  version: string;
  resources: Resource[];
}

let app: FastifyInstance;
beforeAll(async () => {
  const db = seededDb();
  importReport(db, new URL('../fixtures/fictional-2025.json', import.meta.url).pathname);
  app = await buildApp({ config: testConfig({ RATE_LIMIT_MAX: 1_000_000 }), db });
  await app.ready();
});
afterAll(() => app.close());

function validator() {
  // The profile is draft-04; none of the keywords it uses differ in draft-07, which Ajv 8 reads.
  const { $schema: _draft, ...schema } = profile;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addFormat('textarea', true);
  return ajv.compile(schema);
}

describe('/v1/datapackage.json', () => {
  let pkg: Package;
  beforeAll(async () => {
    const res = await app.inject('/v1/datapackage.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    pkg = res.json();
  });

  it('is a valid Tabular Data Package', () => {
    const validate = validator();
    const ok = validate(pkg);
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 5))).toEqual([]);
    expect(ok).toBe(true);
    expect(pkg.resources.map((r) => r.name)).toEqual([
      'periods',
      'sources',
      'provinces',
      'figures',
      'exports-2024-early',
      'exports-2025-early',
    ]);
  });

  it('is rejected by the profile when broken (the validator is not a no-op)', () => {
    const validate = validator();
    const broken = structuredClone(pkg) as unknown as { resources: { schema?: unknown }[] };
    delete (broken.resources[0] as { schema?: unknown }).schema;
    expect(validate(broken)).toBe(false);
    expect(validate({ ...pkg, profile: 'data-package' })).toBe(false);
    expect(validate({ ...pkg, resources: [] })).toBe(false);
  });

  it('describes every CSV as it is: header, types, constraints, keys', async () => {
    const tables = new Map<string, Record<string, string>[]>();
    for (const resource of pkg.resources) {
      const res = await app.inject(`/v1/${resource.path}`);
      expect(res.statusCode, resource.path).toBe(200);
      const [header, ...rows] = parse(res.body) as string[][];
      const fields = resource.schema.fields;
      expect(header, resource.name).toEqual(fields.map((f) => f.name));
      const records = rows.map((row) => Object.fromEntries(row.map((v, i) => [header?.[i], v])));
      tables.set(resource.name, records);
      for (const record of records) {
        for (const field of fields) {
          const v = record[field.name] as string;
          const where = `${resource.name}.${field.name} = ${JSON.stringify(v)}`;
          if (v === '') {
            expect(field.constraints.required, where).toBe(false);
            continue;
          }
          if (field.type === 'integer') expect(v, where).toMatch(/^-?\d+$/);
          if (field.type === 'number') expect(Number.isFinite(Number(v)), where).toBe(true);
          if (field.type === 'boolean') expect(['true', 'false'], where).toContain(v);
          if (field.type === 'date') expect(v, where).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          if (field.constraints.enum) expect(field.constraints.enum, where).toContain(v);
        }
      }
      const keys = records.map((r) => resource.schema.primaryKey.map((k) => r[k]).join('\u0000'));
      expect(new Set(keys).size, `${resource.name}: primary key`).toBe(keys.length);
    }
    expect(tables.get('exports-2024-early')).toHaveLength(31);
    expect(tables.get('provinces')).toHaveLength(31);
    for (const resource of pkg.resources) {
      for (const fk of resource.schema.foreignKeys ?? []) {
        const target = new Set(tables.get(fk.reference.resource)?.map((r) => r[fk.reference.fields]));
        for (const record of tables.get(resource.name) ?? []) {
          const v = record[fk.fields] as string;
          if (v !== '') expect(target.has(v), `${resource.name}.${fk.fields} = ${v}`).toBe(true);
        }
      }
    }
  });

  it('gives units and the dataset version', async () => {
    const exports = pkg.resources.find((r) => r.name === 'exports-2024-early') as Resource;
    expect(exports.schema.fields.find((f) => f.name === 'value_usd')).toMatchObject({
      type: 'integer',
      unit: 'USD',
      constraints: { required: false },
    });
    expect(exports.schema.fields.find((f) => f.name === 'coverage')?.constraints.enum).toEqual([
      'reported',
      'ranked-without-figure',
      'named-without-figure',
      'not-mentioned',
    ]);
    expect(pkg.version).toMatch(/^sha256-[0-9a-f]{32}$/);
  });

  it('gives absolute paths when the public address is known', async () => {
    const other = await buildApp({
      config: testConfig({ PUBLIC_URL: 'https://api.example.org' }),
      db: seededDb(),
    });
    try {
      const res = (await other.inject('/v1/datapackage.json')).json() as Package;
      expect(res.resources[0]?.path).toBe('https://api.example.org/v1/periods?format=csv&lang=en');
      expect(validator()(res)).toBe(true);
    } finally {
      await other.close();
    }
  });
});
