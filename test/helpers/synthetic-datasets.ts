// Synthetic report datasets, clearly fictional (future periods, "FICTIONAL" everywhere), for scale tests and benchmarks.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { readProvinces } from '../../src/db/seed.ts';

const CODES = readProvinces().provinces.map((p) => p.code);
/** Per report: value, share and rank for every province, then combined "more than" statements for pairs. */
export const FIGURES_PER_REPORT = CODES.length * 3 + 7;
/** Two reports (sources) per period, so periods also disagree with themselves now and then. */
const REPORTS_PER_PERIOD = 2;

interface Line {
  id: string;
  provinces: string[];
  measure: 'export_value_usd' | 'export_share_percent' | 'export_rank';
  comparator: 'eq' | 'gt';
  value: number;
  resolution: number | null;
  phrase: string;
}

/** Report `k` (0-based) with `count` figures: a dataset whose text holds every quote at its stated offsets. */
export function syntheticDataset(k: number, count = FIGURES_PER_REPORT): Record<string, unknown> {
  const p = Math.floor(k / REPORTS_PER_PERIOD);
  const year = 2030 + Math.floor(p / 12);
  const month = String((p % 12) + 1).padStart(2, '0');
  const label = `FICTIONAL month ${month} of ${year}`;
  const values = CODES.map((_, i) => (1000 + ((i * 37 + k * 11) % 900)) * 100_000);
  const total = values.reduce((a, b) => a + b, 0);
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => b.v - a.v || a.i - b.i);
  const rankOf = new Map(order.map((o, r) => [o.i, r + 1]));
  const lines: Line[] = [];
  CODES.forEach((code, i) => {
    const slug = code.toLowerCase();
    const v = values[i] as number;
    const share = Math.round((v / total) * 1000) / 10;
    const rank = rankOf.get(i) as number;
    lines.push(
      {
        id: `${slug}-value`,
        provinces: [code],
        measure: 'export_value_usd',
        comparator: 'eq',
        value: v,
        resolution: 100_000,
        phrase: `value ${v} dollars`,
      },
      {
        id: `${slug}-share`,
        provinces: [code],
        measure: 'export_share_percent',
        comparator: 'eq',
        value: share,
        resolution: 0.1,
        phrase: `share ${share} percent`,
      },
      {
        id: `${slug}-rank`,
        provinces: [code],
        measure: 'export_rank',
        comparator: 'eq',
        value: rank,
        resolution: null,
        phrase: `rank ${rank}`,
      },
    );
  });
  for (let j = 0; j < 7; j++) {
    const sum = (values[2 * j] as number) + (values[2 * j + 1] as number);
    const floor = Math.floor(sum / 2 / 100_000) * 100_000;
    lines.push({
      id: `pair-${j}-value`,
      provinces: [CODES[2 * j] as string, CODES[2 * j + 1] as string],
      measure: 'export_value_usd',
      comparator: 'gt',
      value: floor,
      resolution: 100_000,
      phrase: `together more than ${floor} dollars`,
    });
  }
  const head = `FICTIONAL SYNTHETIC DATA - not real statistics (benchmark report ${k}).\nPeriod: ${label}.\n`;
  let text = head;
  const figures = lines.slice(0, count).map((l, n) => {
    const prefix = `Figure ${l.id}: `;
    const start = text.length + prefix.length;
    text += `${prefix}${l.phrase}.\n`;
    const { phrase, ...figure } = l;
    return { ...figure, quote: { text: phrase, line: 3 + n, start, end: start + phrase.length } };
  });
  const wordsStart = head.indexOf(label);
  const nobody = { ar: null, en: 'Nobody (FICTIONAL synthetic data)' };
  return {
    formatVersion: 1,
    source: {
      id: `fictional-synthetic-${String(k).padStart(5, '0')}`,
      title: { ar: null, en: `FICTIONAL synthetic report ${k} (benchmark data, not real statistics)` },
      publisher: nobody,
      dataOwner: nobody,
      language: 'en',
      publishedOn: null,
      url: null,
      text,
      textSha256: createHash('sha256').update(text).digest('hex'),
    },
    period: {
      id: `${year}-m${month}`,
      label,
      words: { text: label, line: 2, start: wordsStart, end: wordsStart + label.length },
      year,
      sortKey: `${year}-${month}`,
      startsOn: null,
      endsOn: null,
    },
    figures,
    notes: [],
  };
}

/** Writes datasets holding `figures` figures in all into `dir` (reports numbered from `first`); returns the files. */
export function writeSyntheticDatasets(dir: string, figures: number, first = 0): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let k = first, left = figures; left > 0; k++, left -= FIGURES_PER_REPORT) {
    const file = path.join(dir, `fictional-synthetic-${String(k).padStart(5, '0')}.json`);
    fs.writeFileSync(file, JSON.stringify(syntheticDataset(k, Math.min(left, FIGURES_PER_REPORT))));
    files.push(file);
  }
  return files;
}
