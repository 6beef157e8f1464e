// The data the API serves: one load of the database, with what is computed from it once.
import {
  type Check,
  combinedStatements,
  consistencyChecks,
  nationalTotal,
  shareRemainder,
} from '../domain/analysis.ts';
import { ProvinceIndex } from '../domain/names.ts';
import { type ProvinceStats, provinceStats } from '../domain/statistics.ts';
import type { Figure, Note, Period, Snapshot, Source } from '../domain/types.ts';
import { notFound } from '../http/problem.ts';
import { datasetVersion } from './dataset-version.ts';

/** Everything about one period, computed when first asked for and kept until the data changes. */
export interface PeriodView {
  period: Period;
  sources: Source[];
  figures: Figure[];
  notes: Note[];
  rows: ProvinceStats[];
  checks: Check[];
  total: ReturnType<typeof nationalTotal>;
  remainder: ReturnType<typeof shareRemainder>;
  statements: ReturnType<typeof combinedStatements>;
  /** Codes of the provinces the period's reports mention (in a figure or a note). */
  mentioned: Set<string>;
}

/**
 * One load of the database, whole and unchanging: a reload builds a new store and swaps the reference to it (see
 * app.ts), so nothing is ever copied from one store into another. Period views are computed when first asked for
 * and kept with the store they belong to.
 */
export class DataStore {
  readonly snapshot: Snapshot;
  /** The dataset version: a content hash of the snapshot (see store/dataset-version.ts). */
  readonly version: string;
  readonly index: ProvinceIndex;
  private readonly views = new Map<string, PeriodView>();
  /** The snapshot's records by period, grouped once so that a view costs the size of its period only. */
  private readonly byPeriod = new Map<string, { sources: Source[]; figures: Figure[]; notes: Note[] }>();
  private readonly periodsById: Map<string, Period>;
  private readonly sourcesById: Map<string, { source: Source; figures: number; notes: number }>;

  constructor(snapshot: Snapshot) {
    this.snapshot = snapshot;
    this.version = datasetVersion(snapshot);
    this.index = new ProvinceIndex(snapshot.provinces);
    this.periodsById = new Map(snapshot.periods.map((p) => [p.id, p]));
    const group = (periodId: string) => {
      let g = this.byPeriod.get(periodId);
      if (!g) {
        g = { sources: [], figures: [], notes: [] };
        this.byPeriod.set(periodId, g);
      }
      return g;
    };
    this.sourcesById = new Map(
      snapshot.sources.map((source) => [source.id, { source, figures: 0, notes: 0 }]),
    );
    for (const s of snapshot.sources) group(s.periodId).sources.push(s);
    for (const f of snapshot.figures) {
      group(f.periodId).figures.push(f);
      const counted = this.sourcesById.get(f.sourceId);
      if (counted) counted.figures++;
    }
    for (const n of snapshot.notes) {
      group(n.periodId).notes.push(n);
      const counted = this.sourcesById.get(n.sourceId);
      if (counted) counted.notes++;
    }
  }

  /** A source by id, with how many figures and notes it gives. */
  source(id: string): { source: Source; figures: number; notes: number } | undefined {
    return this.sourcesById.get(id);
  }

  /** The figures of a period, in the snapshot's order (source, position in its text). */
  figuresOf(periodId: string): Figure[] {
    return this.byPeriod.get(periodId)?.figures ?? [];
  }

  /** The sources of a period, in id order. */
  sourcesOf(periodId: string): Source[] {
    return this.byPeriod.get(periodId)?.sources ?? [];
  }

  get latestPeriod(): Period | undefined {
    return this.snapshot.periods.at(-1);
  }

  /** The period asked for, or the latest; an unknown id is a 404 problem. */
  period(id: string | undefined): Period {
    const period = id === undefined ? this.latestPeriod : this.periodsById.get(id);
    if (!period) {
      const known = this.snapshot.periods.map((p) => p.id).join(', ') || 'none';
      throw notFound(
        id === undefined
          ? 'The database holds no period.'
          : `Unknown period "${id}". Known periods: ${known}.`,
      );
    }
    return period;
  }

  view(periodId: string | undefined): PeriodView {
    const period = this.period(periodId);
    const cached = this.views.get(period.id);
    if (cached) return cached;
    const { sources = [], figures = [], notes = [] } = this.byPeriod.get(period.id) ?? {};
    const rows = provinceStats(figures, this.snapshot.provinces, period.id);
    const view: PeriodView = {
      period,
      sources,
      figures,
      notes,
      rows,
      checks: consistencyChecks(figures, rows),
      total: nationalTotal(rows),
      remainder: shareRemainder(rows),
      statements: combinedStatements(figures, rows),
      mentioned: new Set([...figures.flatMap((f) => f.provinces), ...notes.map((n) => n.province)]),
    };
    this.views.set(period.id, view);
    return view;
  }
}
