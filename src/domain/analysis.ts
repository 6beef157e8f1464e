// What the figures of one period imply together: shares with their remainder, the national total, and the checks.

import { formatUsd } from './format.ts';
import {
  type ImpliedTotal,
  type Interval,
  impliedTotal,
  intersect,
  overlaps,
  statedInterval,
  subtractDecimals,
  sumDecimals,
} from './intervals.ts';
import { type ProvinceStats, statementHolds } from './statistics.ts';
import type { Figure } from './types.ts';

export interface Remainder {
  sharePercent: number;
  interval: Interval;
  method: string;
}

/** What every province without a reported share holds together: 100 − the sum of the reported shares. */
export function shareRemainder(rows: readonly ProvinceStats[]): Remainder {
  const known = rows.filter((r) => r.sharePercent !== null);
  const shares = known.map((r) => r.sharePercent as number);
  const sum = sumDecimals(shares);
  const lows = sumDecimals(
    known.map((r) => r.provenance.sharePercent.interval?.low ?? (r.sharePercent as number)),
  );
  const highs = sumDecimals(
    known.map((r) => r.provenance.sharePercent.interval?.high ?? (r.sharePercent as number)),
  );
  return {
    sharePercent: subtractDecimals(100, sum),
    interval: { low: subtractDecimals(100, highs), high: subtractDecimals(100, lows) },
    method: `100 − the sum of the ${known.length} reported shares (${shares.join(' + ')} = ${sum})`,
  };
}

export interface PairEstimate extends ImpliedTotal {
  row: ProvinceStats;
}

export interface NationalTotal {
  pairs: PairEstimate[];
  /** Where every pair's interval allows the total to be; null if they do not overlap. */
  interval: Interval | null;
  midpointUsd: number | null;
  method: string;
}

export const NATIONAL_TOTAL_METHOD =
  'Each province with both a value and a share implies a national total of value ÷ (share / 100). Taking every ' +
  'figure as the interval its rounding allows (a value to its stated step, a share to ±0.05 points), each pair ' +
  'bounds the total; the total lies in the intersection of those bounds, in whole dollars.';

export function nationalTotal(rows: readonly ProvinceStats[]): NationalTotal {
  const pairs = rows
    .filter((r) => r.valueUsd !== null && r.sharePercent !== null)
    .map((row) => ({
      row,
      ...impliedTotal(
        row.valueUsd as number,
        row.provenance.valueUsd.figure?.resolution ?? null,
        row.sharePercent as number,
        row.provenance.sharePercent.figure?.resolution ?? null,
      ),
    }));
  const interval = intersect(pairs.map((p) => p.interval));
  return {
    pairs,
    interval,
    midpointUsd: interval ? Math.round((interval.low + interval.high) / 2) : null,
    method: NATIONAL_TOTAL_METHOD,
  };
}

export interface CombinedStatement {
  statement: Figure;
  parts: ProvinceStats[];
  /** The sum of the parts as shown (by the reading rule); null when a part is unknown. */
  computed: number | null;
  holds: boolean | null;
  /**
   * The combination of readings shown first, then every other (at most MAX_COMBINATIONS of them, in order): each with
   * the interval its rounding allows and both verdicts. Empty when a part is unknown.
   */
  combinations: Combination[];
}

/** Whether a statement holds at the figures' stated values. */
export type AtStatedValues = 'holds' | 'fails';
/**
 * Whether it holds for every true value the rounding allows (`certain`), for some (`possible`) or for none
 * (`impossible`).
 */
export type WithinRounding = 'certain' | 'possible' | 'impossible';

export interface Combination {
  figures: Figure[];
  sum: number;
  /** Every sum the rounding of the figures allows. */
  interval: Interval;
  atStatedValues: AtStatedValues;
  withinRounding: WithinRounding;
}

const verdict = (holds: boolean): AtStatedValues => (holds ? 'holds' : 'fails');

