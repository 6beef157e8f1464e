// The data the API serves, computed once per snapshot, and the bounded cache of rendered responses built from it.
import { LRUCache } from 'lru-cache';
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

/** A response as it is sent: rendered, validated and hashed once, then served from memory. */
export interface Representation {
  body: Buffer;
  etag: string;
  /** The 200's headers: only those the representation defines (an allow-list; see plugins/representation.ts). */
  headers: Record<string, string>;
  /** The 304's headers. */
  notModified: Record<string, string>;
}

export class DataStore {
  snapshot!: Snapshot;
  /** The dataset version: a content hash of the snapshot (see store/dataset-version.ts). */
  version!: string;
  index!: ProvinceIndex;
  private views = new Map<string, PeriodView>();
  /** Rendered responses by normalized request (route, parsed parameters, negotiated format and language). */
  readonly responses: LRUCache<string, Representation>;

  constructor(snapshot: Snapshot, cacheEntries: number) {
    this.responses = new LRUCache({ max: Math.max(1, cacheEntries) });
    this.replace(snapshot);
  }

  /** Swaps in new data; every cached response (and so every ETag) built from the old data is dropped. */
  replace(snapshot: Snapshot): void {
    this.snapshot = snapshot;
    this.version = datasetVersion(snapshot);
    this.index = new ProvinceIndex(snapshot.provinces);
    this.views = new Map();
    this.responses.clear();
  }

  get latestPeriod(): Period | undefined {
    return this.snapshot.periods.at(-1);
  }

  /** The period asked for, or the latest; an unknown id is a 404 problem. */
  period(id: string | undefined): Period {
    const period = id === undefined ? this.latestPeriod : this.snapshot.periods.find((p) => p.id === id);
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
    const figures = this.snapshot.figures.filter((f) => f.periodId === period.id);
    const notes = this.snapshot.notes.filter((n) => n.periodId === period.id);
    const rows = provinceStats(figures, this.snapshot.provinces, period.id);
    const view: PeriodView = {
      period,
      sources: this.snapshot.sources.filter((s) => s.periodId === period.id),
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
