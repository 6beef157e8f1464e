// Query strings parsed and validated once per distinct raw value. A public API's clients repeat the same few URLs
// (a page's links, a script's loop, a crawler's pages), and Zod's parse of a query costs more than the rest of a
// cached reply's handling. The parser returns the same object for the same raw string, and each route's validator
// keeps its result per object; both memories are bounded and emptied when full, so a client sending a new query per
// request costs no more than it would without them.
import { parse } from 'node:querystring';

const LIMIT = 1000;
const parsed = new Map<string, Record<string, unknown>>();

/** Fastify's `routerOptions.querystringParser`: node's own parse (what find-my-way's default does), once per value. */
export function parseQueryOnce(raw: string): Record<string, unknown> {
  let query = parsed.get(raw);
  if (query === undefined) {
    query = Object.freeze({ ...parse(raw) });
    if (parsed.size >= LIMIT) parsed.clear();
    parsed.set(raw, query);
  }
  return query;
}

type Validate = (data: unknown) => { value?: unknown; error?: unknown };

/**
 * A validator compiler whose querystring validators remember each successful result by the parsed object they were
 * given (the same object for the same raw query, see parseQueryOnce). The value is frozen: it is shared by every
 * request with that query string. Failures are not kept (Fastify decorates the error of each).
 */
export function validateQueryOnce(compile: (route: { httpPart?: string }) => Validate) {
  return (route: { httpPart?: string }): Validate => {
    const validate = compile(route);
    if (route.httpPart !== 'querystring') return validate;
    const results = new WeakMap<object, { value: unknown }>();
    return (data) => {
      if (data === null || typeof data !== 'object') return validate(data);
      const known = results.get(data);
      if (known) return known;
      const result = validate(data);
      if (result.error === undefined) {
        const value =
          result.value !== null && typeof result.value === 'object'
            ? Object.freeze(result.value)
            : result.value;
        const kept = { value };
        results.set(data, kept);
        return kept;
      }
      return result;
    };
  };
}
