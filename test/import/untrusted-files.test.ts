// A dataset file is untrusted: its textFile stays in its folder, is a regular file under a size cap, and errors never
// echo what a refused file holds.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetError, loadDatasetFile, readProvinces } from '../../src/db/seed.ts';
import { readRegularFile, UnsafeFileError } from '../../src/db/untrusted-file.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nano-untrusted-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const codes = new Set(readProvinces().provinces.map((p) => p.code));
const limits = { DATASET_TEXT_MAX_BYTES: 1000, DATASET_FILE_MAX_BYTES: 10_000 };

const TEXT = 'FICTIONAL TEST TEXT\nIsfahan exported 40 million dollars in early 2025.\n';
const SECRET = 'SECRET-CONTENTS-MUST-NOT-LEAK';

let n = 0;
/** A folder holding a dataset whose textFile is `textFile`; `prepare` lays out the folder first. */
function datasetNaming(textFile: string, prepare: (dir: string) => void = () => {}): string {
  const dir = path.join(root, `case-${n++}`);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'text.txt'), TEXT);
  prepare(dir);
  const file = path.join(dir, 'dataset.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      formatVersion: 1,
      source: {
        id: 'fictional-untrusted',
        title: { ar: null, en: 'FICTIONAL' },
        publisher: { ar: null, en: 'Nobody' },
        dataOwner: { ar: null, en: 'Nobody' },
        language: 'en',
        publishedOn: null,
        url: null,
        textFile,
        textSha256: createHash('sha256').update(TEXT).digest('hex'),
      },
      period: {
        id: '2025-early',
        label: 'early 2025',
        year: 2025,
        sortKey: '2025-01',
        startsOn: null,
        endsOn: null,
        words: { text: 'early 2025', line: 2, start: 59, end: 69 },
      },
      figures: [
        {
          id: 'isfahan-value',
          provinces: ['IR-10'],
          measure: 'export_value_usd',
          value: 40000000,
          resolution: 1000000,
          quote: { text: '40 million dollars', line: 2, start: 37, end: 55 },
        },
      ],
    }),
  );
  return file;
}

function problemOf(file: string): string {
  try {
    loadDatasetFile(file, codes, limits);
  } catch (err) {
    expect(err).toBeInstanceOf(DatasetError);
    const { problems, message } = err as DatasetError;
    expect(message).not.toContain(SECRET);
    expect(problems).toHaveLength(1);
    return `${problems[0]?.entry}: ${problems[0]?.problem}`;
  }
  throw new Error('the dataset was accepted');
}

describe('textFile in an untrusted dataset', () => {
  it('a file in the folder is read', () => {
    expect(loadDatasetFile(datasetNaming('text.txt'), codes, limits).text).toBe(TEXT);
  });

  it('a file in a subfolder, and a symbolic link that stays inside, are read', () => {
    const file = datasetNaming('sub/text.txt', (dir) => {
      fs.mkdirSync(path.join(dir, 'sub'));
      fs.writeFileSync(path.join(dir, 'sub', 'text.txt'), TEXT);
    });
    expect(loadDatasetFile(file, codes, limits).text).toBe(TEXT);
    const linked = datasetNaming('link.txt', (dir) => fs.symlinkSync('text.txt', path.join(dir, 'link.txt')));
    expect(loadDatasetFile(linked, codes, limits).text).toBe(TEXT);
  });

  it('refuses an absolute path', () => {
    expect(problemOf(datasetNaming('/etc/passwd'))).toBe(
      "source.textFile: /etc/passwd is an absolute path; give a path relative to the dataset file's folder",
    );
  });

  it('refuses a path that climbs out with ../', () => {
    fs.writeFileSync(path.join(root, 'outside.txt'), SECRET);
    expect(problemOf(datasetNaming('../outside.txt'))).toBe(
      "source.textFile: ../outside.txt resolves outside the dataset file's folder",
    );
  });

  it('refuses a symbolic link that points out of the folder', () => {
    fs.writeFileSync(path.join(root, 'secret.txt'), SECRET);
    const file = datasetNaming('innocent.txt', (dir) =>
      fs.symlinkSync(path.join(root, 'secret.txt'), path.join(dir, 'innocent.txt')),
    );
    expect(problemOf(file)).toBe("source.textFile: innocent.txt resolves outside the dataset file's folder");
  });

  it('refuses a FIFO without hanging', () => {
    const file = datasetNaming('pipe', (dir) => execFileSync('mkfifo', [path.join(dir, 'pipe')]));
    expect(problemOf(file)).toBe('source.textFile: pipe is not a regular file (it is a FIFO)');
  });

  it('refuses a device, even through a link inside the folder', () => {
    const file = datasetNaming('zero', (dir) => fs.symlinkSync('/dev/zero', path.join(dir, 'zero')));
    expect(problemOf(file)).toBe("source.textFile: zero resolves outside the dataset file's folder");
    expect(() => readRegularFile('/dev/zero', 1000, 'DATASET_TEXT_MAX_BYTES')).toThrow(
      new UnsafeFileError('/dev/zero', 'is not a regular file (it is a device)'),
    );
  });

  it('refuses a directory', () => {
    const file = datasetNaming('folder', (dir) => fs.mkdirSync(path.join(dir, 'folder')));
    expect(problemOf(file)).toBe('source.textFile: folder is not a regular file (it is a directory)');
  });

  it('refuses a text over the size cap, without echoing it', () => {
    const file = datasetNaming('big.txt', (dir) =>
      fs.writeFileSync(path.join(dir, 'big.txt'), SECRET.repeat(100)),
    );
    expect(problemOf(file)).toBe(
      'source.textFile: big.txt is 2900 bytes, over the limit of 1000 bytes (DATASET_TEXT_MAX_BYTES)',
    );
  });
});

describe('the dataset file itself', () => {
  it('is size-capped', () => {
    const file = datasetNaming('text.txt');
    fs.appendFileSync(file, ' '.repeat(20_000));
    const size = fs.statSync(file).size;
    expect(problemOf(file)).toBe(
      `(file): cannot be read: ${file} is ${size} bytes, over the limit of 10000 bytes (DATASET_FILE_MAX_BYTES)`,
    );
  });

  it('is JSON, and an error about it never quotes it', () => {
    const file = path.join(root, 'not-json.json');
    fs.writeFileSync(file, SECRET);
    expect(problemOf(file)).toBe('(file): cannot read JSON: it is not valid JSON');
  });

  it('may be a symbolic link the operator gives (its textFile is then confined to its own folder)', () => {
    const file = datasetNaming('text.txt');
    const link = path.join(root, 'linked-dataset.json');
    fs.symlinkSync(file, link);
    expect(loadDatasetFile(link, codes, limits).text).toBe(TEXT);
  });

  it('must be a regular file', () => {
    expect(problemOf('/dev/zero')).toBe(
      '(file): cannot be read: /dev/zero is not a regular file (it is a device)',
    );
    const fifo = path.join(root, 'dataset-fifo.json');
    execFileSync('mkfifo', [fifo]);
    expect(problemOf(fifo)).toBe(`(file): cannot be read: ${fifo} is not a regular file (it is a FIFO)`);
  });
});
