// The statistics of one period: the value, share and rank shown for each province, with where each comes from.

import { formatUsd } from './format.ts';
import {
  type Interval,
  type RankEntry,
  rankBounds,
  statedInterval,
  widenTo,
  widenToWholeDollars,
} from './intervals.ts';
import { MEASURE_INFO, MEASURES, type Measure, type MeasureField } from './measures.ts';
import type { Figure, Province } from './types.ts';

export const READING_RULE =
  'When the reports state the same measure for the same province and period more than once, the API shows the ' +
  'reading that agrees at the stated values with every other statement (such as a combined "more than" total); among ' +
  'those, the most precise (smallest rounding step); then the first stated (sources taken in alphabetical order of ' +
  'their id, then each in the order of its text). The other readings are listed as alternatives, and /v1/checks ' +
  'reports them. Within their rounding more than one reading may agree (37 + 30 million may be more than 67 million ' +
  'when 37 is 37.4): /v1/checks says for every combination of readings what holds at the stated values ' +
  '(atStatedValues) and what the rounding allows (withinRounding).';

export type Basis = 'reported' | 'derived' | 'unknown';

export interface Alternative {
  figure: Figure;
  agreesWithOtherStatements: boolean;
}

export interface Bounds extends Interval {
  method: string;
}

export interface FieldProvenance {
  basis: Basis;
  method: string | null;
  figure: Figure | null;
  /** Reported: the interval the rounding allows. Unknown: bounds derived from other figures, when there are any. */
  interval: Bounds | null;
  alternatives: Alternative[];
}

export interface ProvinceStats {
  province: Province;
  periodId: string;
  valueUsd: number | null;
  sharePercent: number | null;
  rank: number | null;
  provenance: Record<MeasureField, FieldProvenance>;
}

/** Does a combined statement ("more than 67 million") hold for this sum of its parts? */
export function statementHolds(statement: Figure, sum: number): boolean {
  if (statement.comparator === 'gt') return sum > statement.value;
  const half = (statement.resolution ?? 0) / 2;
  return Math.abs(sum - statement.value) <= half;
}

/** The most precise reading, then the first stated: the tie-breaks of READING_RULE. */
function byPrecision(a: Figure, b: Figure): number {
  return (a.resolution ?? 0) - (b.resolution ?? 0);
}

/**
 * A period's figures by province and measure, built once: single-province readings (most precise first, then as
 * stated) and the combined statements each province takes part in. Lookups replace a scan of every figure per reading.
 */
export interface FigureIndex {
  singles: Map<string, Figure[]>;
  statements: Map<string, Figure[]>;
}

const keyOf = (code: string, measure: Measure) => `${code}\u0000${measure}`;

export function indexFigures(figures: readonly Figure[]): FigureIndex {
  const singles = new Map<string, Figure[]>();
  const statements = new Map<string, Figure[]>();
  const add = (map: Map<string, Figure[]>, key: string, f: Figure) => {
    const list = map.get(key);
    if (list) list.push(f);
    else map.set(key, [f]);
  };
  for (const f of figures) {
    if (f.provinces.length === 1) add(singles, keyOf(f.provinces[0] as string, f.measure), f);
    else for (const code of new Set(f.provinces)) add(statements, keyOf(code, f.measure), f);
  }
  for (const list of singles.values()) list.sort(byPrecision); // stable: ties stay in stated order
  return { singles, statements };
}

/** Whether a reading agrees with every combined statement it takes part in, the other parts at their best reading. */
export function agreesWithStatements(
  candidate: Figure,
  figures: readonly Figure[],
  index: FigureIndex = indexFigures(figures),
): boolean {
  const code = candidate.provinces[0] as string;
  const statements = index.statements.get(keyOf(code, candidate.measure)) ?? [];
  return statements.every((statement) => {
    let sum = candidate.value;
    for (const other of statement.provinces) {
      if (other === code) continue;
      const best = index.singles.get(keyOf(other, candidate.measure))?.[0];
      if (!best) return true; // a part is unknown: the statement cannot be tested
      sum += best.value;
    }
    return statementHolds(statement, sum);
  });
}

/** Applies READING_RULE to the readings of one measure for one province. */
export function chooseReading(
  readings: readonly Figure[],
  figures: readonly Figure[],
  index: FigureIndex = indexFigures(figures),
): { chosen: Figure; alternatives: Alternative[] } | null {
  if (readings.length === 0) return null;
  const judged = readings.map((figure) => ({ figure, agrees: agreesWithStatements(figure, figures, index) }));
  const order = [...judged].sort(
    (a, b) => Number(b.agrees) - Number(a.agrees) || byPrecision(a.figure, b.figure),
  );
  const [first, ...rest] = order as [(typeof order)[number], ...typeof order];
  return {
    chosen: first.figure,
    alternatives: rest.map((r) => ({ figure: r.figure, agreesWithOtherStatements: r.agrees })),
  };
}

const unknownField = (): FieldProvenance => ({
  basis: 'unknown',
  method: null,
  figure: null,
  interval: null,
  alternatives: [],
});

/**
 * One row per province that any figure of the period is about (alone), in ISO code order. Unknown values and
 * shares of ranked provinces get bounds from their neighbours in the ranking; they are never filled in.
 */
