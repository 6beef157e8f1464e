// Every problem the API answers, each built in one place: an HttpProblem carries its RFC 9457 details and headers;
// routes and hooks throw it (or pass it to done()), and the central error handler renders it.
import type { Problem } from '../schemas/problem.ts';

// RFC 9457 §3.1.1 suggests tag URIs for problem types that need not be dereferenced.
export const PROBLEM_BASE = 'tag:nano-exports-api,2026:problem:';

export type ProblemExtras = Pick<Problem, 'errors' | 'suggestions'>;
export type ParameterError = NonNullable<Problem['errors']>[number];

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

  /** The body, for the request path `instance`. */
  body(instance: string): Problem {
    return {
      type: `${PROBLEM_BASE}${this.slug}`,
      title: this.title,
      status: this.status,
      detail: this.detail,
      ...this.extras,
      instance,
    };
  }
}

export const notFound = (detail: string, extras?: ProblemExtras) =>
  new HttpProblem(404, 'not-found', 'Not Found', detail, extras);

export const noRoute = (path: string) =>
  notFound(`No route matches ${path}. The API's routes are listed at /openapi.json and /docs.`);

export const invalidParameters = (errors: ParameterError[]) =>
  new HttpProblem(
    400,
    'invalid-parameter',
    'Bad Request',
    `Invalid request: ${errors.map((e) => e.message).join('; ')}${/[.?!]$/.test(errors.at(-1)?.message ?? '') ? '' : '.'}`,
    { errors },
  );

export const badParameter = (
  parameter: string,
  message: string,
  where: 'query' | 'path' = 'query',
  extras: Omit<ProblemExtras, 'errors'> = {},
) =>
  new HttpProblem(
    400,
    'invalid-parameter',
    'Bad Request',
    `Invalid ${where} parameter "${parameter}": ${message}`,
    { errors: [{ in: where, parameter, message }], ...extras },
  );

export const badUrl = (
  detail = 'The URL cannot be decoded: check its percent-encoding, and that no path segment exceeds 200 characters.',
) => new HttpProblem(400, 'bad-url', 'Bad Request', detail);

/** Refusals of Node's HTTP parser, before any route (see http/client-error.ts). */
export const unparsableRequest = () =>
  new HttpProblem(400, 'bad-request', 'Bad Request', 'The request could not be parsed as HTTP/1.1.');

export const requestTimeout = () =>
  new HttpProblem(408, 'request-timeout', 'Request Timeout', 'The request was not received in time.');

export const headerFieldsTooLarge = () =>
  new HttpProblem(
    431,
    'header-fields-too-large',
    'Request Header Fields Too Large',
    'The request headers are too large.',
  );

export const methodNotAllowed = (method: string) =>
  new HttpProblem(
    405,
    'method-not-allowed',
    'Method Not Allowed',
    `This API is read-only: ${method} is not allowed; use GET or HEAD.`,
    {},
    { allow: 'GET, HEAD' },
  );

/** How much of a client's header a problem quotes back: enough to recognise it, never an echo of kilobytes. */
export const QUOTED_HEADER_MAX = 100;

export const notAcceptable = (accept: string | undefined, offered: string[]) => {
  const asked =
    accept === undefined
      ? 'no Accept header'
      : accept.length > QUOTED_HEADER_MAX
        ? `${accept.slice(0, QUOTED_HEADER_MAX)}… (${accept.length} characters)`
        : accept;
  return new HttpProblem(
    406,
    'not-acceptable',
    'Not Acceptable',
    `Cannot answer with ${asked}; this route gives ${offered.join(' or ')}. Use Accept or ?format=.`,
  );
};

/** RFC 9112 §3.2: a server responds 400 to an HTTP/1.1 request with no Host header field, or more than one. */
export const hostCount = (count: number) =>
  new HttpProblem(
    400,
    'bad-request',
    'Bad Request',
    `The request has ${count === 0 ? 'no Host header' : 'more than one Host header'}; HTTP/1.1 allows exactly one (RFC 9112, section 3.2).`,
  );

export const uriTooLong = (length: number, limit: number) =>
  new HttpProblem(
    414,
    'uri-too-long',
    'URI Too Long',
    `The URL is ${length} characters long; the limit is ${limit}.`,
  );

export const rateLimited = (max: number, window: string, retryAfterSeconds: number) =>
  new HttpProblem(
    429,
    'rate-limited',
    'Too Many Requests',
    `This client made more than ${max} requests in ${window}; try again in ${retryAfterSeconds} s.`,
    {},
    { 'retry-after': String(retryAfterSeconds) },
  );

/** Fastify's own client errors (bad JSON, too large, …): their message is safe to show. */
export const clientError = (status: number, title: string, message: string) =>
  new HttpProblem(status, `http-${status}`, title, message);

export const overloaded = (retryAfterSeconds?: number) =>
  new HttpProblem(
    503,
    'overloaded',
    'Service Unavailable',
    'The server is overloaded; try again after the Retry-After delay.',
    {},
    retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) },
  );

/** A 5xx reveals nothing internal. */
export const internalError = () =>
  new HttpProblem(
    500,
    'internal-error',
    'Internal Server Error',
    'The server failed to answer this request. It has been logged.',
  );