/**
 * A combined statement over every sum in `sum`: "more than X" (X taken as stated) is certain when even the smallest
 * sum exceeds X; "X" (stated to its step) is certain when every sum rounds to it; impossible when no sum does.
 */
export function statementWithinRounding(statement: Figure, sum: Interval): WithinRounding {
  if (statement.comparator === 'gt') {
    return sum.low > statement.value ? 'certain' : sum.high > statement.value ? 'possible' : 'impossible';
  }
  const said = statedInterval(statement.value, statement.resolution);
  if (said.low <= sum.low && sum.high <= said.high) return 'certain';
  return overlaps(said, sum) ? 'possible' : 'impossible';
}

function combinationOf(statement: Figure, figures: Figure[]): Combination {
  const sum = sumDecimals(figures.map((f) => f.value));
  const intervals = figures.map((f) => statedInterval(f.value, f.resolution));
  const interval = {
    low: sumDecimals(intervals.map((i) => i.low)),
    high: sumDecimals(intervals.map((i) => i.high)),
  };
  return {
    figures,
    sum,
    interval,
    atStatedValues: verdict(statementHolds(statement, sum)),
    withinRounding: statementWithinRounding(statement, interval),
  };
}

/**
 * The combinations of readings grow as the product of the readings per part: a statement over 31 provinces with two
 * readings each would have 2^31. Datasets are untrusted, so the enumeration stops here.
 */
export const MAX_COMBINATIONS = 64;

/** The first `limit` combinations (one item from each list), in order, without building the rest. */
export function combinations<T>(lists: readonly (readonly T[])[], limit = Number.POSITIVE_INFINITY): T[][] {
  const out: T[][] = [];
  if (lists.some((l) => l.length === 0)) return lists.length === 0 ? [[]] : out;
  const index = lists.map(() => 0);
  while (out.length < limit) {
    out.push(index.map((i, k) => (lists[k] as readonly T[])[i] as T));
    // Advance like an odometer, the last list fastest (the order the previous reduce produced).
    let k = lists.length - 1;
    while (k >= 0) {
      index[k] = (index[k] as number) + 1;
      if ((index[k] as number) < (lists[k] as readonly T[]).length) break;
      index[k] = 0;
      k--;
    }
    if (k < 0) break;
  }
  return out;
}

/** Statements about several provinces together, set against the sum of their parts. */
export function combinedStatements(
  figures: readonly Figure[],
  rows: readonly ProvinceStats[],
): CombinedStatement[] {
  return figures
    .filter((f) => f.provinces.length > 1)
    .map((statement) => {
      const field = statement.measure === 'export_value_usd' ? 'valueUsd' : 'sharePercent';
      const parts = statement.provinces
        .map((code) => rows.find((r) => r.province.code === code))
        .filter((r): r is ProvinceStats => r !== undefined);
      const known = parts.length === statement.provinces.length && parts.every((p) => p[field] !== null);
      const computed = known ? sumDecimals(parts.map((p) => p[field] as number)) : null;
      const readingLists = parts.map((p) => {
        const prov = p.provenance[field];
        return prov.figure ? [prov.figure, ...prov.alternatives.map((a) => a.figure)] : [];
      });
      const shown = parts.map((p) => p.provenance[field].figure as Figure);
      const others = known
        ? combinations(readingLists, MAX_COMBINATIONS + 1)
            .filter((combo) => combo.some((f, i) => f.id !== shown[i]?.id))
            .slice(0, MAX_COMBINATIONS)
        : [];
      return {
        statement,
        parts,
        computed,
        holds: computed === null ? null : statementHolds(statement, computed),
        combinations: known ? [shown, ...others].map((combo) => combinationOf(statement, combo)) : [],
      };
    });
}

export type CheckResult = 'pass' | 'warn' | 'fail';

