// What the explorer at /docs needs beyond the OpenAPI document: schema components without the generator's unused
// `…Input` twins, a copy of the document in which Try it out pre-fills nothing, its own logo, and its CSP.
import { createHash } from 'node:crypto';
import type { OpenAPIV3_1 } from 'openapi-types';

type Doc = OpenAPIV3_1.Document;

const REF = '#/components/schemas/';

function refsIn(value: unknown, found: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) refsIn(v, found);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string' && v.startsWith(REF)) found.add(v.slice(REF.length));
      else refsIn(v, found);
    }
  }
}

/**
 * fastify-type-provider-zod puts every schema with a `.meta({ id })` into the components twice, as `X` (responses)
 * and `XInput` (requests); the request schemas here use none of them, so the `…Input` twins are noise. Drops every
 * `…Input` component that nothing reachable from the paths refers to.
 */
export function withoutUnusedInputSchemas(doc: Doc): Doc {
  const schemas = doc.components?.schemas;
  if (!schemas) return doc;
  const { schemas: _s, ...otherComponents } = doc.components ?? {};
  const reachable = new Set<string>();
  refsIn([doc.paths, otherComponents], reachable);
  const queue = [...reachable];
  while (queue.length > 0) {
    const name = queue.pop() as string;
    const next = new Set<string>();
    refsIn(schemas[name], next);
    for (const n of next)
      if (!reachable.has(n)) {
        reachable.add(n);
        queue.push(n);
      }
  }
  const kept = Object.fromEntries(
    Object.entries(schemas).filter(([name]) => !name.endsWith('Input') || reachable.has(name)),
  );
  return { ...doc, components: { ...doc.components, schemas: kept } };
}

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/**
 * The document as the explorer gets it: Swagger UI's Try it out fills every parameter's input with its `example`
 * (or first of `examples`) and sends it, so a request nobody typed (`?lang=fa&format=csv&period=…`) goes out.
 * Swagger UI has no option against it (swagger-api/swagger-ui#5776), so in this copy each parameter's examples
 * move into its description, where they are still shown. /openapi.json keeps them as they are.
 */
export function explorerSpecification(doc: Doc): Doc {
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of [item, ...Object.values(item ?? {})]) {
      const parameters = (op as { parameters?: unknown })?.parameters;
      if (!Array.isArray(parameters)) continue;
      for (const p of parameters as (OpenAPIV3_1.ParameterObject & { schema?: Record<string, unknown> })[]) {
        const examples: unknown[] = [];
        if (p.example !== undefined) examples.push(p.example);
        for (const e of Object.values(p.examples ?? {})) examples.push((e as { value?: unknown }).value);
        if (p.schema && 'example' in p.schema) examples.push(p.schema.example);
        if (p.schema && Array.isArray(p.schema.examples)) examples.push(...p.schema.examples);
        delete p.example;
        delete p.examples;
        if (p.schema) {
          delete p.schema.example;
          delete p.schema.examples;
        }
        const distinct = [...new Set(examples.filter((e) => e !== undefined).map(show))];
        if (distinct.length > 0) {
          const list = distinct.map((e) => `\`${e}\``).join(', ');
          p.description = `${p.description ? `${p.description}\n\n` : ''}Example: ${list}`;
        }
      }
    }
  }
  return doc;
}

/** The explorer's logo: the API's name and a link home, instead of Swagger's. */
export const EXPLORER_LOGO = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="220" height="40" viewBox="0 0 220 40">' +
    '<text x="0" y="28" font-family="system-ui, sans-serif" font-size="22" font-weight="700" fill="#ffffff">nano-exports-api</text>' +
    '</svg>',
);

/**
 * Swagger UI renders its own logo as an inline SVG holding a <style> element before the plugin swaps in ours; the
 * policy's style-src has no 'unsafe-inline', so the browser blocks it and logs a CSP error. This allows exactly that
 * element by its hash (the browser tests fail on any console error, so a new Swagger UI version that changes it
 * shows up there).
 */
const SWAGGER_LOGO_STYLE = '.logo_small_svg__cls-2{fill:#fff}.logo_small_svg__cls-3{fill:#85ea2d}';
const SWAGGER_LOGO_STYLE_HASH = `'sha256-${createHash('sha256').update(SWAGGER_LOGO_STYLE).digest('base64')}'`;

/** The explorer's policy: Swagger UI's own plus the logo's style hash, and without upgrade-insecure-requests
 * unless the service is reached over HTTPS. */
export function explorerCsp(policy: string, https: boolean): string {
  const withStyle = policy.replace(
    /style-src ([^;]*)/,
    (_m, sources: string) => `style-src ${sources.trim()} ${SWAGGER_LOGO_STYLE_HASH}`,
  );
  return https ? withStyle : withStyle.replace(/\s*upgrade-insecure-requests;?/, '').trim();
}
