// Why a province has the figures it has in a period: reported, ranked without a figure (Tehran), named without a
// figure (East Azerbaijan, Yazd, Alborz, Qazvin), or not mentioned at all.
import type { ProvinceStats } from './statistics.ts';
import type { Province } from './types.ts';

export const COVERAGE = [
  'reported',
  'ranked-without-figure',
  'named-without-figure',
  'not-mentioned',
] as const;
export type Coverage = (typeof COVERAGE)[number];

export const COVERAGE_RULE =
  '`reported`: the reports give its export value or share; `ranked-without-figure`: they give its rank only; ' +
  '`named-without-figure`: they name it (in a note or a combined statement) with no figure of its own; ' +
  '`not-mentioned`: they do not name it.';

interface CoverageView {
  rows: readonly ProvinceStats[];
  mentioned: ReadonlySet<string>;
}

export function coverageOf(view: CoverageView, code: string): Coverage {
  const row = view.rows.find((r) => r.province.code === code);
  if (row && (row.valueUsd !== null || row.sharePercent !== null)) return 'reported';
  if (row && row.rank !== null) return 'ranked-without-figure';
  if (view.mentioned.has(code)) return 'named-without-figure';
  return 'not-mentioned';
}

/** The row of a province the period gives no figure for: every field null and unknown. */
export function emptyRow(province: Province, periodId: string): ProvinceStats {
  const unknown = () => ({
    basis: 'unknown' as const,
    method: null,
    figure: null,
    interval: null,
    alternatives: [],
  });
  return {
    province,
    periodId,
    valueUsd: null,
    sharePercent: null,
    rank: null,
    provenance: { valueUsd: unknown(), sharePercent: unknown(), rank: unknown() },
  };
}
