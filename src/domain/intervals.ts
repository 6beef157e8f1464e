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

// ---------------------------------------------------------------------------------------------------------------
// Bounds of an unknown value or share from the ranking, the national total and the 100 % cap.
//
// The true figures of a period are a national total T and one share s per province (value = s × T / 100), such that
// every reported figure's interval holds its true figure, a province ranked above another has at least its share
// (ranks order values and shares alike, as they share T), and the shares add up to at most 100. For one T, each
// province's share is confined to an interval; the ranking makes them a chain, whose smallest member-by-member
// solution is found in one pass from the last rank up. That solution exists exactly when the figures allow T.

export interface RankEntry {
  key: string;
  rank: number | null;
  /** The interval of the reported value (USD), or null when unknown. */
  value: Interval | null;
  /** The interval of the reported share (percent), or null when unknown. */
  share: Interval | null;
}

/** One set of true figures: a national total and every entry's share. */
export interface World {
  totalUsd: number;
  sharePercent: Map<string, number>;
}

/** Comparisons of computed ends tolerate binary floating-point noise (1e-9 relative). */
const le = (a: number, b: number) => a <= b + 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** Every national total that the value/share pairs allow, exact (not widened to whole dollars); null if none. */
export function exactTotal(entries: readonly RankEntry[]): Interval | null | undefined {
  const pairs = entries.filter((e) => e.value && e.share);
  if (pairs.length === 0) return undefined;
  return intersect(
    pairs.map((e) => {
      const v = e.value as Interval;
      const s = e.share as Interval;
      return {
        low: (v.low / s.high) * 100,
        high: s.low === 0 ? Number.POSITIVE_INFINITY : (v.high / s.low) * 100,
      };
    }),
  );
}

/** The interval one entry's share must lie in when the national total is T (> 0). */
function shareRange(e: RankEntry, totalUsd: number): Interval {
  const low = Math.max(e.share?.low ?? 0, e.value ? (e.value.low / totalUsd) * 100 : 0);
  const high = Math.min(e.share?.high ?? 100, e.value ? (e.value.high / totalUsd) * 100 : 100);
  return { low, high };
}

/**
 * The smallest shares consistent with every figure, the ranking and the 100 % cap when the total is `totalUsd` and
 * the entry `pin.key` has exactly `pin.sharePercent`; null when no true figures fit.
 */
export function feasibleWorld(
  entries: readonly RankEntry[],
  totalUsd: number,
  pin?: { key: string; sharePercent: number },
): World | null {
  const ranges = new Map(entries.map((e) => [e.key, shareRange(e, totalUsd)]));
  if (pin) {
    const r = ranges.get(pin.key) as Interval;
    if (!le(r.low, pin.sharePercent) || !le(pin.sharePercent, r.high)) return null;
    ranges.set(pin.key, { low: pin.sharePercent, high: pin.sharePercent });
  }
  const shares = new Map<string, number>();
  // From the last rank up: each share is its own lowest, or the largest share ranked strictly below it.
  const ranked = entries
    .filter((e) => e.rank !== null)
    .sort((a, b) => (b.rank as number) - (a.rank as number));
  let floorBelow = 0;
  let floorAtRank = 0;
  let currentRank: number | null = null;
  for (const e of ranked) {
    if (e.rank !== currentRank) {
      floorBelow = Math.max(floorBelow, floorAtRank);
      currentRank = e.rank;
    }
    const r = ranges.get(e.key) as Interval;
    const s = Math.max(r.low, floorBelow);
    if (!le(s, r.high)) return null;
    shares.set(e.key, s);
    floorAtRank = Math.max(floorAtRank, s);
  }
  for (const e of entries) {
    if (e.rank !== null) continue;
    const r = ranges.get(e.key) as Interval;
    if (!le(r.low, r.high)) return null;
    shares.set(e.key, r.low);
  }
  let sum = 0;
  for (const s of shares.values()) sum += s;
  return le(sum, 100) ? { totalUsd, sharePercent: shares } : null;
}

