// The measures a figure can state: the one list the database, the dataset format, the responses and the domain
// functions take theirs from. Adding a measure is an entry here plus the database column and migration it needs (README: Adding a measure).

export const MEASURES = ['export_value_usd', 'export_share_percent', 'export_rank'] as const;
export type Measure = (typeof MEASURES)[number];

/** The field of a province's row that a measure fills. */
export type MeasureField = 'valueUsd' | 'sharePercent' | 'rank';

/** The unit a measure's values are stated in. */
export const UNITS = ['USD', 'percent', 'rank'] as const;
export type Unit = (typeof UNITS)[number];

export interface MeasureInfo {
  field: MeasureField;
  unit: Unit;
  description: string;
  /** What readers call it, in each language the API speaks (pages, charts and JSON-stat labels use it). */
  label: { en: string; fa: string; ar: string };
}

export const MEASURE_INFO: Readonly<Record<Measure, MeasureInfo>> = {
  export_value_usd: {
    field: 'valueUsd',
    unit: 'USD',
    description: 'export value in integer US dollars',
    label: { en: 'export value', fa: 'ارزش صادرات', ar: 'قيمة للصادرات' },
  },
  export_share_percent: {
    field: 'sharePercent',
    unit: 'percent',
    description: 'share of the national total in percent',
    label: { en: 'share', fa: 'سهم', ar: 'حصة' },
  },
  export_rank: {
    field: 'rank',
    unit: 'rank',
    description: 'rank among provinces (1 = largest)',
    label: { en: 'rank', fa: 'رتبه', ar: 'مرتبة' },
  },
};