export interface Check {
  id: string;
  description: string;
  result: CheckResult;
  /** Whether what the check asks holds at the figures' stated values; null when there is nothing to compute. */
  atStatedValues: AtStatedValues | null;
  /** Whether it holds whatever, for some, or for none of the true values the figures' rounding allows. */
  withinRounding: WithinRounding | null;
  /** For a statement over several figures with several readings: each combination of readings, the shown first. */
  combinations: Combination[];
  message: string;
  figures: Figure[];
}

/** Do intervals (figures as their rounding allows) have a common point, and are they all the same interval? */
function agreement(intervals: readonly Interval[]): WithinRounding {
  const first = intervals[0];
  if (first && intervals.every((i) => i.low === first.low && i.high === first.high)) return 'certain';
  return intersect(intervals) ? 'possible' : 'impossible';
}

const intervalOfFigure = (f: Figure) => statedInterval(f.value, f.resolution);

const lineOf = (f: Figure) => `line ${f.quote.line}`;

function readingChecks(rows: readonly ProvinceStats[]): Check[] {
  const checks: Check[] = [];
  for (const row of rows) {
    for (const field of ['valueUsd', 'sharePercent', 'rank'] as const) {
      const prov = row.provenance[field];
      if (!prov.figure || prov.alternatives.length === 0) continue;
      const all = [prov.figure, ...prov.alternatives.map((a) => a.figure)];
      const distinct = new Set(all.map((f) => f.value)).size;
      const sources = new Set(all.map((f) => f.sourceId));
      const described = all.map((f) => `${f.value} (${f.sourceId}, ${lineOf(f)})`).join('; ');
      checks.push({
        id: `readings/${row.province.code}/${prov.figure.measure}`,
        description: `Do the readings of ${row.province.names.en}'s ${field} in ${row.periodId} agree?`,
        result: distinct > 1 ? 'warn' : 'pass',
        atStatedValues: verdict(distinct === 1),
        withinRounding: agreement(all.map(intervalOfFigure)),
        combinations: [],
        message:
          distinct > 1
            ? `${sources.size > 1 ? 'The sources disagree' : 'The report disagrees with itself'}: ${described}. ` +
              `Shown: ${prov.figure.value}, by the reading rule.`
            : `All readings agree: ${described}.`,
        figures: all,
      });
    }
  }
  return checks;
}

const WITHIN_WORDS: Record<WithinRounding, string> = {
  certain: 'holds for certain',
  possible: 'may hold',
  impossible: 'cannot hold',
};

function statementChecks(statements: readonly CombinedStatement[]): Check[] {
  return statements.map((s) => {
    const names = s.parts.map((p) => p.province.names.en).join(' + ');
    const said = `${s.statement.comparator === 'gt' ? 'more than ' : ''}${s.statement.value}`;
    const failing = s.combinations.slice(1).filter((c) => c.atStatedValues === 'fails');
    let result: CheckResult = 'pass';
    let message: string;
    const shown = s.combinations[0];
    const within = (c: Combination) =>
      `within their rounding (${c.interval.low} to ${c.interval.high}) it ${WITHIN_WORDS[c.withinRounding]}`;
    if (s.computed === null || !shown) {
      message = `A part is unknown, so "${said}" cannot be tested.`;
    } else {
      message =
        `${names} as shown sum to ${s.computed}, which ${s.holds ? 'agrees with' : 'contradicts'} "${said}" at the ` +
        `stated values; ${within(shown)}.`;
      if (!s.holds) result = 'fail';
      else if (failing.length > 0) result = 'warn';
      for (const c of s.combinations.slice(1)) {
        message +=
          ` With ${c.figures.map((f) => `${f.value} (${lineOf(f)})`).join(' + ')} = ${c.sum}, it ` +
          `${c.atStatedValues === 'holds' ? 'holds' : 'does not hold'} at the stated values; ${within(c)}.`;
      }
    }
    return {
      id: `combined/${s.statement.id}`,
      description: `Does the combined statement on ${lineOf(s.statement)} ("${said}" for ${names}) match its parts?`,
      result,
      atStatedValues: shown?.atStatedValues ?? null,
      withinRounding: shown?.withinRounding ?? null,
      combinations: s.combinations,
      message,
      figures: [
        s.statement,
        ...s.combinations.slice(1).flatMap((c) => c.figures),
        ...s.parts.flatMap((p) => {
          const f = p.provenance.valueUsd.figure;
          return f ? [f] : [];
        }),
      ].filter((f, i, all) => all.findIndex((g) => g.id === f.id) === i),
    };
  });
}

