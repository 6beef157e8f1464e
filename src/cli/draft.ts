// `npm run draft -- TEXT_FILE --source-id ID --period PERIOD_ID --year YYYY --language ar|fa|en [--out FILE]
// [--summary FILE] [--force]`: a dataset draft from a report's text, for a person to review before importing it.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { decodeUtf8, readProvinces } from '../db/seed.ts';
import { datasetLimits, readNamedFile } from '../db/untrusted-file.ts';
import { draftReport } from '../domain/extraction/draft.ts';
import { reviewSummary } from '../domain/extraction/summary.ts';
import { ProvinceIndex } from '../domain/names.ts';
import type { Province } from '../domain/types.ts';
import { reportDatasetShape } from '../schemas/report-dataset.ts';

const USAGE =
  'usage: npm run draft -- TEXT_FILE --source-id ID --period PERIOD_ID --year YYYY --language ar|fa|en ' +
  '[--out FILE] [--summary FILE] [--force]';

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

/** The provinces and spellings the database is built from, so the draft knows every name the API knows. */
function seedProvinces(): Province[] {
  const { provinces, aliases } = readProvinces();
  return provinces.map((p) => ({
    code: p.code,
    slug: p.slug,
    names: { en: p.nameEn, fa: p.nameFa, ar: p.nameAr },
    isoName: p.isoName,
    aliases: aliases
      .filter((a) => a.provinceCode === p.code)
      .map((a) => ({ alias: a.alias, language: a.language, kind: a.kind })),
  }));
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'source-id': { type: 'string' },
    period: { type: 'string' },
    year: { type: 'string' },
    language: { type: 'string' },
    out: { type: 'string' },
    summary: { type: 'string' },
    force: { type: 'boolean', default: false },
  },
});
const [textFile, ...extra] = positionals;
const sourceId = values['source-id'];
const { period, language } = values;
if (!textFile || extra.length > 0 || !sourceId || !period || !values.year || !language) fail(USAGE);
if (language !== 'ar' && language !== 'fa' && language !== 'en')
  fail(`--language must be ar, fa or en\n${USAGE}`);
const year = Number(values.year);
if (!Number.isInteger(year) || year < 1990 || year > 2100)
  fail(`--year must be a year such as 2024\n${USAGE}`);

let bytes: Buffer;
try {
  const { DATASET_TEXT_MAX_BYTES } = datasetLimits();
  bytes = readNamedFile(textFile, DATASET_TEXT_MAX_BYTES, 'DATASET_TEXT_MAX_BYTES');
} catch (err) {
  fail(err instanceof Error ? err.message : String(err), 1);
}
// Decoded as the import decodes it (nothing replaced), so that offsets and sha256 mean the same to both.
const text = decodeUtf8(bytes);
if (typeof text !== 'string')
  fail(`${textFile} is not UTF-8 (at byte ${text.offset}); save it as UTF-8 first.`, 1);
const out = values.out ?? path.join(path.dirname(textFile), `${sourceId}.json`);
if (fs.existsSync(out) && !values.force)
  fail(`${out} exists; choose another --out or add --force to replace it.`, 1);

const draft = draftReport(text, new ProvinceIndex(seedProvinces()), {
  sourceId,
  periodId: period,
  year,
  language,
  textFile: path
    .relative(path.dirname(path.resolve(out)), path.resolve(textFile))
    .split(path.sep)
    .join('/'),
  textSha256: createHash('sha256').update(bytes).digest('hex'),
});

// The draft must at least be a dataset file; the import's checks (quotes, provinces, ranges) are for --check.
const parsed = reportDatasetShape.safeParse(draft.dataset);
const problems = parsed.success
  ? []
  : parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(file)'}: ${i.message}`);
fs.writeFileSync(out, `${JSON.stringify(draft.dataset, null, 2)}\n`);
const summary = reviewSummary(draft, out);
if (values.summary) fs.writeFileSync(values.summary, summary);
else process.stderr.write(summary);
if (draft.dataset.source.textFile.startsWith('../')) {
  console.error(
    `Note: the import reads textFile only from the dataset's own folder; put ${out} beside ${textFile} before importing.`,
  );
}
if (problems.length > 0) {
  fail(`The draft written to ${out} is not yet a valid dataset file:\n${problems.join('\n')}`, 1);
}
