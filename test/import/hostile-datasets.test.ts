// Datasets made by an attacker who hands a data editor a file: each is refused, or served so that it cannot be
// turned against the service, the spreadsheet, the reference manager, the browser or the operator's terminal.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { testConfig } from '../../src/config.ts';
import { importAtomically } from '../../src/db/atomic-import.ts';
import { buildDatabaseFile } from '../../src/db/build.ts';
import { prepareDatabase } from '../../src/db/prepare.ts';
import { DatasetError, loadDatasetFile, readProvinces } from '../../src/db/seed.ts';
import { readConfinedFile, UnsafeFileError } from '../../src/db/untrusted-file.ts';
import { escapeControls, terminalSafe } from '../../src/domain/control-chars.ts';
import { tex } from '../../src/presenters/citation.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'fictional-2025.json');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nano-hostile-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const codes = new Set(readProvinces().provinces.map((p) => p.code));
const config = testConfig();

// biome-ignore lint/suspicious/noExplicitAny: mutating arbitrary parts of a parsed JSON fixture.
type Json = any;
let n = 0;
/** A copy of the fictional 2025 dataset, changed by `change`, written as `raw` bytes if given; returns its path. */
function hostile(change: (d: Json) => void = () => {}, name = `hostile-${n++}.json`): string {
  const d = JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
  change(d);
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(d));
  return file;
}

function problems(file: string): string[] {
  try {
    loadDatasetFile(file, codes);
  } catch (err) {
    expect(err).toBeInstanceOf(DatasetError);
    return (err as DatasetError).problems.map((p) => `${p.entry}: ${p.problem}`);
  }
  throw new Error('the dataset was accepted');
}

/** A text and a quote of `phrase` in it, with code-point offsets and line, as a dataset states them. */
function quoteIn(text: string, phrase: string) {
  const at = text.indexOf(phrase);
  const start = Array.from(text.slice(0, at)).length;
  return {
    text: phrase,
    line: text.slice(0, at).split('\n').length,
    start,
    end: start + Array.from(phrase).length,
  };
}

/** A dataset whose original text is the file `text.txt` beside it, holding `bytes`. */
function withTextFile(bytes: Buffer, folder = path.join(dir, `text-${n++}`)): string {
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'text.txt'), bytes);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const file = path.join(folder, 'dataset.json');
  const d = JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
  d.source.id = 'fictional-text-file';
  delete d.source.text;
  d.source.textFile = 'text.txt';
  d.source.textSha256 = createHash('sha256').update(bytes).digest('hex');
  d.period.words = quoteIn(text, 'early 2025');
  d.figures = [
    { ...d.figures[0], id: 'value', quote: quoteIn(text, '40 million dollars') },
    { ...d.figures[1], id: 'share', quote: quoteIn(text, '26.0%') },
  ];
  d.notes = [];
  fs.writeFileSync(file, JSON.stringify(d));
  return file;
}

