// Contracts of /v1/shares, /v1/summary and /v1/checks: what the figures of a period imply together.
import { z } from 'zod';
import { MEASURES } from '../domain/measures.ts';
import {
  basisSchema,
  boundsOut,
  fieldProvenance,
  metaOut,
  periodQuery,
  provinceRef,
  quoteOut,
} from './common.ts';

export const shareRow = z
  .strictObject({
    province: provinceRef.nullable().meta({ description: 'The province, or null for the remainder row.' }),
    label: z.string().meta({ description: 'Who holds the share.', examples: ['Isfahan'] }),
    sharePercent: z
      .number()
      .meta({ description: 'Share of national nano exports, in percent.', examples: [25.9] }),
    basis: basisSchema,
    provenance: fieldProvenance,
  })
  .meta({
    id: 'ShareRow',
    description: 'A share of the national total: reported, or the derived remainder.',
  });

export const sharesQuery = z.strictObject({ ...periodQuery });
export const sharesResponse = z
  .strictObject({
    data: z
      .array(shareRow)
      .meta({ description: 'Reported shares, largest first, then the remainder; they add up to 100.' }),
    meta: metaOut.extend({
      totalPercent: z.number().meta({ description: 'Sum of the rows (100).', examples: [100] }),
    }),
  })
  .meta({ id: 'SharesResponse' });

export const figureRefOut = z
  .strictObject({
    figureId: z.string().meta({
      description: 'Id of the reported figure.',
      examples: ['nano-exports-early-2024/markazi-value'],
    }),
    provinces: z
      .array(z.string())
      .meta({ description: 'ISO codes of the provinces it is about.', examples: [['IR-00']] }),
    measure: z.enum(MEASURES).meta({ description: 'What it measures.', examples: ['export_value_usd'] }),
    comparator: z
      .enum(['eq', 'gt'])
      .meta({ description: '`gt` for a "more than" statement.', examples: ['eq'] }),
    value: z.number().meta({ description: 'The stated value.', examples: [14000000] }),
    quote: quoteOut,
  })
  .meta({ id: 'FigureRef', description: 'A reported figure with its quote.' });
export type FigureRefOut = z.infer<typeof figureRefOut>;

const pairOut = z.strictObject({
  province: provinceRef,
  valueUsd: z.int().meta({ description: 'Reported value used.', examples: [14000000] }),
  sharePercent: z.number().meta({ description: 'Reported share used.', examples: [9.7] }),
  pointUsd: z
    .int()
    .meta({ description: 'value ÷ (share / 100), to the nearest dollar.', examples: [144329897] }),
  lowUsd: z.int().meta({ description: 'Smallest total the rounding allows.', examples: [138461538] }),
  highUsd: z.int().meta({ description: 'Largest total the rounding allows.', examples: [150259068] }),
});

export const summaryQuery = z.strictObject({ ...periodQuery });
export const summaryOut = z
  .strictObject({
    impliedNationalTotal: z
      .strictObject({
        basis: basisSchema,
        method: z.string().meta({ description: 'How it is computed.' }),
        lowUsd: z
          .int()
          .nullable()
          .meta({ description: 'Lower bound of the national total, in US dollars.', examples: [144315992] }),
        highUsd: z
          .int()
          .nullable()
          .meta({ description: 'Upper bound of the national total.', examples: [145261122] }),
        midpointUsd: z
          .int()
          .nullable()
          .meta({ description: 'Middle of the bounds.', examples: [144788557] }),
        pairs: z.array(pairOut).meta({ description: 'The total implied by each value/share pair.' }),
      })
      .meta({
        description:
          'The national total of nano exports that the figures imply (the reports do not state it).',
      }),
    combinedStatements: z
      .array(
        z.strictObject({
          provinces: z.array(provinceRef).meta({ description: 'The provinces it is about.' }),
          statement: figureRefOut,
          computedUsd: z
            .int()
            .nullable()
            .meta({ description: 'The sum of the parts as shown.', examples: [67500000] }),
          agrees: z
            .boolean()
            .nullable()
            .meta({ description: 'Whether the statement holds for the computed sum.', examples: [true] }),
          otherCombinations: z
            .array(
              z.strictObject({
                figureIds: z.array(z.string()).meta({ description: 'The readings summed.' }),
                sumUsd: z.int().meta({ description: 'Their sum.', examples: [67000000] }),
                agrees: z
                  .boolean()
                  .meta({ description: 'Whether the statement holds for it.', examples: [false] }),
              }),
            )
            .meta({ description: 'Sums with the other readings of the parts.' }),
        }),
      )
      .meta({
        description:
          'Figures the reports give for several provinces together, beside the sum of their parts.',
      }),
    knownShares: z
      .strictObject({
        count: z.int().meta({ description: 'Provinces with a reported share.', examples: [4] }),
        sumPercent: z.number().meta({ description: 'Their sum.', examples: [63.8] }),
        remainderPercent: z
          .number()
          .meta({ description: '100 − the sum: every other province together.', examples: [36.2] }),
        remainderBounds: boundsOut,
      })
      .meta({ description: 'The reported shares together.' }),
    coverage: z
      .strictObject({
        provinces: z.int().meta({ description: 'Provinces of Iran.', examples: [31] }),
        mentioned: z
          .int()
          .meta({ description: 'Provinces the reports of the period mention.', examples: [9] }),
        withValue: z.int().meta({ description: 'Provinces with a known export value.', examples: [4] }),
        withShare: z.int().meta({ description: 'Provinces with a known share.', examples: [4] }),
        withRank: z.int().meta({ description: 'Provinces with a known rank.', examples: [5] }),
      })
      .meta({ description: 'How much of the country the figures cover.' }),
    readingRule: z
      .string()
      .meta({ description: 'The rule that picks one reading when the reports give several.' }),
  })
  .meta({ id: 'Summary' });
export const summaryResponse = z
  .strictObject({ data: summaryOut, meta: metaOut })
  .meta({ id: 'SummaryResponse' });

export const checkOut = z
  .strictObject({
    id: z
      .string()
      .meta({ description: 'Stable id of the check.', examples: ['readings/IR-10/export_value_usd'] }),
    description: z.string().meta({ description: 'The question the check asks.' }),
    result: z.enum(['pass', 'warn', 'fail']).meta({
      description: '`pass`, `warn` (the data disagrees with itself but a stated rule resolves it) or `fail`.',
      examples: ['warn'],
    }),
    message: z.string().meta({ description: 'What the check found, with the figures.' }),
    figures: z.array(figureRefOut).meta({ description: 'The reported figures the check used.' }),
  })
  .meta({ id: 'Check', description: 'A consistency check of the data.' });

export const checksQuery = z.strictObject({
  ...periodQuery,
  result: z
    .enum(['pass', 'warn', 'fail'])
    .optional()
    .meta({ description: 'Only checks with this result.', examples: ['warn'] }),
});
export const checksResponse = z
  .strictObject({
    data: z.array(checkOut),
    meta: metaOut.extend({
      counts: z.strictObject({ pass: z.int(), warn: z.int(), fail: z.int() }).meta({
        description: 'Checks by result (before the `result` filter).',
        examples: [{ pass: 10, warn: 2, fail: 0 }],
      }),
    }),
  })
  .meta({ id: 'ChecksResponse' });
