// The seed's validation (every bad entry named, nothing written) and what the built database holds.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDatabaseFile } from '../../src/db/build.ts';
import { openReadOnly } from '../../src/db/client.ts';
import { DatasetError, loadDatasetFile, readProvinces } from '../../src/db/seed.ts';
import { REPORTS_DIR } from '../../src/paths.ts';
import { seededDb } from '../helpers/app.ts';

const NAME = 'nano-exports-early-2024';
const SRC_JSON = path.join(REPORTS_DIR, `${NAME}.json`);
const SRC_TEXT = path.join(REPORTS_DIR, `${NAME}.ar.txt`);
const SHA = '50646fe8fcd31213877d70f8574873cb848f3299474cc200d9c7b44e6d476b71';
const provinceCodes = new Set(readProvinces().provinces.map((p) => p.code));

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nano-seed-test-'));
  tempDirs.push(dir);
  return dir;
}

// biome-ignore lint/suspicious/noExplicitAny: the tests mutate raw JSON into shapes the schema rejects
type RawDataset = any;

/** A copy of the seed report (JSON and text) in a fresh temp dir, changed by `mutate`; returns the JSON's path. */
function mutatedCopy(mutate: (d: RawDataset) => void): string {
  const dir = tempDir();
  fs.copyFileSync(SRC_TEXT, path.join(dir, `${NAME}.ar.txt`));
  const data = JSON.parse(fs.readFileSync(SRC_JSON, 'utf8')) as RawDataset;
  mutate(data);
  const file = path.join(dir, `${NAME}.json`);
  fs.writeFileSync(file, JSON.stringify(data, null, 2));
  return file;
}

function datasetError(file: string): DatasetError {
  try {
    loadDatasetFile(file, provinceCodes);
  } catch (err) {
    expect(err).toBeInstanceOf(DatasetError);
    return err as DatasetError;
  }
  throw new Error(`${file} was accepted`);
}

