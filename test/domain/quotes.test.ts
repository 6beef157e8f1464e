// CodePointText: offsets in code points, and line numbers found by binary search agree with counting newlines.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodePointText, quoteProblem } from '../../src/domain/quotes.ts';

const naiveLine = (points: string[], offset: number) =>
  points.slice(0, offset).filter((c) => c === '\n').length + 1;

describe('CodePointText', () => {
  it('lineAt counts the newlines before an offset', () => {
    const t = new CodePointText('a\nبب\n\nz');
    expect([0, 1, 2, 3, 4, 5, 6, 7, 99].map((o) => t.lineAt(o))).toEqual([1, 1, 2, 2, 2, 3, 4, 4, 4]);
  });

  it('lineAt agrees with a plain count on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '\n', 'ب', '😀') }), fc.nat(60), (text, offset) => {
        expect(new CodePointText(text).lineAt(offset)).toBe(naiveLine(Array.from(text), offset));
      }),
    );
  });

  it('quoteProblem names a wrong line', () => {
    const t = new CodePointText('one\ntwo\nthree');
    expect(quoteProblem(t, { text: 'three', line: 3, start: 8, end: 13 })).toBeNull();
    expect(quoteProblem(t, { text: 'three', line: 2, start: 8, end: 13 })).toBe(
      'quote is on line 3, not line 2',
    );
  });
});
