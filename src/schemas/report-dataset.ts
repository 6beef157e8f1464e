// The report dataset file format (seed and import): its Zod schema is the single definition of the format.
import { z } from 'zod';
import { VALUE_BOUNDS } from '../domain/dataset-checks.ts';
import { MEASURE_INFO, MEASURES } from '../domain/measures.ts';

export const measureSchema = z.enum(MEASURES).meta({
  description: `What a figure measures: ${MEASURES.map((m) => `\`${m}\` (${MEASURE_INFO[m].description})`).join(', ')}.`,
  examples: ['export_value_usd'],
});

const idSlug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case slug (a-z, 0-9 and single hyphens)')
  .max(100);

export const quoteSchema = z
  .strictObject({
    text: z
      .string()
      .min(1)
      .meta({ description: 'The exact words in the original text.', examples: ['14 مليون دولار (9.7%)'] }),
    line: z
      .int()
      .min(1)
      .meta({ description: '1-based line of the original text where the quote starts.', examples: [10] }),
    start: z
      .int()
      .min(0)
      .meta({
        description: '0-based offset of the first character, in Unicode code points.',
        examples: [1700],
      }),
    end: z
      .int()
      .min(1)
      .meta({
        description: '0-based offset just past the last character, in Unicode code points.',
        examples: [1721],
      }),
  })
  .meta({ description: 'A passage of the original text that a figure or note stands on.' });
export type Quote = z.infer<typeof quoteSchema>;

const bilingual = z.strictObject({
  ar: z.string().min(1).nullable().meta({ description: 'In Arabic, or null when unknown.' }),
  en: z.string().min(1).meta({ description: 'In English.' }),
});

const provinceCode = z.string().regex(/^IR-\d{2}$/, 'must be an ISO 3166-2:IR code such as IR-10');

/** JSON Schema: when a figure has this measure, its value (and resolution) keep to these bounds. */
function valueBounds(measure: string, value: object, resolution?: object) {
  return {
    if: { properties: { measure: { const: measure } }, required: ['measure'] },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, not a promise.
    then: { properties: { value, ...(resolution ? { resolution } : {}) } },
  };
}

export const datasetFigureSchema = z
  .strictObject({
    id: idSlug.meta({ description: 'Stable id of the figure, unique within the report.' }),
    provinces: z
      .array(provinceCode)
      .min(1)
      .meta({ description: 'The province the figure is about, or several for a combined figure.' }),
    measure: measureSchema,
    value: z.number().meta({
      description: `The stated value, in the unit of the measure: US dollars (an integer from 1 to ${VALUE_BOUNDS.MAX_USD}), percent (greater than 0, at most ${VALUE_BOUNDS.SHARE_MAX}, at most three decimals) or rank (an integer from 1 to the number of provinces). The bounds keep every total derived from the figures a safe integer.`,
    }),
    comparator: z
      .enum(['eq', 'gt'])
      .default('eq')
      .meta({ description: '"eq" for a stated value, "gt" for "more than".' }),
    resolution: z.number().positive().nullable().meta({
      description:
        'The rounding step the value was stated with (1000000 for "37 million"); null for ranks. No larger than the order of magnitude of the value (at most 10000000 for 37000000, 0.1 for 0.5 %).',
    }),
    quote: quoteSchema,
    remark: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'How the figure was read from the text, where not obvious.' }),
  })
  .meta({
    // The bounds of each measure's value, for editors and validators; the importer checks them
    // (src/domain/dataset-checks.ts) with the rounding step, which a JSON Schema cannot compare with the value.
    allOf: [
      valueBounds('export_value_usd', { type: 'integer', minimum: 1, maximum: VALUE_BOUNDS.MAX_USD }),
      // (At most three decimals is said in words: JSON Schema's multipleOf 0.001 fails 9.7 in binary floating point.)
      valueBounds('export_share_percent', { exclusiveMinimum: 0, maximum: VALUE_BOUNDS.SHARE_MAX }),
      valueBounds('export_rank', { type: 'integer', minimum: 1 }, { type: 'null' }),
    ],
  });
export type DatasetFigure = z.infer<typeof datasetFigureSchema>;

export const datasetNoteSchema = z.strictObject({
  id: idSlug,
  province: provinceCode,
  topic: idSlug.meta({
    description: 'industries, ports, institutions, infrastructure, standing, growth-ambition, …',
  }),
  summaryEn: z.string().min(1),
  quote: quoteSchema,
});

const isoDate = z.iso.date().nullable();

/** The shape of a dataset file before its cross-checks against the text and the provinces. */
export const reportDatasetShape = z.strictObject({
  $schema: z.string().optional(),
  formatVersion: z.literal(1),
  source: z
    .strictObject({
      id: idSlug,
      title: bilingual,
      publisher: bilingual,
      dataOwner: bilingual,
      language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, 'must be a BCP 47 language tag'),
      publishedOn: isoDate,
      url: z
        .url({ protocol: /^https?$/, hostname: z.regexes.domain })
        // Only the characters RFC 3986 allows in a URI: no brace, backslash, quote, space or angle bracket.
        .regex(/^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/, 'must be written with the characters a URL allows')
        .max(2000)
        .nullable()
        .meta({ description: 'Where the report is published: an http or https URL.' }),
      text: z.string().min(1).optional().meta({ description: 'The original text, inline.' }),
      textFile: z
        .string()
        .min(1)
        .optional()
        .meta({ description: 'Or: a file holding the original text, relative to the dataset file.' }),
      textSha256: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .meta({ description: 'sha256 of the original text (UTF-8 bytes), checked on import.' }),
    })
    .refine((s) => (s.text === undefined) !== (s.textFile === undefined), {
      message: 'give exactly one of "text" and "textFile"',
    }),
  period: z.strictObject({
    id: z.string().regex(/^\d{4}(-[a-z0-9]+)*$/, 'must start with the year, e.g. 2024-early'),
    label: z.string().min(1).meta({ description: 'English label, e.g. "early 2024".' }),
    words: quoteSchema.meta({ description: "The report's own words for its period." }),
    year: z.int().min(1990).max(2100),
    sortKey: z.string().regex(/^\d{4}-\d{2}$/, 'must be YYYY-MM (orders periods in time)'),
    startsOn: isoDate,
    endsOn: isoDate,
  }),
  figures: z.array(datasetFigureSchema).min(1),
  notes: z.array(datasetNoteSchema).default([]),
});
export type ReportDataset = z.infer<typeof reportDatasetShape>;
