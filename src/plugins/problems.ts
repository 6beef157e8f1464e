// The central error handler: every error, 404 and refused method becomes application/problem+json (RFC 9457).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  clientError,
  HttpProblem,
  internalError,
  invalidParameters,
  methodNotAllowed,
  noRoute,
  overloaded,
  type ParameterError,
} from '../http/problem.ts';
import { problemPage } from '../render/problem-page.ts';

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
    request.accepts().type(['application/problem+json', 'application/json', 'text/html']) === 'text/html'
  );
}

/** Sends a problem; problems are never cached (by the representation cache, or by clients). */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  problem: HttpProblem,
): FastifyReply {
  const path = request.url.split('?')[0] ?? '/';
  const page = wantsPage(request, path);
  reply.code(problem.status).headers({ 'cache-control': 'no-store', ...problem.headers });
  if (!path.startsWith('/v1/')) reply.header('vary', 'Accept');
  return page
    ? reply.type('text/html; charset=utf-8').send(problemPage(problem.body(path)))
    : reply.type('application/problem+json').send(JSON.stringify(problem.body(path)));
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
    app.setNotFoundHandler((request, reply) =>
      sendProblem(
        request,
        reply,
        request.method !== 'GET' && request.method !== 'HEAD'
          ? methodNotAllowed(request.method)
          : noRoute(request.url.split('?')[0] ?? '/'),
      ),
    );
  },
  { name: 'problems' },
);
