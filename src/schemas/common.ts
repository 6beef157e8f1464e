// Building blocks shared by the API's contracts: query parameters, provenance, quotes, the reply envelope.
import { z } from 'zod';

export const langSchema = z.enum(['en', 'fa', 'ar']).meta({
  description:
    'Language of `name` fields: English, Persian or Arabic. Defaults to the best match of `Accept-Language`, else English. `names` always carries all three.',
  examples: ['fa'],
});

// Query parameters that are read leniently (a language tag, a keyword in any case, a number as text) are Zod
// preprocessors around the schema that validates them. Their `.optional()`, `.default()` and `.meta()` go on that
// inner schema: Zod's JSON Schema (the OpenAPI document) describes a preprocessed parameter by its inner schema only.

/** A language tag as BCP 47 reads it: its primary subtag, in any case (`fa-IR`, `FA` and `fa` are all Persian). */
const primarySubtag = (v: unknown) => (typeof v === 'string' ? (v.split('-')[0] ?? v).toLowerCase() : v);

/** The optional `lang` parameter: any BCP 47 tag whose primary subtag is one of the API's languages. */
export const langParam = z.preprocess(
  primarySubtag,
  z
    .enum(['en', 'fa', 'ar'], { error: 'must be en, fa or ar (a language tag such as fa-IR is read as fa)' })
    .optional()
    .meta({
      description:
        'Language of `name` fields: English, Persian or Arabic, as a BCP 47 tag (`fa`, `fa-IR`, `FA` and `ar-SA` work: the primary subtag counts, in any case). Defaults to the best match of `Accept-Language`, else English; `Content-Language` says which was used. `names` always carries all three.',
      examples: ['fa'],
    }),
);

/** A keyword parameter read in any case (`format=CSV` is `csv`). */
export const caseInsensitive = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.toLowerCase() : v), schema);

/**
 * A number parameter: text that is a decimal number becomes that number; anything else (`abc`, and `0x10`, `1e3` or
 * `Infinity`, which Number() would take) stays text, for the number schema to refuse.
 */
export const decimal = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v), schema);

/**
 * A number between `min` and `max`, refused in plain words: `accepts` says what it takes ("a whole number of US
 * dollars, such as 30000000"); the validator (http/query-validation.ts) adds the parameter's name and what was given.
 */
export function numberIn(options: { accepts: string; min: number; max: number; whole: boolean }) {
  const error = `must be ${options.accepts}`;
  return (options.whole ? z.int({ error }) : z.number({ error }))
    .min(options.min, { error })
    .max(options.max, { error });
}

export const periodParam = z
  .string()
  .regex(/^[a-z0-9-]{1,40}$/, 'must be a period id such as 2024-early (the list is at /v1/periods)')
  .meta({
    description: 'Period id (see `/v1/periods`). Defaults to the latest period.',
    examples: ['2024-early'],
  });

export const bomParam = caseInsensitive(
  z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .transform((v) => v === 'true')
    .optional()
    .meta({
      description:
        'CSV only: start with a UTF-8 byte-order mark, so that Excel reads Arabic and Persian names as UTF-8.',
      examples: ['true'],
    }),
);

/** Query parameters every data route takes (routes add `format`, from the formats they offer). */
export const commonQuery = {
  lang: langParam,
  bom: bomParam,
};

export const periodQuery = { ...commonQuery, period: periodParam.optional() };

export const MAX_LIMIT = 100;

/** The page size parameter, up to `max` items. */
export const limitParam = (defaultLimit: number, max: number) =>
  decimal(
    numberIn({
      accepts: `a whole number from 1 to ${max}, such as ${defaultLimit}`,
      min: 1,
      max,
      whole: true,
    })
      .default(defaultLimit)
      .meta({ description: `Page size (1–${max}).`, examples: [defaultLimit] }),
  );

/** limit/offset paging parameters, with the route's default page size. */
export const pageQuery = (defaultLimit: number) => ({
  limit: limitParam(defaultLimit, MAX_LIMIT),
  offset: decimal(
    numberIn({ accepts: 'a whole number from 0 to 10000, such as 50', min: 0, max: 10000, whole: true })
      .default(0)
      .meta({ description: 'Items to skip (0–10000).', examples: [0] }),
  ),
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
