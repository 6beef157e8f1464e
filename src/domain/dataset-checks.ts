// Cross-checks of a report dataset against its text and the province list: run before anything is written.
import type { Measure } from './measures.ts';
import { CodePointText, type QuoteRef, quoteProblem } from './quotes.ts';

export interface DatasetProblem {
  /** Which entry is wrong, e.g. `figures[3] "isfahan-rank"`. */
  entry: string;
  problem: string;
}

/** What the checks read of a dataset file; the file format (src/schemas/report-dataset.ts) satisfies it. */
export interface DatasetInput {
  source: { textSha256: string };
  period: { words: QuoteRef };
  figures: readonly {
    id: string;
    provinces: readonly string[];
    measure: Measure;
    value: number;
    resolution: number | null;
    quote: QuoteRef;
  }[];
  notes: readonly { id: string; province: string; quote: QuoteRef }[];
}

const MAX_USD = 1e12; // far above any province's yearly exports; catches unit slips (dollars vs millions)

function valueProblem(figure: DatasetInput['figures'][number], provinceCount: number): string | null {
  const { measure, value, resolution } = figure;
  if (measure === 'export_value_usd') {
    if (!Number.isSafeInteger(value))
      return `export value must be an integer number of US dollars, got ${value}`;
    if (value <= 0 || value > MAX_USD) return `export value ${value} USD is out of range (1 to ${MAX_USD})`;
    if (resolution === null) return 'an export value needs the resolution it was stated with';
  } else if (measure === 'export_share_percent') {
    if (!(value > 0 && value <= 100)) return `share ${value} % is out of range (greater than 0, at most 100)`;
    if (resolution === null) return 'a share needs the resolution it was stated with';
  } else {
    if (!Number.isInteger(value) || value < 1 || value > provinceCount) {
      return `rank ${value} is out of range (an integer from 1 to ${provinceCount})`;
    }
    if (resolution !== null) return 'a rank has no resolution (use null)';
  }
  return null;
}

/** Every problem in a dataset: quotes not at their offsets, unknown provinces, values out of range, duplicate ids. */
export function checkDataset(
  dataset: DatasetInput,
  text: string,
  textSha256: string,
  provinceCodes: ReadonlySet<string>,
): DatasetProblem[] {
  const problems: DatasetProblem[] = [];
  const source = new CodePointText(text);
  if (textSha256 !== dataset.source.textSha256) {
    problems.push({
      entry: 'source.textSha256',
      problem: `the text's sha256 is ${textSha256}, not ${dataset.source.textSha256}`,
    });
  }
  const periodWords = quoteProblem(source, dataset.period.words);
  if (periodWords) problems.push({ entry: 'period.words', problem: periodWords });

  const seen = new Set<string>();
  const entries = [
    ...dataset.figures.map((f, i) => ({
      kind: 'figures',
      i,
      id: f.id,
      quote: f.quote,
      provinces: f.provinces,
      f,
    })),
    ...dataset.notes.map((n, i) => ({
      kind: 'notes',
      i,
      id: n.id,
      quote: n.quote,
      provinces: [n.province],
      f: null,
    })),
  ];
  for (const e of entries) {
    const entry = `${e.kind}[${e.i}] "${e.id}"`;
    if (seen.has(e.id)) problems.push({ entry, problem: `id "${e.id}" is used twice` });
    seen.add(e.id);
    for (const code of e.provinces) {
      if (!provinceCodes.has(code)) problems.push({ entry, problem: `unknown province code ${code}` });
    }
    if (new Set(e.provinces).size !== e.provinces.length) {
      problems.push({ entry, problem: 'a province is listed twice' });
    }
    const q = quoteProblem(source, e.quote);
    if (q) problems.push({ entry, problem: q });
    if (e.f) {
      const v = valueProblem(e.f, provinceCodes.size);
      if (v) problems.push({ entry, problem: v });
    }
  }
  return problems;
}
