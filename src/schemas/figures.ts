// Contract of /v1/figures: every figure the reports state, one row each, with its quote and the interval its
// rounding implies (the observations table of the dataset).
import { z } from 'zod';
import { UNITS } from '../domain/measures.ts';
import {
  commonQuery,
  limitParam,
  metaOut,
  pageMeta,
  pageQuery,
  periodParam,
  provinceRef,
  quoteOut,
} from './common.ts';
import { measureSchema } from './report-dataset.ts';

/** Larger than other lists' pages, so that the data package can name the whole table in one URL. */
export const MAX_FIGURES_PAGE = 1000;

export const unitSchema = z.enum(UNITS).meta({
  description:
    'Unit of `value`: whole US dollars, percent of the national total of nano exports, or rank among provinces (1 = largest).',
  examples: ['USD'],
});

export const figureIntervalOut = z
  .strictObject({
    low: z.number().meta({
      description: 'Lowest value the statement allows (exclusive for a `gt` statement).',
      examples: [37450000],
    }),
    high: z
      .number()
      .nullable()
      .meta({
        description:
          'Highest value the statement allows; null for a `gt` ("more than") statement, which has no upper bound.',
        examples: [37550000],
      }),
    method: z.string().meta({
      description: 'How the interval follows from the statement.',
      examples: ['stated to the nearest 100000: the true figure lies in this interval'],
    }),
  })
  .meta({ id: 'FigureInterval', description: 'The values a rounded or "more than" statement allows.' });

export const figureOut = z
  .strictObject({
    id: z.string().meta({
      description:
        'Stable id of the figure: the source id, a slash, and the id of the figure in that source.',
      examples: ['nano-exports-early-2024/isfahan-value-line-5'],
    }),
    sourceId: z.string().meta({
      description: 'The report that states it (see `/v1/sources/{id}`).',
      examples: ['nano-exports-early-2024'],
    }),
    period: z.string().meta({ description: 'Period id the figure is for.', examples: ['2024-early'] }),
    measure: measureSchema,
    provinces: z.array(provinceRef).meta({
      examples: [
        [
          { code: 'IR-06', slug: 'khuzestan', name: 'Khuzestan' },
          { code: 'IR-10', slug: 'isfahan', name: 'Isfahan' },
        ],
      ],
      description:
        'The provinces it is about: one, or several for a combined statement (the "more than 67 million" of Isfahan and Khuzestan together).',
    }),
    comparator: z.enum(['eq', 'gt']).meta({
      description:
        '`eq`: the value is stated (rounded to `resolution`); `gt`: the report says "more than" the value.',
      examples: ['eq'],
    }),
    value: z.number().meta({ description: 'The stated value, in `unit`.', examples: [37500000] }),
    unit: unitSchema,
    resolution: z
      .number()
      .nullable()
      .meta({
        description:
          'Rounding step of the statement (37.5 million is stated to the nearest 100000); null when exact.',
        examples: [100000],
      }),
    interval: figureIntervalOut,
    quote: quoteOut,
    quoteHref: z.string().meta({
      description:
        'The quote in the original text: the text route with an RFC 5147 `#char=start,end` fragment (code point offsets).',
      examples: ['/v1/sources/nano-exports-early-2024/text#char=821,861'],
    }),
    remark: z
      .string()
      .nullable()
      .meta({
        description: 'What the editors noted about the figure, in English; null when nothing.',
        examples: [
          'Stated to the nearest million in the body text; the heading on line 5 says 37.5 million.',
        ],
      }),
  })
  .meta({ id: 'Figure', description: 'A figure exactly as a report states it.' });

export const figuresQuery = z.strictObject({
  ...commonQuery,
  period: periodParam.optional().meta({
    description: 'Only figures for this period (see `/v1/periods`). Defaults to every period.',
    examples: ['2024-early'],
  }),
  province: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .meta({
      description:
        'Only figures about this province (combined statements included): ISO code, slug or any spelling of its name.',
      examples: ['اصفهان'],
    }),
  measure: measureSchema.optional(),
  source: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .meta({
      description: 'Only figures stated by this report (source id).',
      examples: ['nano-exports-early-2024'],
    }),
  limit: limitParam(100, MAX_FIGURES_PAGE),
  offset: pageQuery(100).offset,
});

export const figuresResponse = z
  .strictObject({
    data: z
      .array(figureOut)
      .meta({ description: 'The figures, in period order, then source, then the order of the text.' }),
    meta: metaOut.extend({ page: pageMeta }),
  })
  .meta({ id: 'FiguresResponse' });
