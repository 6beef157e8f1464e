// Reading the seed files (provinces, report datasets), validating them completely, and writing them in one transaction.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { checkDataset, type DatasetProblem } from '../domain/dataset-checks.ts';
import { REPORTS_DIR, SEED_DIR } from '../paths.ts';
import { type ReportDataset, reportDatasetShape } from '../schemas/report-dataset.ts';
import type { Db } from './client.ts';
import { figureProvinces, figures, notes, periods, provinceAliases, provinces, sources } from './schema.ts';
import {
  type DatasetLimits,
  datasetLimits,
  readConfinedFile,
  readRegularFile,
  UnsafeFileError,
} from './untrusted-file.ts';

/** A dataset that cannot be written, with every problem found, each naming its entry. */
export class DatasetError extends Error {
  readonly file: string;
  readonly problems: DatasetProblem[];
  constructor(file: string, problems: DatasetProblem[]) {
    super(
      `Invalid report dataset ${file}:\n${problems.map((p) => `  - ${p.entry}: ${p.problem}`).join('\n')}`,
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
    raw = JSON.parse(
      readRegularFile(file, limits.DATASET_FILE_MAX_BYTES, 'DATASET_FILE_MAX_BYTES').toString('utf8'),
    );
  } catch (err) {
    const problem =
      err instanceof UnsafeFileError
        ? `cannot be read: ${err.message}`
        : `cannot read JSON: ${(err as Error).message}`;
    throw new DatasetError(file, [{ entry: '(file)', problem }]);
  }
  const parsed = reportDatasetShape.safeParse(raw);
  if (!parsed.success) throw new DatasetError(file, zodProblems(parsed.error, raw));
  const dataset = parsed.data;
  let bytes: Buffer;
  if (dataset.source.textFile !== undefined) {
    try {
      bytes = readConfinedFile(
        path.dirname(file),
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
  const text = bytes.toString('utf8');
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
export function writeReport(db: Db, { dataset, text, textSha256 }: LoadedDataset): void {
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
  for (const f of dataset.figures) {
    db.insert(figures)
      .values({
        id: `${source.id}/${f.id}`,
        sourceId: source.id,
        periodId: period.id,
        measure: f.measure,
        comparator: f.comparator,
        valueUsd: f.measure === 'export_value_usd' ? f.value : null,
        sharePercent: f.measure === 'export_share_percent' ? f.value : null,
        rank: f.measure === 'export_rank' ? f.value : null,
        resolution: f.resolution,
        quoteText: f.quote.text,
        quoteLine: f.quote.line,
        quoteStart: f.quote.start,
        quoteEnd: f.quote.end,
        remark: f.remark ?? null,
      })
      .run();
    for (const code of f.provinces) {
      db.insert(figureProvinces)
        .values({ figureId: `${source.id}/${f.id}`, provinceCode: code })
        .run();
    }
  }
  for (const n of dataset.notes) {
    db.insert(notes)
      .values({
        id: `${source.id}/${n.id}`,
        sourceId: source.id,
        periodId: period.id,
        provinceCode: n.province,
        topic: n.topic,
        summaryEn: n.summaryEn,
        quoteText: n.quote.text,
        quoteLine: n.quote.line,
        quoteStart: n.quote.start,
        quoteEnd: n.quote.end,
      })
      .run();
  }
}

/**
 * Seeds a freshly migrated database: the provinces and every report in `reportFiles`. Everything is validated
 * before the first write, and written in one transaction, so a bad file leaves nothing behind.
 */
export function seedDatabase(db: Db, reportFiles = seedDatasetFiles(), seedDir = SEED_DIR): void {
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
