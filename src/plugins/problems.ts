// The central error handler: every error, 404 and refused method becomes application/problem+json (RFC 9457).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem, PROBLEM_BASE } from '../http/problem.ts';
import type { Problem } from '../schemas/problem.ts';

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const PARAM_LOCATIONS: Record<string, 'query' | 'path' | 'header' | 'body'> = {
  querystring: 'query',
  params: 'path',
  headers: 'header',
  body: 'body',
};

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  problem: Omit<Problem, 'type' | 'instance' | 'title'> & { slug: string; title?: string },
  headers: Record<string, string> = {},
): FastifyReply {
  const { slug, title, ...rest } = problem;
  const body: Problem = {
    type: `${PROBLEM_BASE}${slug}`,
    title: title ?? STATUS_TITLES[problem.status] ?? 'Error',
    ...rest,
    instance: request.url.split('?')[0] ?? '/',
  };
  // Problems are not cached by the response cache; they must not be cached by clients for long either.
  return reply
    .code(problem.status)
    .headers({ 'cache-control': 'no-store', ...headers })
    .type('application/problem+json')
    .send(JSON.stringify(body));
}

/** 405 for every method but GET and HEAD: the API is read-only. */
export function sendMethodNotAllowed(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(
    request,
    reply,
    {
      slug: 'method-not-allowed',
      status: 405,
      detail: `This API is read-only: ${request.method} is not allowed; use GET or HEAD.`,
    },
    { allow: 'GET, HEAD' },
  );
}

function validationProblem(error: FastifyError) {
  const where = PARAM_LOCATIONS[error.validationContext ?? 'querystring'] ?? 'query';
  const errors = (error.validation ?? []).map((v) => {
    const params = v.params as { keys?: string[] };
    const parameter =
      v.instancePath.replace(/^\//, '').replace(/\//g, '.') || params.keys?.join(', ') || '(all)';
    const message = params.keys
      ? `unknown ${where} parameter${params.keys.length > 1 ? 's' : ''}`
      : (v.message ?? 'invalid');
    return { in: where, parameter, message };
  });
  const detail = errors.map((e) => `${e.in} parameter "${e.parameter}": ${e.message}`).join('; ');
  return { slug: 'invalid-parameter', status: 400, detail: `Invalid request: ${detail}.`, errors };
}

export default fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError | HttpProblem, request, reply) => {
      if (error instanceof HttpProblem) {
        return sendProblem(
          request,
          reply,
          {
            slug: error.slug,
            title: error.title,
            status: error.status,
            detail: error.detail,
            ...error.extras,
          },
          error.headers,
        );
      }
      if (error.validation) return sendProblem(request, reply, validationProblem(error));
      const status = error.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        // Fastify's own client errors (bad JSON, too large, bad URL, rate limit …): their message is safe to show.
        return sendProblem(request, reply, { slug: `http-${status}`, status, detail: error.message }, {});
      }
      if (status !== 503) request.log.error({ err: error }, 'request failed');
      // 5xx bodies reveal nothing internal.
      return sendProblem(request, reply, {
        slug: status === 503 ? 'overloaded' : 'internal-error',
        status: status === 503 ? 503 : 500,
        detail:
          status === 503
            ? 'The server is overloaded; try again after the Retry-After delay.'
            : 'The server failed to answer this request. It has been logged.',
      });
    });

    app.setNotFoundHandler((request, reply) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return sendMethodNotAllowed(request, reply);
      return sendProblem(request, reply, {
        slug: 'not-found',
        status: 404,
        detail: `No route matches ${request.url.split('?')[0]}. The API's routes are listed at /openapi.json and /docs.`,
      });
    });
  },
  { name: 'problems' },
);
