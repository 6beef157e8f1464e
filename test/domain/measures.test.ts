// The one list of measures (src/domain/measures.ts) and every place that must follow it: a new measure that is
// missing from any of them fails here, naming the place.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { figures } from '../../src/db/schema.ts';
import { MEASURE_INFO, MEASURES, UNITS } from '../../src/domain/measures.ts';
import { MIGRATIONS_DIR } from '../../src/paths.ts';
import { exportRow } from '../../src/schemas/exports.ts';
import { measureSchema } from '../../src/schemas/report-dataset.ts';

describe('the list of measures', () => {
  it('each measure has a field and a unit', () => {
    for (const m of MEASURES) {
      expect(MEASURE_INFO[m].field, m).toMatch(/^[a-z][A-Za-z]+$/);
      expect(UNITS, m).toContain(MEASURE_INFO[m].unit);
    }
  });

  it('the dataset file format takes every measure (src/schemas/report-dataset.ts)', () => {
    expect(measureSchema.options).toEqual([...MEASURES]);
  });

  it('the database column takes every measure (src/db/schema.ts)', () => {
    expect(figures.measure.enumValues).toEqual([...MEASURES]);
  });

  it("the migrations' CHECK constraint names every measure and its column (migrations/, npm run db:generate)", () => {
    const sql = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith('.sql'))
      .map((f) => fs.readFileSync(path.join(MIGRATIONS_DIR, f), 'utf8'))
      .join('\n');
    for (const m of MEASURES) {
      const column = MEASURE_INFO[m].field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      expect(sql, m).toContain(`"figures"."measure" = '${m}' AND "figures"."${column}" IS NOT NULL`);
    }
  });

  it('an export row has a value and a provenance for every measure (src/schemas/exports.ts)', () => {
    const shape = exportRow.shape as Record<string, unknown>;
    const provenance = (exportRow.shape.provenance as unknown as { shape: Record<string, unknown> }).shape;
    for (const m of MEASURES) {
      expect(Object.keys(shape), m).toContain(MEASURE_INFO[m].field);
      expect(Object.keys(provenance), m).toContain(MEASURE_INFO[m].field);
    }
  });
});
