// The payloads of the statistics routes (exports, rankings, shares, summary, checks), from a period's view.

import type { Coverage } from '../domain/coverage.ts';
import { type ProvinceStats, READING_RULE } from '../domain/statistics.ts';
import type { Lang } from '../domain/types.ts';
import type { PeriodView } from '../store/data-store.ts';
import { exportRowOf, figureRefOf, metaOf, provenanceOf, provinceRefOf } from './present.ts';

export interface Page {
  total: number;
  limit: number;
  offset: number;
}

export function exportsPayload(
  view: PeriodView,
  rows: readonly ProvinceStats[],
  lang: Lang,
  page: Page,
  coverage: (code: string) => Coverage,
) {
  return {
    data: rows.map((row) => exportRowOf(row, lang, coverage(row.province.code))),
    meta: { ...metaOf(view, lang), page, readingRule: READING_RULE },
  };
}

export function rankingsPayload(view: PeriodView, ranked: readonly ProvinceStats[], lang: Lang) {
  return {
    data: ranked.map((row) => exportRowOf(row, lang)),
    meta: { ...metaOf(view, lang), readingRule: READING_RULE },
  };
}

/** Every reported share, largest first, and one derived row for all other provinces, adding up to 100. */
export function sharesPayload(view: PeriodView, reported: readonly ProvinceStats[], lang: Lang) {
  const unknownNames = view.rows
    .filter((row) => row.sharePercent === null)
    .map((row) => row.province.names[lang]);
  const { remainder } = view;
  const rows = [
    ...reported.map((row) => ({
      province: provinceRefOf(row.province, lang),
      label: row.province.names[lang],
      sharePercent: row.sharePercent as number,
      basis: 'reported' as const,
      provenance: provenanceOf(row.provenance.sharePercent),
    })),
    {
      province: null,
      label: `All other provinces${unknownNames.length ? ` (including ${unknownNames.join(', ')})` : ''}`,
      sharePercent: remainder.sharePercent,
      basis: 'derived' as const,
      provenance: {
        basis: 'derived' as const,
        method: remainder.method,
        figureId: null,
        quote: null,
        interval: {
          ...remainder.interval,
          method: 'from the intervals the rounding of each reported share allows',
        },
        alternatives: [],
      },
    },
  ];
  const totalPercent = Math.round(rows.reduce((acc, row) => acc + row.sharePercent * 1000, 0)) / 1000;
  return { data: rows, meta: { ...metaOf(view, lang), totalPercent } };
}

export function summaryPayload(view: PeriodView, provinceCount: number, lang: Lang) {
  const { total, remainder, rows } = view;
  const known = rows.filter((row) => row.sharePercent !== null);
  return {
    data: {
      impliedNationalTotal: {
        basis: 'derived' as const,
        method: total.method,
        lowUsd: total.interval?.low ?? null,
        highUsd: total.interval?.high ?? null,
        midpointUsd: total.midpointUsd,
        pairs: total.pairs.map((p) => ({
          province: provinceRefOf(p.row.province, lang),
          valueUsd: p.row.valueUsd as number,
          sharePercent: p.row.sharePercent as number,
          pointUsd: p.pointUsd,
          lowUsd: p.interval.low,
          highUsd: p.interval.high,
        })),
      },
      combinedStatements: view.statements.map((s) => ({
        provinces: s.parts.map((p) => provinceRefOf(p.province, lang)),
        statement: figureRefOf(s.statement),
        computedUsd: s.computed,
        agrees: s.holds,
        computedInterval: s.combinations[0]?.interval ?? null,
        withinRounding: s.combinations[0]?.withinRounding ?? null,
        otherCombinations: s.combinations.slice(1).map((c) => ({
          figureIds: c.figures.map((f) => f.id),
          sumUsd: c.sum,
          agrees: c.atStatedValues === 'holds',
          interval: c.interval,
          withinRounding: c.withinRounding,
        })),
      })),
      knownShares: {
        count: known.length,
        sumPercent: Math.round((100 - remainder.sharePercent) * 1000) / 1000,
        remainderPercent: remainder.sharePercent,
        remainderBounds: { ...remainder.interval, method: remainder.method },
      },
      coverage: {
        provinces: provinceCount,
        mentioned: view.mentioned.size,
        withValue: rows.filter((row) => row.valueUsd !== null).length,
        withShare: known.length,
        withRank: rows.filter((row) => row.rank !== null).length,
      },
      readingRule: READING_RULE,
    },
    meta: metaOf(view, lang),
  };
}

export function checksPayload(view: PeriodView, lang: Lang, result: 'pass' | 'warn' | 'fail' | undefined) {
  const counts = { pass: 0, warn: 0, fail: 0 };
  for (const c of view.checks) counts[c.result]++;
  return {
    data: view.checks
      .filter((c) => result === undefined || c.result === result)
      .map((c) => ({
        ...c,
        figures: c.figures.map(figureRefOf),
        combinations: c.combinations.map((k) => ({ ...k, figures: k.figures.map(figureRefOf) })),
      })),
    meta: { ...metaOf(view, lang), counts },
  };
}
