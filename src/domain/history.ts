// A province across periods, with the change from each period to the next as a derived figure.
import { clean } from './intervals.ts';
import type { ProvinceStats } from './statistics.ts';

export interface Change {
  from: number;
  to: number;
  absolute: number;
  /** Relative change in percent (2 decimals); null when the earlier figure is 0. */
  percent: number | null;
}

/** The change between two figures, or null when either is unknown. */
export function change(from: number | null, to: number | null): Change | null {
  if (from === null || to === null) return null;
  return {
    from,
    to,
    absolute: clean(to - from),
    percent: from === 0 ? null : Math.round(((to - from) / from) * 10000) / 100,
  };
}

export interface HistoryPoint {
  periodId: string;
  row: ProvinceStats | null;
  /** The period before this one, or null for the first. */
  previousPeriodId: string | null;
  change: { valueUsd: Change | null; sharePercent: Change | null; rank: Change | null };
}

/** One point per period (oldest first), whether or not the province has figures in it. */
export function provinceHistory(
  periods: readonly { periodId: string; rows: readonly ProvinceStats[] }[],
  code: string,
) {
  const points: HistoryPoint[] = [];
  let previous: ProvinceStats | null = null;
  let previousPeriodId: string | null = null;
  for (const { periodId, rows } of periods) {
    const row = rows.find((r) => r.province.code === code) ?? null;
    points.push({
      periodId,
      row,
      previousPeriodId,
      change: {
        valueUsd: change(previous?.valueUsd ?? null, row?.valueUsd ?? null),
        sharePercent: change(previous?.sharePercent ?? null, row?.sharePercent ?? null),
        rank: change(previous?.rank ?? null, row?.rank ?? null),
      },
    });
    previous = row;
    previousPeriodId = periodId;
  }
  return points;
}
