// CSV rendering for spreadsheets and pandas: one row per item, flat snake_case columns named after the path of each
// field (`province_code`, `value_usd`, `provenance_value_usd_quote_text`), every cell a scalar. The columns come from
// the response schema, not from the data, so the header is the same for every period, language and filter. A list
// becomes one cell of its values joined with "|" (a list of objects: one such cell per field).
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { Renderer } from './renderer.ts';

type Scalar = string | number | boolean | null;
export type Flat = Record<string, Scalar>;

/** Joins the values of a list in one cell. */
export const LIST_SEPARATOR = '|';

/** One column: its name and the path to its value (`[]` steps into every element of a list). */
export interface Column {
  name: string;
  path: string[];
  /** The schema of its values (a list's: of each value). */
  schema: z.ZodType;
  /** Whether a cell may be empty: the value or one of the objects around it may be null or absent. */
  nullable: boolean;
  /** The schema as declared, wrappers and description included. */
  declared: z.ZodType;
  /** Whether it goes through a list (its cell: values joined with LIST_SEPARATOR). */
  list: boolean;
}

const snake = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

export interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  getter?: () => z.ZodType;
  format?: string;
  entries?: Record<string, string>;
  values?: unknown[];
}

export const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

const WRAPPERS = ['nullable', 'optional', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'];

/** The schema inside wrappers that do not change the shape of the value (nullable, optional, default, …). */
export function unwrap(schema: z.ZodType): { schema: z.ZodType; nullable: boolean } {
  let s = schema;
  let nullable = false;
  for (let i = 0; i < 20; i++) {
    const def = defOf(s);
    if (def.innerType && WRAPPERS.includes(def.type)) {
      if (def.type === 'nullable' || def.type === 'optional') nullable = true;
      s = def.innerType;
    } else if (def.type === 'pipe' && def.out)
      s = defOf(def.out).type === 'transform' && def.in ? def.in : def.out;
    else if (def.type === 'lazy' && def.getter) s = def.getter();
    else break;
  }
  return { schema: s, nullable };
}

/** The columns of a schema's values: one per scalar leaf, in the order the schema declares them. */
export function columnsOf(
  schema: z.ZodType,
  path: string[] = [],
  names: string[] = [],
  nullable = false,
): Column[] {
  const inner = unwrap(schema);
  const s = inner.schema;
  const maybe = nullable || inner.nullable;
  const def = defOf(s);
  if (def.type === 'object' && def.shape) {
    return Object.entries(def.shape).flatMap(([key, field]) =>
      columnsOf(field, [...path, key], [...names, snake(key)], maybe),
    );
  }
  // A list may be empty: its cell too.
  if (def.type === 'array' && def.element) return columnsOf(def.element, [...path, '[]'], names, true);
  return [
    {
      name: names.join('_') || 'value',
      path,
      schema: s,
      nullable: maybe,
      declared: schema,
      list: path.includes('[]'),
    },
  ];
}

/** The values at a path: several when the path goes through lists. */
function valuesAt(value: unknown, path: readonly string[]): unknown[] {
  if (path.length === 0) return [value];
  if (value === null || value === undefined) return [];
  const [step, ...rest] = path as [string, ...string[]];
  if (step === '[]') return Array.isArray(value) ? value.flatMap((v) => valuesAt(v, rest)) : [];
  return valuesAt((value as Record<string, unknown>)[step], rest);
}

function cell(value: unknown, column: Column): Scalar {
  if (!column.path.includes('[]')) {
    const [v] = valuesAt(value, column.path);
    return v === undefined ? null : (v as Scalar);
  }
  const all = valuesAt(value, column.path);
  return all.length === 0 ? null : all.map((v) => (v === null ? '' : String(v))).join(LIST_SEPARATOR);
}

/**
 * A text cell a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return before one), neutralised
 * with a leading apostrophe, as OWASP recommends against CSV injection; numbers are left as they are.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMERIC = ['number', 'int', 'bigint'];

export function neutralised(value: Scalar, column?: Column): Scalar {
  if (typeof value !== 'string' || !FORMULA_START.test(value)) return value;
  // A list of numbers is a text cell ("-1.5|2") that is still numbers, which pandas and readers split.
  if (column && NUMERIC.includes(defOf(column.schema).type)) return value;
  return `'${value}`;
}

export interface CsvOptions {
  /** Columns of the reply's provenance, first in every row (an item's own field of the same name fills it). */
  provenance: Flat;
  /** Starts the document with a UTF-8 byte-order mark, which Excel needs to read Arabic and Persian as UTF-8. */
  bom?: boolean;
}

/** A CSV document (RFC 4180, CRLF line ends) with one row per item, its columns those of the item schema. */
export function toCsv(items: readonly unknown[], itemSchema: z.ZodType, options: CsvOptions): string {
  const all = columnsOf(itemSchema);
  const provenance = Object.keys(options.provenance);
  const own = all.filter((c) => !provenance.includes(c.name));
  const header = [...provenance, ...own.map((c) => c.name)];
  const rows = items.map((item) => [
    ...provenance.map((name) => {
      const mine = all.find((c) => c.name === name);
      return mine ? neutralised(cell(item, mine), mine) : neutralised(options.provenance[name] ?? null);
    }),
    ...own.map((c) => neutralised(cell(item, c), c)),
  ]);
  const text = stringify([header, ...rows], {
    record_delimiter: 'windows',
    cast: { boolean: (b) => (b ? 'true' : 'false') },
  });
  return options.bom ? `\uFEFF${text}` : text;
}

/** The schema of one item of a reply: the element of its `data` list, or `data` itself. */
export function itemSchemaOf(responseSchema: z.ZodType): z.ZodType {
  const def = defOf(unwrap(responseSchema).schema);
  const data = def.shape?.data;
  if (!data) return responseSchema;
  const inner = unwrap(data).schema;
  const innerDef = defOf(inner);
  return innerDef.type === 'array' && innerDef.element ? innerDef.element : inner;
}

/** CSV: the reply's items (its `data`, a list or one object) as rows, with its period and sources on every row. */
export const csv: Renderer = {
  mediaType: 'text/csv',
  contentType: 'text/csv; charset=utf-8; header=present',
  localized: true,
  render(payload, context) {
    const reply = payload as {
      data?: unknown;
      meta?: { period?: { id: string } | null; sources?: { id: string }[] };
    };
    const items = context.rows?.items ?? (Array.isArray(reply.data) ? reply.data : [reply.data]);
    return toCsv(items, context.rows?.schema ?? itemSchemaOf(context.payloadSchema), {
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
