// The draft on fictional reports written the way news reports are (test/fixtures/draft/, three languages, Persian
// digits included): it finds at least 90 % of the values and shares and 70 % of the ranks, and at least 90 % of what
// it proposes is right. Every quote it proposes stands exactly at its offsets.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSnapshot } from '../../../src/db/load-snapshot.ts';
import { draftReport } from '../../../src/domain/extraction/draft.ts';
import { ProvinceIndex } from '../../../src/domain/names.ts';
import { CodePointText, quoteProblem } from '../../../src/domain/quotes.ts';
import { PROJECT_ROOT } from '../../../src/paths.ts';
import { seededDb } from '../../helpers/app.ts';

const DIR = path.join(PROJECT_ROOT, 'test/fixtures/draft');
const index = new ProvinceIndex(loadSnapshot(seededDb()).provinces);

interface Expected {
  language: 'ar' | 'fa' | 'en';
  year: number;
  figures: { provinces: string[]; measure: string; value: number; comparator: string }[];
}

const fixtures = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((file) => {
    const name = file.replace(/\.txt$/, '');
    const text = fs.readFileSync(path.join(DIR, file), 'utf8');
    const expected = JSON.parse(fs.readFileSync(path.join(DIR, `${name}.expected.json`), 'utf8')) as Expected;
    const draft = draftReport(text, index, {
      sourceId: `fixture-${name}`,
      periodId: `${expected.year}-fixture`,
      year: expected.year,
      language: expected.language,
      textFile: file,
      textSha256: '0'.repeat(64),
    });
    return { name, text, expected, draft };
  });

const key = (f: { provinces: readonly string[]; measure: string; value: number; comparator: string }) =>
  `${[...f.provinces].sort().join('+')} ${f.measure} ${f.value} ${f.comparator}`;

describe('draft on fictional news reports', () => {
  it('has several texts per language', () => {
    for (const lang of ['ar', 'fa', 'en']) {
      expect(fixtures.filter((f) => f.expected.language === lang).length).toBeGreaterThanOrEqual(3);
    }
    // Persian digits in the Persian texts
    expect(fixtures.filter((f) => f.expected.language === 'fa').every((f) => /[۰-۹]/.test(f.text))).toBe(
      true,
    );
  });

  it('meets the recall and precision targets', () => {
    let valuesExpected = 0;
    let valuesFound = 0;
    let ranksExpected = 0;
    let ranksFound = 0;
    let proposed = 0;
    let right = 0;
    const wrong: string[] = [];
    const missed: string[] = [];
    for (const { name, expected, draft } of fixtures) {
      const want = new Set(expected.figures.map(key));
      const got = new Set(draft.dataset.figures.map(key));
      for (const f of expected.figures) {
        const found = got.has(key(f));
        if (f.measure === 'export_rank') {
          ranksExpected++;
          if (found) ranksFound++;
        } else {
          valuesExpected++;
          if (found) valuesFound++;
        }
        if (!found) missed.push(`${name}: ${key(f)}`);
      }
      for (const f of draft.dataset.figures) {
        proposed++;
        if (want.has(key(f))) right++;
        else wrong.push(`${name}: ${key(f)} from "${f.quote.text}"`);
      }
    }
    const recallValues = valuesFound / valuesExpected;
    const recallRanks = ranksFound / ranksExpected;
    const precision = right / proposed;
    console.info(
      `draft on ${fixtures.length} texts: values and shares ${valuesFound}/${valuesExpected} (${(100 * recallValues).toFixed(1)} %), ` +
        `ranks ${ranksFound}/${ranksExpected} (${(100 * recallRanks).toFixed(1)} %), precision ${right}/${proposed} (${(100 * precision).toFixed(1)} %)` +
        `\nmissed:\n  ${missed.join('\n  ')}\nwrong:\n  ${wrong.join('\n  ')}`,
    );
    expect(valuesExpected).toBeGreaterThan(50);
    expect(recallValues).toBeGreaterThanOrEqual(0.9);
    expect(recallRanks).toBeGreaterThanOrEqual(0.7);
    expect(precision).toBeGreaterThanOrEqual(0.9);
  });

  it('puts every proposed quote exactly at its offsets', () => {
    for (const { text, draft } of fixtures) {
      const source = new CodePointText(text);
      for (const f of draft.dataset.figures) expect(quoteProblem(source, f.quote), f.id).toBeNull();
      for (const n of draft.dataset.notes) expect(quoteProblem(source, n.quote), n.id).toBeNull();
      expect(quoteProblem(source, draft.dataset.period.words)).toBeNull();
    }
  });
});
