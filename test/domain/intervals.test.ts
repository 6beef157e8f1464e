// Rounded figures as intervals, and the national totals that value/share pairs imply.
import { describe, expect, it } from 'vitest';
import {
  clean,
  feasibleWorld,
  type Interval,
  impliedTotal,
  intersect,
  overlaps,
  type RankEntry,
  rankBounds,
  statedInterval,
  subtractDecimals,
  sumDecimals,
  type World,
  widenTo,
  widenToWholeDollars,
} from '../../src/domain/intervals.ts';

describe('statedInterval', () => {
  it('takes a value stated to 0.1 million as ± 0.05 million', () => {
    expect(statedInterval(37_500_000, 100_000)).toEqual({ low: 37_450_000, high: 37_550_000 });
  });

  it('takes a value stated to the million as ± 0.5 million', () => {
    expect(statedInterval(14_000_000, 1_000_000)).toEqual({ low: 13_500_000, high: 14_500_000 });
  });

  it('has no floating-point noise for shares', () => {
    const i = statedInterval(25.9, 0.1);
    expect(i.low).toBe(25.85);
    expect(i.high).toBe(25.95);
    expect(statedInterval(9.7, 0.1)).toEqual({ low: 9.65, high: 9.75 });
    expect(statedInterval(7.3, 0.1)).toEqual({ low: 7.25, high: 7.35 });
    expect(statedInterval(20.9, 0.1)).toEqual({ low: 20.85, high: 20.95 });
  });

  it('is a single point without a resolution', () => {
    expect(statedInterval(3, null)).toEqual({ low: 3, high: 3 });
  });
});

describe('clean', () => {
  it('drops binary noise below 1e-9', () => {
    expect(25.9 - 0.05).not.toBe(25.85);
    expect(clean(25.9 - 0.05)).toBe(25.85);
    expect(clean(0.1 + 0.2)).toBe(0.3);
  });
});

describe('intersect and overlaps', () => {
  it('intersects overlapping intervals', () => {
    expect(
      intersect([
        { low: 1, high: 10 },
        { low: 5, high: 20 },
        { low: 0, high: 8 },
      ]),
    ).toEqual({ low: 5, high: 8 });
  });

  it('keeps a single point where intervals only touch', () => {
    expect(
      intersect([
        { low: 1, high: 5 },
        { low: 5, high: 9 },
      ]),
    ).toEqual({ low: 5, high: 5 });
  });

  it('returns null for disjoint intervals', () => {
    expect(
      intersect([
        { low: 1, high: 4 },
        { low: 5, high: 9 },
      ]),
    ).toBeNull();
  });

  it('returns null for no intervals', () => {
    expect(intersect([])).toBeNull();
  });

  it('returns a single interval unchanged', () => {
    expect(intersect([{ low: 2, high: 3 }])).toEqual({ low: 2, high: 3 });
  });

  it('tells whether two intervals overlap', () => {
    expect(overlaps({ low: 1, high: 5 }, { low: 5, high: 9 })).toBe(true);
    expect(overlaps({ low: 5, high: 9 }, { low: 1, high: 5 })).toBe(true);
    expect(overlaps({ low: 1, high: 4 }, { low: 5, high: 9 })).toBe(false);
    expect(overlaps({ low: 6, high: 9 }, { low: 1, high: 5 })).toBe(false);
  });
});

describe('widenToWholeDollars', () => {
  it('rounds the low end down and the high end up', () => {
    expect(widenToWholeDollars({ low: 10.2, high: 11.2 })).toEqual({ low: 10, high: 12 });
    expect(widenToWholeDollars({ low: 10, high: 11 })).toEqual({ low: 10, high: 11 });
  });
});

describe('impliedTotal', () => {
  it('Markazi: 14 M (± 0.5 M) at 9.7 % (± 0.05)', () => {
    expect(impliedTotal(14_000_000, 1_000_000, 9.7, 0.1)).toEqual({
      pointUsd: 144_329_897,
      interval: { low: 138_461_538, high: 150_259_068 },
    });
  });

  it('Isfahan: 37.5 M (± 0.05 M) at 25.9 % (± 0.05)', () => {
    expect(impliedTotal(37_500_000, 100_000, 25.9, 0.1)).toEqual({
      pointUsd: 144_787_645,
      interval: { low: 144_315_992, high: 145_261_122 },
    });
  });

  it('Khuzestan: 30 M (± 0.5 M) at 20.9 % (± 0.05)', () => {
    expect(impliedTotal(30_000_000, 1_000_000, 20.9, 0.1)).toEqual({
      pointUsd: 143_540_670,
      interval: { low: 140_811_455, high: 146_282_974 },
    });
  });

  it('Bushehr: 10.5 M (± 0.05 M) at 7.3 % (± 0.05)', () => {
    expect(impliedTotal(10_500_000, 100_000, 7.3, 0.1)).toEqual({
      pointUsd: 143_835_616,
      interval: { low: 142_176_870, high: 145_517_242 },
    });
  });

  it('is a single point when neither figure is rounded', () => {
    expect(impliedTotal(50, null, 25, null)).toEqual({ pointUsd: 200, interval: { low: 200, high: 200 } });
  });
});

