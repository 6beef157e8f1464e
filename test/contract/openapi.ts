// Helpers for reading the published OpenAPI document in tests: its types, parameter examples, and an Ajv that
// validates responses against the document's own schemas (not against the Zod schemas that produced them).
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export interface SchemaObject {
  [keyword: string]: unknown;
}

export interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: SchemaObject;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}

export interface MediaType {
  schema?: SchemaObject;
}

export interface Header {
  description?: string;
  required?: boolean;
  schema?: SchemaObject;
}

export interface Response {
  description?: string;
  content?: Record<string, MediaType>;
  headers?: Record<string, Header>;
}

export interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  responses: Record<string, Response>;
}

export type PathItem = Record<string, unknown> & { parameters?: Parameter[] };

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, PathItem>;
  components?: { schemas?: Record<string, SchemaObject> } & Record<string, unknown>;
}

/** Every GET operation of the document, with the path item's parameters merged into the operation's. */
export function getOperations(
  doc: OpenApiDocument,
): { path: string; op: Operation; parameters: Parameter[] }[] {
  const out: { path: string; op: Operation; parameters: Parameter[] }[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const op = item.get as Operation | undefined;
    if (!op) continue;
    const own = op.parameters ?? [];
    const inherited = (item.parameters ?? []).filter(
      (p) => !own.some((o) => o.name === p.name && o.in === p.in),
    );
    out.push({ path, op, parameters: [...inherited, ...own] });
  }
  return out;
}

const NO_EXAMPLE = Symbol('no example');

/**
 * A parameter's first documented example: `example`, else the first of `examples`, else the first of its schema's
 * `examples`. Returns NO_EXAMPLE when the document gives none.
 */
export function documentedExample(p: Parameter): unknown {
  if (p.example !== undefined) return p.example;
  const named = Object.values(p.examples ?? {})[0];
  if (named?.value !== undefined) return named.value;
  const fromSchema = p.schema?.examples;
  if (Array.isArray(fromSchema) && fromSchema.length > 0) return fromSchema[0];
  return NO_EXAMPLE;
}

export const hasExample = (p: Parameter) => documentedExample(p) !== NO_EXAMPLE;

/**
 * The value to send for a parameter: its documented example, else (for parameters that document none) the first
 * value its schema allows when the schema says so exactly (`enum`, `const`, `default`). Undefined when none.
 */
export function exampleValue(p: Parameter): string | undefined {
  const ex = documentedExample(p);
  if (ex !== NO_EXAMPLE) return String(ex);
  const s = p.schema ?? {};
  if (Array.isArray(s.enum) && s.enum.length > 0) return String(s.enum[0]);
  if (s.const !== undefined) return String(s.const);
  if (s.default !== undefined) return String(s.default);
  return undefined;
}

/** The media type of a Content-Type header, without parameters, lower case. */
export const mediaTypeOf = (contentType: string | undefined) =>
  (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

export const isJsonMedia = (media: string) => media === 'application/json' || media.endsWith('+json');

/** The documented response for a status: the exact code, else its range (`4XX`), else `default`. */
export function documentedResponse(op: Operation, status: number): Response | undefined {
  return op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`] ?? op.responses.default;
}

const DOC_ID = 'https://contract.test/openapi.json';

/** A deep copy of a schema with every local `#/...` reference made absolute to the document added to Ajv. */
function absolutizeRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(absolutizeRefs);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `${DOC_ID}${v}` : absolutizeRefs(v);
  }
  return out;
}

/** Validates values against the document's schemas, resolving `#/components/...` through the document itself. */
export class DocumentValidator {
  private readonly ajv: Ajv2020;
  private readonly cache = new WeakMap<object, ValidateFunction>();

  constructor(doc: OpenApiDocument) {
    // strict: the schemas the API publishes must compile without unknown keywords, formats or ambiguous types.
    this.ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats.default(this.ajv);
    // `components` is a property of the document, not a JSON Schema keyword: the document is only a container
    // that the absolute references point into.
    this.ajv.addKeyword({ keyword: 'components' });
    this.ajv.addSchema({ $id: DOC_ID, components: absolutizeRefs(doc.components ?? {}) });
  }

  /** Null when `value` is valid, else Ajv's errors as readable lines. */
  check(schema: SchemaObject, value: unknown): string | null {
    let validate = this.cache.get(schema);
    if (!validate) {
      validate = this.ajv.compile(absolutizeRefs(schema) as SchemaObject);
      this.cache.set(schema, validate);
    }
    if (validate(value)) return null;
    return (validate.errors ?? [])
      .map((e) => `  ${e.instancePath || '(root)'} ${e.message ?? 'is invalid'} ${JSON.stringify(e.params)}`)
      .join('\n');
  }
}

/** Calls `visit` on every schema object inside `schema` (itself included), with its JSON pointer. */
export function walkSchemas(
  schema: unknown,
  pointer: string,
  visit: (schema: SchemaObject, pointer: string) => void,
): void {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return;
  const s = schema as SchemaObject;
  visit(s, pointer);
  const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
  for (const key of ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']) {
    const map = s[key];
    if (map && typeof map === 'object') {
      for (const [name, sub] of Object.entries(map))
        walkSchemas(sub, `${pointer}/${key}/${esc(name)}`, visit);
    }
  }
  for (const key of [
    'items',
    'additionalProperties',
    'unevaluatedProperties',
    'unevaluatedItems',
    'propertyNames',
    'contains',
    'not',
    'if',
    'then',
    'else',
  ]) {
    if (s[key] && typeof s[key] === 'object') walkSchemas(s[key], `${pointer}/${key}`, visit);
  }
  for (const key of ['allOf', 'anyOf', 'oneOf', 'prefixItems']) {
    const list = s[key];
    if (!Array.isArray(list)) continue;
    for (const [i, sub] of list.entries()) walkSchemas(sub, `${pointer}/${key}/${i}`, visit);
  }
}
