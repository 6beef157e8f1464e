// The central error handler: every error and 404 becomes application/problem+json (RFC 9457).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  clientError,
  HttpProblem,
  internalError,
  invalidParameters,
  noRoute,
  overloaded,
  type ParameterError,
} from '../http/problem.ts';

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

/** Sends a problem; problems are never cached (by the representation cache, or by clients). */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  problem: HttpProblem,
): FastifyReply {
  return reply
    .code(problem.status)
    .headers({ 'cache-control': 'no-store', ...problem.headers })
    .type('application/problem+json')
    .send(JSON.stringify(problem.body(request.url.split('?')[0] ?? '/')));
}

function parameterErrors(error: FastifyError): ParameterError[] {
  const where = PARAM_LOCATIONS[error.validationContext ?? 'querystring'] ?? 'query';
  return (error.validation ?? []).map((v) => {
    const params = v.params as { keys?: string[] };
    const parameter =
      v.instancePath.replace(/^\//, '').replace(/\//g, '.') || params.keys?.join(', ') || '(all)';
    const message = params.keys
      ? `unknown ${where} parameter${params.keys.length > 1 ? 's' : ''}`
      : (v.message ?? 'invalid');
    return { in: where, parameter, message };
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