describe('1. numbers that would take the service down are refused by the format', () => {
  const value = (d: Json) => d.figures[0];
  const share = (d: Json) => d.figures[1];
  it.each([
    [
      '1e12 USD with a share of 0.01 %',
      (d: Json) => {
        value(d).value = 1e12;
        share(d).value = 0.01;
        share(d).resolution = 0.01;
      },
      'figures[0] "isfahan-value": export value 1000000000000 USD is out of range (1 to 10000000000)',
    ],
    [
      'a share of 1e-10 %',
      (d: Json) => {
        share(d).value = 1e-10;
      },
      'figures[1] "isfahan-share": share 1e-10 % has more than three decimals (the smallest share is 0.001 %)',
    ],
    [
      'a share of 1e-320 %',
      (d: Json) => {
        share(d).value = 1e-320;
      },
      'figures[1] "isfahan-share": share 1e-320 % has more than three decimals (the smallest share is 0.001 %)',
    ],
    [
      'a rounding step of 1e300',
      (d: Json) => {
        value(d).resolution = 1e300;
      },
      `figures[0] "isfahan-value": resolution 1e+300 is larger than the value's order of magnitude (10000000): a value of 40000000 cannot have been rounded to it`,
    ],
    [
      'a share whose rounding step reaches zero',
      (d: Json) => {
        share(d).value = 0.05;
        share(d).resolution = 0.1;
      },
      `figures[1] "isfahan-share": resolution 0.1 is larger than the value's order of magnitude (0.01): a value of 0.05 cannot have been rounded to it`,
    ],
  ])('%s', (_what, change, problem) => {
    expect(problems(hostile(change))).toContain(problem);
  });

  it('states the bounds in /v1/schemas/report.json', async () => {
    const app = await buildApp({ config, db: prepareDatabase(servedDb) });
    try {
      const schema = (await app.inject('/v1/schemas/report.json')).json();
      const figure = schema.properties.figures.items;
      expect(figure.allOf).toContainEqual({
        if: { properties: { measure: { const: 'export_share_percent' } }, required: ['measure'] },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then.
        then: { properties: { value: { exclusiveMinimum: 0, maximum: 100 } } },
      });
      expect(figure.allOf).toContainEqual({
        if: { properties: { measure: { const: 'export_value_usd' } }, required: ['measure'] },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then.
        then: { properties: { value: { type: 'integer', minimum: 1, maximum: 1e10 } } },
      });
      expect(figure.properties.resolution.description).toContain('No larger than the order of magnitude');
      expect(schema.properties.source.properties.url.anyOf[0].pattern).toBeDefined();
    } finally {
      await app.close();
    }
  });
});

// A database serving a dataset whose every text is a formula, a TeX injection or right-to-left text.
const servedDb = path.join(dir, 'served.sqlite');
const FORMULAS = {
  title: '=HYPERLINK("http://evil.example/","click")',
  publisher: '+1+1',
  dataOwner: '@SUM(1,2)',
  period: '-2+3',
  remark: '\tTAB then =1+1',
};
const BIBTEX_TITLE = 'Report}, title = {INJECTED} % \\ # & $ _ ~ ^';
let app: FastifyInstance;
beforeAll(async () => {
  buildDatabaseFile(servedDb);
  const file = hostile((d) => {
    d.source.title.en = FORMULAS.title;
    d.source.publisher.en = FORMULAS.publisher;
    d.source.dataOwner.en = FORMULAS.dataOwner;
    d.period.label = FORMULAS.period;
    d.figures[0].remark = FORMULAS.remark;
  });
  const other = hostile((d) => {
    d.source.id = 'fictional-bibtex';
    d.period.label = FORMULAS.period;
    d.source.title.en = BIBTEX_TITLE;
    d.source.url = 'https://example.org/r?a=1&b=2%20c#top';
  });
  await importAtomically(servedDb, [file, other], { config });
  app = await buildApp({ config, db: prepareDatabase(servedDb) });
}, 60_000);
afterAll(() => app?.close());

const csvOf = async (url: string): Promise<Record<string, string>[]> => {
  const res = await app.inject(url);
  expect(res.statusCode, url).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/csv/);
  return parse(res.body, { columns: true, bom: true });
};

describe('2. CSV: no text cell starts a formula', () => {
  it.each([
    '/v1/sources?format=csv',
    '/v1/periods?format=csv',
    '/v1/figures?format=csv&period=2025-early',
    '/v1/provinces/IR-10?format=csv&period=2025-early',
    '/v1/provinces/IR-10/history?format=csv',
    '/v1/exports?format=csv&period=2025-early',
  ])('%s', async (url) => {
    const rows = await csvOf(url);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        if (/^[=+\-@\t\r]/.test(value)) {
          // Only a number may start with - or +.
          expect(Number.isFinite(Number(value)), `${url} ${column}: ${value}`).toBe(true);
        }
      }
    }
  });

  it('keeps the text, behind an apostrophe, and leaves numbers alone', async () => {
    const sources = await csvOf('/v1/sources?format=csv');
    const hostileSource = sources.find((r) => r.id === 'fictional-2025');
    expect(hostileSource?.title_en).toBe(`'${FORMULAS.title}`);
    expect(hostileSource?.publisher_en).toBe(`'${FORMULAS.publisher}`);
    expect(hostileSource?.data_owner_en).toBe(`'${FORMULAS.dataOwner}`);
    const periods = await csvOf('/v1/periods?format=csv');
    expect(periods.find((r) => r.id === '2025-early')?.label).toBe(`'${FORMULAS.period}`);
    const figures = await csvOf('/v1/figures?format=csv&period=2025-early');
    expect(figures.find((r) => r.id === 'fictional-2025/isfahan-value')?.remark).toBe(`'${FORMULAS.remark}`);
    expect(figures.find((r) => r.id === 'fictional-2025/isfahan-value')?.value).toBe('40000000');
  });
});

