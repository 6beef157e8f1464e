// What the figures of one period imply together: shares with their remainder, the national total, and the checks.

import { formatUsd } from './format.ts';
import {
  type ImpliedTotal,
  type Interval,
  impliedTotal,
  intersect,
  overlaps,
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
   * Every other combination of the parts' readings, and whether the statement holds for it: at most
   * MAX_COMBINATIONS of them, in order.
   */
  otherCombinations: { figures: Figure[]; sum: number; holds: boolean }[];
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
      const chosenIds = parts.map((p) => p.provenance[field].figure?.id);
      const otherCombinations = known
        ? combinations(readingLists, MAX_COMBINATIONS + 1)
            .filter((combo) => combo.some((f, i) => f.id !== chosenIds[i]))
            .slice(0, MAX_COMBINATIONS)
            .map((combo) => {
              const sum = sumDecimals(combo.map((f) => f.value));
              return { figures: combo, sum, holds: statementHolds(statement, sum) };
            })
        : [];
      return {
        statement,
        parts,
        computed,
        holds: computed === null ? null : statementHolds(statement, computed),
        otherCombinations,
      };
    });
}

export type CheckResult = 'pass' | 'warn' | 'fail';

export interface Check {
  id: string;
  description: string;
  result: CheckResult;
  message: string;
  figures: Figure[];
}

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

function statementChecks(statements: readonly CombinedStatement[]): Check[] {
  return statements.map((s) => {
    const names = s.parts.map((p) => p.province.names.en).join(' + ');
    const said = `${s.statement.comparator === 'gt' ? 'more than ' : ''}${s.statement.value}`;
    const failing = s.otherCombinations.filter((c) => !c.holds);
    let result: CheckResult = 'pass';
    let message: string;
    if (s.computed === null) {
      message = `A part is unknown, so "${said}" cannot be tested.`;
    } else {
      message = `${names} as shown sum to ${s.computed}, which ${s.holds ? 'agrees with' : 'contradicts'} "${said}".`;
      if (!s.holds) result = 'fail';
      else if (failing.length > 0) result = 'warn';
      for (const c of s.otherCombinations) {
        message += ` With ${c.figures.map((f) => `${f.value} (${lineOf(f)})`).join(' + ')} = ${c.sum}, it ${c.holds ? 'holds' : 'does not hold'}.`;
      }
    }
    return {
      id: `combined/${s.statement.id}`,
      description: `Does the combined statement on ${lineOf(s.statement)} ("${said}" for ${names}) match its parts?`,
      result,
      message,
      figures: [
        s.statement,
        ...s.otherCombinations.flatMap((c) => c.figures),
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
    return {
      id: `implied-total/${pair.row.province.code}`,
      description: `Does ${name}'s value and share imply the same national total as the other provinces' pairs?`,
      result: ok ? 'pass' : 'fail',
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
  return {
    id: `ranks-vs-${what}`,
    description: `Do the ranks order the provinces by their ${what}, largest first?`,
    result: breaks.length === 0 ? 'pass' : 'fail',
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
