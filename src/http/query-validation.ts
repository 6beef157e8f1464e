// The validator of every route (Fastify's schema compiler): Zod checks the request, and every refusal is said in plain
// words that name the parameter, what was given and what is accepted. One place for all routes: a schema says what
// its parameter accepts (`must be …`, see schemas/common.ts); the wording around it is made here.
import { closest, distance } from 'fastest-levenshtein';
import { z } from 'zod';

/** One refused parameter, in the shape Fastify puts on `error.validation`. */
export interface ParameterIssue {
  keyword: string;
  instancePath: string;
  message: string;
  params: { parameter: string };
}

/** Given values are quoted back up to this many characters: enough to recognise, never an echo of a huge input. */
const SHOWN = 60;

export function quoteGiven(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return JSON.stringify(text.length > SHOWN ? `${text.slice(0, SHOWN)}…` : text);
}

/** What a parameter accepts, for the issues whose schema does not say it (Zod's default wording is for developers). */
function plainWords(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int'
        ? 'must be a whole number'
        : issue.expected === 'number'
          ? 'must be a number'
          : 'must be a single value';
    case 'invalid_value':
      return `must be ${issue.values.length > 1 ? 'one of ' : ''}${issue.values.map(String).join(', ')}`;
    case 'too_small':
      return issue.origin === 'string'
        ? `must be at least ${issue.minimum} characters long`
        : `must be at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `must be at most ${issue.maximum} characters long`
        : `must be at most ${issue.maximum}`;
    default:
      return 'is not a value this parameter takes';
  }
}

/** The closest of `known` to a mistyped name, if it is close enough to be what was meant. */
export function closestName(name: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const lower = name.toLowerCase();
  const same = known.find((k) => k.toLowerCase() === lower);
  if (same) return same;
  const best = closest(
    lower,
    known.map((k) => k.toLowerCase()),
  );
  const found = known.find((k) => k.toLowerCase() === best);
  return found !== undefined && distance(lower, best) <= Math.max(2, Math.floor(best.length / 3))
    ? found
    : undefined;
}

const issue = (keyword: string, parameter: string, message: string): ParameterIssue => ({
  keyword,
  instancePath: `/${parameter}`,
  message,
  params: { parameter },
});

/** Refusals Zod cannot word: a parameter given twice, an empty value, a name the route does not take. */
function queryShapeIssues(
  query: Record<string, unknown>,
  known: readonly string[],
  strict: boolean,
): ParameterIssue[] {
  const issues: ParameterIssue[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (!known.includes(name)) {
      if (!strict) continue;
      const near = closestName(name, known);
      issues.push(
        issue(
          'unrecognized_keys',
          name,
          near
            ? `${name} is not a parameter of this route; did you mean ${near}?`
            : `${name} is not a parameter of this route; it takes ${known.length ? known.join(', ') : 'none'}`,
        ),
      );
    } else if (Array.isArray(value)) {
      issues.push(
        issue(
          'repeated',
          name,
          `${name} was given ${value.length} times; it takes one value, so give it once`,
        ),
      );
    } else if (value === '') {
      issues.push(issue('empty', name, `${name} was empty; give it a value, or leave it out`));
    }
  }
  return issues;
}

interface CompileInput {
  schema: z.ZodType;
  httpPart?: string;
}

/** Fastify's validator compiler for Zod schemas, wording every refusal for the person who made the request. */
export function plainValidatorCompiler({ schema, httpPart }: CompileInput) {
  const object = schema instanceof z.ZodObject ? schema : null;
  const known = object ? Object.keys(object.shape) : [];
  // A strict object refuses unknown parameters; a page's query (not strict) drops what browsers and trackers add.
  const strict = object?._zod.def.catchall?._zod.def.type === 'never';
  return (data: unknown) => {
    const input = (data ?? {}) as Record<string, unknown>;
    if (httpPart === 'querystring' && object) {
      const refused = queryShapeIssues(input, known, strict);
      if (refused.length) return { error: refused };
    }
    const result = schema.safeParse(data, { error: plainWords });
    if (result.success) return { value: result.data };
    return {
      error: result.error.issues.map((i) => {
        const parameter = i.path.map(String).join('.') || '(all)';
        const given = i.path.length === 1 ? input[String(i.path[0])] : undefined;
        return issue(
          i.code,
          parameter,
          `${parameter} ${i.message}${given === undefined ? '' : `; got ${quoteGiven(given)}`}`,
        );
      }),
    };
  };
}