describe('3. BibTeX and CSL: no forged field, no script URL', () => {
  it('escapes every special character of every field, writing only balanced braces', async () => {
    const res = await app.inject('/v1/sources/fictional-bibtex?format=bibtex');
    expect(res.statusCode).toBe(200);
    const bib = res.body;
    expect(bib.match(/^\s*title\s*=/gm)).toHaveLength(1);
    expect(bib).toContain(
      'title     = {Report\\textbraceright{}, title = \\textbraceleft{}INJECTED\\textbraceright{} \\% \\textbackslash{} \\# \\& \\$ \\_ \\textasciitilde{} \\textasciicircum{}}',
    );
    expect(bib).toContain('url       = {https://example.org/r?a=1\\&b=2\\%20c\\#top}');
    // Braces balance inside every field: BibTeX ends a field at the brace that balances its first.
    for (const line of bib.split('\n').filter((l) => /^\s+\w+\s+=/.test(l))) {
      let depth = 0;
      for (const c of line.slice(line.indexOf('=') + 1).replace(/,$/, '')) {
        depth += c === '{' ? 1 : c === '}' ? -1 : 0;
        expect(depth, line).toBeGreaterThanOrEqual(0);
      }
      expect(depth, line).toBe(0);
    }
    expect(tex('a{b}c\\')).toBe('{a\\textbraceleft{}b\\textbraceright{}c\\textbackslash{}}');
  });

  it.each([
    ['https://x/}, title = {INJECTED', 'source.url: must be written with the characters a URL allows'],
    ['javascript:alert(1)', 'source.url: Invalid URL'],
    ['file:///etc/passwd', 'source.url: Invalid URL'],
    ['data:text/html,<script>alert(1)</script>', 'source.url: Invalid URL'],
  ])('refuses the URL %s', (url, problem) => {
    expect(
      problems(
        hostile((d) => {
          d.source.url = url;
        }),
      ),
    ).toContain(problem);
  });
});

describe('4. HTML: dataset text is isolated; bidi controls are refused', () => {
  it('isolates text from the dataset on the home page', async () => {
    const res = await app.inject('/?period=2025-early&lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(
      `<bdi>${'=HYPERLINK(&quot;http://evil.example/&quot;,&quot;click&quot;)'}</bdi>`,
    );
    expect(res.body).toContain('<bdi>-2+3</bdi>');
  });

  it.each([
    ['source.title.en', (d: Json) => (d.source.title.en = 'abc\u202Etxt.exe')],
    ['source.publisher.en', (d: Json) => (d.source.publisher.en = '\u2066isolated\u2069')],
    ['period.label', (d: Json) => (d.period.label = 'early \u202B2025')],
  ])('refuses a bidi control in %s', (entry, change) => {
    const found = problems(hostile(change));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      new RegExp(`^${entry.replace('.', '\\.')}: holds the bidi control U\\+20(2E|66|2B) at code point \\d+`),
    );
  });
});