export function provinceStats(figures: readonly Figure[], provinces: readonly Province[], periodId: string) {
  const rows: ProvinceStats[] = [];
  const index = indexFigures(figures);
  // A province's own readings in stated order (index.singles is sorted by precision; chooseReading sorts itself).
  const ownOf = new Map<string, Figure[]>();
  for (const f of figures) {
    if (f.provinces.length !== 1) continue;
    const code = f.provinces[0] as string;
    const list = ownOf.get(code);
    if (list) list.push(f);
    else ownOf.set(code, [f]);
  }
  for (const province of provinces) {
    const own = ownOf.get(province.code);
    if (!own) continue;
    const row: ProvinceStats = {
      province,
      periodId,
      valueUsd: null,
      sharePercent: null,
      rank: null,
      provenance: { valueUsd: unknownField(), sharePercent: unknownField(), rank: unknownField() },
    };
    for (const measure of MEASURES) {
      const picked = chooseReading(
        own.filter((f) => f.measure === measure),
        figures,
        index,
      );
      if (!picked) continue;
      const field = MEASURE_INFO[measure].field;
      const { chosen } = picked;
      row[field] = chosen.value;
      const iv = statedInterval(chosen.value, chosen.resolution);
      row.provenance[field] = {
        basis: 'reported',
        method: null,
        figure: chosen,
        interval:
          chosen.resolution === null
            ? null
            : {
                ...iv,
                method: `stated to the nearest ${chosen.resolution}: the true figure lies in this interval`,
              },
        alternatives: picked.alternatives,
      };
    }
    rows.push(row);
  }
  addRankBounds(rows);
  return rows;
}

/** Each row's reported value and share as the intervals their rounding allows, for rankBounds. */
export function rankEntriesOf(rows: readonly ProvinceStats[]): RankEntry[] {
  const intervalOf = (r: ProvinceStats, field: 'valueUsd' | 'sharePercent') =>
    r[field] === null ? null : (r.provenance[field].interval ?? { low: r[field], high: r[field] });
  return rows.map((r) => ({
    key: r.province.code,
    rank: r.rank,
    value: intervalOf(r, 'valueUsd'),
    share: intervalOf(r, 'sharePercent'),
  }));
}

/** How a bound's ends were found to be reached, in words. */
function attainedWords(low: boolean, high: boolean): string {
  if (low && high) {
    return 'Both ends are attained: each is the figure of one set of true figures that fits every rounded figure of the period, the ranking and the 100 % cap.';
  }
  if (low || high) {
    return `The ${low ? 'low' : 'high'} end is attained by true figures that fit every rounded figure; the ${low ? 'high' : 'low'} end is sound but may not be reached.`;
  }
  return 'Both ends are sound; they may not be reached.';
}

/**
 * A ranked province with no value or share (Tehran, 3rd) lies between the nearest ranked neighbours that have one:
 * not between their stated figures but within what their rounding allows, narrowed by the national total the
 * value/share pairs imply and by the 100 % cap (rankBounds). Widened outward to whole dollars and 0.001 points.
 */
function addRankBounds(rows: ProvinceStats[]): void {
  const ranked = rows.filter((r) => r.rank !== null).sort((a, b) => (a.rank as number) - (b.rank as number));
  if (!ranked.some((r) => r.valueUsd === null || r.sharePercent === null)) return;
  const entries = rankEntriesOf(rows);
  const intervalOf = (r: ProvinceStats, field: 'valueUsd' | 'sharePercent') =>
    r.provenance[field].interval ?? { low: r[field] as number, high: r[field] as number };
  for (const row of ranked) {
    if (row.valueUsd !== null && row.sharePercent !== null) continue;
    const bounds = rankBounds(entries, row.province.code);
    const total = bounds.total ? widenToWholeDollars(bounds.total) : null;
    for (const field of ['valueUsd', 'sharePercent'] as const) {
      if (row[field] !== null) continue;
      const above = ranked
        .filter((r) => (r.rank as number) < (row.rank as number) && r[field] !== null)
        .at(-1);
      const below = ranked.find((r) => (r.rank as number) > (row.rank as number) && r[field] !== null);
      if (!above || !below) continue;
      const isValue = field === 'valueUsd';
      const exact = isValue ? bounds.value : bounds.share;
      if (!exact) continue;
      const { low, high } = widenTo(exact, isValue ? 1 : 0.001);
      const show = (n: number) => (isValue ? formatUsd(n) : `${n} %`);
      const hi = intervalOf(above, field);
      const lo = intervalOf(below, field);
      const share = widenTo(bounds.share ?? { low: 0, high: 100 }, 0.001);
      const via =
        total === null
          ? ''
          : isValue
            ? ` A value is also its share (${share.low} % to ${share.high} %) × the national total (${formatUsd(total.low)} to ${formatUsd(total.high)}) that the value/share pairs imply.`
            : ` A share is also its value ÷ the national total (${formatUsd(total.low)} to ${formatUsd(total.high)}) that the value/share pairs imply, and at most 100 − the least every other province can hold.`;
      const att = isValue
        ? attainedWords(bounds.attained.valueLow !== null, bounds.attained.valueHigh !== null)
        : attainedWords(bounds.attained.shareLow !== null, bounds.attained.shareHigh !== null);
      row.provenance[field].interval = {
        low,
        high,
        method:
          `Derived from the ranking and the rounding: rank ${row.rank} lies between rank ${above.rank} ` +
          `(${above.province.names.en}, ${show(above[field] as number)}, at most ${show(hi.high)} given its rounding) ` +
          `and rank ${below.rank} (${below.province.names.en}, ${show(below[field] as number)}, at least ${show(lo.low)}).` +
          `${via} So it lies between ${show(low)} and ${show(high)}. ${att}`,
      };
    }
  }
}
