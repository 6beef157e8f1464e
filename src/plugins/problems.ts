// The central error handler: every error and 404 becomes application/problem+json (RFC 9457).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Lang } from '../domain/types.ts';
import { acceptsOf, negotiateLang } from '../http/negotiate.ts';
import {
  clientError,
  HttpProblem,
  internalError,
  invalidParameters,
  noRoute,
  overloaded,
  type ParameterError,
} from '../http/problem.ts';
import { problemPage } from '../pages/problem-page.ts';
import { langParam } from '../schemas/common.ts';

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
};

const PARAM_LOCATIONS: Record<string, ParameterError['in']> = {
  querystring: 'query',
  params: 'path',
  headers: 'header',
  body: 'body',
};

/**
 * Whether to answer a person rather than a program: the URL is a page's (the home page, a source's page, a chart;
 * anything outside the API's /v1/, its document and its explorer) and the client prefers HTML to JSON, as a browser
 * opening it does. Everything else, curl and fetch (Accept: *\/*) included, gets application/problem+json.
 */
function wantsPage(request: FastifyRequest, path: string): boolean {
  if (path.startsWith('/v1/') || path === '/openapi.json' || path.startsWith('/docs')) return false;
  if (!request.headers.accept?.includes('text/html')) return false;
  return (
    acceptsOf(request).type(['application/problem+json', 'application/json', 'text/html']) === 'text/html'
  );
}

/**
 * The language of an error page: the URL's `lang` when it is one of the API's (the refusal may be of another
 * parameter), otherwise Accept-Language's choice, otherwise English.
 */
function pageLang(request: FastifyRequest): Lang {
  const query = request.url.split('?')[1];
  const asked = query === undefined ? undefined : new URLSearchParams(query).get('lang');
  const parsed = asked === null || asked === undefined ? undefined : langParam.safeParse(asked);
  return negotiateLang(request, parsed?.success ? parsed.data : undefined);
}

/** Sends a problem; problems are never cached (by the representation cache, or by clients). */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  problem: HttpProblem,
  /** Headers to add for the content type sent, on a reply that runs no onSend hook (see app.ts, frameworkErrors). */
  headersFor?: (contentType: string) => Readonly<Record<string, string>>,
): FastifyReply {
  const path = request.url.split('?')[0] ?? '/';
  const page = wantsPage(request, path);
  const type = page ? 'text/html; charset=utf-8' : 'application/problem+json';
  reply.code(problem.status).headers({ 'cache-control': 'no-store', ...problem.headers });
  // Outside the API, the reply depends on Accept (a page or a problem document) and a page on Accept-Language.
  if (!path.startsWith('/v1/')) reply.header('vary', 'Accept, Accept-Language');
  if (headersFor) reply.headers(headersFor(type));
  return reply
    .type(type)
    .send(page ? problemPage(problem.body(path), pageLang(request)) : JSON.stringify(problem.body(path)));
}

function parameterErrors(error: FastifyError): ParameterError[] {
  const where = PARAM_LOCATIONS[error.validationContext ?? 'querystring'] ?? 'query';
  // The validator (http/query-validation.ts) has worded each refusal already, the parameter's name included.
  return (error.validation ?? []).map((v) => {
    const { parameter } = v.params as { parameter?: string };
    return {
      in: where,
      parameter: parameter ?? (v.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(all)'),
      message: v.message ?? 'is not valid',
    };
  });
}

/** Any error as the problem to answer with. */
function problemOf(error: FastifyError | HttpProblem, request: FastifyRequest): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (error.validation) return invalidParameters(parameterErrors(error));
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500)
    return clientError(status, STATUS_TITLES[status] ?? 'Error', error.message);
  // Load shedding (@fastify/under-pressure) has set Retry-After on the reply already.
  if (status === 503) return overloaded();
  request.log.error({ err: error }, 'request failed');
  return internalError();
}

export default fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError | HttpProblem, request, reply) =>
      sendProblem(request, reply, problemOf(error, request)),
    );
    // (A method other than GET, HEAD and OPTIONS never gets here: plugins/protection.ts refuses it with 405 first.)
    app.setNotFoundHandler((request, reply) =>
      sendProblem(request, reply, noRoute(request.url.split('?')[0] ?? '/')),
    );
  },
  { name: 'problems' },
);