describe('5. texts are served byte for byte', () => {
  it('refuses a text that is not UTF-8, naming the byte', () => {
    const bytes = Buffer.concat([
      Buffer.from('FICTIONAL\nIsfahan exported 40 million dollars (26.0%) in early 2025.\n'),
      Buffer.from([0xff, 0xfe]),
    ]);
    expect(problems(withTextFile(bytes))).toEqual(['source.textFile: is not valid UTF-8 (at byte 69)']);
    const overlong = Buffer.concat([Buffer.from('ab'), Buffer.from([0xc0, 0xaf])]);
    expect(problems(withTextFile(overlong))).toEqual(['source.textFile: is not valid UTF-8 (at byte 2)']);
    const surrogate = Buffer.concat([Buffer.from('abc'), Buffer.from([0xed, 0xa0, 0x80])]);
    expect(problems(withTextFile(surrogate))).toEqual(['source.textFile: is not valid UTF-8 (at byte 3)']);
  });

  it('serves a text with a BOM, CRLF line ends and Arabic with the sha256 the dataset states', async () => {
    const bytes = Buffer.from(
      '\uFEFFFICTIONAL نص تجريبي\r\nIsfahan exported 40 million dollars (26.0%) in early 2025.\r\n',
    );
    const target = path.join(dir, 'bytes.sqlite');
    buildDatabaseFile(target);
    const file = withTextFile(bytes);
    await importAtomically(target, [file], { config });
    const served = await buildApp({ config, db: prepareDatabase(target) });
    try {
      const res = await served.inject('/v1/sources/fictional-text-file/text');
      expect(res.statusCode).toBe(200);
      const sha = createHash('sha256').update(res.rawPayload).digest('hex');
      const declared = JSON.parse(fs.readFileSync(file, 'utf8')).source.textSha256;
      expect(sha).toBe(declared);
      expect(res.rawPayload.equals(bytes)).toBe(true);
      const source = (await served.inject('/v1/sources/fictional-text-file')).json();
      expect(source.data.textSha256).toBe(declared);
    } finally {
      await served.close();
    }
  }, 60_000);

  it('accepts a dataset file that starts with a UTF-8 byte-order mark', () => {
    const file = hostile();
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fs.readFileSync(file)]));
    expect(loadDatasetFile(file, codes).dataset.source.id).toBe('fictional-2025');
  });

  it('refuses a dataset file that is not UTF-8, naming the byte', () => {
    const file = path.join(dir, 'latin1.json');
    fs.writeFileSync(
      file,
      Buffer.concat([Buffer.from('{"a": "caf'), Buffer.from([0xe9]), Buffer.from('"}')]),
    );
    expect(problems(file)).toEqual(['(file): is not valid UTF-8 (at byte 10)']);
  });
});

