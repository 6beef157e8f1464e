// Reading the seed files (provinces, report datasets), validating them completely, and writing them in one transaction.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { BIDI_CONTROLS, escapeControls, FORBIDDEN_IN_TEXT } from '../domain/control-chars.ts';
import { checkDataset, type DatasetProblem } from '../domain/dataset-checks.ts';
import { REPORTS_DIR, SEED_DIR } from '../paths.ts';
import { type ReportDataset, reportDatasetShape } from '../schemas/report-dataset.ts';
import { getTableName } from './drizzle.ts';
import { figureProvinces, figures, notes, periods, provinceAliases, provinces, sources } from './schema.ts';
import {
  type DatasetLimits,
  datasetLimits,
  readConfinedFile,
  readNamedFile,
  UnsafeFileError,
} from './untrusted-file.ts';
import type { WritableDb } from './writable.ts';

/** A dataset that cannot be written, with every problem found, each naming its entry. */
export class DatasetError extends Error {
  readonly file: string;
  readonly problems: DatasetProblem[];
  constructor(file: string, problems: DatasetProblem[]) {
    // Problems quote the dataset (a quote, the text found at its offsets): its control characters are escaped, so a
    // message can neither drive the operator's terminal nor break a line of its own.
    super(
      `Invalid report dataset ${escapeControls(file)}:\n${problems.map((p) => `  - ${escapeControls(p.entry)}: ${escapeControls(p.problem)}`).join('\n')}`,
    );
    this.name = 'DatasetError';
    this.file = file;
    this.problems = problems;
  }
}

export interface ProvinceRow {
  code: string;
  slug: string;
  isoName: string;
  nameEn: string;
  nameFa: string;
  nameAr: string;
  reportSpellingAr: string;
}

export interface AliasRow {
  provinceCode: string;
  alias: string;
  language: string;
  kind: string;
}

function readTsv(file: string): Record<string, string>[] {
  const [header, ...lines] = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const columns = (header ?? '').split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
  });
}

export function readProvinces(dir = SEED_DIR): { provinces: ProvinceRow[]; aliases: AliasRow[] } {
  const rows: ProvinceRow[] = readTsv(path.join(dir, 'provinces.tsv')).map((r) => ({
    code: r.code ?? '',
    slug: r.slug ?? '',
    isoName: r.iso_name ?? '',
    nameEn: r.name_en ?? '',
    nameFa: r.name_fa ?? '',
    nameAr: r.name_ar ?? '',
    reportSpellingAr: r.report_spelling_ar ?? '',
  }));
  const aliases: AliasRow[] = rows
    .filter((p) => p.reportSpellingAr && p.reportSpellingAr !== p.nameAr)
    .map((p) => ({
      provinceCode: p.code,
      alias: p.reportSpellingAr,
      language: 'ar',
      kind: 'report-spelling',
    }));
  for (const r of readTsv(path.join(dir, 'province-aliases.tsv'))) {
    aliases.push({
      provinceCode: r.code ?? '',
      alias: r.alias ?? '',
      language: r.language ?? '',
      kind: 'variant',
    });
  }
  return { provinces: rows, aliases };
}

function zodProblems(error: z.ZodError, raw: unknown): DatasetProblem[] {
  return error.issues.map((issue) => {
    const [head, index, ...rest] = issue.path;
    let entry = issue.path.join('.') || '(file)';
    if ((head === 'figures' || head === 'notes') && typeof index === 'number') {
      const item = (raw as Record<string, { id?: unknown }[]>)[head]?.[index];
      const id = typeof item?.id === 'string' ? ` "${item.id}"` : '';
      entry = `${head}[${index}]${id}${rest.length ? `.${rest.join('.')}` : ''}`;
    }
    return { entry, problem: issue.message };
  });
}

export interface LoadedDataset {
  file: string;
  dataset: ReportDataset;
  text: string;
  textSha256: string;
}

/** What is wrong with a JSON text, without V8's excerpt of it (an error never shows what a refused file holds). */
function jsonProblem(err: Error): string {
  const at = /at position (\d+)/.exec(err.message)?.[1];
  if (at !== undefined) return `it is not valid JSON (at position ${at})`;
  return /Unexpected end/.test(err.message)
    ? 'it is not valid JSON (it ends too early)'
    : 'it is not valid JSON';
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The bytes as UTF-8 text, or where they stop being UTF-8 (a fatal decoder: nothing is replaced). */
export function decodeUtf8(bytes: Buffer): string | { offset: number } {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // The decoder does not say where; the longest valid prefix does (a binary search over prefixes would be wrong: a
    // prefix may end inside a character, so this walks the sequences, linear in the size).
    return { offset: firstInvalidUtf8(bytes) };
  }
}

