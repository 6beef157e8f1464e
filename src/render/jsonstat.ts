// JSON-stat 2.0 (https://json-stat.org/full/): the reply's rows as a cube, the format Eurostat, UNECE and national
// statistics offices publish and that jsonstat-toolkit (JavaScript), pyjstat (Python) and rjstat (R) read into a table
// in one call. Built from the rows and columns every tabular format gets, so a route offers it with one word:
//  - dimensions: `province` (the row's province; a combined statement's provinces joined with "+"; a row about no
//    province, such as the shares' remainder, is `other`), `measure` (the measure fields the rows carry, or the
//    `measure` of each row when rows are single figures), `period` when the reply spans several periods (its
//    `meta.period` is null), and `figure` when rows are single figures (two readings of one figure stay apart);
//  - values: unknown ones are null; each value's `status` is reported, derived or unknown;
//  - labels in the negotiated language; the sources in `source`, the dataset version in `note` and `extension`.
// JSON-stat defines no media type of its own: `application/json-stat+json` is the one clients of statistical APIs
// ask for; the body is JSON.
import { z } from 'zod';
import { MEASURE_INFO, MEASURES, type Measure } from '../domain/measures.ts';
import { sourceRef } from '../schemas/common.ts';
import { type Column, valuesAt } from '../schemas/introspect.ts';
import type { Renderer, Rows } from './renderer.ts';

type Lang = 'en' | 'fa' | 'ar';
type Status = 'reported' | 'derived' | 'unknown';

const WORDS: Record<
  Lang,
  Record<'title' | 'province' | 'measure' | 'period' | 'figure' | 'other', string>
> = {
  en: {
    title: "Iran's nano-technology exports by province",
    province: 'Province',
    measure: 'Measure',
    period: 'Period',
    figure: 'Stated figure',
    other: 'All other provinces',
  },
  fa: {
    title: 'صادرات فناوری نانوی ایران به تفکیک استان',
    province: 'استان',
    measure: 'شاخص',
    period: 'دوره',
    figure: 'رقم گزارش‌شده',
    other: 'سایر استان‌ها',
  },
  ar: {
    title: 'صادرات إيران من تقنية النانو حسب المحافظة',
    province: 'المحافظة',
    measure: 'المؤشر',
    period: 'الفترة',
    figure: 'الرقم المذكور',
    other: 'سائر المحافظات',
  },
};

const UNIT: Record<Measure, { label: string; decimals: number }> = {
  export_value_usd: { label: 'USD', decimals: 0 },
  export_share_percent: { label: 'percent', decimals: 1 },
  export_rank: { label: 'rank', decimals: 0 },
};

interface Meta {
  period?: { id: string; label: string } | null;
  sources?: { id: string; title: string; href: string }[];
  language?: Lang;
  datasetVersion?: string;
  readingRule?: string;
}

/** A dimension being filled: its categories in order of first appearance, with their labels. */
class Categories {
  readonly index = new Map<string, number>();
  readonly label: Record<string, string> = {};
  add(id: string, label: string): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.index.size;
      this.index.set(id, i);
      this.label[id] = label;
    }
    return i;
  }
}

/** One observation: its category in each dimension, its value and status. */
interface Observation {
  keys: Record<string, [id: string, label: string]>;
  value: number | null;
  status: Status;
}

const has = (columns: readonly Column[], path: string) => columns.some((c) => c.path.join('.') === path);
const at = (row: unknown, path: string): unknown => valuesAt(row, path.split('.'))[0];
const basis = (v: unknown): Status => (v === 'reported' || v === 'derived' ? v : 'unknown');

/** The observations of the rows: one per measure of a row (wide rows), or one per row (rows that are figures). */
function observationsOf({ items, columns }: Rows, lang: Lang, periods: boolean): Observation[] {
  const words = WORDS[lang];
  const figures = has(columns, 'measure') && has(columns, 'value');
  const wide = MEASURES.filter((m) => has(columns, MEASURE_INFO[m].field));
  const out: Observation[] = [];
  for (const row of items) {
    const keys: Observation['keys'] = {};
    if (periods) {
      const id = String(at(row, 'period.id') ?? at(row, 'period'));
      keys.period = [id, String(at(row, 'period.label') ?? at(row, 'periodLabel') ?? id)];
    }
    const many = valuesAt(row, ['provinces', '[]']) as { code: string; name: string }[];
    const one = at(row, 'province') as { code: string; name: string } | null | undefined;
    const provinces = has(columns, 'provinces.[].code') ? many : one ? [one] : [];
    keys.province =
      provinces.length === 0
        ? ['other', String(at(row, 'label') ?? words.other)]
        : [provinces.map((p) => p.code).join('+'), provinces.map((p) => p.name).join(' + ')];
    if (figures) {
      const measure = at(row, 'measure') as Measure;
      const value = at(row, 'value') as number;
      keys.measure = [measure, MEASURE_INFO[measure].label[lang]];
      keys.figure = [String(at(row, 'id')), `${keys.province[1]}: ${MEASURE_INFO[measure].label[lang]}`];
      out.push({ keys, value, status: 'reported' });
      continue;
    }
    for (const measure of wide) {
      const field = MEASURE_INFO[measure].field;
      const value = (at(row, field) ?? null) as number | null;
      const status = basis(at(row, `provenance.${field}.basis`) ?? at(row, 'basis'));
      out.push({
        keys: { ...keys, measure: [measure, MEASURE_INFO[measure].label[lang]] },
        value,
        status: value === null ? 'unknown' : status,
      });
    }
  }
  return out;
}

