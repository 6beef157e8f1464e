// The Frictionless Data Package of the API: its CSV tables, each with a Table Schema derived from the same response
// schema the CSV's columns come from (schemas/introspect.ts, which render/csv.ts uses too), so that the descriptor cannot disagree with the files.
import type { z } from 'zod';
import { COVERAGE } from '../domain/coverage.ts';

import type { datapackageOut, tableFieldOut, tableResourceOut } from '../schemas/datapackage.ts';
import { exportsResponse } from '../schemas/exports.ts';
import { figuresResponse, MAX_FIGURES_PAGE } from '../schemas/figures.ts';
import { type Column, columnsOf, LIST_SEPARATOR, rowSchemaOf } from '../schemas/introspect.ts';
import { provincesResponse } from '../schemas/provinces.ts';
import { periodsResponse, sourcesResponse } from '../schemas/sources.ts';
import type { DataStore } from '../store/data-store.ts';

type Field = z.input<typeof tableFieldOut>;
type Resource = z.input<typeof tableResourceOut>;

const UNITS: [RegExp, string][] = [
  [/_usd$/, 'USD'],
  [/_percent$/, 'percent'],
];

export function fieldOf(column: Column): Field {
  const { type, values } = column;
  const description = column.description ?? column.name.replace(/_/g, ' ');
  const unit = UNITS.find(([re]) => re.test(column.name))?.[1];
  if (column.list) {
    // A list: its values joined in one cell, so the cell is text whatever the values are.
    return {
      name: column.name,
      type: 'string',
      description: `${description} A list: the values joined with "${LIST_SEPARATOR}", in order.`,
      ...(unit ? { unit } : {}),
      constraints: { required: false },
    };
  }
  return {
    name: column.name,
    type: values?.every((v) => v === 'true' || v === 'false') ? 'boolean' : type,
    description,
    ...(unit ? { unit } : {}),
    constraints: {
      required: !column.nullable,
      ...(values && !values.every((v) => v === 'true' || v === 'false') ? { enum: values } : {}),
    },
  };
}

/** The reply's provenance columns every CSV starts with (see plugins/representation.ts). */
const provenanceFields = (periodRequired: boolean): Field[] => [
  {
    name: 'period',
    type: 'string',
    description: 'Period id of the row (see the periods table).',
    constraints: { required: periodRequired },
  },
  {
    name: 'sources',
    type: 'string',
    description: `Ids of the reports the reply draws on, joined with "${LIST_SEPARATOR}".`,
    constraints: { required: false },
  },
];

function tableSchema(responseSchema: z.ZodType, periodRequired: boolean) {
  const columns = columnsOf(rowSchemaOf(responseSchema));
  const own = columns.filter((c) => c.name !== 'period' && c.name !== 'sources').map(fieldOf);
  const period = columns.find((c) => c.name === 'period');
  const first = provenanceFields(period ? !period.nullable : periodRequired);
  return [...first, ...own];
}

const DIALECT = {
  delimiter: ',' as const,
  lineTerminator: '\r\n' as const,
  quoteChar: '"' as const,
  doubleQuote: true as const,
  header: true as const,
};

const fk = (fields: string, resource: string, referenced: string) => ({
  fields,
  reference: { resource, fields: referenced },
});

export function dataPackageOf(
  store: DataStore,
  publicUrl: string | undefined,
): z.input<typeof datapackageOut> {
  // Relative to /v1/datapackage.json unless the public address is known.
  const at = (path: string) => (publicUrl ? `${publicUrl.replace(/\/$/, '')}/v1/${path}` : path);
  const resource = (
    r: Pick<Resource, 'name' | 'title' | 'description'> & {
      path: string;
      fields: Field[];
      primaryKey: string[];
      foreignKeys: Resource['schema']['foreignKeys'];
    },
  ): Resource => ({
    profile: 'tabular-data-resource',
    name: r.name,
    title: r.title,
    description: r.description,
    path: at(r.path),
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    dialect: DIALECT,
    schema: {
      fields: r.fields,
      primaryKey: r.primaryKey,
      ...(r.foreignKeys?.length ? { foreignKeys: r.foreignKeys } : {}),
      missingValues: [''],
    },
  });
  const latest = store.latestPeriod?.id;
  // Built once for all the periods' exports tables (they share it): building it again for each of 500 periods was
  // most of the time and garbage of rendering this document.
  const exportsFields = tableSchema(exportsResponse, true);
  const resources: Resource[] = [
    resource({
      name: 'periods',
      title: 'Periods',
      description: 'One row per period the statistics cover, oldest first.',
      path: 'periods?format=csv&lang=en',
      fields: tableSchema(periodsResponse, false),
      primaryKey: ['id'],
      foreignKeys: [],
    }),
    resource({
      name: 'sources',
      title: 'Sources',
      description: 'One row per report the figures come from.',
      path: 'sources?format=csv&lang=en',
      fields: tableSchema(sourcesResponse, false),
      primaryKey: ['id'],
      foreignKeys: [fk('period_id', 'periods', 'id')],
    }),
    resource({
      name: 'provinces',
      title: 'Provinces',
      description: `One row per province of Iran (31), with its names, and whether and how the reports of the latest period${latest ? ` (${latest})` : ''} cover it.`,
      path: `provinces?format=csv&lang=en&limit=100${latest ? `&period=${latest}` : ''}`,
      fields: tableSchema(provincesResponse, true),
      primaryKey: ['code'],
      foreignKeys: [fk('period', 'periods', 'id')],
    }),
    resource({
      name: 'figures',
      title: 'Figures',
      description:
        'One row per figure a report states, with its unit, rounding step, the interval it implies and its exact words.',
      path: `figures?format=csv&lang=en&limit=${MAX_FIGURES_PAGE}`,
      fields: tableSchema(figuresResponse, true),
      primaryKey: ['id'],
      foreignKeys: [fk('source_id', 'sources', 'id'), fk('period', 'periods', 'id')],
    }),
    ...store.snapshot.periods.map((p) =>
      resource({
        name: `exports-${p.id}`,
        title: `Exports by province, ${p.label}`,
        description: `One row per province for ${p.label}: its export value, share and rank as the reading rule shows them (null when unknown, with \`coverage\` saying why), and where each comes from.`,
        path: `exports?format=csv&lang=en&limit=100&period=${p.id}&coverage=${COVERAGE.join(',')}`,
        fields: exportsFields,
        primaryKey: ['province_code'],
        foreignKeys: [fk('province_code', 'provinces', 'code'), fk('period', 'periods', 'id')],
      }),
    ),
  ];
  return {
    profile: 'tabular-data-package',
    name: 'iran-nano-exports-by-province',
    title: "Iran's nano-technology exports by province",
    description:
      'Official statistics on the exports of nano-technology products by province of Iran, from the reports of the Nano and Micro Technologies Development Headquarters, each figure with the exact words of the report it comes from.',
    version: store.version,
    keywords: ['Iran', 'nanotechnology', 'exports', 'provinces', 'official statistics'],
    licenses: [
      {
        name: 'MIT',
        path: 'https://opensource.org/licenses/MIT',
        title: 'MIT License (this compilation; the reports are their publishers’)',
      },
    ],
    sources: store.snapshot.sources.map((s) => ({ title: s.title.en, path: at(`sources/${s.id}/text`) })),
    resources,
  };
}
