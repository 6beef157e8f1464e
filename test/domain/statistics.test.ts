// The statistics of the seeded period, and the reading rule applied to hand-built figures.
import { describe, expect, it } from 'vitest';
import { loadSnapshot } from '../../src/db/load-snapshot.ts';
import {
  agreesWithStatements,
  chooseReading,
  type ProvinceStats,
  provinceStats,
  statementHolds,
} from '../../src/domain/statistics.ts';
import type { Figure } from '../../src/domain/types.ts';
import { seededDb } from '../helpers/app.ts';

const snapshot = loadSnapshot(seededDb());
const rows = provinceStats(snapshot.figures, snapshot.provinces, '2024-early');
const SRC = 'nano-exports-early-2024';

function row(code: string): ProvinceStats {
  const r = rows.find((x) => x.province.code === code);
  if (!r) throw new Error(`no row for ${code}`);
  return r;
}

let seq = 0;
/** A small hand-built figure: a value of IR-10 unless told otherwise. */
function fig(over: Partial<Figure> & { id: string }): Figure {
  seq += 1;
  return {
    sourceId: 'test-source',
    periodId: '2024-early',
    provinces: ['IR-10'],
    measure: 'export_value_usd',
    comparator: 'eq',
    value: 1,
    resolution: 1,
    quote: { sourceId: 'test-source', text: `quote ${seq}`, line: 1, start: seq, end: seq + 1 },
    remark: null,
    ...over,
  };
}