export const jsonstat: Renderer = {
  mediaType: 'application/json-stat+json',
  contentType: 'application/json; charset=utf-8',
  localized: true,
  tabular: true,
  render(payload, context) {
    const meta = ((payload as { meta?: Meta }).meta ?? {}) as Meta;
    const lang: Lang = meta.language ?? (context.lang as Lang);
    const words = WORDS[lang];
    const periods = meta.period === null;
    const observations = observationsOf(context.rows, lang, periods);
    const ids = [
      ...(periods ? ['period'] : []),
      'province',
      'measure',
      ...(observations.some((o) => o.keys.figure) ? ['figure'] : []),
    ];
    const dims = Object.fromEntries(ids.map((id) => [id, new Categories()]));
    const positions = observations.map((o) =>
      ids.map((id) => {
        const [key, label] = o.keys[id] as [string, string];
        return (dims[id] as Categories).add(key, label);
      }),
    );
    const size = ids.map((id) => (dims[id] as Categories).index.size);
    // Row-major order, the last dimension fastest (JSON-stat's rule).
    const flat = (pos: number[]) => pos.reduce((acc, p, d) => acc * (size[d] as number) + p, 0);
    const total = size.reduce((a, b) => a * b, 1);
    const value: Record<string, number | null> = {};
    const status: Record<string, Status> = {};
    positions.forEach((pos, i) => {
      const o = observations[i] as Observation;
      const k = String(flat(pos));
      if (k in value) throw new Error(`JSON-stat: two observations in one cell (${JSON.stringify(o.keys)})`);
      value[k] = o.value;
      status[k] = o.status;
    });
    // Every cell filled: arrays; otherwise (figures: each is one measure of one province) the sparse object form.
    const dense = observations.length === total;
    const byIndex = <T>(o: Record<string, T>) => Array.from({ length: total }, (_, i) => o[i] as T);
    const measures = dims.measure as Categories;
    const units = Object.fromEntries([...measures.index.keys()].map((m) => [m, UNIT[m as Measure]]));
    const sources = meta.sources ?? [];
    const dataset = {
      version: '2.0',
      class: 'dataset',
      label: meta.period ? `${words.title}, ${meta.period.label}` : words.title,
      source: sources.map((s) => s.title).join('; '),
      note: [
        ...(meta.datasetVersion ? [`Dataset version ${meta.datasetVersion}.`] : []),
        ...(meta.readingRule ? [meta.readingRule] : []),
      ],
      id: ids,
      size,
      role: { geo: ['province'], metric: ['measure'], ...(periods ? { time: ['period'] } : {}) },
      dimension: Object.fromEntries(
        ids.map((id) => {
          const c = dims[id] as Categories;
          return [
            id,
            {
              label: words[id as keyof typeof words],
              category: {
                index: Object.fromEntries(c.index),
                label: c.label,
                ...(id === 'measure' ? { unit: units } : {}),
              },
            },
          ];
        }),
      ),
      value: dense ? byIndex(value) : value,
      status: dense ? byIndex(status) : status,
      extension: {
        datasetVersion: meta.datasetVersion ?? null,
        period: meta.period?.id ?? null,
        sources,
        status: {
          reported: 'stated in a report (see the JSON reply for its quote)',
          derived: 'computed from reported figures (see the JSON reply for the method)',
          unknown: 'not given by the reports: the value is null',
        },
      },
    };
    return JSON.stringify(dataset);
  },
  bodySchema: () => jsonStatDataset,
};

/** The body in the OpenAPI document: a JSON-stat 2.0 dataset (the spec's own schema is the authority). */
const jsonStatDataset = z
  .strictObject({
    version: z.literal('2.0'),
    class: z.literal('dataset'),
    label: z.string(),
    source: z.string(),
    note: z.array(z.string()),
    id: z.array(z.string()).meta({ examples: [['province', 'measure']] }),
    size: z.array(z.int()).meta({ examples: [[5, 3]] }),
    role: z.strictObject({
      geo: z.array(z.string()),
      metric: z.array(z.string()),
      time: z.array(z.string()).optional(),
    }),
    dimension: z.record(
      z.string(),
      z.strictObject({
        label: z.string(),
        category: z.strictObject({
          index: z.record(z.string(), z.int()),
          label: z.record(z.string(), z.string()),
          unit: z.record(z.string(), z.strictObject({ label: z.string(), decimals: z.int() })).optional(),
        }),
      }),
    ),
    value: z.union([z.array(z.number().nullable()), z.record(z.string(), z.number().nullable())]),
    status: z.union([z.array(z.string()), z.record(z.string(), z.string())]),
    extension: z.strictObject({
      datasetVersion: z.string().nullable(),
      period: z.string().nullable(),
      sources: z.array(sourceRef),
      status: z.record(z.string(), z.string()),
    }),
  })
  .meta({
    id: 'JsonStatDataset',
    description:
      'The same rows as a JSON-stat 2.0 dataset (https://json-stat.org): dimensions `province`, `measure`, and `period` where the reply spans several periods (`figure` for single figures); unknown values null; `status` reported, derived or unknown; the dataset version in `note` and `extension`.',
  });
