// reply.represent(): renders a reply once per distinct normalized request, validates it against its Zod schema,
// gives it a strong ETag, keeps it in the bounded response cache, and answers conditional requests with 304.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import fresh from 'fresh';
import { z } from 'zod';
import type { Lang } from '../domain/types.js';
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
  /** Serve the payload (a string) as text/plain instead of JSON/CSV. */
  plainText?: boolean;
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
  else if (format === 'json') body = JSON.stringify(data);
  else {
    const items = Array.isArray(data.data) ? data.data : [data.data];
    body = toCsv(items, {
      period: data.meta?.period?.id ?? null,
      sources: (data.meta?.sources ?? []).map((s) => s.id).join('|'),
    });
  }
  const headers: Record<string, string> = {
    'content-type':
      format === 'text'
        ? 'text/plain; charset=utf-8'
        : format === 'csv'
          ? `${contentType('csv')}; header=present`
          : contentType('json'),
    'cache-control': cacheControl,
    vary: 'Accept, Accept-Language',
    ...built.headers,
  };
  if (format !== 'text') headers['content-language'] = lang;
  return { status: 200, body, etag: strongEtag(body), headers } satisfies Representation;
}

/** The request as far as a response depends on it: the URL and the two headers the responses vary on. */
const rawKey = (request: FastifyRequest) =>
  `${request.url}\n${request.headers.accept ?? ''}\n${request.headers['accept-language'] ?? ''}`;

function sendRepresentation(request: FastifyRequest, reply: FastifyReply, rep: Representation): FastifyReply {
  reply.headers(rep.headers).header('etag', rep.etag);
  if (fresh(request.headers, { etag: rep.etag })) return reply.code(304).send();
  return reply.code(rep.status).send(rep.body);
}

export default fp(
  async (app: FastifyInstance, opts: { store: DataStore; cacheMaxAge: number }) => {
    const cacheControl = `public, max-age=${opts.cacheMaxAge}, stale-while-revalidate=${opts.cacheMaxAge}`;

    // The fast path: a request seen before (same URL, Accept and Accept-Language) is answered from memory before
    // query validation and the handler run. Its response was validated when first rendered.
    app.addHook('onRequest', (request, reply, done) => {
      if (request.method === 'GET' || request.method === 'HEAD') {
        const rep = opts.store.rawResponses.get(rawKey(request));
        if (rep) {
          sendRepresentation(request, reply, rep);
          return;
        }
      }
      done();
    });
    app.decorateReply('represent', function represent(this: FastifyReply, options: RepresentOptions) {
      const request = this.request;
      const query = (request.query ?? {}) as { format?: Format; lang?: Lang };
      const format = options.plainText
        ? negotiateFormat(request, undefined, ['text'])
        : negotiateFormat(request, query.format === 'text' ? undefined : query.format);
      const lang = negotiateLang(request, query.lang);
      const key = cacheKey(request, format, lang);
      let rep = opts.store.responses.get(key);
      if (!rep) {
        rep = render(request, options, format, lang, cacheControl);
        opts.store.responses.set(key, rep);
      }
      opts.store.rawResponses.set(rawKey(request), rep);
      return sendRepresentation(request, this, rep);
    });
  },
  { name: 'representation' },
);