describe('sumDecimals and subtractDecimals', () => {
  it('adds the four reported shares to exactly 63.8', () => {
    expect(sumDecimals([25.9, 20.9, 9.7, 7.3])).toBe(63.8);
    expect(sumDecimals([7.3, 9.7, 20.9, 25.9])).toBe(63.8);
  });

  it('has no binary floating-point noise', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumDecimals([0.1, 0.2])).toBe(0.3);
    expect(1.1 + 2.2).not.toBe(3.3);
    expect(sumDecimals([1.1, 2.2])).toBe(3.3);
    expect(0.3 - 0.1).not.toBe(0.2);
    expect(subtractDecimals(0.3, 0.1)).toBe(0.2);
  });

  it('leaves exactly 36.2 for the rest', () => {
    expect(subtractDecimals(100, 63.8)).toBe(36.2);
  });

  it('adds the top two shares to 46.8 and the two values to 67.5 M', () => {
    expect(sumDecimals([25.9, 20.9])).toBe(46.8);
    expect(sumDecimals([37_500_000, 30_000_000])).toBe(67_500_000);
  });

  it('is 0 for no values', () => {
    expect(sumDecimals([])).toBe(0);
  });

  it('rounds to the requested number of decimals', () => {
    expect(sumDecimals([0.1234, 0.0001], 4)).toBe(0.1235);
    expect(sumDecimals([0.12, 0.12], 1)).toBe(0.2);
    expect(subtractDecimals(1, 0.75, 1)).toBe(0.2);
  });
});

describe('rankBounds and feasibleWorld', () => {
  const point = (x: number) => ({ low: x, high: x });
  // The seed as intervals: Isfahan 37.5 M (± 0.05 M) at 25.9 %, Khuzestan 30 M (± 0.5 M) at 20.9 %, Tehran ranked
  // 3rd with nothing else, Markazi 14 M (± 0.5 M) at 9.7 %, Bushehr 10.5 M (± 0.05 M) at 7.3 % (shares ± 0.05).
  const seed: RankEntry[] = [
    {
      key: 'IR-10',
      rank: 1,
      value: { low: 37_450_000, high: 37_550_000 },
      share: { low: 25.85, high: 25.95 },
    },
    {
      key: 'IR-06',
      rank: 2,
      value: { low: 29_500_000, high: 30_500_000 },
      share: { low: 20.85, high: 20.95 },
    },
    { key: 'IR-23', rank: 3, value: null, share: null },
    { key: 'IR-00', rank: 4, value: { low: 13_500_000, high: 14_500_000 }, share: { low: 9.65, high: 9.75 } },
    { key: 'IR-18', rank: 5, value: { low: 10_450_000, high: 10_550_000 }, share: { low: 7.25, high: 7.35 } },
  ];

  it("bounds Tehran by its neighbours' rounding, narrowed by the national total, every end attained", () => {
    const b = rankBounds(seed, 'IR-23');
    // T from 37.45 M ÷ 25.95 % to 37.55 M ÷ 25.85 %
    expect(b.total?.low).toBeCloseTo(144_315_992.29, 1);
    expect(b.total?.high).toBeCloseTo(145_261_121.86, 1);
    // value: 9.65 % × T low (above Markazi's 13.5 M) to 20.95 % × T high (below Khuzestan's 30.5 M)
    expect(b.value?.low).toBeCloseTo(13_926_493.26, 1);
    expect(b.value?.high).toBeCloseTo(30_432_205.03, 1);
    expect(widenTo(b.value as Interval, 1)).toEqual({ low: 13_926_493, high: 30_432_206 });
    expect(b.share).toEqual({ low: 9.65, high: 20.95 });
    // The high value is reached: T at its largest, Khuzestan and Tehran both at 20.95 %.
    const w = b.attained.valueHigh as World;
    expect(w.totalUsd).toBeCloseTo(145_261_121.86, 1);
    expect(w.sharePercent.get('IR-23')).toBeCloseTo(20.95, 9);
    expect(w.sharePercent.get('IR-06')).toBeCloseTo(20.95, 9);
    expect(w.sharePercent.get('IR-10')).toBeCloseTo(25.85, 9);
    expect(b.attained.valueLow?.sharePercent.get('IR-23')).toBeCloseTo(9.65, 9);
    expect(b.attained.valueLow?.totalUsd).toBeCloseTo(144_315_992.29, 1);
    expect(b.attained.shareLow).not.toBeNull();
    expect(b.attained.shareHigh).not.toBeNull();
  });

  it('caps a share at 100 − the least the others hold, and says when that cap is not reached', () => {
    // A (1st) 20 to 60 %, B (2nd) unknown, C (3rd) 10 %, D (unranked) 40 % = 40 M, so T = 100 M.
    const entries: RankEntry[] = [
      { key: 'A', rank: 1, value: null, share: { low: 20, high: 60 } },
      { key: 'B', rank: 2, value: null, share: null },
      { key: 'C', rank: 3, value: null, share: point(10) },
      { key: 'D', rank: null, value: point(40_000_000), share: point(40) },
    ];
    const b = rankBounds(entries, 'B');
    // 100 − (20 + 10 + 40) = 30 is sound; the true largest is 25 (A ≥ B and A + B ≤ 50), so 30 is not attained.
    expect(b.share).toEqual({ low: 10, high: 30 });
    expect(b.attained.shareHigh).toBeNull();
    expect(b.value).toEqual({ low: 10_000_000, high: 30_000_000 });
    expect(b.attained.valueHigh).toBeNull();
    // 10 % is reached: A 20, B 10, C 10, D 40.
    expect([...(b.attained.shareLow as World).sharePercent]).toEqual([
      ['C', 10],
      ['B', 10],
      ['A', 20],
      ['D', 40],
    ]);
  });

  it('finds no world where the ranking and the figures conflict', () => {
    const entries: RankEntry[] = [
      { key: 'A', rank: 1, value: null, share: point(10) },
      { key: 'B', rank: 2, value: null, share: point(20) },
    ];
    expect(feasibleWorld(entries, 100_000_000)).toBeNull();
    expect(feasibleWorld(entries.slice(0, 1), 100_000_000)?.sharePercent.get('A')).toBe(10);
  });
});
