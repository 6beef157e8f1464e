// Contracts of the citations of a source: CSL-JSON (Citation Style Language) and BibTeX.
import { z } from 'zod';

const name = z
  .strictObject({
    literal: z.string().meta({
      description: 'An organisation, as one name.',
      examples: ['Center for Communications and Information'],
    }),
  })
  .meta({ description: 'A name (CSL name variable).' });

export const cslItem = z
  .strictObject({
    id: z
      .string()
      .meta({ description: 'Citation key: the source id.', examples: ['nano-exports-early-2024'] }),
    type: z
      .literal('article-newspaper')
      .meta({ description: 'CSL item type: a news release.', examples: ['article-newspaper'] }),
    title: z.string().meta({
      description: 'The original title, followed by its English translation in square brackets.',
      examples: [
        'إصفهان وخوزستان ترسمان خارطة طريق صادرات النانو [Isfahan and Khuzestan chart the roadmap of nano exports]',
      ],
    }),
    'original-title': z.string().meta({
      description: 'The title in the language of the report.',
      examples: ['إصفهان وخوزستان ترسمان خارطة طريق صادرات النانو'],
    }),
    language: z.string().meta({ description: 'Language of the report (BCP 47).', examples: ['ar'] }),
    author: z.array(name).meta({ description: 'The publisher, as the author of the release.' }),
    publisher: z.string().meta({
      description: 'The publisher: its English name, then its name in the original language.',
      examples: ['Center for Communications and Information (مركز الاتصالات والإعلام)'],
    }),
    issued: z
      .strictObject({
        'date-parts': z
          .array(z.array(z.int()))
          .meta({ description: 'Year, month, day.', examples: [[[2024, 1, 15]]] }),
      })
      .optional()
      .meta({ description: 'Publication date; absent when the report does not give it.' }),
    URL: z.string().meta({
      description: 'Where the report was published, or else this API route.',
      examples: ['/v1/sources/nano-exports-early-2024'],
    }),
    version: z.string().meta({
      description: 'The dataset version of the API data the citation was made from.',
      examples: ['sha256-494d372dc2c66bb71d073c7824ab018c'],
    }),
    note: z.string().meta({
      description: 'What else a reader needs: the English title, the period, the original text.',
      examples: ['Title in English: Isfahan and Khuzestan chart the roadmap of nano exports.'],
    }),
  })
  .meta({ id: 'CslItem', description: 'A source as a CSL-JSON item.' });

export const cslResponse = z
  .array(cslItem)
  .meta({ id: 'CslJson', description: 'CSL-JSON: a list of one item.' });

export const bibtexResponse = z.string().meta({ description: 'A BibTeX entry (@misc), UTF-8.' });