describe('loadDatasetFile', () => {
  it('accepts an unchanged copy of the seed report', () => {
    const loaded = loadDatasetFile(
      mutatedCopy(() => {}),
      provinceCodes,
    );
    expect(loaded.textSha256).toBe(SHA);
    expect(loaded.dataset.figures).toHaveLength(15);
    expect(loaded.dataset.notes).toHaveLength(11);
    expect(loaded.text).toBe(fs.readFileSync(SRC_TEXT, 'utf8'));
  });

  it('rejects a quote that is not at its offsets, naming the figure', () => {
    const file = mutatedCopy((d) => {
      d.figures[0].quote.start = 636;
    });
    const err = datasetError(file);
    expect(err.file).toBe(file);
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]?.entry).toBe('figures[0] "isfahan-value-line-4"');
    expect(err.message).toContain('figures[0] "isfahan-value-line-4"');
    expect(err.message).toContain('is not at offsets 636-657');
    expect(err.message).toContain(`Invalid report dataset ${file}:`);
  });

  it('rejects a quote on the wrong line', () => {
    const err = datasetError(
      mutatedCopy((d) => {
        d.notes[0].quote.line = 5;
      }),
    );
    expect(err.problems).toEqual([
      { entry: 'notes[0] "isfahan-industries"', problem: 'quote is on line 6, not line 5' },
    ]);
  });

  it('rejects a quote past the end of the text', () => {
    const err = datasetError(
      mutatedCopy((d) => {
        d.figures[3].quote.end = 100_000;
      }),
    );
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]?.entry).toBe('figures[3] "isfahan-rank"');
    expect(err.problems[0]?.problem).toMatch(
      /^end \(100000\) is past the end of the text \(\d+ code points\)$/,
    );
  });

  it('rejects an unknown province code', () => {
    const err = datasetError(
      mutatedCopy((d) => {
        d.figures[4].provinces = ['IR-99'];
      }),
    );
    expect(err.problems).toEqual([
      { entry: 'figures[4] "khuzestan-value"', problem: 'unknown province code IR-99' },
    ]);
    expect(err.message).toContain('figures[4] "khuzestan-value": unknown province code IR-99');
  });

  it('rejects an unknown province code in a note', () => {
    const err = datasetError(
      mutatedCopy((d) => {
        d.notes[7].province = 'IR-99';
      }),
    );
    expect(err.message).toContain('notes[7] "east-azerbaijan-growing-exports": unknown province code IR-99');
  });

  it('rejects a share out of range', () => {
    const err = datasetError(
      mutatedCopy((d) => {
        d.figures[2].value = 250;
      }),
    );
    expect(err.problems).toEqual([
      {
        entry: 'figures[2] "isfahan-share"',
        problem: 'share 250 % is out of range (greater than 0, at most 100)',
      },
    ]);
    expect(err.message).toContain('out of range');
  });

  it('rejects a negative USD value', () => {
    const err = datasetError(
      mutatedCopy((d) => {
        d.figures[4].value = -30_000_000;
      }),
    );
    expect(err.problems).toEqual([
      {
        entry: 'figures[4] "khuzestan-value"',
        problem: 'export value -30000000 USD is out of range (1 to 10000000000)',
      },
    ]);
  });

  it('rejects a USD value that is not whole dollars', () => {
    const err = datasetError(
      mutatedCopy((d) => {
        d.figures[4].value = 37.5;
      }),
    );
    expect(err.message).toContain(
      'figures[4] "khuzestan-value": export value must be an integer number of US dollars, got 37.5',
    );
  });

  it('rejects rank 0', () => {
    const err = datasetError(
      mutatedCopy((d) => {
        d.figures[3].value = 0;
      }),
    );
    expect(err.problems).toEqual([
      { entry: 'figures[3] "isfahan-rank"', problem: 'rank 0 is out of range (an integer from 1 to 31)' },
    ]);
  });

  it('rejects a rank above the number of provinces', () => {
    const err = datasetError(
      mutatedCopy((d) => {
        d.figures[7].value = 32;
      }),
    );
    expect(err.message).toContain('figures[7] "tehran-rank": rank 32 is out of range');
  });

  it('rejects a wrong textSha256', () => {
    const wrong = '0'.repeat(64);
    const err = datasetError(
      mutatedCopy((d) => {
        d.source.textSha256 = wrong;
      }),
    );
    expect(err.problems).toEqual([
      { entry: 'source.textSha256', problem: `the text's sha256 is ${SHA}, not ${wrong}` },
    ]);
  });

  it('rejects a changed text (the sha256 no longer matches)', () => {
    const file = mutatedCopy(() => {});
    fs.appendFileSync(path.join(path.dirname(file), `${NAME}.ar.txt`), '\n');
    const err = datasetError(file);
    expect(err.problems.map((p) => p.entry)).toEqual(['source.textSha256']);
  });

  it('rejects a missing text file', () => {
    const file = mutatedCopy(() => {});
    fs.rmSync(path.join(path.dirname(file), `${NAME}.ar.txt`));
    const err = datasetError(file);
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]?.entry).toBe('source.textFile');
    expect(err.problems[0]?.problem).toBe('nano-exports-early-2024.ar.txt does not exist');
  });

  it('rejects a missing required field, naming its path', () => {
    const err = datasetError(
      mutatedCopy((d) => {
        delete d.figures[2].measure;
      }),
    );
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]?.entry).toBe('figures[2] "isfahan-share".measure');
    expect(err.problems[0]?.problem).toContain('"export_value_usd"|"export_share_percent"|"export_rank"');
    expect(err.message).toContain('figures[2] "isfahan-share".measure: ');
  });

  it('rejects a missing top-level field, naming it', () => {
    const err = datasetError(
      mutatedCopy((d) => {
        delete d.period;
      }),
    );
    expect(err.problems.map((p) => p.entry)).toEqual(['period']);
  });

  it('rejects a malformed province code with the schema message', () => {
    const err = datasetError(
      mutatedCopy((d) => {
        d.figures[0].provinces = ['Isfahan'];
      }),
    );
    expect(err.problems).toEqual([
      {
        entry: 'figures[0] "isfahan-value-line-4".provinces.0',
        problem: 'must be an ISO 3166-2:IR code such as IR-10',
      },
    ]);
  });

  it('rejects a duplicate id', () => {
    const err = datasetError(
      mutatedCopy((d) => {
        d.figures[1].id = 'isfahan-value-line-4';
      }),
    );
    expect(err.problems).toEqual([
      {
        entry: 'figures[1] "isfahan-value-line-4"',
        problem: 'id "isfahan-value-line-4" is used twice',
      },
    ]);
  });

  it('rejects an id shared by a figure and a note', () => {
    const err = datasetError(
      mutatedCopy((d) => {
        d.notes[0].id = 'isfahan-share';
      }),
    );
    expect(err.message).toContain('notes[0] "isfahan-share": id "isfahan-share" is used twice');
  });

  it('reports every problem at once', () => {
    const err = datasetError(
      mutatedCopy((d) => {
        d.figures[2].value = 250;
        d.figures[3].value = 0;
        d.figures[4].provinces = ['IR-99'];
      }),
    );
    expect(err.problems.map((p) => p.entry)).toEqual([
      'figures[2] "isfahan-share"',
      'figures[3] "isfahan-rank"',
      'figures[4] "khuzestan-value"',
    ]);
  });

  it('rejects a file that is not JSON', () => {
    const file = mutatedCopy(() => {});
    fs.writeFileSync(file, '{ not json');
    const err = datasetError(file);
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]?.entry).toBe('(file)');
    expect(err.problems[0]?.problem).toMatch(/^cannot read JSON: /);
  });
});

