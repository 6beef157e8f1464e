// CSV rendering for spreadsheets and pandas: one row per item, flat snake_case columns named after the path of each
// field (`province_code`, `value_usd`, `provenance_value_usd_quote_text`), every cell a scalar. The columns come from
// the response schema, not from the data, so the header is the same for every period, language and filter. A list
// becomes one cell of its values joined with "|" (a list of objects: one such cell per field).
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { type Column, cellOf } from '../schemas/introspect.ts';
import type { Renderer } from './renderer.ts';

type Scalar = string | number | boolean | null;
type Flat = Record<string, Scalar>;

/**
 * A text cell a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return before one), neutralised
 * with a leading apostrophe, as OWASP recommends against CSV injection; numbers are left as they are.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralised(value: Scalar, column?: Column): Scalar {
  if (typeof value !== 'string' || !FORMULA_START.test(value)) return value;
  // A list of numbers is a text cell ("-1.5|2") that is still numbers, which pandas and readers split.
  if (column && (column.type === 'number' || column.type === 'integer')) return value;
  return `'${value}`;
}

export interface CsvOptions {
  /** Columns of the reply's provenance, first in every row (an item's own field of the same name fills it). */
  provenance: Flat;
  /** Starts the document with a UTF-8 byte-order mark, which Excel needs to read Arabic and Persian as UTF-8. */
  bom?: boolean;
}

/** A CSV document (RFC 4180, CRLF line ends): one row per item, in the columns given. */
export function toCsv(items: readonly unknown[], all: readonly Column[], options: CsvOptions): string {
  const provenance = Object.keys(options.provenance);
  const own = all.filter((c) => !provenance.includes(c.name));
  const header = [...provenance, ...own.map((c) => c.name)];
  const rows = items.map((item) => [
    ...provenance.map((name) => {
      const mine = all.find((c) => c.name === name);
      return mine ? neutralised(cellOf(item, mine), mine) : neutralised(options.provenance[name] ?? null);
    }),
    ...own.map((c) => neutralised(cellOf(item, c), c)),
  ]);
  const text = stringify([header, ...rows], {
    record_delimiter: 'windows',
    cast: { boolean: (b) => (b ? 'true' : 'false') },
  });
  return options.bom ? `\uFEFF${text}` : text;
}

/** CSV: the reply's items (its `data`, a list or one object) as rows, with its period and sources on every row. */
export const csv: Renderer = {
  mediaType: 'text/csv',
  contentType: 'text/csv; charset=utf-8; header=present',
  localized: true,
  tabular: true,
  render(payload, context) {
    const reply = payload as { meta?: { period?: { id: string } | null; sources?: { id: string }[] } };
    return toCsv(context.rows.items, context.rows.columns, {
      provenance: {
        period: reply.meta?.period?.id ?? null,
        sources: (reply.meta?.sources ?? []).map((s) => s.id).join('|'),
      },
      bom: context.bom,
    });
  },
  headers: (context) => ({ 'content-disposition': `attachment; filename="${context.filename}"` }),
  bodySchema: () =>
    z.string().meta({
      description:
        'The same items as CSV (UTF-8, header row, one row per item; nested fields as snake_case columns named by their path, such as `province_code` and `value_usd`; lists as values joined with `|`; plus `period` and `sources`). Offered as a file (`Content-Disposition`); `?bom=true` adds a byte-order mark for Excel.',
    }),
};
