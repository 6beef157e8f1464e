// Contracts of /v1/exports and /v1/rankings: one row per province with its value, share and rank, and their provenance.
import { z } from 'zod';
import { COVERAGE, COVERAGE_RULE } from '../domain/coverage.ts';
import {
  decimal,
  fieldProvenance,
  metaOut,
  numberIn,
  pageMeta,
  pageQuery,
  periodQuery,
  provinceRef,
} from './common.ts';

export const coverageSchema = z.enum(COVERAGE).meta({
  description: `Why the row has the figures it has (and so why a null is null). ${COVERAGE_RULE}`,
  examples: ['ranked-without-figure'],
});

export const exportRow = z
  .strictObject({
    province: provinceRef,
    period: z.string().meta({ description: 'Period id of the figures.', examples: ['2024-early'] }),
    valueUsd: z
      .int()
      .nullable()
      .meta({
        description: 'Export value in whole US dollars; null when the reports do not give it.',
        examples: [37500000],
      }),
    sharePercent: z
      .number()
      .nullable()
      .meta({
        description: 'Share of national nano exports, in percent as reported; null when unknown.',
        examples: [25.9],
      }),
    rank: z
      .int()
      .nullable()
      .meta({
        description: 'Rank among provinces (1 = largest exporter); null when unknown.',
        examples: [1],
      }),
    coverage: coverageSchema,
    provenance: z
      .strictObject({
        valueUsd: fieldProvenance,
        sharePercent: fieldProvenance,
        rank: fieldProvenance,
      })
      .meta({ description: 'Where each of `valueUsd`, `sharePercent` and `rank` comes from.' }),
  })
  .meta({ id: 'ExportRow', description: "A province's export figures for one period." });

const sortKeys = [
  'rank',
  '-rank',
  'valueUsd',
  '-valueUsd',
  'sharePercent',
  '-sharePercent',
  'name',
  '-name',
  'code',
  '-code',
] as const;

const usd = (description: string, example: number) =>
  decimal(
    numberIn({ accepts: `a whole number of US dollars, such as ${example}`, min: 0, max: 1e13, whole: true })
      .optional()
      .meta({ description, examples: [example] }),
  );

const percent = (description: string, example: number) =>
  decimal(
    numberIn({ accepts: `a percentage from 0 to 100, such as ${example}`, min: 0, max: 100, whole: false })
      .optional()
      .meta({ description, examples: [example] }),
  );

const rank = (description: string, example: number) =>
  decimal(
    numberIn({ accepts: `a whole number from 1 to 1000, such as ${example}`, min: 1, max: 1000, whole: true })
      .optional()
      .meta({ description, examples: [example] }),
  );

export const exportsQuery = z.strictObject({
  ...periodQuery,
  province: z
    .string()
    .max(500)
    .optional()
    .meta({
      description: 'Only these provinces: comma-separated codes, slugs or names in any script.',
      examples: ['IR-10,khuzestan,مرکزی'],
    }),
  minValueUsd: usd('Only rows with a known value of at least this many US dollars.', 30000000),
  maxValueUsd: usd('Only rows with a known value of at most this many US dollars.', 30000000),
  minShare: percent('Only rows with a known share of at least this percent.', 9.7),
  maxShare: percent('Only rows with a known share of at most this percent.', 25.9),
  minRank: rank('Only rows ranked this or lower (numerically at least).', 1),
  maxRank: rank('Only rows ranked this or higher (numerically at most).', 3),
  coverage: z
    .string()
    .max(200)
    .regex(
      /^(reported|ranked-without-figure|named-without-figure|not-mentioned)(,(reported|ranked-without-figure|named-without-figure|not-mentioned))*$/,
      'must be one or more of reported, ranked-without-figure, named-without-figure, not-mentioned, separated by commas',
    )
    .optional()
    .meta({
      description:
        'Only provinces of this coverage (comma-separated): with it, and with `province`, provinces the reports give no figure for are listed too, their figures null.',
      examples: ['named-without-figure'],
    }),
  sort: z
    .enum(sortKeys, { error: `must be one of ${sortKeys.join(', ')}` })
    .default('rank')
    .meta({
      description: 'Sort key; a leading `-` sorts descending. Unknown values always sort last.',
      examples: ['-valueUsd'],
    }),
  ...pageQuery(50),
});
export type ExportsQuery = z.infer<typeof exportsQuery>;

export const readingRuleOut = z.string().meta({
  description: 'The rule that picks the reading shown when the reports state a figure more than once.',
});

export const exportsResponse = z
  .strictObject({
    data: z.array(exportRow),
    meta: metaOut.extend({ page: pageMeta, readingRule: readingRuleOut }),
  })
  .meta({ id: 'ExportsResponse' });

export const rankingsQuery = z.strictObject({ ...periodQuery });

export const rankingsResponse = z
  .strictObject({
    data: z.array(exportRow).meta({ description: 'Ranked provinces, rank 1 first.' }),
    meta: metaOut.extend({ readingRule: readingRuleOut }),
  })
  .meta({ id: 'RankingsResponse' });
