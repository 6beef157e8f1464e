// What the seeded figures imply together, and proof that each consistency check can fail.
import { describe, expect, it } from 'vitest';
import { loadSnapshot } from '../../src/db/load-snapshot.ts';
import {
  type Check,
  combinations,
  combinedStatements,
  consistencyChecks,
  MAX_COMBINATIONS,
  nationalTotal,
  shareRemainder,
} from '../../src/domain/analysis.ts';
import { type ProvinceStats, provinceStats } from '../../src/domain/statistics.ts';
import type { Figure } from '../../src/domain/types.ts';
import { seededDb } from '../helpers/app.ts';

const snapshot = loadSnapshot(seededDb());
const SRC = 'nano-exports-early-2024';
const PERIOD = '2024-early';
const rows = provinceStats(snapshot.figures, snapshot.provinces, PERIOD);

const statsOf = (figures: readonly Figure[]) => provinceStats(figures, snapshot.provinces, PERIOD);

/** The seeded figures with some values changed, by figure id without the source prefix. */
function withValues(changes: Record<string, number>): Figure[] {
  const out = snapshot.figures.map((f) => {
    const short = f.id.slice(SRC.length + 1);
    const value = changes[short];
    return value === undefined ? f : { ...f, value };
  });
  const known = new Set(snapshot.figures.map((f) => f.id.slice(SRC.length + 1)));
  for (const id of Object.keys(changes)) if (!known.has(id)) throw new Error(`no figure ${id}`);
  return out;
}

/** The rows with some fields of some provinces replaced (the provenance is left as it was). */
function withRows(source: readonly ProvinceStats[], changes: Record<string, Partial<ProvinceStats>>) {
  return source.map((r) => ({ ...r, ...changes[r.province.code] }));
}