describe('provinceStats on the seeded snapshot', () => {
  it('has one row per province with a figure of its own, in ISO code order', () => {
    expect(rows.map((r) => r.province.code)).toEqual(['IR-00', 'IR-06', 'IR-10', 'IR-18', 'IR-23']);
    expect(rows.every((r) => r.periodId === '2024-early')).toBe(true);
  });

  it('gives value, share and rank of each province exactly', () => {
    expect(rows.map((r) => [r.province.code, r.valueUsd, r.sharePercent, r.rank])).toEqual([
      ['IR-00', 14_000_000, 9.7, 4],
      ['IR-06', 30_000_000, 20.9, 2],
      ['IR-10', 37_500_000, 25.9, 1],
      ['IR-18', 10_500_000, 7.3, 5],
      ['IR-23', null, null, 3],
    ]);
  });

  it('shows Isfahan at 37.5 M (line 5) and lists 37 M (line 4) as an alternative that contradicts "more than 67 M"', () => {
    const isfahan = row('IR-10');
    expect(isfahan.valueUsd).toBe(37_500_000);
    const value = isfahan.provenance.valueUsd;
    expect(value.basis).toBe('reported');
    expect(value.method).toBeNull();
    expect(value.figure?.id).toBe(`${SRC}/isfahan-value-line-5`);
    expect(value.figure?.resolution).toBe(100_000);
    expect(value.figure?.quote).toEqual({
      sourceId: SRC,
      text: 'إصفهان تتصدر الصادرات بـ37.5 مليون دولار',
      line: 5,
      start: 821,
      end: 861,
    });
    expect(value.interval).toEqual({
      low: 37_450_000,
      high: 37_550_000,
      method: 'stated to the nearest 100000: the true figure lies in this interval',
    });
    expect(value.alternatives).toHaveLength(1);
    const [alt] = value.alternatives;
    expect(alt?.agreesWithOtherStatements).toBe(false);
    expect(alt?.figure.id).toBe(`${SRC}/isfahan-value-line-4`);
    expect(alt?.figure.value).toBe(37_000_000);
    expect(alt?.figure.resolution).toBe(1_000_000);
    expect(alt?.figure.quote).toEqual({
      sourceId: SRC,
      text: '37 مليون دولار (25.9%)',
      line: 4,
      start: 635,
      end: 657,
    });
  });

  it("gives Isfahan's share and rank with their figures and no alternatives", () => {
    const isfahan = row('IR-10');
    expect(isfahan.provenance.sharePercent.figure?.id).toBe(`${SRC}/isfahan-share`);
    expect(isfahan.provenance.sharePercent.interval).toEqual({
      low: 25.85,
      high: 25.95,
      method: 'stated to the nearest 0.1: the true figure lies in this interval',
    });
    expect(isfahan.provenance.sharePercent.alternatives).toEqual([]);
    expect(isfahan.provenance.rank.basis).toBe('reported');
    expect(isfahan.provenance.rank.figure?.id).toBe(`${SRC}/isfahan-rank`);
    expect(isfahan.provenance.rank.interval).toBeNull();
    expect(isfahan.provenance.rank.alternatives).toEqual([]);
  });

  it('gives Khuzestan, Markazi and Bushehr from one reading each', () => {
    for (const [code, valueId, valueIv, shareIv] of [
      ['IR-06', 'khuzestan-value', [29_500_000, 30_500_000], [20.85, 20.95]],
      ['IR-00', 'markazi-value', [13_500_000, 14_500_000], [9.65, 9.75]],
      ['IR-18', 'bushehr-value', [10_450_000, 10_550_000], [7.25, 7.35]],
    ] as const) {
      const r = row(code);
      expect(r.provenance.valueUsd.basis).toBe('reported');
      expect(r.provenance.valueUsd.figure?.id).toBe(`${SRC}/${valueId}`);
      expect(r.provenance.valueUsd.alternatives).toEqual([]);
      expect([r.provenance.valueUsd.interval?.low, r.provenance.valueUsd.interval?.high]).toEqual(valueIv);
      expect(r.provenance.sharePercent.basis).toBe('reported');
      expect([r.provenance.sharePercent.interval?.low, r.provenance.sharePercent.interval?.high]).toEqual(
        shareIv,
      );
      expect(r.provenance.rank.basis).toBe('reported');
    }
  });

  it('leaves Tehran value and share unknown, bounded by the ranks around it, never filled in', () => {
    const tehran = row('IR-23');
    expect(tehran.valueUsd).toBeNull();
    expect(tehran.sharePercent).toBeNull();
    expect(tehran.rank).toBe(3);
    expect(tehran.provenance.rank.basis).toBe('reported');
    expect(tehran.provenance.rank.figure?.id).toBe(`${SRC}/tehran-rank`);

    const value = tehran.provenance.valueUsd;
    expect(value.basis).toBe('unknown');
    expect(value.figure).toBeNull();
    expect(value.alternatives).toEqual([]);
    // Hand-worked. The pairs allow a national total T from 37.45 M ÷ 25.95 % = 144,315,992.29 to
    // 37.55 M ÷ 25.85 % = 145,261,121.86 (Isfahan's pair binds both ends). Tehran's value lies between Markazi's and
    // Khuzestan's: at least max(13.5 M, 9.65 % × T low = 13,926,493.26) and at most min(30.5 M, 20.95 % × T high =
    // 30,432,205.03), widened to whole dollars.
    expect(value.interval).toEqual({
      low: 13_926_493,
      high: 30_432_206,
      method:
        'Derived from the ranking and the rounding: rank 3 lies between rank 2 (Khuzestan, 30,000,000 USD, at most ' +
        '30,500,000 USD given its rounding) and rank 4 (Markazi, 14,000,000 USD, at least 13,500,000 USD). A value is ' +
        'also its share (9.65 % to 20.95 %) × the national total (144,315,992 USD to 145,261,122 USD) that the ' +
        'value/share pairs imply. So it lies between 13,926,493 USD and 30,432,206 USD. Both ends are attained: each ' +
        'is the figure of one set of true figures that fits every rounded figure of the period, the ranking and the ' +
        '100 % cap.',
    });
    // The examples: 13.95 M and 30.3 M are consistent with every figure, and so inside.
    expect(value.interval?.low).toBeLessThan(13_950_000);
    expect(value.interval?.high).toBeGreaterThan(30_300_000);

    // Share: at most Khuzestan's 20.95 (its 30.5 M ÷ T low = 21.13 % and the 100 % cap, 100 − 63.6 = 36.4, say
    // less); at least Markazi's 9.65 (its 13.5 M ÷ T high = 9.29 % says less).
    const share = tehran.provenance.sharePercent;
    expect(share.basis).toBe('unknown');
    expect(share.figure).toBeNull();
    expect(share.interval).toEqual({
      low: 9.65,
      high: 20.95,
      method:
        'Derived from the ranking and the rounding: rank 3 lies between rank 2 (Khuzestan, 20.9 %, at most 20.95 % ' +
        'given its rounding) and rank 4 (Markazi, 9.7 %, at least 9.65 %). A share is also its value ÷ the national ' +
        'total (144,315,992 USD to 145,261,122 USD) that the value/share pairs imply, and at most 100 − the least ' +
        'every other province can hold. So it lies between 9.65 % and 20.95 %. Both ends are attained: each is the ' +
        'figure of one set of true figures that fits every rounded figure of the period, the ranking and the 100 % cap.',
    });
  });

  it('gives no bounds to an unknown value at the end of the ranking', () => {
    const noBushehrValue = snapshot.figures.filter((f) => f.id !== `${SRC}/bushehr-value`);
    const bushehr = provinceStats(noBushehrValue, snapshot.provinces, '2024-early').find(
      (r) => r.province.code === 'IR-18',
    );
    expect(bushehr?.valueUsd).toBeNull();
    expect(bushehr?.provenance.valueUsd.basis).toBe('unknown');
    expect(bushehr?.provenance.valueUsd.interval).toBeNull();
  });

  it('has no rows without figures', () => {
    expect(provinceStats([], snapshot.provinces, '2024-early')).toEqual([]);
  });
});

