// The draft of the seed's own report reproduces the seed dataset's figures, quotes and offsets included, and what it
// writes passes the dataset schema and the import's checks (quotes against the text).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSnapshot } from '../../../src/db/load-snapshot.ts';
import { loadDatasetFile, readProvinces } from '../../../src/db/seed.ts';
import { draftReport } from '../../../src/domain/extraction/draft.ts';
import { ProvinceIndex } from '../../../src/domain/names.ts';
import { CodePointText, quoteProblem } from '../../../src/domain/quotes.ts';
import { PROJECT_ROOT, REPORTS_DIR } from '../../../src/paths.ts';
import { reportDatasetShape } from '../../../src/schemas/report-dataset.ts';
import { seededDb } from '../../helpers/app.ts';

const index = new ProvinceIndex(loadSnapshot(seededDb()).provinces);
const textPath = path.join(REPORTS_DIR, 'nano-exports-early-2024.ar.txt');
const bytes = fs.readFileSync(textPath);
const text = bytes.toString('utf8');
const sha = createHash('sha256').update(bytes).digest('hex');
const seed = reportDatasetShape.parse(
  JSON.parse(fs.readFileSync(path.join(REPORTS_DIR, 'nano-exports-early-2024.json'), 'utf8')),
);
const draft = draftReport(text, index, {
  sourceId: 'nano-exports-early-2024',
  periodId: '2024-early',
  year: 2024,
  language: 'ar',
  textFile: 'nano-exports-early-2024.ar.txt',
  textSha256: sha,
});

const essence = (f: {
  id: string;
  provinces: readonly string[];
  measure: string;
  value: number;
  comparator: string;
  resolution: number | null;
  quote: unknown;
}) => ({
  id: f.id,
  provinces: f.provinces,
  measure: f.measure,
  value: f.value,
  comparator: f.comparator,
  resolution: f.resolution,
  quote: f.quote,
});

describe('npm run draft on the seed report', () => {
  it('proposes every single-province figure of the seed, both of Isfahan’s values, with the same quotes', () => {
    const single = seed.figures.filter((f) => f.provinces.length === 1);
    expect(single).toHaveLength(14);
    for (const f of single) expect(draft.dataset.figures.map(essence)).toContainEqual(essence(f));
    const isfahanValues = draft.dataset.figures.filter(
      (f) => f.provinces.join() === 'IR-10' && f.measure === 'export_value_usd',
    );
    expect(isfahanValues.map((f) => [f.value, f.resolution, f.quote.line])).toEqual([
      [37_000_000, 1_000_000, 4],
      [37_500_000, 100_000, 5],
    ]);
  });

  it('proposes nothing else: the combined "more than 67 million" as the seed states it, no national total forced in', () => {
    const sort = (l: ReturnType<typeof essence>[]) => [...l].sort((a, b) => a.id.localeCompare(b.id));
    expect(sort(draft.dataset.figures.map(essence))).toEqual(sort(seed.figures.map(essence)));
    expect(draft.leftOut).toEqual([]);
  });

  it('says how each figure was read', () => {
    const remark = (id: string) => draft.dataset.figures.find((f) => f.id === id)?.remark;
    expect(remark('khuzestan-value')).toBe(
      'Value and share together: 2nd of 2 values listed "respectively" after Isfahan and Khuzestan, line 4; stated to the nearest million.',
    );
    expect(remark('markazi-rank')).toBe('Rank: "المرتبة التالية" after rank 3, i.e. 4th, line 10.');
    expect(remark('isfahan-khuzestan-combined-value')).toContain('combined value, line 3');
    expect(remark('isfahan-khuzestan-combined-value')).toContain('comparator gt');
    expect(remark('isfahan-value-line-5')).toContain('Also stated differently: 37000000 on line 4.');
  });

  it('notes the provinces named without a figure, quoted as the seed quotes them', () => {
    const seedQuotes = seed.notes
      .filter((n) => n.topic === 'growth-ambition')
      .map((n) => [n.province, n.quote]);
    expect(draft.dataset.notes.map((n) => [n.province, n.quote])).toEqual(seedQuotes);
    expect(draft.dataset.notes.every((n) => n.summaryEn.startsWith('TODO: '))).toBe(true);
  });

  it('reads the period words and the source from the text, and marks what a person must fill', () => {
    expect(draft.dataset.period.words).toEqual(seed.period.words);
    expect(draft.dataset.source.textSha256).toBe(seed.source.textSha256);
    expect(draft.dataset.source.title).toEqual({
      ar: seed.source.title.ar,
      en: 'TODO: the title in English',
    });
    expect(draft.placeholders.map((p) => p.field)).toEqual(
      expect.arrayContaining([
        'source.title.en',
        'source.publisher.en',
        'source.publishedOn',
        'period.sortKey',
      ]),
    );
  });

  it('puts every quote exactly at its offsets', () => {
    const source = new CodePointText(text);
    const quotes = [
      draft.dataset.period.words,
      ...draft.dataset.figures.map((f) => f.quote),
      ...draft.dataset.notes.map((n) => n.quote),
    ];
    for (const q of quotes) expect(quoteProblem(source, q)).toBeNull();
  });
});

/** `npm run draft` of the seed report's text, copied into `dir` as report.ar.txt. */
const draftArgs = (dir: string) => [
  path.join(PROJECT_ROOT, 'src/cli/draft.ts'),
  path.join(dir, 'report.ar.txt'),
  '--source-id',
  'nano-exports-early-2024',
  '--period',
  '2024-early',
  '--year',
  '2024',
  '--language',
  'ar',
];

describe('the draft command', () => {
  it('writes a file that passes the schema and, once its placeholders are filled, the import checks, and a review summary', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'draft-'));
    try {
      fs.copyFileSync(textPath, path.join(dir, 'report.ar.txt'));
      const summary = path.join(dir, 'summary.md');
      execFileSync(process.execPath, [...draftArgs(dir), '--summary', summary], { stdio: 'pipe' });
      const out = path.join(dir, 'nano-exports-early-2024.json');
      const codes = new Set(readProvinces().provinces.map((p) => p.code));
      // Unreviewed, the draft is refused: each placeholder named by its path.
      expect(() => loadDatasetFile(out, codes)).toThrow(
        /source\.title\.en: is still a placeholder from npm run draft/,
      );
      // Reviewed (every placeholder filled), it passes the schema and the import checks.
      const reviewed = fs.readFileSync(out, 'utf8').replaceAll('"TODO: ', '"Reviewed: ');
      fs.writeFileSync(out, reviewed);
      const loaded = loadDatasetFile(out, codes);
      expect(loaded.dataset.source.textFile).toBe('report.ar.txt');
      expect(loaded.dataset.figures).toHaveLength(15);
      const review = fs.readFileSync(summary, 'utf8');
      expect(review).toContain(
        '| bushehr-rank | IR-18 | export_rank | 5 | eq |  | 10 | تليها بوشهر | Rank: "تليها" after rank 4, i.e. 5th in the order named, line 10. |',
      );
      expect(review).toContain('- source.title.en: the title in English');

      // An existing file is not overwritten without --force.
      const again = spawnSync(process.execPath, draftArgs(dir), { encoding: 'utf8' });
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('exists; choose another --out or add --force');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