function totalChecks(total: NationalTotal): Check[] {
  const checks: Check[] = total.pairs.map((pair) => {
    const otherPairs = total.pairs.filter((p) => p !== pair);
    const others = intersect(otherPairs.map((p) => p.interval));
    // When the other pairs disagree among themselves, compare with each of them in turn.
    const ok = others
      ? overlaps(pair.interval, others)
      : otherPairs.every((p) => overlaps(pair.interval, p.interval));
    const name = pair.row.province.names.en;
    const within = others
      ? agreement([pair.interval, others])
      : otherPairs.length === 0
        ? null
        : ok
          ? 'possible'
          : 'impossible';
    return {
      id: `implied-total/${pair.row.province.code}`,
      description: `Does ${name}'s value and share imply the same national total as the other provinces' pairs?`,
      result: ok ? 'pass' : 'fail',
      atStatedValues:
        otherPairs.length === 0 ? null : verdict(otherPairs.every((p) => p.pointUsd === pair.pointUsd)),
      withinRounding: within,
      combinations: [],
      message:
        `${formatUsd(pair.row.valueUsd as number)} ÷ ${pair.row.sharePercent} % implies ${formatUsd(pair.pointUsd)} ` +
        `(between ${formatUsd(pair.interval.low)} and ${formatUsd(pair.interval.high)} given the rounding)` +
        (others
          ? `; the other pairs allow ${formatUsd(others.low)} to ${formatUsd(others.high)}: ${ok ? 'they overlap' : 'they do not overlap'}.`
          : otherPairs.length === 0
            ? '; there is no other pair to compare with.'
            : `; the other pairs disagree among themselves, and this pair ${ok ? 'overlaps each of them' : 'does not overlap every one of them'}.`),
      figures: [pair.row.provenance.valueUsd.figure, pair.row.provenance.sharePercent.figure].filter(
        (f): f is Figure => f !== null,
      ),
    };
  });
  if (total.pairs.length > 1) {
    checks.push({
      id: 'implied-total/all',
      description: 'Do all value/share pairs together allow one national total?',
      result: total.interval ? 'pass' : 'fail',
      atStatedValues: verdict(total.pairs.every((p) => p.pointUsd === total.pairs[0]?.pointUsd)),
      withinRounding: agreement(total.pairs.map((p) => p.interval)),
      combinations: [],
      message: total.interval
        ? `All ${total.pairs.length} pairs allow a national total between ${formatUsd(total.interval.low)} and ${formatUsd(total.interval.high)}.`
        : 'The pairs imply national totals that no single total can satisfy.',
      figures: total.pairs.flatMap((p) =>
        [p.row.provenance.valueUsd.figure, p.row.provenance.sharePercent.figure].filter(
          (f): f is Figure => f !== null,
        ),
      ),
    });
  }
  return checks;
}