describe('statementHolds', () => {
  const gt67 = fig({ id: 'gt67', provinces: ['IR-10', 'IR-06'], comparator: 'gt', value: 67_000_000 });

  it('"more than" holds only strictly above', () => {
    expect(statementHolds(gt67, 67_500_000)).toBe(true);
    expect(statementHolds(gt67, 67_000_001)).toBe(true);
    expect(statementHolds(gt67, 67_000_000)).toBe(false);
    expect(statementHolds(gt67, 66_000_000)).toBe(false);
  });

  it('"equal" holds within half the resolution either side', () => {
    const eq67 = fig({ id: 'eq67', comparator: 'eq', value: 67_000_000, resolution: 1_000_000 });
    expect(statementHolds(eq67, 67_000_000)).toBe(true);
    expect(statementHolds(eq67, 67_400_000)).toBe(true);
    expect(statementHolds(eq67, 67_500_000)).toBe(true);
    expect(statementHolds(eq67, 66_500_000)).toBe(true);
    expect(statementHolds(eq67, 67_500_001)).toBe(false);
    expect(statementHolds(eq67, 66_400_000)).toBe(false);
  });

  it('"equal" without a resolution holds only exactly', () => {
    const eq = fig({ id: 'eq-exact', comparator: 'eq', value: 46.8, resolution: null });
    expect(statementHolds(eq, 46.8)).toBe(true);
    expect(statementHolds(eq, 46.9)).toBe(false);
  });
});

