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

/**
 * The domain bounds of a figure's value, chosen so that nothing derived from any figures can leave the safe integers
 * (the national total a value and a share imply is at most 1.5 × MAX_USD ÷ (SHARE_MIN ÷ 2 ÷ 100) = 3e15, below
 * Number.MAX_SAFE_INTEGER ≈ 9.007e15), and stated in the dataset format's JSON Schema (src/schemas/report-dataset.ts).
 */
export const VALUE_BOUNDS = {
  /** US dollars: ten billion, far above any province's yearly nano-technology exports; catches unit slips. */
  MAX_USD: 1e10,
  /** Percent: shares are stated to at most three decimals (the precision their sums are computed with). */
  SHARE_MIN: 0.001,
  SHARE_MAX: 100,
  SHARE_STEP: 0.001,
} as const;

/** 10 to the power of a positive number's decimal exponent (1000 for 4321, 0.01 for 0.05), computed exactly. */
export function orderOfMagnitude(x: number): number {
  return Number(`1e${x.toExponential().split('e')[1]}`);
}

function valueProblem(figure: DatasetInput['figures'][number], provinceCount: number): string | null {
  const { measure, value, resolution } = figure;
  const { MAX_USD, SHARE_MIN, SHARE_MAX, SHARE_STEP } = VALUE_BOUNDS;
  if (measure === 'export_value_usd') {
    if (!Number.isSafeInteger(value))
      return `export value must be an integer number of US dollars, got ${value}`;
    if (value <= 0 || value > MAX_USD) return `export value ${value} USD is out of range (1 to ${MAX_USD})`;
    if (resolution === null) return 'an export value needs the resolution it was stated with';
  } else if (measure === 'export_share_percent') {
    if (!(value > 0 && value <= SHARE_MAX)) {
      return `share ${value} % is out of range (greater than 0, at most ${SHARE_MAX})`;
    }
    // A whole number of thousandths (k / 1000 is the double a JSON "9.7" parses to); this also keeps it ≥ SHARE_MIN.
    if (Math.round(value / SHARE_STEP) / Math.round(1 / SHARE_STEP) !== value) {
      return `share ${value} % has more than three decimals (the smallest share is ${SHARE_MIN} %)`;
    }
    if (resolution === null) return 'a share needs the resolution it was stated with';
  } else {
    if (!Number.isInteger(value) || value < 1 || value > provinceCount) {
      return `rank ${value} is out of range (an integer from 1 to ${provinceCount})`;
    }
    if (resolution !== null) return 'a rank has no resolution (use null)';
  }
  if (resolution !== null && !(resolution <= orderOfMagnitude(value))) {
    return `resolution ${resolution} is larger than the value's order of magnitude (${orderOfMagnitude(value)}): a value of ${value} cannot have been rounded to it`;
  }
  return null;
}

/** What `npm run draft` writes where only a person can give the value (`TODO: the title in English`). */
export const PLACEHOLDER = 'TODO';

/**
 * The placeholders a draft left unfilled, by their path in the file: a dataset still holding one has not been
 * reviewed, and importing it would publish "TODO: …" as a report's title or a note.
 */
export function placeholderProblems(dataset: unknown): DatasetProblem[] {
  const problems: DatasetProblem[] = [];
  const walk = (value: unknown, at: string): void => {
    if (typeof value === 'string') {
      if (value.startsWith(`${PLACEHOLDER}:`)) {
        problems.push({
          entry: at,
          problem: 'is still a placeholder from npm run draft: fill it in (or delete the entry)',
        });
      }
    } else if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) walk(item, `${at}[${i}]`);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) walk(item, at ? `${at}.${key}` : key);
    }
  };
  walk(dataset, '');
  return problems;
}

/**
 * Every problem in a dataset: quotes not at their offsets, unknown provinces, values out of range, duplicate ids,
 * placeholders a draft left unfilled.
 */
export function checkDataset(
  dataset: DatasetInput,
  text: string,
  textSha256: string,
  provinceCodes: ReadonlySet<string>,
): DatasetProblem[] {
  const problems: DatasetProblem[] = placeholderProblems(dataset);
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