describe('buildDatabaseFile', () => {
  const badFile = () =>
    mutatedCopy((d) => {
      d.figures[0].quote.start = 636;
    });

  it('throws on a bad report and leaves no file behind', () => {
    const dir = tempDir();
    const target = path.join(dir, 'db.sqlite');
    expect(() => buildDatabaseFile(target, [badFile()])).toThrow(DatasetError);
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('leaves an existing good file byte-identical after a failed rebuild', () => {
    const dir = tempDir();
    const target = path.join(dir, 'db.sqlite');
    buildDatabaseFile(target);
    const before = fs.readFileSync(target);
    expect(before.length).toBeGreaterThan(0);
    expect(() => buildDatabaseFile(target, [badFile()])).toThrow(/is not at offsets/);
    expect(fs.readFileSync(target).equals(before)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['db.sqlite']);
  });

  it('is idempotent: building twice on the same path gives the same rows', () => {
    const dir = tempDir();
    const target = path.join(dir, 'db.sqlite');
    const dump = () => {
      const db = openReadOnly(target);
      try {
        return [
          'figures',
          'figure_provinces',
          'notes',
          'sources',
          'periods',
          'provinces',
          'province_aliases',
        ].map((table) => db.$client.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all());
      } finally {
        db.$client.close();
      }
    };
    buildDatabaseFile(target);
    const first = dump();
    buildDatabaseFile(target);
    const second = dump();
    expect(second).toEqual(first);
    expect((first[0] as unknown[]).length).toBe(15);
    expect(fs.readdirSync(dir)).toEqual(['db.sqlite']);
  });
});

describe('the built database', () => {
  const dir = tempDir();
  const target = path.join(dir, 'db.sqlite');
  buildDatabaseFile(target);
  const db = openReadOnly(target);
  afterAll(() => db.$client.close());

  interface FigureRow {
    id: string;
    source_id: string;
    period_id: string;
    measure: string;
    comparator: string;
    value_usd: number | null;
    share_percent: number | null;
    rank: number | null;
    resolution: number | null;
    quote_text: string;
    quote_line: number;
    quote_start: number;
    quote_end: number;
    provinces: string;
  }
  const figureRows = db.$client
    .prepare(
      `SELECT f.*, (SELECT group_concat(province_code, ',') FROM
         (SELECT province_code FROM figure_provinces p WHERE p.figure_id = f.id ORDER BY province_code)) AS provinces
       FROM figures f ORDER BY f.quote_start, f.id`,
    )
    .all() as FigureRow[];
  const source = db.$client.prepare('SELECT * FROM sources').get() as {
    id: string;
    published_on: string | null;
    url: string | null;
    text_sha256: string;
    text: string;
    period_id: string;
    period_words: string;
  };
  const points = Array.from(source.text);
  const slice = (start: number, end: number) => points.slice(start, end).join('');
  const lineAt = (offset: number) => points.slice(0, offset).filter((c) => c === '\n').length + 1;

  it('holds the report text byte for byte, with no date or URL invented', () => {
    expect(db.$client.prepare('SELECT count(*) AS n FROM sources').get()).toEqual({ n: 1 });
    expect(source.id).toBe(NAME);
    expect(source.published_on).toBeNull();
    expect(source.url).toBeNull();
    expect(source.text_sha256).toBe(SHA);
    expect(createHash('sha256').update(source.text, 'utf8').digest('hex')).toBe(SHA);
    expect(source.text).toBe(fs.readFileSync(SRC_TEXT, 'utf8'));
    expect(source.period_id).toBe('2024-early');
    expect(source.period_words).toBe('مطلع العام 2024');
  });

  it('has 31 provinces', () => {
    expect(db.$client.prepare('SELECT count(*) AS n FROM provinces').get()).toEqual({ n: 31 });
  });

  it('stands every figure on its quote: the text at [quote_start, quote_end) on quote_line', () => {
    expect(figureRows).toHaveLength(15);
    for (const f of figureRows) {
      expect({ id: f.id, text: slice(f.quote_start, f.quote_end) }).toEqual({ id: f.id, text: f.quote_text });
      expect({ id: f.id, line: lineAt(f.quote_start) }).toEqual({ id: f.id, line: f.quote_line });
    }
  });

  it('stands every note on its quote', () => {
    const notes = db.$client
      .prepare('SELECT id, quote_text, quote_line, quote_start, quote_end FROM notes')
      .all() as {
      id: string;
      quote_text: string;
      quote_line: number;
      quote_start: number;
      quote_end: number;
    }[];
    expect(notes).toHaveLength(11);
    for (const n of notes) {
      expect({ id: n.id, text: slice(n.quote_start, n.quote_end) }).toEqual({ id: n.id, text: n.quote_text });
      expect({ id: n.id, line: lineAt(n.quote_start) }).toEqual({ id: n.id, line: n.quote_line });
    }
  });

  // Every reported figure of ../shared/report/facts.md: province(s), measure, value, the exact words, line, offset.
  const FACTS: [string, string, number, string, number, number][] = [
    ['IR-10', 'export_value_usd', 37_000_000, '37 مليون دولار (25.9%)', 4, 635],
    ['IR-10', 'export_value_usd', 37_500_000, 'إصفهان تتصدر الصادرات بـ37.5 مليون دولار', 5, 821],
    ['IR-10', 'export_share_percent', 25.9, '37 مليون دولار (25.9%)', 4, 635],
    ['IR-10', 'export_rank', 1, 'المركزين الأول والثاني', 4, 550],
    ['IR-06', 'export_value_usd', 30_000_000, '30 مليون دولار (20.9%)', 4, 659],
    ['IR-06', 'export_share_percent', 20.9, '30 مليون دولار (20.9%)', 4, 659],
    ['IR-06', 'export_rank', 2, 'المركزين الأول والثاني', 4, 550],
    ['IR-23', 'export_rank', 3, 'فقد حصلت على المركز الثالث', 8, 1526],
    ['IR-00', 'export_rank', 4, 'محافظة مركزي المرتبة التالية', 10, 1658],
    ['IR-00', 'export_value_usd', 14_000_000, '14 مليون دولار (9.7%)', 10, 1700],
    ['IR-00', 'export_share_percent', 9.7, '14 مليون دولار (9.7%)', 10, 1700],
    ['IR-18', 'export_rank', 5, 'تليها بوشهر', 10, 1723],
    ['IR-18', 'export_value_usd', 10_500_000, '10.5 مليون دولار (7.3%)', 10, 1737],
    ['IR-18', 'export_share_percent', 7.3, '10.5 مليون دولار (7.3%)', 10, 1737],
    ['IR-06,IR-10', 'export_value_usd', 67_000_000, 'أكثر من 67 مليون دولار', 3, 238],
  ];

  it.each(FACTS)(
    'holds %s %s = %d, quoted from line %i',
    (provinces, measure, value, words, line, offset) => {
      // facts.md itself: the words are in the text at that offset, on that line.
      expect(slice(offset, offset + Array.from(words).length)).toBe(words);
      expect(lineAt(offset)).toBe(line);
      const matches = figureRows.filter(
        (f) =>
          f.provinces === provinces &&
          f.measure === measure &&
          (f.value_usd ?? f.share_percent ?? f.rank) === value &&
          f.quote_start <= offset &&
          offset + Array.from(words).length <= f.quote_end &&
          f.quote_line === line,
      );
      expect(matches).toHaveLength(1);
    },
  );

  it('holds nothing that facts.md does not report', () => {
    const key = (p: string, m: string, v: number) => `${p} ${m} ${v}`;
    const expected = FACTS.map(([p, m, v]) => key(p, m, v)).sort();
    const actual = figureRows.map((f) =>
      key(f.provinces, f.measure, (f.value_usd ?? f.share_percent ?? f.rank) as number),
    );
    expect(actual.sort()).toEqual(expected);
  });

  it('stores both of Isfahan’s values, each with its line and resolution', () => {
    const isfahanValues = figureRows
      .filter((f) => f.provinces === 'IR-10' && f.measure === 'export_value_usd')
      .map((f) => [f.id, f.value_usd, f.resolution, f.quote_line, f.quote_start, f.quote_end]);
    expect(isfahanValues).toEqual([
      [`${NAME}/isfahan-value-line-4`, 37_000_000, 1_000_000, 4, 635, 657],
      [`${NAME}/isfahan-value-line-5`, 37_500_000, 100_000, 5, 821, 861],
    ]);
  });

  it('stores the combined figure as "more than" for both provinces', () => {
    const combined = figureRows.find((f) => f.id === `${NAME}/isfahan-khuzestan-combined-value`);
    expect(combined?.comparator).toBe('gt');
    expect(combined?.provinces).toBe('IR-06,IR-10');
    expect(combined?.value_usd).toBe(67_000_000);
    expect(figureRows.filter((f) => f.comparator === 'gt')).toHaveLength(1);
  });

  it('has notes for exactly the provinces the report describes', () => {
    const codes = (
      db.$client.prepare('SELECT DISTINCT province_code AS code FROM notes ORDER BY code').all() as {
        code: string;
      }[]
    ).map((r) => r.code);
    expect(codes).toEqual(['IR-03', 'IR-06', 'IR-10', 'IR-21', 'IR-23', 'IR-26', 'IR-30']);
  });

  it('matches the in-memory seeded database used by the other tests', () => {
    const mem = seededDb();
    const q = 'SELECT id, value_usd, share_percent, rank, quote_start, quote_end FROM figures ORDER BY id';
    expect(mem.$client.prepare(q).all()).toEqual(db.$client.prepare(q).all());
    mem.$client.close();
  });
});
