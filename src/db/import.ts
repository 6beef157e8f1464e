// Importing one report dataset file into an existing database: validated completely, then written in one transaction.

import { eq } from './drizzle.ts';
import { periods, provinces, sources } from './schema.ts';
import { DatasetError, loadDatasetFile, writeReport } from './seed.ts';
import type { WritableDb } from './writable.ts';

export type ImportOutcome =
  | { status: 'imported'; sourceId: string; figures: number; notes: number }
  | { status: 'replaced'; sourceId: string; figures: number; notes: number }
  | { status: 'unchanged'; sourceId: string };

/**
 * Imports a dataset file. A report already present with the same text is left alone; one whose text changed is
 * refused unless `replace` is set. Any problem throws DatasetError (naming the entry) before anything is written.
 */
export function importReport(db: WritableDb, file: string, { replace = false } = {}): ImportOutcome {
  const codes = new Set(
    db
      .select({ code: provinces.code })
      .from(provinces)
      .all()
      .map((p) => p.code),
  );
  const loaded = loadDatasetFile(file, codes);
  const { source, period } = loaded.dataset;

  const existing = db.select().from(sources).where(eq(sources.id, source.id)).get();
  if (existing && existing.textSha256 === loaded.textSha256 && !replace) {
    return { status: 'unchanged', sourceId: source.id };
  }
  if (existing && !replace) {
    throw new DatasetError(file, [
      {
        entry: 'source.id',
        problem: `a report "${source.id}" with a different text (sha256 ${existing.textSha256}) is already imported; use --replace to replace it`,
      },
    ]);
  }
  const knownPeriod = db.select().from(periods).where(eq(periods.id, period.id)).get();
  if (
    knownPeriod &&
    (knownPeriod.labelEn !== period.label ||
      knownPeriod.year !== period.year ||
      knownPeriod.sortKey !== period.sortKey)
  ) {
    throw new DatasetError(file, [
      {
        entry: 'period',
        problem: `period "${period.id}" already exists as "${knownPeriod.labelEn}" (${knownPeriod.year}, sort key ${knownPeriod.sortKey}); a report must describe it the same way`,
      },
    ]);
  }

  db.$client.transaction(() => {
    // Figures, their provinces and notes go with their source (ON DELETE CASCADE).
    if (existing) db.delete(sources).where(eq(sources.id, source.id)).run();
    writeReport(db, loaded);
    // A replaced report may have been the last one of its old period.
    if (existing && existing.periodId !== period.id) {
      const left = db.select().from(sources).where(eq(sources.periodId, existing.periodId)).all();
      if (left.length === 0) db.delete(periods).where(eq(periods.id, existing.periodId)).run();
    }
  })();
  return {
    status: existing ? 'replaced' : 'imported',
    sourceId: source.id,
    figures: loaded.dataset.figures.length,
    notes: loaded.dataset.notes.length,
  };
}
