// reply.represent(): the one way a data route answers. Each distinct normalized request is rendered once,
// validated once against its Zod schema, given a strong ETag, compressed once when a client first accepts a coding (br
// and gzip, each with its own ETag; http/content-coding.ts) and kept in the bounded representation cache; every request, cached or not, then goes
// through Fastify's whole lifecycle and is sent with reply.send. Content that is not data (the OpenAPI document, the
// stylesheet, the explorer's assets) goes the same way through reply.representContent().
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import type { Lang } from '../domain/types.ts';
import {
  codingFor,
  complete,
  type Encoded,
  type Variant,
  variantFor,
  withEncodings,
} from '../http/content-coding.ts';
import { negotiateFormat, negotiateLang } from '../http/negotiate.ts';
import type { LinkBuilder } from '../http/paging.ts';
import { DATA_FORMATS, type Format, RENDERERS } from '../render/index.ts';
import type { RenderContext } from '../render/renderer.ts';
import type { DataStore, Representation } from '../store/data-store.ts';

export interface Built {
  payload: unknown;
  /** Extra headers of the representation (Link and X-Total-Count for paging). */
  headers?: Record<string, string>;
  /**
   * The CSV's rows, when they are not the items of `payload.data` (a province's history: one row per period), with
   * the schema of one row (it names the columns); and the file name to offer, when the path's is not ASCII.
   */
  csv?: { items?: readonly unknown[]; schema?: z.ZodType; filename?: string };
}

/** What a payload may depend on besides the data: the negotiated language and the canonical URL. */
export interface BuildContext {
  format: Format;
  /** This representation's canonical URL with some query parameters replaced (for paging links). */
  link: LinkBuilder;
}

export interface RepresentOptions {
  schema: z.ZodType;
  /** The payload's schema for formats whose payload differs (a source's citation as CSL-JSON or BibTeX). */
  schemas?: Partial<Record<Format, z.ZodType>>;
  build: (lang: Lang, context: BuildContext) => Built;
  /** The formats the route offers (the same list as its `format` parameter and OpenAPI entry); JSON and CSV by default. */
  formats?: readonly Format[];
  /** What else the representation depends on, beyond the request's parameters (the origin of absolute URLs). */
  dependsOn?: string | undefined;
}

/** Content that does not depend on the data or on negotiation: a document, a stylesheet, a script. */
export interface FixedContent {
  body: Buffer | string;
  contentType: string;
  /** More headers of the representation (a page's own Content-Security-Policy…). */
  headers?: Record<string, string>;
}

declare module 'fastify' {
  interface FastifyReply {
    /** Sends the representation (cached, or rendered and compressed once); a promise only while it is being made. */
    represent(options: RepresentOptions): FastifyReply | Promise<FastifyReply>;
    /** The same for content that is not data, cached under `key` (e.g. its path). */
    representContent(
      key: string,
      make: () => FixedContent | Promise<FixedContent>,
    ): FastifyReply | Promise<FastifyReply>;
  }
}

/** A response body failed its own schema: a bug, never served. The error handler turns it into a bare 500. */
export class ResponseContractError extends Error {
  constructor(route: string, cause: z.ZodError) {
    super(`The response of ${route} does not match its schema: ${z.prettifyError(cause)}`, { cause });
    this.name = 'ResponseContractError';
  }
}

/** The headers a route's build may add to its representation (an allow-list). */
const BUILT_HEADERS = ['link', 'x-total-count', 'content-language', 'content-disposition'] as const;

const strongEtag = (body: Buffer) =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;

/**
 * If-None-Match against a strong ETag, as RFC 9110 §13.1.2 defines it: `*`, or a list of entity tags compared
 * weakly (a W/ prefix is ignored). Cache-Control: no-cache in the request does not change it: that directive is
 * for caches, and browsers add it to every request on which a script sets If-None-Match.
 */
export function ifNoneMatchMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  for (const tag of header.split(',')) {
    const t = tag.trim();
    if ((t.startsWith('W/') ? t.slice(2) : t) === etag) return true;
  }
  return false;
}