export interface RankBounds {
  /** Value bounds in USD (exact, not yet widened), or null when the ranking gives none. */
  value: Interval | null;
  share: Interval | null;
  /** The national total used (exact); null when the figures give none. */
  total: Interval | null;
  /** For each end, a set of true figures consistent with every figure that attains it; null when none was found. */
  attained: {
    valueLow: World | null;
    valueHigh: World | null;
    shareLow: World | null;
    shareHigh: World | null;
  };
}

/**
 * Bounds of the value and share of `key`, which has a rank: each is a necessary condition on any true figures, so the
 * bounds are sound. A share is at most the share of everyone ranked above (its own high end, or its value's high end
 * over the smallest total) and at most 100 − the least the others can hold; at least the share of everyone ranked
 * below. A value is at most the value of everyone ranked above (its own high end, or its share's high end × the
 * largest total), at least that of everyone ranked below. Each end is then tried for attainment: the value's high end
 * at the largest total, its low end at the smallest, a share's ends at either; `attained` holds the true figures found.
 */
export function rankBounds(given: readonly RankEntry[], key: string): RankBounds {
  // No value or share is negative, though a figure rounded to 0 states [−step/2, step/2].
  const nonNegative = (i: Interval | null) => i && { low: Math.max(0, i.low), high: Math.max(0, i.high) };
  const entries = given.map((e) => ({ ...e, value: nonNegative(e.value), share: nonNegative(e.share) }));
  const u = entries.find((e) => e.key === key);
  if (!u || u.rank === null) throw new Error(`no ranked entry ${key}`);
  const rank = u.rank;
  const above = entries.filter((e) => e.rank !== null && e.rank < rank);
  const below = entries.filter((e) => e.rank !== null && e.rank > rank);
  const others = entries.filter((e) => e !== u);
  const t = exactTotal(entries) ?? null;
  const tLow = t?.low;
  const tHigh = t?.high;
  const INF = Number.POSITIVE_INFINITY;
  // What one entry's share and value can be over every total the pairs allow (a missing total bounds nothing).
  const shareHi = (e: RankEntry) =>
    Math.min(e.share?.high ?? INF, e.value && tLow ? (e.value.high / tLow) * 100 : INF);
  const shareLo = (e: RankEntry) =>
    Math.max(e.share?.low ?? 0, e.value && tHigh ? (e.value.low / tHigh) * 100 : 0);
  const valueHi = (e: RankEntry) =>
    Math.min(e.value?.high ?? INF, e.share && tHigh ? (e.share.high * tHigh) / 100 : INF);
  const valueLo = (e: RankEntry) =>
    Math.max(e.value?.low ?? 0, e.share && tLow ? (e.share.low * tLow) / 100 : 0);

  const shareHigh = Math.min(
    100,
    ...[u, ...above].map(shareHi),
    100 - others.reduce((acc, e) => acc + shareLo(e), 0),
  );
  const shareLow = Math.max(...[u, ...below].map(shareLo));
  const valueHigh = Math.min(...[u, ...above].map(valueHi), tHigh ? (shareHigh * tHigh) / 100 : INF);
  const valueLow = Math.max(...[u, ...below].map(valueLo), tLow ? (shareLow * tLow) / 100 : 0);

  const tryAt = (total: number | undefined, sharePercent: number) =>
    total === undefined || !Number.isFinite(total) || total <= 0
      ? null
      : feasibleWorld(entries, total, { key, sharePercent });
  const value = Number.isFinite(valueHigh) ? { low: valueLow, high: valueHigh } : null;
  return {
    value,
    share: { low: shareLow, high: shareHigh },
    total: t,
    attained: {
      valueLow: value && tLow ? tryAt(tLow, (valueLow / tLow) * 100) : null,
      valueHigh: value && tHigh ? tryAt(tHigh, (valueHigh / tHigh) * 100) : null,
      shareLow: tryAt(tHigh, shareLow) ?? tryAt(tLow, shareLow),
      shareHigh: tryAt(tLow, shareHigh) ?? tryAt(tHigh, shareHigh),
    },
  };
}

/** Widens an interval outward to a step (1 for whole dollars, 0.001 for share points), past float noise. */
export function widenTo(i: Interval, step: number): Interval {
  return {
    low: clean(Math.floor(clean(i.low / step)) * step),
    high: clean(Math.ceil(clean(i.high / step)) * step),
  };
}
