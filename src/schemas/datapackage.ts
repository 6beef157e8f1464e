// Contract of /v1/datapackage.json: a Frictionless Tabular Data Package (v1) describing the API's CSV tables.
import { z } from 'zod';

const text = (description: string, example: string) => z.string().meta({ description, examples: [example] });

export const tableFieldOut = z
  .strictObject({
    name: text('Column name, as in the CSV header.', 'value_usd'),
    type: z
      .enum(['string', 'integer', 'number', 'boolean', 'date'])
      .meta({ description: 'Table Schema type of the values.', examples: ['integer'] }),
    description: text(
      'What the column holds.',
      'Export value in whole US dollars; null when the reports do not give it.',
    ),
    unit: z
      .string()
      .optional()
      .meta({ description: 'Unit of the values (an extension of Table Schema).', examples: ['USD'] }),
    constraints: z
      .strictObject({
        required: z
          .boolean()
          .meta({ description: 'Whether every row has a value (no empty cell).', examples: [true] }),
        enum: z
          .array(z.string())
          .optional()
          .meta({ description: 'The only values allowed.', examples: [['eq', 'gt']] }),
      })
      .meta({ description: 'Constraints every value meets.' }),
  })
  .meta({ id: 'TableField', description: 'A column of a CSV table (Table Schema field descriptor).' });

const foreignKeyOut = z
  .strictObject({
    fields: text('The column of this table.', 'period'),
    reference: z
      .strictObject({
        resource: text('The table referred to.', 'periods'),
        fields: text('Its column.', 'id'),
      })
      .meta({ description: 'Where the values are keys.' }),
  })
  .meta({ id: 'ForeignKey', description: 'A column whose values are keys of another table.' });

export const tableResourceOut = z
  .strictObject({
    profile: z.literal('tabular-data-resource').meta({ description: 'Resource profile.' }),
    name: text('Resource name (lower case).', 'figures'),
    title: text('Title.', 'Every stated figure'),
    description: text('What a row is.', 'One row per figure a report states.'),
    path: text(
      'Where the CSV is: a URL, relative to this descriptor unless PUBLIC_URL is configured.',
      'figures?format=csv&lang=en&limit=1000',
    ),
    format: z.literal('csv').meta({ description: 'File format.' }),
    mediatype: z.literal('text/csv').meta({ description: 'Media type.' }),
    encoding: z.literal('utf-8').meta({ description: 'Character encoding.' }),
    dialect: z
      .strictObject({
        delimiter: z.literal(',').meta({ description: 'Field delimiter.' }),
        lineTerminator: z.literal('\r\n').meta({ description: 'Line terminator.' }),
        quoteChar: z.literal('"').meta({ description: 'Quote character.' }),
        doubleQuote: z.literal(true).meta({ description: 'Quotes inside quoted fields are doubled.' }),
        header: z.literal(true).meta({ description: 'The first row names the columns.' }),
      })
      .meta({ description: 'CSV dialect (RFC 4180).' }),
    schema: z
      .strictObject({
        fields: z.array(tableFieldOut).meta({ description: 'The columns, in order.' }),
        primaryKey: z
          .array(z.string())
          .meta({ description: 'Columns whose values identify a row.', examples: [['id']] }),
        foreignKeys: z
          .array(foreignKeyOut)
          .min(1)
          .optional()
          .meta({ description: 'Columns referring to other tables (absent when none do).' }),
        missingValues: z
          .array(z.string())
          .meta({ description: 'How an unknown value is written: an empty cell.', examples: [['']] }),
      })
      .meta({ description: 'Table Schema of the CSV.' }),
  })
  .meta({ id: 'TableResource', description: 'A CSV table of the API (Tabular Data Resource).' });

export const datapackageOut = z
  .strictObject({
    profile: z.literal('tabular-data-package').meta({ description: 'Package profile.' }),
    name: text('Package name.', 'iran-nano-exports-by-province'),
    title: text('Title.', "Iran's nano-technology exports by province"),
    description: text(
      'What the package holds.',
      'Official statistics on nano-technology exports by province.',
    ),
    version: text('The dataset version: a content hash of the data served.', 'sha256-3f2a…'),
    keywords: z.array(z.string()).meta({ description: 'Keywords.', examples: [['Iran', 'nanotechnology']] }),
    licenses: z
      .array(
        z
          .strictObject({
            name: text('SPDX identifier.', 'MIT'),
            path: text('The licence text.', 'https://opensource.org/licenses/MIT'),
            title: text('What it covers.', 'MIT License'),
          })
          .meta({ description: 'A licence.' }),
      )
      .meta({ description: 'Licences.' }),
    sources: z
      .array(
        z
          .strictObject({
            title: text('Title of the report.', 'Isfahan and Khuzestan chart the roadmap of nano exports'),
            path: text('Its original text.', 'sources/nano-exports-early-2024/text'),
          })
          .meta({ description: 'A report the data comes from.' }),
      )
      .meta({ description: 'The reports the figures come from.' }),
    resources: z.array(tableResourceOut).meta({ description: 'The CSV tables.' }),
  })
  .meta({
    id: 'DataPackage',
    description: 'A Frictionless Tabular Data Package (v1) describing the CSV tables.',
  });