describe('6. no escape sequence reaches the terminal', () => {
  it('escapes control characters in every message', () => {
    expect(escapeControls('a\u001b]0;pwned\u0007b\u001b[2J\u009b')).toBe(
      'a\\u001b]0;pwned\\u0007b\\u001b[2J\\u009b',
    );
    expect(terminalSafe('line 1\nline\u001b 2')).toBe('line 1\nline\\u001b 2');
    const err = new DatasetError('x.json', [{ entry: 'figures[0]', problem: 'quote "\u001b[2J" is not…' }]);
    expect(err.message).toBe('Invalid report dataset x.json:\n  - figures[0]: quote "\\u001b[2J" is not…');
  });

  it('refuses control characters in a dataset, and the CLI prints none', () => {
    const file = hostile((d) => {
      d.figures[0].quote.text = '\u001b]0;pwned\u0007\u001b[2J';
    }, 'evil-\u001b[2J.json');
    const run = spawnSync(
      process.execPath,
      ['src/cli/import.ts', '--check', file, '--database', path.join(dir, 'none.sqlite')],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(run.status).toBe(1);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: no control character but the line feed may be printed.
    expect(run.stderr + run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(run.stderr).toContain('Invalid report dataset');
    expect(run.stderr).toContain('evil-\\u001b[2J.json');
    expect(run.stderr).toContain(
      'figures[0].quote.text: holds the control character U+001B at code point 0 (remove it)',
    );
  }, 60_000);
});

describe('7. confinement without a race', () => {
  const TEXT = 'inside';
  const SECRET = 'SECRET-OUTSIDE';

  it('refuses a hard link to a file outside the folder', () => {
    const outside = path.join(dir, 'outside-hard.txt');
    fs.writeFileSync(outside, SECRET);
    const folder = path.join(dir, 'hard');
    fs.mkdirSync(folder);
    fs.linkSync(outside, path.join(folder, 'text.txt'));
    expect(() => readConfinedFile(folder, 'text.txt', 1000, 'DATASET_TEXT_MAX_BYTES')).toThrow(
      new UnsafeFileError(
        'text.txt',
        "has 2 hard links; a file with other names may belong outside the dataset file's folder (copy it instead)",
      ),
    );
  });

  it('reads nothing outside while a folder and a symbolic link are swapped under it (3 s)', async () => {
    const folder = path.join(dir, 'race');
    const outside = path.join(dir, 'race-outside');
    fs.mkdirSync(path.join(folder, 'real'), { recursive: true });
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(folder, 'real', 'text.txt'), TEXT);
    fs.writeFileSync(path.join(outside, 'text.txt'), SECRET);
    fs.symlinkSync(outside, path.join(folder, 'link'));
    // Another process swaps `sub` between the real folder and the link to the outside, as fast as it can.
    const flipper = spawn(
      process.execPath,
      [
        '-e',
        `const fs = require('fs'); const d = process.argv[1];
         const end = Date.now() + 4000;
         while (Date.now() < end) {
           fs.renameSync(d + '/real', d + '/sub'); fs.renameSync(d + '/sub', d + '/real');
           fs.renameSync(d + '/link', d + '/sub'); fs.renameSync(d + '/sub', d + '/link');
         }`,
        folder,
      ],
      { stdio: 'ignore' },
    );
    const exited = new Promise((resolve) => flipper.on('exit', resolve));
    await new Promise((r) => setTimeout(r, 200));
    const seen = { inside: 0, outside: 0, missing: 0, escaped: 0 };
    const end = Date.now() + 3000;
    while (Date.now() < end) {
      try {
        const got = readConfinedFile(folder, 'sub/text.txt', 1000, 'DATASET_TEXT_MAX_BYTES').toString();
        if (got === TEXT) seen.inside++;
        else seen.escaped++;
      } catch (err) {
        if (!(err instanceof UnsafeFileError)) throw err;
        if (err.message.includes('outside')) seen.outside++;
        else seen.missing++;
      }
      // Let the event loop breathe now and then (the flipper is another process: it runs regardless).
      if ((seen.inside + seen.outside + seen.missing) % 1000 === 0) await new Promise(setImmediate);
    }
    flipper.kill();
    await exited;
    expect(seen.escaped).toBe(0);
    // The swap was seen from both sides: the read happened in the folder, and through the link (and was refused).
    expect(seen.inside).toBeGreaterThan(0);
    expect(seen.outside).toBeGreaterThan(0);
  }, 30_000);
});

describe('npm run import -- --check', () => {
  const runCheck = (...args: string[]) =>
    spawnSync(process.execPath, ['src/cli/import.ts', '--check', ...args], { cwd: ROOT, encoding: 'utf8' });

  it('checks a dataset completely (the gate included) and writes nothing', () => {
    const folder = path.join(dir, 'check');
    fs.mkdirSync(folder);
    const target = path.join(folder, 'db.sqlite');
    buildDatabaseFile(target);
    const before = fs.readFileSync(target);
    const run = runCheck(FIXTURE, '--database', target);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^serving .*candidate\.sqlite on a test app: every reply of every period$/m);
    expect(run.stdout).toContain(
      'Valid: report "fictional-2025" (9 figures, 1 notes) would be imported and served.',
    );
    expect(run.stdout.trim().split('\n').at(-1)).toBe(
      `Nothing was written (--check); ${target} is as it was.`,
    );
    expect(fs.readFileSync(target).equals(before)).toBe(true);
    expect(fs.readdirSync(folder)).toEqual(['db.sqlite']);
  }, 60_000);

  it('works without a database (against one built from seed/ in a temporary folder)', () => {
    const target = path.join(dir, 'nothing-here', 'db.sqlite');
    const run = runCheck(FIXTURE, '--database', target);
    expect(run.status).toBe(0);
    expect(fs.existsSync(path.dirname(target))).toBe(false);
  }, 60_000);

  it('refuses what an import refuses, with every problem', () => {
    const file = hostile((d) => {
      d.figures[1].value = 1e-10;
      d.source.url = 'javascript:alert(1)';
    });
    const run = runCheck(file, '--database', servedDb);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('source.url: Invalid URL');
    expect(run.stderr).toContain('Nothing was imported (1 of 1 files refused).');
  }, 60_000);
});
