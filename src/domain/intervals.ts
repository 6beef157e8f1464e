// Rounded figures as intervals, and what the intervals of value/share pairs imply about the national total.

export interface Interval {
  low: number;
  high: number;
}

/** The interval a figure stated to the nearest `resolution` stands for: 37.5 million (to 0.1 M) is [37.45, 37.55] M. */
export function statedInterval(value: number, resolution: number | null): Interval {
  if (resolution === null) return { low: value, high: value };
  return { low: clean(value - resolution / 2), high: clean(value + resolution / 2) };
}

/** Drops binary floating-point noise (25.849999999999998 → 25.85); figures here never need 9 decimals. */
export const clean = (x: number): number => Math.round(x * 1e9) / 1e9;

export function intersect(intervals: readonly Interval[]): Interval | null {
  if (intervals.length === 0) return null;
  const low = Math.max(...intervals.map((i) => i.low));
  const high = Math.min(...intervals.map((i) => i.high));
  return low <= high ? { low, high } : null;
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.low <= b.high && b.low <= a.high;
}

/** An interval in whole dollars that contains the exact one: low rounded down, high rounded up. */
export function widenToWholeDollars(i: Interval): Interval {
  return { low: Math.floor(i.low), high: Math.ceil(i.high) };
}

export interface ImpliedTotal {
  /** value ÷ share, in US dollars, rounded to the nearest dollar. */
  pointUsd: number;
  /** Every national total that the rounded value and share together allow, in whole dollars. */
  interval: Interval;
}

/**
 * The national total implied by one province's value and share: value ÷ (share / 100). Taking each figure as the
 * interval its rounding allows, the total lies between the smallest value over the largest share and the largest
 * value over the smallest share.
 */
export function impliedTotal(
  valueUsd: number,
  valueResolution: number | null,
  sharePercent: number,
  shareResolution: number | null,
): ImpliedTotal {
  const v = statedInterval(valueUsd, valueResolution);
  const s = statedInterval(sharePercent, shareResolution);
  return {
    pointUsd: Math.round(valueUsd / (sharePercent / 100)),
    interval: widenToWholeDollars({ low: v.low / (s.high / 100), high: v.high / (s.low / 100) }),
  };
}

/** Adds decimals without binary floating-point noise (25.9 + 20.9 + 9.7 + 7.3 is 63.8, not 63.800000000000004). */
export function sumDecimals(values: readonly number[], decimals = 3): number {
  const scale = 10 ** decimals;
  return values.reduce((acc, v) => acc + Math.round(v * scale), 0) / scale;
}

export function subtractDecimals(a: number, b: number, decimals = 3): number {
  const scale = 10 ** decimals;
  return (Math.round(a * scale) - Math.round(b * scale)) / scale;
}
