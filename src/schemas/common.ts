// Building blocks shared by the API's contracts: query parameters, provenance, quotes, the reply envelope.
import { z } from 'zod';

export const langSchema = z.enum(['en', 'fa', 'ar']).meta({
  description:
    'Language of `name` fields: English, Persian or Arabic. Defaults to the best match of `Accept-Language`, else English. `names` always carries all three.',
  examples: ['fa'],
});

export const periodParam = z
  .string()
  .regex(/^[a-z0-9-]{1,40}$/, 'must be a period id such as 2024-early')
  .meta({
    description: 'Period id (see `/v1/periods`). Defaults to the latest period.',
    examples: ['2024-early'],
  });

export const bomSchema = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .meta({
    description:
      'CSV only: start with a UTF-8 byte-order mark, so that Excel reads Arabic and Persian names as UTF-8.',
    examples: ['true'],
  });

/** Query parameters every data route takes (routes add `format`, from the formats they offer). */
export const commonQuery = {
  lang: langSchema.optional(),
  bom: bomSchema.optional(),
};

export const periodQuery = { ...commonQuery, period: periodParam.optional() };

export const MAX_LIMIT = 100;

/** limit/offset paging parameters, with the route's default page size. */
export const pageQuery = (defaultLimit: number) => ({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_LIMIT)
    .default(defaultLimit)
    .meta({ description: `Page size (1–${MAX_LIMIT}).`, examples: [defaultLimit] }),
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .max(10000)
    .default(0)
    .meta({ description: 'Items to skip (0–10000).', examples: [0] }),
});

export const quoteOut = z
  .strictObject({
    sourceId: z.string().meta({ description: 'The report quoted.', examples: ['nano-exports-early-2024'] }),
    text: z.string().meta({
      description: 'The exact words, in the language of the report.',
      examples: ['14 مليون دولار (9.7%)'],
    }),
    line: z.int().meta({ description: '1-based line in the report text.', examples: [10] }),
    start: z.int().meta({
      description: '0-based offset of the first character, in Unicode code points.',
      examples: [1700],
    }),
    end: z.int().meta({
      description: '0-based offset just past the last character, in code points.',
      examples: [1721],
    }),
  })
  .meta({
    id: 'Quote',
    description:
      'Where in the original report a figure or note stands: `GET /v1/sources/{sourceId}/text` has the text.',
  });

export const provinceRef = z
  .strictObject({
    code: z.string().meta({ description: 'ISO 3166-2 code.', examples: ['IR-10'] }),
    slug: z.string().meta({ description: 'URL-friendly English name.', examples: ['isfahan'] }),
    name: z.string().meta({ description: 'Name in the language of the reply.', examples: ['Isfahan'] }),
  })
  .meta({ id: 'ProvinceRef', description: 'A province, briefly.' });

export const periodOut = z
  .strictObject({
    id: z.string().meta({ description: 'Stable period id.', examples: ['2024-early'] }),
    label: z.string().meta({ description: 'English label.', examples: ['early 2024'] }),
    year: z.int().meta({ description: 'Calendar year.', examples: [2024] }),
    startsOn: z.iso
      .date()
      .nullable()
      .meta({ description: 'First day, or null when the reports give none.', examples: [null] }),
    endsOn: z.iso
      .date()
      .nullable()
      .meta({ description: 'Last day, or null when the reports give none.', examples: [null] }),
  })
  .meta({ id: 'Period', description: 'A period the statistics cover.' });

export const sourceRef = z
  .strictObject({
    id: z.string().meta({ description: 'Source (report) id.', examples: ['nano-exports-early-2024'] }),
    title: z.string().meta({
      description: 'English title.',
      examples: ['Isfahan and Khuzestan chart the roadmap of nano exports'],
    }),
    href: z
      .string()
      .meta({ description: 'Where its metadata is.', examples: ['/v1/sources/nano-exports-early-2024'] }),
  })
  .meta({ id: 'SourceRef', description: 'A report the reply draws on.' });

export const datasetVersionSchema = z
  .string()
  .regex(/^sha256-[0-9a-f]{32}$/)
  .meta({
    description:
      'The dataset version: a content hash of all the data the API serves (the same on every replica and rebuild of the same data; any import changes it). Also in the `X-Dataset-Version` header. Cite it with a figure.',
    examples: ['sha256-494d372dc2c66bb71d073c7824ab018c'],
  });

export const metaOut = z
  .strictObject({
    period: periodOut
      .nullable()
      .meta({ description: 'The period of the figures in this reply (null for replies about no period).' }),
    sources: z.array(sourceRef).meta({ description: 'The reports the figures in this reply come from.' }),
    language: langSchema,
    datasetVersion: datasetVersionSchema,
  })
  .meta({ id: 'Meta', description: 'Provenance of the reply: which period and which reports it draws on.' });

export const pageMeta = z
  .strictObject({
    total: z.int().meta({ description: 'Items matching the filters, before paging.', examples: [5] }),
    limit: z.int().meta({ description: 'Page size used.', examples: [50] }),
    offset: z.int().meta({ description: 'Items skipped.', examples: [0] }),
  })
  .meta({ id: 'Page', description: 'Paging of a list; the `Link` header has first/prev/next/last.' });

export const basisSchema = z.enum(['reported', 'derived', 'unknown']).meta({
  description:
    '`reported`: stated in a report (see `quote`); `derived`: computed from reported figures (see `method`); `unknown`: the reports do not give it.',
  examples: ['reported'],
});

export const boundsOut = z
  .strictObject({
    low: z.number().meta({ description: 'Lower bound.', examples: [37450000] }),
    high: z.number().meta({ description: 'Upper bound.', examples: [37550000] }),
    method: z.string().meta({
      description: 'How the bounds were obtained.',
      examples: ['stated to the nearest 100000: the true figure lies in this interval'],
    }),
  })
  .meta({ id: 'Bounds', description: 'An interval the true figure lies in.' });

export const alternativeOut = z
  .strictObject({
    figureId: z.string().meta({
      description: 'Id of the other reading.',
      examples: ['nano-exports-early-2024/isfahan-value-line-4'],
    }),
    value: z
      .number()
      .meta({ description: 'The other reading, in the unit of the field.', examples: [37000000] }),
    agreesWithOtherStatements: z.boolean().meta({
      description: 'Whether it agrees with every other statement of the reports.',
      examples: [false],
    }),
    quote: quoteOut,
  })
  .meta({
    id: 'Alternative',
    description: 'Another reported reading of the same figure, not the one shown.',
  });

export const fieldProvenance = z
  .strictObject({
    basis: basisSchema,
    method: z
      .string()
      .nullable()
      .meta({ description: 'For derived figures: how they were computed.', examples: [null] }),
    figureId: z
      .string()
      .nullable()
      .meta({
        description: 'Id of the reported figure shown.',
        examples: ['nano-exports-early-2024/isfahan-value-line-5'],
      }),
    quote: quoteOut.nullable().meta({ description: 'The words the figure shown stands on.' }),
    interval: boundsOut.nullable().meta({
      description:
        'Reported: the interval its rounding allows. Unknown: bounds derived from other figures, if any.',
    }),
    alternatives: z
      .array(alternativeOut)
      .meta({ description: 'Other readings of the same figure; empty when the reports agree.' }),
  })
  .meta({ id: 'FieldProvenance', description: 'Where one figure comes from.' });
