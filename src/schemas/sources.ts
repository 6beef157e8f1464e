// Contracts of /v1/periods and /v1/sources: the reports behind the data and the periods they cover.
import { z } from 'zod';
import { caseInsensitive, commonQuery, langParam, metaOut, periodOut, sourceRef } from './common.ts';

const bilingualOut = (what: string, example: string) =>
  z
    .strictObject({
      ar: z
        .string()
        .nullable()
        .meta({ description: `${what} in Arabic, or null when unknown.` }),
      en: z
        .string()
        .nullable()
        .meta({ description: `${what} in English, or null when unknown.`, examples: [example] }),
    })
    .meta({ description: what });

export const sourceOut = z
  .strictObject({
    id: z.string().meta({ description: 'Stable id.', examples: ['nano-exports-early-2024'] }),
    title: bilingualOut('Title', 'Isfahan and Khuzestan chart the roadmap of nano exports'),
    publisher: bilingualOut('Publisher', 'Center for Communications and Information'),
    dataOwner: bilingualOut(
      'Owner of the statistics',
      'Nano and Micro Technologies Development Headquarters',
    ),
    period: periodOut,
    periodWords: z
      .string()
      .meta({ description: "The report's own words for its period.", examples: ['مطلع العام 2024'] }),
    language: z.string().meta({ description: 'Language of the original text (BCP 47).', examples: ['ar'] }),
    publishedOn: z.iso
      .date()
      .nullable()
      .meta({ description: 'Publication date; null when the report does not give it.', examples: [null] }),
    url: z
      .string()
      .nullable()
      .meta({ description: 'Where it was published; null when unknown.', examples: [null] }),
    textSha256: z.string().meta({
      description: 'sha256 of the original text (UTF-8).',
      examples: ['50646fe8fcd31213877d70f8574873cb848f3299474cc200d9c7b44e6d476b71'],
    }),
    textLength: z.int().meta({
      description: 'Length of the text in Unicode code points (the unit of quote offsets).',
      examples: [2133],
    }),
    textHref: z
      .string()
      .meta({ description: 'The original text.', examples: ['/v1/sources/nano-exports-early-2024/text'] }),
    figureCount: z.int().meta({ description: 'Figures taken from it.', examples: [15] }),
    citation: z
      .strictObject({
        csl: z.string().meta({
          description: 'Its citation as CSL-JSON.',
          examples: ['/v1/sources/nano-exports-early-2024?format=csl'],
        }),
        bibtex: z.string().meta({
          description: 'Its citation as BibTeX.',
          examples: ['/v1/sources/nano-exports-early-2024?format=bibtex'],
        }),
      })
      .meta({ description: 'How to cite it.' }),
    figuresHref: z.string().meta({
      description: 'Those figures, each with its quote.',
      examples: ['/v1/figures?source=nano-exports-early-2024'],
    }),
    noteCount: z.int().meta({ description: 'Notes taken from it.', examples: [11] }),
  })
  .meta({ id: 'Source', description: 'A report the data comes from.' });

export const sourcesQuery = z.strictObject({ ...commonQuery });
export const sourcesResponse = z
  .strictObject({ data: z.array(sourceOut), meta: metaOut })
  .meta({ id: 'SourcesResponse' });
export const sourceParams = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(100)
    .meta({ description: 'Source id.', examples: ['nano-exports-early-2024'] }),
});
export const sourceQuery = z.strictObject({
  lang: langParam,
  format: caseInsensitive(
    z
      .enum(['json', 'csl', 'bibtex'], { error: 'must be json, csl or bibtex' })
      .optional()
      .meta({
        description:
          'The report as JSON, or its citation as CSL-JSON (`csl`) or BibTeX (`bibtex`); overrides the `Accept` header.',
        examples: ['bibtex'],
      }),
  ),
});
export const sourceResponse = z
  .strictObject({ data: sourceOut, meta: metaOut })
  .meta({ id: 'SourceResponse' });
export const sourceTextQuery = z.strictObject({});
export const sourceText = z.string().meta({ description: 'The original text, byte for byte.' });

export const periodsQuery = z.strictObject({ ...commonQuery });
export const periodsResponse = z
  .strictObject({
    data: z.array(
      periodOut.extend({
        latest: z
          .boolean()
          .meta({ description: 'Whether it is the default period of the data routes.', examples: [true] }),
        sources: z.array(sourceRef).meta({ description: 'Reports covering it.' }),
      }),
    ),
    meta: metaOut,
  })
  .meta({ id: 'PeriodsResponse' });
