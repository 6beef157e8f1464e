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
const atStatedValuesOut = z
  .enum(['holds', 'fails'])
  .nullable()
  .meta({
    description:
      'Whether what the check asks holds when every figure is taken at its stated value (37 million as exactly ' +
      '37,000,000); null when there is nothing to compute (a part is unknown, no other pair to compare with).',
    examples: ['holds'],
  });
const withinRoundingOut = z
  .enum(['certain', 'possible', 'impossible'])
  .nullable()
  .meta({
    description:
      'Whether it holds when every figure may be anything its rounding allows (37 million as 36.5 to 37.5 million; ' +
      '20.9 % as 20.85 to 20.95 %): `certain` for every such choice, `possible` for some, `impossible` for none. ' +
      'Exact figures (ranks) allow one choice only. Null when there is nothing to compute.',
    examples: ['possible'],
  });

/** Every sum the rounding of some readings allows. */
const sumIntervalOut = z
  .strictObject({
    low: z.number().meta({ description: 'Smallest sum their rounding allows.', examples: [66950000] }),
    high: z.number().meta({ description: 'Largest sum their rounding allows.', examples: [68050000] }),
  })
  .meta({ description: 'Every sum the rounding of the readings allows.' });

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
            .meta({
              description:
                'Whether the statement holds for the computed sum, the parts taken at their stated values; null when a ' +
                'part is unknown.',
              examples: [true],
            }),
          computedInterval: sumIntervalOut.nullable().meta({
            description:
              'Every sum the rounding of the parts as shown allows (30 million as 29.5 to 30.5 million); null when a ' +
              'part is unknown.',
          }),
          withinRounding: withinRoundingOut,
          otherCombinations: z
            .array(
              z.strictObject({
                figureIds: z.array(z.string()).meta({ description: 'The readings summed.' }),
                sumUsd: z.int().meta({ description: 'Their sum.', examples: [67000000] }),
                agrees: z.boolean().meta({
                  description: 'Whether the statement holds for it, at the stated values.',
                  examples: [false],
                }),
                interval: sumIntervalOut.meta({
                  examples: [{ low: 66000000, high: 68000000 }],
                }),
                withinRounding: z.enum(['certain', 'possible', 'impossible']).meta({
                  description: 'Whether it holds for every, some or no sum in `interval`.',
                  examples: ['possible'],
                }),
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

export const combinationOut = z
  .strictObject({
    figures: z
      .array(figureRefOut)
      .meta({ description: 'One reading of each part, in the order of the statement.' }),
    sum: z.number().meta({ description: 'Their sum at the stated values.', examples: [67500000] }),
    interval: sumIntervalOut,
    atStatedValues: z.enum(['holds', 'fails']).meta({
      description: 'Whether the statement holds for `sum`.',
      examples: ['holds'],
    }),
    withinRounding: z.enum(['certain', 'possible', 'impossible']).meta({
      description: 'Whether it holds for every, some or no sum in `interval`.',
      examples: ['possible'],
    }),
  })
  .meta({
    id: 'CheckCombination',
    description: "One combination of the readings of a combined statement's parts, and both verdicts on it.",
  });

export const CHECK_RESULT_RULE =
  '`fail` when the figures shown contradict each other: a combined statement that fails at the stated values of the ' +
  'readings shown, value/share pairs that no single national total fits within their rounding, ranks that do not ' +
  'order the stated values or shares, shares over 100 % whatever their rounding. `warn` when the data disagrees with ' +
  'itself but a stated rule resolves it: readings of one figure that differ (the reading rule picks one), another ' +
  'combination of readings under which a combined statement fails at the stated values, shares over 100 % only as ' +
  'rounded, ranks with a gap or given twice. `pass` otherwise. `atStatedValues` and `withinRounding` say, beside ' +
  '`result`, what holds at the stated values and what the rounding allows.';

export const checkOut = z
  .strictObject({
    id: z
      .string()
      .meta({ description: 'Stable id of the check.', examples: ['readings/IR-10/export_value_usd'] }),
    description: z.string().meta({ description: 'The question the check asks.' }),
    result: z.enum(['pass', 'warn', 'fail']).meta({
      description: CHECK_RESULT_RULE,
      examples: ['warn'],
    }),
    atStatedValues: atStatedValuesOut,
    withinRounding: withinRoundingOut,
    combinations: z.array(combinationOut).meta({
      description:
        'For a combined statement ("more than 67 million" for two provinces): each combination of the readings of ' +
        'its parts, the one the reading rule shows first (at most 65). Empty for every other check.',
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