function firstInvalidUtf8(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    // Continuation bytes after the lead byte, and the smallest code point that needs that many (no overlong forms).
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [n, min] = [1, 0x80];
    else if ((c & 0xf0) === 0xe0) [n, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    if (i + n >= b.length) return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k] as number;
      if ((d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length;
}

/** Why a text from a dataset cannot be served safely, or null: names the character and its code-point offset. */
function textProblem(text: string): string | null {
  // (In a u-mode pattern a surrogate pair is one code point: only a lone surrogate matches.)
  if (/\p{Cs}/u.test(text)) return 'holds a lone UTF-16 surrogate, which is not a character';
  const m = FORBIDDEN_IN_TEXT.exec(text);
  if (!m) return null;
  const at = Array.from(text.slice(0, m.index)).length;
  const code = `U+${(m[0].codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;
  return BIDI_CONTROLS.test(m[0])
    ? `holds the bidi control ${code} at code point ${at}: it would reorder what readers see (remove it)`
    : `holds the control character ${code} at code point ${at} (remove it)`;
}

/** Every string of a parsed dataset that cannot be served safely, by its path in the file. */
function unsafeStrings(value: unknown, at = ''): DatasetProblem[] {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? [{ entry: at || '(file)', problem }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => unsafeStrings(v, `${at}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [
      ...unsafeStrings(k, at),
      ...unsafeStrings(v, at ? `${at}.${k}` : k),
    ]);
  }
  return [];
}

/**
 * Reads and fully validates a dataset file; throws DatasetError naming every bad entry. The file is untrusted: it and
 * its textFile are size-capped regular files, and textFile must stay inside the dataset file's folder.
 */
export function loadDatasetFile(
  file: string,
  provinceCodes: ReadonlySet<string>,
  limits: DatasetLimits = datasetLimits(),
): LoadedDataset {
  let raw: unknown;
  try {
    const bytes = readNamedFile(file, limits.DATASET_FILE_MAX_BYTES, 'DATASET_FILE_MAX_BYTES');
    // A byte-order mark (editors on Windows write one) is not part of the JSON.
    const bom = bytes.subarray(0, 3).equals(UTF8_BOM) ? 3 : 0;
    const json = decodeUtf8(bytes.subarray(bom));
    if (typeof json !== 'string') {
      throw new DatasetError(file, [
        { entry: '(file)', problem: `is not valid UTF-8 (at byte ${json.offset + bom})` },
      ]);
    }
    raw = JSON.parse(json);
  } catch (err) {
    if (err instanceof DatasetError) throw err;
    const problem =
      err instanceof UnsafeFileError
        ? `cannot be read: ${err.message}`
        : `cannot read JSON: ${jsonProblem(err as Error)}`;
    throw new DatasetError(file, [{ entry: '(file)', problem }]);
  }
  const unsafe = unsafeStrings(raw);
  if (unsafe.length > 0) throw new DatasetError(file, unsafe);
  const parsed = reportDatasetShape.safeParse(raw);
  if (!parsed.success) throw new DatasetError(file, zodProblems(parsed.error, raw));
  const dataset = parsed.data;
  let bytes: Buffer;
  if (dataset.source.textFile !== undefined) {
    try {
      // Relative to where the dataset really is (an operator may name it through a symbolic link).
      bytes = readConfinedFile(
        path.dirname(fs.realpathSync(file)),
        dataset.source.textFile,
        limits.DATASET_TEXT_MAX_BYTES,
        'DATASET_TEXT_MAX_BYTES',
      );
    } catch (err) {
      if (!(err instanceof UnsafeFileError)) throw err;
      throw new DatasetError(file, [{ entry: 'source.textFile', problem: err.message }]);
    }
  } else {
    bytes = Buffer.from(dataset.source.text ?? '', 'utf8');
  }
  // The text is served byte for byte (its sha256 is textSha256): bytes that are not UTF-8 cannot be, so they are
  // refused rather than replaced; a byte-order mark is kept as the text's first character.
  const text = decodeUtf8(bytes);
  if (typeof text !== 'string') {
    throw new DatasetError(file, [
      { entry: 'source.textFile', problem: `is not valid UTF-8 (at byte ${text.offset})` },
    ]);
  }
  const hidden = textProblem(text);
  if (hidden)
    throw new DatasetError(file, [
      { entry: dataset.source.textFile ? 'source.textFile' : 'source.text', problem: hidden },
    ]);
  const textSha256 = createHash('sha256').update(bytes).digest('hex');
  const problems = checkDataset(dataset, text, textSha256, provinceCodes);
  if (problems.length > 0) throw new DatasetError(file, problems);
  return { file, dataset, text, textSha256 };
}