describe('agreesWithStatements and chooseReading', () => {
  const gt67 = fig({
    id: 'combined',
    provinces: ['IR-10', 'IR-06'],
    comparator: 'gt',
    value: 67_000_000,
    resolution: 1_000_000,
  });
  const khuzestan = fig({ id: 'khz', provinces: ['IR-06'], value: 30_000_000, resolution: 1_000_000 });

  it('a more precise reading that contradicts a "more than" statement loses to a less precise one that agrees', () => {
    const precise = fig({ id: 'precise', value: 36_900_000, resolution: 100_000 });
    const rough = fig({ id: 'rough', value: 38_000_000, resolution: 1_000_000 });
    const all = [precise, rough, khuzestan, gt67];
    expect(agreesWithStatements(precise, all)).toBe(false);
    expect(agreesWithStatements(rough, all)).toBe(true);
    const picked = chooseReading([precise, rough], all);
    expect(picked?.chosen.id).toBe('rough');
    expect(picked?.alternatives).toEqual([{ figure: precise, agreesWithOtherStatements: false }]);
  });

  it('among readings that all agree, the most precise wins', () => {
    const rough = fig({ id: 'rough', value: 38_000_000, resolution: 1_000_000 });
    const precise = fig({ id: 'precise', value: 37_500_000, resolution: 100_000 });
    const picked = chooseReading([rough, precise], [rough, precise, khuzestan, gt67]);
    expect(picked?.chosen.id).toBe('precise');
    expect(picked?.alternatives).toEqual([{ figure: rough, agreesWithOtherStatements: true }]);
  });

  it('with no statements, the most precise reading wins', () => {
    const first = fig({ id: 'line-4', value: 37_000_000, resolution: 1_000_000 });
    const second = fig({ id: 'line-5', value: 37_500_000, resolution: 100_000 });
    expect(agreesWithStatements(first, [first, second])).toBe(true);
    const picked = chooseReading([first, second], [first, second]);
    expect(picked?.chosen.id).toBe('line-5');
    expect(picked?.alternatives).toEqual([{ figure: first, agreesWithOtherStatements: true }]);
  });

  it('ties keep the first stated', () => {
    const a = fig({ id: 'a', value: 37_000_000, resolution: 1_000_000 });
    const b = fig({ id: 'b', value: 38_000_000, resolution: 1_000_000 });
    expect(chooseReading([a, b], [a, b])?.chosen.id).toBe('a');
    expect(chooseReading([b, a], [a, b])?.chosen.id).toBe('b');
    // Both contradict the statement: still a tie, still the first stated.
    const c = fig({ id: 'c', value: 36_000_000, resolution: 1_000_000 });
    const d = fig({ id: 'd', value: 35_000_000, resolution: 1_000_000 });
    const all = [c, d, khuzestan, gt67];
    const picked = chooseReading([c, d], all);
    expect(picked?.chosen.id).toBe('c');
    expect(picked?.alternatives).toEqual([{ figure: d, agreesWithOtherStatements: false }]);
  });

  it('a rank (no resolution) ties with the first stated', () => {
    const r1 = fig({ id: 'r1', measure: 'export_rank', value: 1, resolution: null });
    const r2 = fig({ id: 'r2', measure: 'export_rank', value: 2, resolution: null });
    expect(chooseReading([r1, r2], [r1, r2])?.chosen.id).toBe('r1');
  });

  it('a statement with an unknown part cannot be tested, so every reading agrees with it', () => {
    const low = fig({ id: 'low', value: 1_000_000, resolution: 1_000_000 });
    expect(agreesWithStatements(low, [low, gt67])).toBe(true);
  });

  it('the other parts of a statement are taken at their most precise reading', () => {
    const khzPrecise = fig({
      id: 'khz-precise',
      provinces: ['IR-06'],
      value: 29_600_000,
      resolution: 100_000,
    });
    const khzRough = fig({ id: 'khz-rough', provinces: ['IR-06'], value: 31_000_000, resolution: 1_000_000 });
    const isf = fig({ id: 'isf', value: 37_000_000, resolution: 1_000_000 });
    // 37 + 29.6 = 66.6 (not more than 67); with the rough 31 it would be 68.
    expect(agreesWithStatements(isf, [isf, khzRough, khzPrecise, gt67])).toBe(false);
  });

  it('ignores statements about another measure or other provinces', () => {
    const shareStatement = fig({
      id: 'share-statement',
      provinces: ['IR-10', 'IR-06'],
      measure: 'export_share_percent',
      comparator: 'gt',
      value: 99,
      resolution: 0.1,
    });
    const otherPair = fig({
      id: 'other-pair',
      provinces: ['IR-00', 'IR-18'],
      comparator: 'gt',
      value: 1e12,
      resolution: 1_000_000,
    });
    const isf = fig({ id: 'isf', value: 1_000, resolution: 1_000_000 });
    expect(agreesWithStatements(isf, [isf, khuzestan, shareStatement, otherPair])).toBe(true);
  });

  it('returns null for no readings', () => {
    expect(chooseReading([], [gt67])).toBeNull();
  });
});