function orderCheck(rows: readonly ProvinceStats[], field: 'valueUsd' | 'sharePercent'): Check {
  const ranked = rows
    .filter((r) => r.rank !== null && r[field] !== null)
    .sort((a, b) => (a.rank as number) - (b.rank as number));
  const breaks = ranked
    .slice(1)
    .filter((r, i) => (r[field] as number) > ((ranked[i] as ProvinceStats)[field] as number));
  const what = field === 'valueUsd' ? 'values' : 'shares';
  const iv = ranked.map(
    (r) => r.provenance[field].interval ?? { low: r[field] as number, high: r[field] as number },
  );
  // Certain when each interval lies wholly above the next one's; possible when no lower rank's interval lies wholly
  // above a higher rank's (intervals on a chain then always allow an ordered choice).
  const certain = iv.slice(1).every((i, k) => i.high <= (iv[k] as Interval).low);
  const possible = iv.every((hi, a) => iv.slice(a + 1).every((lo) => lo.low <= hi.high));
  return {
    id: `ranks-vs-${what}`,
    description: `Do the ranks order the provinces by their ${what}, largest first?`,
    result: breaks.length === 0 ? 'pass' : 'fail',
    atStatedValues: ranked.length < 2 ? null : verdict(breaks.length === 0),
    withinRounding: ranked.length < 2 ? null : certain ? 'certain' : possible ? 'possible' : 'impossible',
    combinations: [],
    message:
      breaks.length === 0
        ? `Ranks ${ranked.map((r) => r.rank).join(', ')} have ${what} ${ranked.map((r) => r[field]).join(' ≥ ')}.`
        : `Out of order: ${breaks.map((r) => `${r.province.names.en} (rank ${r.rank})`).join(', ')}.`,
    figures: ranked.flatMap((r) =>
      [r.provenance.rank.figure, r.provenance[field].figure].filter((f): f is Figure => f !== null),
    ),
  };
}

function rankSequenceCheck(rows: readonly ProvinceStats[]): Check {
  const ranks = rows
    .map((r) => r.rank)
    .filter((r): r is number => r !== null)
    .sort((a, b) => a - b);
  const ok = ranks.every((r, i) => r === i + 1);
  return {
    id: 'ranks-sequence',
    description: 'Are the ranks 1, 2, 3, … with no gap and no rank given twice?',
    result: ok ? 'pass' : 'warn',
    // Ranks are exact: what holds at the stated values holds for certain.
    atStatedValues: ranks.length === 0 ? null : verdict(ok),
    withinRounding: ranks.length === 0 ? null : ok ? 'certain' : 'impossible',
    combinations: [],
    message: ok ? `Ranks 1 to ${ranks.length}, each once.` : `Ranks given: ${ranks.join(', ')}.`,
    figures: rows.map((r) => r.provenance.rank.figure).filter((f): f is Figure => f !== null),
  };
}

function sharesSumCheck(rows: readonly ProvinceStats[], remainder: Remainder): Check {
  const sum = subtractDecimals(100, remainder.sharePercent);
  // The rounded shares may add up to a little over 100 even when the exact ones do not.
  const result: CheckResult = sum <= 100 ? 'pass' : remainder.interval.high >= 0 ? 'warn' : 'fail';
  return {
    id: 'shares-sum',
    description: 'Do the reported shares add up to no more than 100 %?',
    result,
    atStatedValues: verdict(sum <= 100),
    withinRounding:
      remainder.interval.low >= 0 ? 'certain' : remainder.interval.high >= 0 ? 'possible' : 'impossible',
    combinations: [],
    message: `The reported shares add up to ${sum} %, leaving ${remainder.sharePercent} % to all other provinces.`,
    figures: rows.map((r) => r.provenance.sharePercent.figure).filter((f): f is Figure => f !== null),
  };
}

/** Every consistency check the figures of one period allow. */
export function consistencyChecks(figures: readonly Figure[], rows: readonly ProvinceStats[]): Check[] {
  return [
    ...readingChecks(rows),
    ...statementChecks(combinedStatements(figures, rows)),
    ...totalChecks(nationalTotal(rows)),
    orderCheck(rows, 'valueUsd'),
    orderCheck(rows, 'sharePercent'),
    rankSequenceCheck(rows),
    sharesSumCheck(rows, shareRemainder(rows)),
  ];
}
