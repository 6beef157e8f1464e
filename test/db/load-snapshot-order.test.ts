// The snapshot keeps figures and notes in SQLite's `ORDER BY source_id, quote_start, id` (and each figure's provinces
// in code order), although the loader reads them in stored order and sorts them itself: the API's order and the
// dataset version depend on it. Reports are imported newest first, so stored order differs from that order.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importAtomically } from '../../src/db/atomic-import.ts';
import { buildDatabaseFile } from '../../src/db/build.ts';
import { openReadOnly } from '../../src/db/client.ts';
import { loadSnapshot } from '../../src/db/load-snapshot.ts';
import { writeSyntheticDatasets } from '../helpers/synthetic-datasets.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nano-order-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('snapshot order', () => {
  it('is the order SQLite sorts figures, their provinces and notes in', async () => {
    const file = path.join(dir, 'db.sqlite');
    buildDatabaseFile(file);
    const later = writeSyntheticDatasets(path.join(dir, 'later'), 600, 10);
    const earlier = writeSyntheticDatasets(path.join(dir, 'earlier'), 600, 0);
    await importAtomically(file, later);
    await importAtomically(file, earlier);

    const db = openReadOnly(file);
    try {
      const c = db.$client;
      const stored = c.prepare('SELECT id FROM figures ORDER BY rowid').pluck().all() as string[];
      const sorted = c
        .prepare('SELECT id FROM figures ORDER BY source_id, quote_start, id')
        .pluck()
        .all() as string[];
      // The case this test is about: stored order is not the sorted one.
      expect(stored).not.toEqual(sorted);

      const snapshot = loadSnapshot(db);
      expect(snapshot.figures.map((f) => f.id)).toEqual(sorted);
      const provinces = c
        .prepare('SELECT figure_id, province_code FROM figure_provinces ORDER BY figure_id, province_code')
        .all() as { figure_id: string; province_code: string }[];
      const byFigure = new Map<string, string[]>();
      for (const row of provinces)
        byFigure.set(row.figure_id, [...(byFigure.get(row.figure_id) ?? []), row.province_code]);
      for (const f of snapshot.figures) expect(f.provinces, f.id).toEqual(byFigure.get(f.id) ?? []);
      expect(snapshot.figures.some((f) => f.provinces.length > 1)).toBe(true);

      const notes = c.prepare('SELECT id FROM notes ORDER BY source_id, quote_start, id').pluck().all();
      expect(notes.length).toBeGreaterThan(0);
      expect(snapshot.notes.map((n) => n.id)).toEqual(notes);
    } finally {
      db.$client.close();
    }
  });
});