const resultsOf = (checks: readonly Check[]) => checks.map((c) => [c.id, c.result]);
function check(checks: readonly Check[], id: string): Check {
  const c = checks.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id}: ${checks.map((x) => x.id).join(', ')}`);
  return c;
}

describe('shareRemainder', () => {
  it('leaves 36.2 % (36 to 36.4 given the rounding) to every other province', () => {
    const r = shareRemainder(rows);
    expect(r.sharePercent).toBe(36.2);
    expect(r.interval).toEqual({ low: 36, high: 36.4 });
    expect(r.method).toBe('100 − the sum of the 4 reported shares (9.7 + 20.9 + 25.9 + 7.3 = 63.8)');
  });

  it('is 100 % when no share is known', () => {
    const r = shareRemainder([]);
    expect(r.sharePercent).toBe(100);
    expect(r.interval).toEqual({ low: 100, high: 100 });
  });
});

describe('nationalTotal', () => {
  const total = nationalTotal(rows);

  it('uses the 4 provinces with both a value and a share', () => {
    expect(total.pairs.map((p) => p.row.province.code)).toEqual(['IR-00', 'IR-06', 'IR-10', 'IR-18']);
  });

  it('gives each pair its implied total, exactly', () => {
    expect(
      total.pairs.map((p) => [p.row.province.code, p.pointUsd, p.interval.low, p.interval.high]),
    ).toEqual([
      ['IR-00', 144_329_897, 138_461_538, 150_259_068],
      ['IR-06', 143_540_670, 140_811_455, 146_282_974],
      ['IR-10', 144_787_645, 144_315_992, 145_261_122],
      ['IR-18', 143_835_616, 142_176_870, 145_517_242],
    ]);
  });

  it('puts the national total between 144,315,992 and 145,261,122 USD', () => {
    expect(total.interval).toEqual({ low: 144_315_992, high: 145_261_122 });
    expect(total.midpointUsd).toBe(144_788_557);
    expect(total.method).toContain('value ÷ (share / 100)');
  });

  it('has no interval when the pairs do not overlap', () => {
    const bad = nationalTotal(statsOf(withValues({ 'markazi-value': 20_000_000 })));
    expect(bad.pairs).toHaveLength(4);
    expect(bad.interval).toBeNull();
    expect(bad.midpointUsd).toBeNull();
  });

  it('has no pairs and no interval without figures', () => {
    const empty = nationalTotal([]);
    expect(empty.pairs).toEqual([]);
    expect(empty.interval).toBeNull();
    expect(empty.midpointUsd).toBeNull();
  });
});

describe('combinedStatements', () => {
  const [combined, ...others] = combinedStatements(snapshot.figures, rows);

  it('finds the one combined statement: Isfahan + Khuzestan "more than 67 million"', () => {
    expect(others).toEqual([]);
    expect(combined?.statement.id).toBe(`${SRC}/isfahan-khuzestan-combined-value`);
    expect(combined?.statement.comparator).toBe('gt');
    expect(combined?.statement.value).toBe(67_000_000);
    expect(combined?.parts.map((p) => p.province.code)).toEqual(['IR-06', 'IR-10']);
  });

  it('holds as shown: 30 M + 37.5 M = 67.5 M', () => {
    expect(combined?.computed).toBe(67_500_000);
    expect(combined?.holds).toBe(true);
  });

  it('does not hold with the other reading: 30 M + 37 M = 67 M', () => {
    expect(combined?.combinations).toHaveLength(2);
    const [, other] = combined?.combinations ?? [];
    expect(other?.sum).toBe(67_000_000);
    expect(other?.atStatedValues).toBe('fails');
    expect(other?.figures.map((f) => f.id)).toEqual([
      `${SRC}/khuzestan-value`,
      `${SRC}/isfahan-value-line-4`,
    ]);
  });

  it('cannot be computed when a part is unknown', () => {
    const noKhuzestan = snapshot.figures.filter((f) => f.id !== `${SRC}/khuzestan-value`);
    const [s] = combinedStatements(noKhuzestan, statsOf(noKhuzestan));
    expect(s?.computed).toBeNull();
    expect(s?.holds).toBeNull();
    expect(s?.combinations).toEqual([]);
  });
});

describe('consistencyChecks on the seeded figures', () => {
  const checks = consistencyChecks(snapshot.figures, rows);

  it('gives exactly these checks and results', () => {
    expect(resultsOf(checks)).toEqual([
      ['readings/IR-10/export_value_usd', 'warn'],
      [`combined/${SRC}/isfahan-khuzestan-combined-value`, 'warn'],
      ['implied-total/IR-00', 'pass'],
      ['implied-total/IR-06', 'pass'],
      ['implied-total/IR-10', 'pass'],
      ['implied-total/IR-18', 'pass'],
      ['implied-total/all', 'pass'],
      ['ranks-vs-values', 'pass'],
      ['ranks-vs-shares', 'pass'],
      ['ranks-sequence', 'pass'],
      ['shares-sum', 'pass'],
    ]);
  });

  it('says the report disagrees with itself on Isfahan', () => {
    const c = check(checks, 'readings/IR-10/export_value_usd');
    expect(c.message).toBe(
      `The report disagrees with itself: 37500000 (${SRC}, line 5); 37000000 (${SRC}, line 4). ` +
        'Shown: 37500000, by the reading rule.',
    );
    expect(c.figures.map((f) => f.id)).toEqual([
      `${SRC}/isfahan-value-line-5`,
      `${SRC}/isfahan-value-line-4`,
    ]);
  });

  it('explains the combined statement with both combinations', () => {
    const c = check(checks, `combined/${SRC}/isfahan-khuzestan-combined-value`);
    expect(c.message).toBe(
      'Khuzestan + Isfahan as shown sum to 67500000, which agrees with "more than 67000000" at the stated values; ' +
        'within their rounding (66950000 to 68050000) it may hold. With 30000000 (line 4) + 37000000 (line 4) = ' +
        '67000000, it does not hold at the stated values; within their rounding (66000000 to 68000000) it may hold.',
    );
  });

  it('says of the combined statement both what holds at the stated values and what the rounding allows', () => {
    const c = check(checks, `combined/${SRC}/isfahan-khuzestan-combined-value`);
    // Shown: 30 M (± 0.5 M) + 37.5 M (± 0.05 M) = 67.5 M, anywhere in [66.95 M, 68.05 M]: "> 67 M" may hold.
    expect([c.result, c.atStatedValues, c.withinRounding]).toEqual(['warn', 'holds', 'possible']);
    expect(
      c.combinations.map((k) => ({
        figures: k.figures.map((f) => f.id.slice(SRC.length + 1)),
        sum: k.sum,
        interval: k.interval,
        atStatedValues: k.atStatedValues,
        withinRounding: k.withinRounding,
      })),
    ).toEqual([
      {
        figures: ['khuzestan-value', 'isfahan-value-line-5'],
        sum: 67_500_000,
        interval: { low: 66_950_000, high: 68_050_000 },
        atStatedValues: 'holds',
        withinRounding: 'possible',
      },
      {
        // 30 M (± 0.5 M) + 37 M (± 0.5 M) = 67 M, anywhere in [66 M, 68 M]: fails as stated, may hold.
        figures: ['khuzestan-value', 'isfahan-value-line-4'],
        sum: 67_000_000,
        interval: { low: 66_000_000, high: 68_000_000 },
        atStatedValues: 'fails',
        withinRounding: 'possible',
      },
    ]);
  });

  it('gives every check both verdicts, worked by hand', () => {
    expect(
      checks.map((c) => [c.id, c.result, c.atStatedValues, c.withinRounding, c.combinations.length]),
    ).toEqual([
      // 37 M [36.5, 37.5] and 37.5 M [37.45, 37.55] differ but overlap in [37.45, 37.5].
      ['readings/IR-10/export_value_usd', 'warn', 'fails', 'possible', 0],
      [`combined/${SRC}/isfahan-khuzestan-combined-value`, 'warn', 'holds', 'possible', 2],
      // The pairs' point totals differ (144,787,645 ≠ 143,540,670 …) but their intervals overlap.
      ['implied-total/IR-00', 'pass', 'fails', 'possible', 0],
      ['implied-total/IR-06', 'pass', 'fails', 'possible', 0],
      ['implied-total/IR-10', 'pass', 'fails', 'possible', 0],
      ['implied-total/IR-18', 'pass', 'fails', 'possible', 0],
      ['implied-total/all', 'pass', 'fails', 'possible', 0],
      // [37.45, 37.55] M > [29.5, 30.5] M > [13.5, 14.5] M > [10.45, 10.55] M: no rounding can reorder them.
      ['ranks-vs-values', 'pass', 'holds', 'certain', 0],
      ['ranks-vs-shares', 'pass', 'holds', 'certain', 0],
      ['ranks-sequence', 'pass', 'holds', 'certain', 0],
      // 63.8 %, at most 64.0 % given the rounding.
      ['shares-sum', 'pass', 'holds', 'certain', 0],
    ]);
  });

  it('states the order and the shares in the messages', () => {
    expect(check(checks, 'ranks-vs-values').message).toBe(
      'Ranks 1, 2, 4, 5 have values 37500000 ≥ 30000000 ≥ 14000000 ≥ 10500000.',
    );
    expect(check(checks, 'ranks-vs-shares').message).toBe(
      'Ranks 1, 2, 4, 5 have shares 25.9 ≥ 20.9 ≥ 9.7 ≥ 7.3.',
    );
    expect(check(checks, 'ranks-sequence').message).toBe('Ranks 1 to 5, each once.');
    expect(check(checks, 'shares-sum').message).toBe(
      'The reported shares add up to 63.8 %, leaving 36.2 % to all other provinces.',
    );
    expect(check(checks, 'implied-total/all').message).toBe(
      'All 4 pairs allow a national total between 144,315,992 USD and 145,261,122 USD.',
    );
  });
});

describe('each consistency check can fail', () => {
  it('readings: passes when every reading of a field agrees', () => {
    const checks = consistencyChecks(
      snapshot.figures,
      statsOf(withValues({ 'isfahan-value-line-4': 37_500_000 })),
    );
    const c = check(checks, 'readings/IR-10/export_value_usd');
    expect(c.result).toBe('pass');
    expect(c.message).toMatch(/^All readings agree: /);
  });

  it('combined: fails when the parts as shown contradict the statement', () => {
    const figures = withValues({ 'khuzestan-value': 20_000_000 });
    const checks = consistencyChecks(figures, statsOf(figures));
    const c = check(checks, `combined/${SRC}/isfahan-khuzestan-combined-value`);
    expect(c.result).toBe('fail');
    expect(c.message).toContain('sum to 57500000, which contradicts "more than 67000000"');
  });

  it('combined: passes when every combination holds', () => {
    const figures = withValues({ 'khuzestan-value': 31_000_000 });
    const checks = consistencyChecks(figures, statsOf(figures));
    expect(check(checks, `combined/${SRC}/isfahan-khuzestan-combined-value`).result).toBe('pass');
  });

  it('implied-total: fails for a pair that no other pair overlaps, and for all together', () => {
    const figures = withValues({ 'markazi-value': 20_000_000 });
    const checks = consistencyChecks(figures, statsOf(figures));
    const markazi = check(checks, 'implied-total/IR-00');
    expect(markazi.result).toBe('fail');
    expect(markazi.message).toContain('they do not overlap');
    expect(check(checks, 'implied-total/all').result).toBe('fail');
    expect(check(checks, 'implied-total/all').message).toBe(
      'The pairs imply national totals that no single total can satisfy.',
    );
  });

  it('implied-total: when the other pairs disagree among themselves, compares with each of them', () => {
    const figures = withValues({ 'markazi-value': 20_000_000 });
    const checks = consistencyChecks(figures, statsOf(figures));
    const isfahan = check(checks, 'implied-total/IR-10');
    expect(isfahan.result).toBe('fail');
    expect(isfahan.message).toContain(
      'the other pairs disagree among themselves, and this pair does not overlap every one of them.',
    );
  });

  it('ranks-vs-values: fails when a lower rank has a larger value', () => {
    const swapped = withRows(rows, { 'IR-00': { valueUsd: 10_500_000 }, 'IR-18': { valueUsd: 14_000_000 } });
    const checks = consistencyChecks(snapshot.figures, swapped);
    const c = check(checks, 'ranks-vs-values');
    expect(c.result).toBe('fail');
    expect(c.message).toBe('Out of order: Bushehr (rank 5).');
    expect(check(checks, 'ranks-vs-shares').result).toBe('pass');
  });

  it('ranks-vs-shares: fails when a lower rank has a larger share', () => {
    const swapped = withRows(rows, { 'IR-06': { sharePercent: 26 } });
    const checks = consistencyChecks(snapshot.figures, swapped);
    const c = check(checks, 'ranks-vs-shares');
    expect(c.result).toBe('fail');
    expect(c.message).toBe('Out of order: Khuzestan (rank 2).');
    expect(check(checks, 'ranks-vs-values').result).toBe('pass');
  });

  it('ranks-sequence: warns about a rank given twice or a gap', () => {
    const twice = consistencyChecks(snapshot.figures, withRows(rows, { 'IR-18': { rank: 4 } }));
    expect(check(twice, 'ranks-sequence').result).toBe('warn');
    expect(check(twice, 'ranks-sequence').message).toBe('Ranks given: 1, 2, 3, 4, 4.');
    const gap = consistencyChecks(snapshot.figures, withRows(rows, { 'IR-18': { rank: 7 } }));
    expect(check(gap, 'ranks-sequence').result).toBe('warn');
    expect(check(gap, 'ranks-sequence').message).toBe('Ranks given: 1, 2, 3, 4, 7.');
  });

  it('shares-sum: warns when the rounded shares exceed 100 % by less than their rounding', () => {
    // 62.2 + 20.9 + 9.7 + 7.3 = 100.1; the lowest the true shares can be is 99.9.
    const figures = withValues({ 'isfahan-share': 62.2 });
    const checks = consistencyChecks(figures, statsOf(figures));
    const c = check(checks, 'shares-sum');
    expect(c.result).toBe('warn');
    expect(c.message).toBe('The reported shares add up to 100.1 %, leaving -0.1 % to all other provinces.');
  });

  it('shares-sum: fails when the shares exceed 100 % whatever their rounding', () => {
    // 70 + 20.9 + 9.7 + 7.3 = 107.9
    const figures = withValues({ 'isfahan-share': 70 });
    const checks = consistencyChecks(figures, statsOf(figures));
    const c = check(checks, 'shares-sum');
    expect(c.result).toBe('fail');
    expect(c.message).toBe('The reported shares add up to 107.9 %, leaving -7.9 % to all other provinces.');
  });

  it('shares-sum: passes at exactly 100 %', () => {
    const figures = withValues({ 'isfahan-share': 62.1 });
    const checks = consistencyChecks(figures, statsOf(figures));
    expect(check(checks, 'shares-sum').result).toBe('pass');
  });
});

describe('each verdict within rounding can be reached', () => {
  const verdicts = (figures: readonly Figure[], id: string) => {
    const c = check(consistencyChecks(figures, statsOf(figures)), id);
    return [c.result, c.atStatedValues, c.withinRounding];
  };
  const combined = `combined/${SRC}/isfahan-khuzestan-combined-value`;

  it('readings: impossible when their intervals do not meet', () => {
    // 35 M [34.5, 35.5] and 37.5 M [37.45, 37.55]
    expect(
      verdicts(withValues({ 'isfahan-value-line-4': 35_000_000 }), 'readings/IR-10/export_value_usd'),
    ).toEqual(['warn', 'fails', 'impossible']);
    // the same value twice, to the same step: the same interval
    expect(
      verdicts(withValues({ 'isfahan-value-line-4': 37_500_000 }), 'readings/IR-10/export_value_usd'),
    ).toEqual(['pass', 'holds', 'possible']);
  });

  it('combined: impossible when even the largest sum is not more than the statement; certain when the least is', () => {
    // 20 M + 37.5 M: at most 20.5 M + 37.55 M = 58.05 M
    expect(verdicts(withValues({ 'khuzestan-value': 20_000_000 }), combined)).toEqual([
      'fail',
      'fails',
      'impossible',
    ]);
    // 31 M + 37.5 M: at least 30.5 M + 37.45 M = 67.95 M > 67 M
    const figures = withValues({ 'khuzestan-value': 31_000_000 });
    const c = check(consistencyChecks(figures, statsOf(figures)), combined);
    expect([c.result, c.atStatedValues, c.withinRounding]).toEqual(['pass', 'holds', 'certain']);
    // 31 M + 37 M = 68 M, anywhere in [67 M, 69 M]: 67 M itself is not more than 67 M
    expect(c.combinations[1]).toMatchObject({
      sum: 68_000_000,
      interval: { low: 67_000_000, high: 69_000_000 },
      atStatedValues: 'holds',
      withinRounding: 'possible',
    });
  });

  it('implied-total: impossible when the pairs cannot share a total', () => {
    expect(verdicts(withValues({ 'markazi-value': 20_000_000 }), 'implied-total/all')).toEqual([
      'fail',
      'fails',
      'impossible',
    ]);
  });

  it('ranks-vs-values: out of order as stated but possible within rounding, or impossible', () => {
    // Markazi 10 M [9.5, 10.5] above Bushehr 10.5 M [10.45, 10.55]: 10.47 M ≥ 10.46 M would do.
    expect(verdicts(withValues({ 'markazi-value': 10_000_000 }), 'ranks-vs-values')).toEqual([
      'fail',
      'fails',
      'possible',
    ]);
    // Markazi 9 M [8.5, 9.5] above Bushehr [10.45, 10.55]: no rounding fixes it.
    expect(verdicts(withValues({ 'markazi-value': 9_000_000 }), 'ranks-vs-values')).toEqual([
      'fail',
      'fails',
      'impossible',
    ]);
  });

  it('shares-sum: possible when only the rounding brings the shares under 100 %, impossible beyond it', () => {
    expect(verdicts(withValues({ 'isfahan-share': 62.2 }), 'shares-sum')).toEqual([
      'warn',
      'fails',
      'possible',
    ]);
    expect(verdicts(withValues({ 'isfahan-share': 70 }), 'shares-sum')).toEqual([
      'fail',
      'fails',
      'impossible',
    ]);
  });
});

describe('combinations', () => {
  it('lists one item from each list, the last list fastest, up to a limit', () => {
    expect(
      combinations<number | string>([
        [1, 2],
        ['a', 'b', 'c'],
      ]),
    ).toEqual([
      [1, 'a'],
      [1, 'b'],
      [1, 'c'],
      [2, 'a'],
      [2, 'b'],
      [2, 'c'],
    ]);
    expect(
      combinations<number | string>(
        [
          [1, 2],
          ['a', 'b', 'c'],
        ],
        4,
      ),
    ).toEqual([
      [1, 'a'],
      [1, 'b'],
      [1, 'c'],
      [2, 'a'],
    ]);
    expect(combinations([])).toEqual([[]]);
    expect(combinations([[1], []])).toEqual([]);
  });

  it('stops at the limit however many combinations there are (2^31 here)', () => {
    const lists = Array.from({ length: 31 }, (_, i) => [i, -i]);
    expect(combinations(lists, MAX_COMBINATIONS + 1)).toHaveLength(MAX_COMBINATIONS + 1);
  });
});
