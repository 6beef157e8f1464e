// The measures a figure can state: the one list the database, the dataset format, the responses and the domain
// functions take theirs from. Adding a measure is a line here plus the database column and migration it needs.

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
}

export const MEASURE_INFO: Readonly<Record<Measure, MeasureInfo>> = {
  export_value_usd: { field: 'valueUsd', unit: 'USD', description: 'export value in integer US dollars' },
  export_share_percent: {
    field: 'sharePercent',
    unit: 'percent',
    description: 'share of the national total in percent',
  },
  export_rank: { field: 'rank', unit: 'rank', description: 'rank among provinces (1 = largest)' },
};

export const MEASURE_FIELDS: readonly MeasureField[] = MEASURES.map((m) => MEASURE_INFO[m].field);
