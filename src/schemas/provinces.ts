// Contracts of /v1/provinces and /v1/provinces/{province}: the 31 provinces, their names, figures and notes.
import { z } from 'zod';
import { figureRefOut } from './analysis.ts';
import {
  commonQuery,
  metaOut,
  pageMeta,
  pageQuery,
  periodOut,
  periodQuery,
  provinceRef,
  quoteOut,
  sourceRef,
} from './common.ts';
import { coverageSchema, exportRow } from './exports.ts';

const namesOut = z
  .strictObject({
    en: z.string().meta({ description: 'English.', examples: ['Isfahan'] }),
    fa: z.string().meta({ description: 'Persian.', examples: ['اصفهان'] }),
    ar: z.string().meta({ description: 'Arabic (common press spelling).', examples: ['أصفهان'] }),
  })
  .meta({ id: 'Names', description: 'The name in all three languages.' });

export const provinceOut = z
  .strictObject({
    code: z.string().meta({ description: 'ISO 3166-2 code.', examples: ['IR-10'] }),
    slug: z.string().meta({ description: 'URL-friendly English name.', examples: ['isfahan'] }),
    name: z.string().meta({ description: 'Name in the language of the reply.', examples: ['Isfahan'] }),
    names: namesOut,
    isoName: z.string().meta({ description: 'Romanized name in ISO 3166-2.', examples: ['Eşfahān'] }),
    aliases: z
      .array(
        z.strictObject({
          alias: z.string().meta({ description: 'Another spelling.', examples: ['إصفهان'] }),
          language: z.string().meta({ description: 'Its language.', examples: ['ar'] }),
          kind: z.enum(['report-spelling', 'variant']).meta({
            description: '`report-spelling`: how a report writes it.',
            examples: ['report-spelling'],
          }),
        }),
      )
      .meta({
        description: 'Other spellings the lookup accepts (besides every spelling folded by normalisation).',
      }),
    inReport: z
      .boolean()
      .meta({ description: 'Whether a report of the period mentions the province.', examples: [true] }),
    coverage: coverageSchema,
    href: z.string().meta({ description: 'Its detail.', examples: ['/v1/provinces/IR-10'] }),
  })
  .meta({ id: 'Province' });

export const provincesQuery = z.strictObject({
  ...periodQuery,
  inReport: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .meta({
      description: 'Only provinces the period’s reports mention (true) or do not (false).',
      examples: ['true'],
    }),
  q: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .meta({
      description:
        'Search by any spelling of the name (any script, with or without diacritics or hamza), code or slug; partial names match.',
      examples: ['اصفهان'],
    }),
  ...pageQuery(100),
});
export type ProvincesQuery = z.infer<typeof provincesQuery>;

export const provincesResponse = z
  .strictObject({ data: z.array(provinceOut), meta: metaOut.extend({ page: pageMeta }) })
  .meta({ id: 'ProvincesResponse' });

export const provinceParams = z.strictObject({
  province: z
    .string()
    .min(1)
    .max(200)
    .meta({
      description: 'ISO code (any case), slug, or any spelling of the name in Persian, Arabic or English.',
      examples: ['اصفهان'],
    }),
});

export const noteOut = z
  .strictObject({
    id: z.string().meta({ description: 'Stable id.', examples: ['nano-exports-early-2024/khuzestan-ports'] }),
    topic: z.string().meta({ description: 'What the note is about.', examples: ['ports'] }),
    summaryEn: z.string().meta({
      description: 'English summary.',
      examples: ['Important ports: Imam Khomeini port and Khorramshahr.'],
    }),
    quote: quoteOut,
  })
  .meta({ id: 'Note', description: 'A qualitative fact from a report.' });

export const provinceDetailQuery = z.strictObject({ ...periodQuery });
export const provinceDetailResponse = z
  .strictObject({
    data: provinceOut.extend({
      exports: exportRow
        .nullable()
        .meta({ description: 'Its value, share and rank in the period, or null when no figure is given.' }),
      figures: z
        .array(figureRefOut)
        .meta({ description: 'Every reported figure about it, combined ones included.' }),
      notes: z.array(noteOut).meta({ description: 'What the reports say about it in words.' }),
    }),
    meta: metaOut,
  })
  .meta({ id: 'ProvinceDetailResponse' });

const changeOut = z
  .strictObject({
    from: z.number().meta({ description: 'The figure in the previous period.', examples: [37500000] }),
    to: z.number().meta({ description: 'The figure in this period.', examples: [40000000] }),
    absolute: z.number().meta({ description: 'to − from.', examples: [2500000] }),
    percent: z
      .number()
      .nullable()
      .meta({ description: '(to − from) ÷ from × 100, 2 decimals; null when from is 0.', examples: [6.67] }),
  })
  .meta({ id: 'Change', description: 'A derived change between two periods.' });

export const historyQuery = z.strictObject({ ...commonQuery });
export const historyResponse = z
  .strictObject({
    data: z.strictObject({
      province: provinceRef,
      points: z
        .array(
          z.strictObject({
            period: periodOut,
            sources: z.array(sourceRef).meta({ description: 'The reports of this period.' }),
            coverage: coverageSchema,
            exports: exportRow.nullable().meta({
              description:
                'Value, share and rank in this period with their provenance; null when no figure is given.',
            }),
            change: z
              .strictObject({
                basis: z
                  .literal('derived')
                  .meta({ description: 'Changes are derived, never reported.', examples: ['derived'] }),
                method: z.string().meta({ description: 'How they are computed.' }),
                fromPeriod: z
                  .string()
                  .nullable()
                  .meta({
                    description: 'The previous period, or null for the first.',
                    examples: ['2024-early'],
                  }),
                valueUsd: changeOut
                  .nullable()
                  .meta({ description: 'Change of the value; null where either side is unknown.' }),
                sharePercent: changeOut.nullable().meta({
                  description:
                    'Change of the share, in percentage points; null where either side is unknown.',
                }),
                rank: changeOut.nullable().meta({
                  description: 'Change of the rank (negative = moved up); null where either side is unknown.',
                }),
              })
              .meta({ description: 'Change from the previous period.' }),
          }),
        )
        .meta({ description: 'Every period, oldest first.' }),
    }),
    meta: metaOut,
  })
  .meta({ id: 'HistoryResponse' });

const historyPoint = historyResponse.shape.data.shape.points.element.shape;

/** One row per period of a province's history. */
export const historyCsvRow = z.strictObject({
  period: historyPoint.period.shape.id,
  periodLabel: historyPoint.period.shape.label,
  province: provinceRef,
  sources: z.array(z.string()),
  ...exportRow.omit({ province: true, period: true }).shape,
  change: historyPoint.change,
});
