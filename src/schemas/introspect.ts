// Reading a payload schema as a table: the columns of its rows (one per scalar leaf, named after its path), each with
// its type, allowed values and description. The only module that reads Zod's internals (`_zod.def`): the tabular
// renderers (CSV, JSON-stat) and the data package's Table Schemas get plain columns from here.
import { z } from 'zod';

type Scalar = string | number | boolean | null;

/** Joins the values of a list in one cell. */
export const LIST_SEPARATOR = '|';

/** One column: its name, the path to its value (`[]` steps into every element of a list), and what it holds. */
export interface Column {
  /** snake_case, from the path: `province_code`, `provenance_value_usd_quote_text`. */
  name: string;
  path: readonly string[];
  /** The type of its values, as Table Schema names them. */
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  /** The values it may take, for an enum or a literal. */
  values?: string[];
  /** Its `.meta()` description, if it has one. */
  description?: string;
  /** Whether a cell may be empty: the value or one of the objects around it may be null or absent. */
  nullable: boolean;
  /** Whether it goes through a list (its cell: values joined with LIST_SEPARATOR). */
  list: boolean;
}

interface Def {
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

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

const WRAPPERS = ['nullable', 'optional', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'];

/** The schema inside wrappers that do not change the shape of the value (nullable, optional, default, …). */
function unwrap(schema: z.ZodType): { schema: z.ZodType; nullable: boolean } {
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

/** The description a schema was given with .meta(), looking through its wrappers. */
function descriptionOf(schema: z.ZodType): string | undefined {
  let s: z.ZodType | undefined = schema;
  for (let i = 0; s && i < 20; i++) {
    const found = z.globalRegistry.get(s)?.description;
    if (found) return found;
    const def = defOf(s);
    s = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
  }
  return undefined;
}

const snake = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

function leaf(declared: z.ZodType, inner: z.ZodType): Pick<Column, 'type' | 'values' | 'description'> {
  const def = defOf(inner);
  let type: Column['type'] = 'string';
  let values: string[] | undefined;
  if (def.type === 'number') type = def.format && /int/.test(def.format) ? 'integer' : 'number';
  else if (def.type === 'boolean') type = 'boolean';
  else if (def.type === 'string' && def.format === 'date') type = 'date';
  else if (def.type === 'enum' && def.entries) values = Object.values(def.entries).map(String);
  else if (def.type === 'literal' && def.values) values = def.values.map(String);
  const description = descriptionOf(declared);
  return { type, ...(values ? { values } : {}), ...(description ? { description } : {}) };
}

function collect(schema: z.ZodType, path: string[], names: string[], nullable: boolean): Column[] {
  const inner = unwrap(schema);
  const maybe = nullable || inner.nullable;
  const def = defOf(inner.schema);
  if (def.type === 'object' && def.shape) {
    return Object.entries(def.shape).flatMap(([key, field]) =>
      collect(field, [...path, key], [...names, snake(key)], maybe),
    );
  }
  // A list may be empty: its cell too.
  if (def.type === 'array' && def.element) return collect(def.element, [...path, '[]'], names, true);
  return [
    {
      name: names.join('_') || 'value',
      path,
      ...leaf(schema, inner.schema),
      nullable: maybe,
      list: path.includes('[]'),
    },
  ];
}

const cache = new WeakMap<z.ZodType, Column[]>();

/** The columns of a row schema: one per scalar leaf, in the order the schema declares them (computed once). */
export function columnsOf(rowSchema: z.ZodType): Column[] {
  let columns = cache.get(rowSchema);
  if (!columns) {
    columns = collect(rowSchema, [], [], false);
    cache.set(rowSchema, columns);
  }
  return columns;
}

/** The schema of one row of a payload: the element of its `data` list, or `data` itself. */
export function rowSchemaOf(payloadSchema: z.ZodType): z.ZodType {
  const def = defOf(unwrap(payloadSchema).schema);
  const data = def.shape?.data;
  if (!data) return payloadSchema;
  const inner = unwrap(data).schema;
  const innerDef = defOf(inner);
  return innerDef.type === 'array' && innerDef.element ? innerDef.element : inner;
}

/** The values at a path: several when the path goes through lists. */
export function valuesAt(value: unknown, path: readonly string[]): unknown[] {
  if (path.length === 0) return [value];
  if (value === null || value === undefined) return [];
  const [step, ...rest] = path as [string, ...string[]];
  if (step === '[]') return Array.isArray(value) ? value.flatMap((v) => valuesAt(v, rest)) : [];
  return valuesAt((value as Record<string, unknown>)[step], rest);
}

/** A row's cell in a column: its value, or a list's values joined with LIST_SEPARATOR; null when absent. */
export function cellOf(row: unknown, column: Column): Scalar {
  if (!column.list) {
    const [v] = valuesAt(row, column.path);
    return v === undefined ? null : (v as Scalar);
  }
  const all = valuesAt(row, column.path);
  return all.length === 0 ? null : all.map((v) => (v === null ? '' : String(v))).join(LIST_SEPARATOR);
}
