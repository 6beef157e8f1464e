// The questions routes and presenters ask of a store: lookups that throw one problem each, and the filtering and
// sorting of the lists. Routes only parse, call these, present and represent (as fastify/demo keeps repositories).
import { coverageOf, emptyRow } from '../domain/coverage.ts';
import type { ProvinceStats } from '../domain/statistics.ts';
import type { Figure, Lang, Period, Province, Source } from '../domain/types.ts';
import { badParameter, notFound } from '../http/problem.ts';
import type { DataStore, PeriodView } from './data-store.ts';

/**
 * The province a name means (code, slug or any spelling); otherwise refused with the closest provinces ("Did you mean
 * Isfahan?"), the same words wherever the name was typed: a 404 in a path, a 400 naming the parameter in a query.
 */
export function provinceOrThrow(
  store: DataStore,
  name: string,
  lang: Lang,
  where: { in: 'path' } | { in: 'query'; parameter: string },
): Province {
  const province = store.index.find(name);
  if (province) return province;
  const suggestions = store.index
    .suggest(name)
    .map(({ province: p }) => ({ code: p.code, slug: p.slug, name: p.names[lang] }));
  const hint = suggestions.length ? ` Did you mean ${suggestions.map((s) => s.name).join(', ')}?` : '';
  const words = `no province matches "${name}".${hint} The list is at /v1/provinces.`;
  if (where.in === 'path') throw notFound(`N${words.slice(1)}`, { suggestions });
  throw badParameter(where.parameter, words, 'query', { suggestions });
}

/** The provinces of a comma-separated list (`province=IR-10,khuzestan`); any unknown one is a 400. */
export function provincesOrThrow(
  store: DataStore,
  list: string,
  lang: Lang,
  parameter: string,
): Set<Province> {
  const found = new Set<Province>();
  for (const item of list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    found.add(provinceOrThrow(store, item, lang, { in: 'query', parameter }));
  }
  return found;
}

/** A source by id, with how many figures and notes it gives. Unknown: 404 in a path, 400 in a query parameter. */
export function sourceOrThrow(
  store: DataStore,
  id: string,
  where: { in: 'path' } | { in: 'query'; parameter: string },
): { source: Source; figures: number; notes: number } {
  const found = store.source(id);
  if (found) return found;
  if (where.in === 'query')
    throw badParameter(where.parameter, `no source has the id "${id}"; the list is at /v1/sources`);
  throw notFound(`No source has the id "${id}". The list is at /v1/sources.`);
}

export type SortKey =
  | 'rank'
  | '-rank'
  | 'valueUsd'
  | '-valueUsd'
  | 'sharePercent'
  | '-sharePercent'
  | 'name'
  | '-name'
  | 'code'
  | '-code';

/** Sorts rows by a key; unknown values always last, whatever the direction; ties by province code. */
export function sortRows(rows: readonly ProvinceStats[], sort: SortKey): ProvinceStats[] {
  const desc = sort.startsWith('-');
  const key = (desc ? sort.slice(1) : sort) as 'rank' | 'valueUsd' | 'sharePercent' | 'name' | 'code';
  const value = (r: ProvinceStats): number | string | null =>
    key === 'name' ? r.province.names.en : key === 'code' ? r.province.code : r[key];
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === vb ? 0 : va === null ? 1 : -1;
    const cmp = typeof va === 'string' ? va.localeCompare(String(vb)) : va - (vb as number);
    return (desc ? -cmp : cmp) || a.province.code.localeCompare(b.province.code);
  });
}

/** The ranked provinces of a period, rank 1 first. */
export const rankedRows = (view: PeriodView): ProvinceStats[] =>
  sortRows(
    view.rows.filter((row) => row.rank !== null),
    'rank',
  );

/** The provinces of a period with a reported share, largest first. */
export const sharedRows = (view: PeriodView): ProvinceStats[] =>
  sortRows(
    view.rows.filter((row) => row.sharePercent !== null),
    '-sharePercent',
  );

export interface ExportsFilter {
  province?: string | undefined;
  coverage?: string | undefined;
  minValueUsd?: number | undefined;
  maxValueUsd?: number | undefined;
  minShare?: number | undefined;
  maxShare?: number | undefined;
  minRank?: number | undefined;
  maxRank?: number | undefined;
  sort: SortKey;
}

/** The rows of /v1/exports: filtered and sorted (paging is the route's). */
export function exportRows(
  store: DataStore,
  view: PeriodView,
  q: ExportsFilter,
  lang: Lang,
): ProvinceStats[] {
  const only = q.province === undefined ? null : provincesOrThrow(store, q.province, lang, 'province');
  const wanted = q.coverage === undefined ? null : new Set(q.coverage.split(','));
  // With a province or coverage filter, provinces without figures are rows too (null figures, and why).
  const candidates =
    only === null && wanted === null
      ? view.rows
      : store.snapshot.provinces.map(
          (p) => view.rows.find((row) => row.province === p) ?? emptyRow(p, view.period.id),
        );
  const within = (v: number | null, min?: number, max?: number) =>
    (min === undefined && max === undefined) ||
    (v !== null && (min === undefined || v >= min) && (max === undefined || v <= max));
  const rows = candidates.filter(
    (row) =>
      (only === null || only.has(row.province)) &&
      (wanted === null || wanted.has(coverageOf(view, row.province.code))) &&
      within(row.valueUsd, q.minValueUsd, q.maxValueUsd) &&
      within(row.sharePercent, q.minShare, q.maxShare) &&
      within(row.rank, q.minRank, q.maxRank),
  );
  return sortRows(rows, q.sort);
}

export interface FiguresFilter {
  period?: string | undefined;
  province?: string | undefined;
  measure?: Figure['measure'] | undefined;
  source?: string | undefined;
}

/** The figures of /v1/figures: filtered, in period order, then in the snapshot's order (source, position in text). */
export function figureRows(
  store: DataStore,
  q: FiguresFilter,
  lang: Lang,
): { figures: Figure[]; period: Period | null; sources: Source[] } {
  const period = q.period === undefined ? null : store.period(q.period);
  const province =
    q.province === undefined
      ? null
      : provinceOrThrow(store, q.province, lang, { in: 'query', parameter: 'province' });
  if (q.source !== undefined) sourceOrThrow(store, q.source, { in: 'query', parameter: 'source' });
  const order = new Map(store.snapshot.periods.map((p, i) => [p.id, i]));
  // One period's figures come from the store's grouping: scanning every figure for each period asked made the
  // self-check's request per period cost the whole dataset (quadratic in the number of periods).
  const pool = period === null ? store.snapshot.figures : store.figuresOf(period.id);
  const figures = pool
    .filter(
      (f) =>
        (period === null || f.periodId === period.id) &&
        (province === null || f.provinces.includes(province.code)) &&
        (q.measure === undefined || f.measure === q.measure) &&
        (q.source === undefined || f.sourceId === q.source),
    )
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (order.get(a.f.periodId) ?? 0) - (order.get(b.f.periodId) ?? 0) || a.i - b.i)
    .map(({ f }) => f);
  const sourceIds = new Set(figures.map((f) => f.sourceId));
  return { figures, period, sources: store.snapshot.sources.filter((s) => sourceIds.has(s.id)) };
}