/** The request as the representation depends on it: route, parsed parameters, negotiated format and language. */
function normalized(request: FastifyRequest, format: Format, lang: Lang, dependsOn = '') {
  const { lang: _l, format: _f, ...query } = (request.query ?? {}) as Record<string, unknown>;
  const params = (request.params ?? {}) as Record<string, unknown>;
  const route = request.routeOptions.url ?? '';
  const key = `${route}\n${JSON.stringify(params)}\n${JSON.stringify(query)}\n${format}\n${lang}\n${dependsOn}`;
  const link: LinkBuilder = (overrides) => {
    const path = route.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(String(params[name])));
    const search = new URLSearchParams();
    const all: Record<string, unknown> = { ...query, ...overrides, lang, format };
    for (const [name, value] of Object.entries(all)) {
      if (value !== undefined && value !== null) search.set(name, String(value));
    }
    return `${path}?${search}`;
  };
  return { key, link };
}

/** The file name a download is offered under: the route's path and the period (`rankings-2024-early.csv`), ASCII. */
export function downloadName(
  request: FastifyRequest,
  periodId: string | undefined,
  extension: string,
): string {
  const params = (request.params ?? {}) as Record<string, unknown>;
  const safe = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  const parts = (request.routeOptions.url ?? '')
    .split('/')
    .filter((seg) => seg !== '' && seg !== 'v1')
    .map((seg) => safe(seg.startsWith(':') ? String(params[seg.slice(1)] ?? '') : seg))
    .filter(Boolean);
  if (periodId) parts.push(safe(periodId));
  return `${parts.join('-') || 'data'}.${extension}`;
}

/** The payload with the dataset version in its `meta`, if it has one. */
function withDatasetVersion(payload: unknown, version: string): unknown {
  if (payload === null || typeof payload !== 'object' || !('meta' in payload)) return payload;
  const { meta } = payload as { meta: unknown };
  if (meta === null || typeof meta !== 'object') return payload;
  return { ...payload, meta: { ...meta, datasetVersion: version } };
}

function render(
  request: FastifyRequest,
  options: RepresentOptions,
  format: Format,
  lang: Lang,
  link: LinkBuilder,
  cacheControl: string,
  version: string,
): Variant {
  const built = options.build(lang, { format, link });
  const schema = options.schemas?.[format] ?? options.schema;
  const parsed = schema.safeParse(withDatasetVersion(built.payload, version));
  if (!parsed.success) throw new ResponseContractError(request.routeOptions.url ?? request.url, parsed.error);
  const renderer = RENDERERS[format];
  const period = (parsed.data as { meta?: { period?: { id: string } | null } } | null)?.meta?.period?.id;
  const context: RenderContext = {
    payloadSchema: schema,
    ...(built.csv ? { rows: built.csv } : {}),
    filename: built.csv?.filename ?? downloadName(request, period, format),
    bom: (request.query as { bom?: unknown } | undefined)?.bom === true,
  };
  const body = Buffer.from(renderer.render(parsed.data, context), 'utf8');
  // An allow-list: only what the representation itself defines. Per-request headers (CORS, rate limits, request
  // ids, security headers) are added by hooks to every reply, cached or not.
  const headers: Record<string, string> = { 'content-type': renderer.contentType };
  if (renderer.localized) headers['content-language'] = lang;
  Object.assign(headers, renderer.headers?.(context));
  for (const name of BUILT_HEADERS) {
    const value = built.headers?.[name];
    if (value !== undefined) headers[name] = value;
  }
  return identity(body, headers, cacheControl, 'Accept, Accept-Language, Accept-Encoding');
}

/** The identity variant of a body: its strong ETag, Cache-Control and Vary added to the headers given. */
function identity(
  body: Buffer,
  headers: Record<string, string>,
  cacheControl: string,
  vary: string,
): Variant {
  const etag = strongEtag(body);
  // A 304 carries what RFC 9110 §15.4.5 asks for; the client keeps the rest from its stored copy.
  const notModified = { etag, 'cache-control': cacheControl, vary };
  return { body, etag, headers: { ...headers, ...notModified }, notModified };
}

/** The variant the request accepts, as a 304 when the client holds that variant's ETag, or as a 200. */
function send(reply: FastifyReply, rep: Encoded): FastifyReply {
  const headers = reply.request.headers;
  const variant = variantFor(rep, headers['accept-encoding']);
  if (ifNoneMatchMatches(headers['if-none-match'], variant.etag)) {
    return reply.code(304).headers(variant.notModified).send();
  }
  return reply.code(200).headers(variant.headers).send(variant.body);
}

