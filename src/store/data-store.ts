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
import { type Encoded, heldBytes } from '../http/content-coding.ts';
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
 * A response as it is sent: rendered, validated and hashed once, with its br and gzip variants made once (see
 * http/content-coding.ts), then served from memory.
 */
export type Representation = Encoded;

/** The bounds of the cache of rendered responses: both hold, whichever is reached first. */
export interface ResponseCacheBounds {
  entries: number;
  bytes: number;
}

/** What a variant costs besides its body (key, ETag, header objects), counted against the byte bound. */
const REPRESENTATION_OVERHEAD_BYTES = 1024;

export class DataStore {
  snapshot!: Snapshot;
  /** The dataset version: a content hash of the snapshot (see store/dataset-version.ts). */
  version!: string;
  index!: ProvinceIndex;
  private views = new Map<string, PeriodView>();
  /** The snapshot's records by period, grouped once per snapshot so that a view costs the size of its period only. */
  private byPeriod = new Map<string, { sources: Source[]; figures: Figure[]; notes: Note[] }>();
  private periodsById = new Map<string, Period>();
  private sourcesById = new Map<string, { source: Source; figures: number; notes: number }>();
  /** Rendered responses by normalized request (route, parsed parameters, negotiated format and language). */
  readonly responses: LRUCache<string, Representation>;

  constructor(snapshot: Snapshot, cache: ResponseCacheBounds) {
    this.responses = new LRUCache({
      max: Math.max(1, cache.entries),
      maxSize: Math.max(1, cache.bytes),
      // Every variant's body plus its headers, roughly; lru-cache keeps nothing whose size exceeds maxSize.
      sizeCalculation: (rep) => heldBytes(rep, REPRESENTATION_OVERHEAD_BYTES),
    });
    this.replace(snapshot);
  }

  /** Swaps in new data; every cached response (and so every ETag) built from the old data is dropped. */
  replace(snapshot: Snapshot): void {
    this.snapshot = snapshot;
    this.version = datasetVersion(snapshot);
    this.index = new ProvinceIndex(snapshot.provinces);
    this.views = new Map();
    this.periodsById = new Map(snapshot.periods.map((p) => [p.id, p]));
    this.byPeriod = new Map();
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
    this.responses.clear();
  }

  /**
   * Takes over what another store built from new data (a reload's checked candidate): its snapshot, version, indexes
   * and the responses it rendered and validated, so that the swap itself computes nothing (the version hash and the
   * self-check's renders took seconds at 100,000 figures, and would hold the event loop that serves requests).
   */
  adopt(other: DataStore): void {
    this.snapshot = other.snapshot;
    this.version = other.version;
    this.index = other.index;
    this.views = other.views;
    this.periodsById = other.periodsById;
    this.byPeriod = other.byPeriod;
    this.sourcesById = other.sourcesById;
    this.responses.clear();
    // Least recently used first, so that the most recent stays the most recent here too.
    // (lru-cache types its entries as (K | V)[]; they are [key, value] pairs.)
    for (const entry of other.responses.rentries()) {
      const [key, rep] = entry as [string, Representation];
      this.responses.set(key, rep);
    }
  }

  /** A source by id, with how many figures and notes it gives. */
  source(id: string): { source: Source; figures: number; notes: number } | undefined {
    return this.sourcesById.get(id);
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