export function seedDatasetFiles(dir = REPORTS_DIR): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Writes one validated report (its period, source, figures and notes). Call inside a transaction. */
export function writeReport(db: WritableDb, { dataset, text, textSha256 }: LoadedDataset): void {
  const { source, period } = dataset;
  db.insert(periods)
    .values({
      id: period.id,
      labelEn: period.label,
      year: period.year,
      sortKey: period.sortKey,
      startsOn: period.startsOn,
      endsOn: period.endsOn,
    })
    .onConflictDoNothing()
    .run();
  db.insert(sources)
    .values({
      id: source.id,
      titleAr: source.title.ar,
      titleEn: source.title.en,
      publisherAr: source.publisher.ar,
      publisherEn: source.publisher.en,
      dataOwnerAr: source.dataOwner.ar,
      dataOwnerEn: source.dataOwner.en,
      periodId: period.id,
      periodWords: period.words.text,
      language: source.language,
      publishedOn: source.publishedOn,
      url: source.url,
      textSha256,
      text,
    })
    .run();
  // Figures and notes are the bulk of a report: inserted through statements prepared once per connection (a query
  // builder per row costs more than the write itself).
  const st = rowStatements(db);
  for (const f of dataset.figures) {
    const id = `${source.id}/${f.id}`;
    st.figure.run(
      id,
      source.id,
      period.id,
      f.measure,
      f.comparator,
      f.measure === 'export_value_usd' ? f.value : null,
      f.measure === 'export_share_percent' ? f.value : null,
      f.measure === 'export_rank' ? f.value : null,
      f.resolution,
      f.quote.text,
      f.quote.line,
      f.quote.start,
      f.quote.end,
      f.remark ?? null,
    );
    for (const code of f.provinces) st.figureProvince.run(id, code);
  }
  for (const n of dataset.notes) {
    st.note.run(
      `${source.id}/${n.id}`,
      source.id,
      period.id,
      n.province,
      n.topic,
      n.summaryEn,
      n.quote.text,
      n.quote.line,
      n.quote.start,
      n.quote.end,
    );
  }
}

const statements = new WeakMap<object, ReturnType<typeof prepareRowStatements>>();

function prepareRowStatements(db: WritableDb) {
  const c = db.$client;
  return {
    figure: c.prepare(
      `INSERT INTO ${getTableName(figures)} (id, source_id, period_id, measure, comparator, value_usd, share_percent,
        rank, resolution, quote_text, quote_line, quote_start, quote_end, remark)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    figureProvince: c.prepare(
      `INSERT INTO ${getTableName(figureProvinces)} (figure_id, province_code) VALUES (?, ?)`,
    ),
    note: c.prepare(
      `INSERT INTO ${getTableName(notes)} (id, source_id, period_id, province_code, topic, summary_en, quote_text,
        quote_line, quote_start, quote_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };
}

function rowStatements(db: WritableDb) {
  let st = statements.get(db.$client);
  if (!st) {
    st = prepareRowStatements(db);
    statements.set(db.$client, st);
  }
  return st;
}

/**
 * Seeds a freshly migrated database: the provinces and every report in `reportFiles`. Everything is validated
 * before the first write, and written in one transaction, so a bad file leaves nothing behind.
 */
export function seedDatabase(db: WritableDb, reportFiles = seedDatasetFiles(), seedDir = SEED_DIR): void {
  const { provinces: provinceRows, aliases } = readProvinces(seedDir);
  const codes = new Set(provinceRows.map((p) => p.code));
  const reports = reportFiles.map((file) => loadDatasetFile(file, codes));
  db.$client.transaction(() => {
    for (const p of provinceRows) {
      const { reportSpellingAr: _, ...row } = p;
      db.insert(provinces).values(row).run();
    }
    for (const a of aliases) db.insert(provinceAliases).values(a).run();
    for (const report of reports) writeReport(db, report);
  })();
}
