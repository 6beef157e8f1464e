// An error that carries its RFC 9457 problem details; thrown by routes, rendered by the central error handler.
import type { Problem } from '../schemas/problem.ts';

// RFC 9457 §3.1.1 suggests tag URIs for problem types that need not be dereferenced.
export const PROBLEM_BASE = 'tag:nano-exports-api,2026:problem:';

export type ProblemExtras = Pick<Problem, 'errors' | 'suggestions'>;

export class HttpProblem extends Error {
  readonly status: number;
  readonly slug: string;
  readonly title: string;
  readonly detail: string;
  readonly extras: ProblemExtras;
  readonly headers: Record<string, string>;
  constructor(
    status: number,
    slug: string,
    title: string,
    detail: string,
    extras: ProblemExtras = {},
    headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.detail = detail;
    this.extras = extras;
    this.headers = headers;
  }
}

export const notFound = (detail: string, extras?: ProblemExtras) =>
  new HttpProblem(404, 'not-found', 'Not Found', detail, extras);

export const badParameter = (parameter: string, message: string, where: 'query' | 'path' = 'query') =>
  new HttpProblem(
    400,
    'invalid-parameter',
    'Bad Request',
    `Invalid ${where} parameter "${parameter}": ${message}`,
    {
      errors: [{ in: where, parameter, message }],
    },
  );
