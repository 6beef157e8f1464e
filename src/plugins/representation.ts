// reply.represent(): renders a reply once per distinct normalized request, validates it against its Zod schema,
// gives it a strong ETag, keeps it in the bounded response cache, and answers conditional requests with 304.
import { createHash } from 'node:crypto';
import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import fresh from 'fresh';
import { z } from 'zod';
import type { Lang } from '../domain/types.js';
import {
  flatHeaders,
  isConditional,
  PER_REQUEST_HEADERS,
  rawKey,
  serveCached,
  type Wire,
} from '../http/cached-reply.js';
import { toCsv } from '../http/csv.js';
import { contentType, type Format, negotiateFormat, negotiateLang } from '../http/negotiate.js';
import type { DataStore, Representation } from '../store/data-store.js';

export interface Built {
  payload: unknown;
  /** Extra headers of the representation (e.g. Link for paging). */
  headers?: Record<string, string>;
}

export interface RepresentOptions {
  schema: z.ZodType;
  build: (lang: Lang) => Built;
  /** Serve the payload as this one format instead of JSON or CSV: a text as text/plain, a JSON Schema as is. */
  only?: 'text' | 'schema';
}

declare module 'fastify' {
  interface FastifyReply {
    represent(options: RepresentOptions): FastifyReply;
  }
}

/** A response body failed its own schema: a bug, never served. The error handler turns it into a bare 500. */
export class ResponseContractError extends Error {
  constructor(route: string, cause: z.ZodError) {
    super(`The response of ${route} does not match its schema: ${z.prettifyError(cause)}`, { cause });
    this.name = 'ResponseContractError';
  }
}

const strongEtag = (body: string) =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;

function cacheKey(request: FastifyRequest, format: Format, lang: Lang): string {
  const { lang: _l, format: _f, ...query } = (request.query ?? {}) as Record<string, unknown>;
  return `${request.routeOptions.url}\n${JSON.stringify(request.params)}\n${JSON.stringify(query)}\n${format}\n${lang}`;
}

function render(
  request: FastifyRequest,
  options: RepresentOptions,
  format: Format,
  lang: Lang,
  cacheControl: string,
) {
  const built = options.build(lang);
  const parsed = options.schema.safeParse(built.payload);
  if (!parsed.success) throw new ResponseContractError(request.routeOptions.url ?? request.url, parsed.error);
  const data = parsed.data as {
    data?: unknown;
    meta?: { period?: { id: string } | null; sources?: { id: string }[] };
  };
  let body: string;
  if (format === 'text') body = data as string;
  else if (format === 'json' || format === 'schema') body = JSON.stringify(data);
  else {
    const items = Array.isArray(data.data) ? data.data : [data.data];
    body = toCsv(items, {
      period: data.meta?.period?.id ?? null,
      sources: (data.meta?.sources ?? []).map((s) => s.id).join('|'),
    });
  }
  const headers: Record<string, string> = {
    'content-type':
      format === 'text' || format === 'schema'
        ? contentType(format)
        : format === 'csv'
          ? `${contentType('csv')}; header=present`
          : contentType('json'),
    'cache-control': cacheControl,
    vary: 'Accept, Accept-Language',
    ...built.headers,
  };
  if (format === 'json' || format === 'csv') headers['content-language'] = lang;
  return { status: 200, body, etag: strongEtag(body), headers } satisfies Representation;
}

function toWire(reply: FastifyReply, rep: Representation): Wire {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (!PER_REQUEST_HEADERS.test(name) && value !== undefined) headers[name] = value;
  }
  Object.assign(headers, rep.headers, { etag: rep.etag });
  const body = Buffer.from(rep.body, 'utf8');
  // A 304 carries what RFC 9110 asks for (ETag, Cache-Control, Vary); the client keeps the rest from its copy.
  const notModifiedHeaders: OutgoingHttpHeaders = { etag: rep.etag, vary: headers.vary };
  if (headers['cache-control'] !== undefined) notModifiedHeaders['cache-control'] = headers['cache-control'];
  return {
    etag: rep.etag,
    body,
    headers: flatHeaders({ ...headers, 'content-length': body.length }),
    notModifiedHeaders: flatHeaders(notModifiedHeaders),
  };
}

function sendRepresentation(request: FastifyRequest, reply: FastifyReply, rep: Representation): FastifyReply {
  reply.headers(rep.headers).header('etag', rep.etag);
  if (isConditional(request) && fresh(request.headers, { etag: rep.etag })) return reply.code(304).send();
  return reply.code(rep.status).send(rep.body);
}

/**
 * The fast path inside Fastify: answers cached requests in a route-level onRequest hook, added last, so that it
 * runs after every other onRequest hook (the rate limiter's is route-level too) and before query validation and
 * the handler.
 */
export const fastPath = fp(
  async (app: FastifyInstance, opts: { store: DataStore }) => {
    const hook: onRequestHookHandler = (request, reply, done) => {
      if (
        (request.method === 'GET' || request.method === 'HEAD') &&
        opts.store.rawResponses.has(rawKey(request))
      ) {
        // Headers set by earlier hooks for this request (the rate limiter's) are added to the cached ones.
        const own = reply.getHeaders() as OutgoingHttpHeaders;
        reply.hijack();
        serveCached(
          opts.store.rawResponses,
          request.raw,
          reply.raw,
          Object.keys(own).length > 0 ? own : undefined,
        );
        return;
      }
      done();
    };
    app.addHook('onRoute', (route) => {
      const earlier =
        route.onRequest === undefined
          ? []
          : Array.isArray(route.onRequest)
            ? route.onRequest
            : [route.onRequest];
      route.onRequest = [...earlier, hook];
    });
  },
  { name: 'fast-path' },
);

export default fp(
  async (app: FastifyInstance, opts: { store: DataStore; cacheMaxAge: number }) => {
    const cacheControl = `public, max-age=${opts.cacheMaxAge}, stale-while-revalidate=${opts.cacheMaxAge}`;
    app.decorateReply('represent', function represent(this: FastifyReply, options: RepresentOptions) {
      const request = this.request;
      const query = (request.query ?? {}) as { format?: Format; lang?: Lang };
      const format = options.only
        ? negotiateFormat(request, undefined, options.only === 'schema' ? ['schema', 'json'] : [options.only])
        : negotiateFormat(
            request,
            query.format === 'json' || query.format === 'csv' ? query.format : undefined,
          );
      const lang = negotiateLang(request, query.lang);
      const key = cacheKey(request, format, lang);
      let rep = opts.store.responses.get(key);
      if (!rep) {
        rep = render(request, options, format, lang, cacheControl);
        opts.store.responses.set(key, rep);
      }
      opts.store.putWire(rawKey(request), toWire(this, rep));
      return sendRepresentation(request, this, rep);
    });
  },
  { name: 'representation' },
);