export default fp(
  async (app: FastifyInstance, opts: { store: DataStore; cacheMaxAge: number }) => {
    const cacheControl = `public, max-age=${opts.cacheMaxAge}, stale-while-revalidate=${opts.cacheMaxAge}`;
    const { store } = opts;
    // Representations being compressed, so that requests arriving meanwhile wait for the same work.
    const making = new Map<string, Promise<Representation>>();
    const negotiations = new Map<string, { format: Format; lang: Lang; key: string; link: LinkBuilder }>();

    /** Keeps a representation unless the data it was made from has been swapped out meanwhile. */
    const keep = (key: string, rep: Representation, version: string) => {
      if (store.version === version) store.responses.set(key, rep);
    };

    /**
     * The cached representation under `key`, or the one `make` renders, then cached. Its br and gzip variants are
     * made once, when a request first accepts one of them: the start's and reload's self-check (thousands of
     * renders at 500 periods, none asking for a coding) then costs no compression, and no reply is ever compressed
     * twice. A client's repeat request, or nginx's (which asks for one coding per cache key), finds them made.
     */
    function serve(
      reply: FastifyReply,
      key: string,
      make: () => Variant | Promise<Variant>,
    ): FastifyReply | Promise<FastifyReply> {
      const wantsCoding = codingFor(reply.request.headers['accept-encoding']) !== 'identity';
      const cached = store.responses.get(key);
      if (cached && (!wantsCoding || complete(cached))) return send(reply, cached);
      // Keyed by the data's version too: a request after a reload never waits for work on the old data.
      const version = store.version;
      const makingKey = `${version}\n${key}`;
      let pending = making.get(makingKey);
      if (!pending) {
        const made = cached ?? make();
        if (!wantsCoding && !(made instanceof Promise)) {
          keep(key, made, version);
          return send(reply, made);
        }
        pending = Promise.resolve(made)
          .then((rep) => (wantsCoding ? withEncodings(rep) : rep))
          .finally(() => making.delete(makingKey));
        making.set(makingKey, pending);
        void pending.then((rep) => keep(key, rep, version), noop);
      }
      // A client that accepts a coding and joined work that made none (another request's plain render) waits for it.
      return pending.then((rep) =>
        wantsCoding && !complete(rep)
          ? withEncodings(rep).then((full) => send(reply, full))
          : send(reply, rep),
      );
    }

    app.decorateReply('represent', function represent(this: FastifyReply, options: RepresentOptions) {
      const request = this.request;
      const { headers } = request;
      // The URL (path and query), the two headers and what the route says it depends on decide the format, the language and the key: worked out once
      // per distinct combination. A refusal (406, a bad parameter) is thrown each time, never kept.
      const asked = `${request.url}\n${headers.accept ?? ''}\n${headers['accept-language'] ?? ''}\n${options.dependsOn ?? ''}`;
      let negotiated = negotiations.get(asked);
      if (negotiated === undefined) {
        const query = (request.query ?? {}) as { format?: Format; lang?: Lang };
        const format = negotiateFormat(request, query.format, options.formats ?? DATA_FORMATS);
        const lang = negotiateLang(request, query.lang);
        negotiated = { format, lang, ...normalized(request, format, lang, options.dependsOn) };
        if (negotiations.size >= NEGOTIATIONS_LIMIT) negotiations.clear();
        negotiations.set(asked, negotiated);
      }
      const { format, lang, key, link } = negotiated;
      return serve(this, key, () =>
        render(request, options, format, lang, link, cacheControl, store.version),
      );
    });

    app.decorateReply(
      'representContent',
      function representContent(
        this: FastifyReply,
        key: string,
        make: () => FixedContent | Promise<FixedContent>,
      ) {
        const variant = (content: FixedContent) => {
          const body = typeof content.body === 'string' ? Buffer.from(content.body, 'utf8') : content.body;
          const headers = { ...content.headers, 'content-type': content.contentType };
          return identity(body, headers, cacheControl, 'Accept-Encoding');
        };
        return serve(this, `content\n${key}`, () => {
          const content = make();
          return content instanceof Promise ? content.then(variant) : variant(content);
        });
      },
    );
  },
  { name: 'representation' },
);

const noop = () => undefined;

/** Distinct (URL, Accept, Accept-Language) negotiations remembered; emptied when full. */
const NEGOTIATIONS_LIMIT = 1000;
