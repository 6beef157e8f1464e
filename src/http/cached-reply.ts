// Replies kept as bytes on the wire, and answering a raw Node request from them. No Fastify here: the front
// thread (src/front/front-worker.ts) serves from these too, and its isolate stays lean.
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import fresh from 'fresh';

/** A representation as bytes on the wire: the full header set the pipeline produced, ready for writeHead(). */
export interface Wire {
  etag: string;
  body: Uint8Array;
  /** The 200's headers as a flat [name, value, name, value, …] list, the cheapest form Node's writeHead takes. */
  headers: string[];
  /** The 304's headers, in the same form. */
  notModifiedHeaders: string[];
}

/** Where cached wires are looked up by raw key. */
export interface WireLookup {
  get(key: string): Wire | undefined;
}

/** The request as far as a response depends on it: the URL and the two headers the responses vary on. */
export const rawKey = (request: { url?: string; headers: IncomingHttpHeaders }) =>
  `${request.url}\n${request.headers.accept ?? ''}\n${request.headers['accept-language'] ?? ''}`;

/** Headers that belong to one request or connection, never to a cached response. */
export const PER_REQUEST_HEADERS =
  /^(x-ratelimit-|retry-after$|date$|connection$|keep-alive$|content-length$|transfer-encoding$)/;

/** Headers as the flat [name, value, …] list writeHead takes; a multi-valued header repeats its name. */
export function flatHeaders(headers: OutgoingHttpHeaders): string[] {
  const list: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) list.push(name, String(one));
  }
  return list;
}

/** A cached header list with `extra` added; a header in both is sent once, with the value from `extra`. */
function withExtra(list: string[], extra: OutgoingHttpHeaders): string[] {
  const replaced = new Set(Object.keys(extra).map((name) => name.toLowerCase()));
  const kept: string[] = [];
  for (let i = 0; i < list.length; i += 2) {
    if (!replaced.has((list[i] as string).toLowerCase())) kept.push(list[i] as string, list[i + 1] as string);
  }
  return [...kept, ...flatHeaders(extra)];
}

export const isConditional = (request: { headers: IncomingHttpHeaders }) =>
  request.headers['if-none-match'] !== undefined || request.headers['if-modified-since'] !== undefined;

/** What a cached reply depends on in a request's headers, read in one pass over rawHeaders. */
interface CacheHeaders {
  accept: string;
  acceptLanguage: string;
  /** The request headers fresh() reads, in an object of one fixed shape. */
  conditional: { 'if-none-match'?: string; 'if-modified-since'?: string; 'cache-control'?: string };
  isConditional: boolean;
}

/** Appends a repeated header's value the way Node joins these in req.headers. */
const join = (previous: string | undefined, value: string) =>
  previous === undefined ? value : `${previous}, ${value}`;

/**
 * Reads the few headers the cache needs straight from rawHeaders (an array of strings, always the same shape),
 * not from req.headers: each distinct set of request headers gives that object its own hidden class, and a server
 * that has seen many (conditional requests among plain ones) runs its lookups measurably slower from then on.
 */
function cacheHeaders(raw: string[]): CacheHeaders {
  let accept: string | undefined;
  let acceptLanguage: string | undefined;
  let ifNoneMatch: string | undefined;
  let ifModifiedSince: string | undefined;
  let cacheControl: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    const value = raw[i + 1] as string;
    // The length first: most headers are ruled out without lower-casing their name.
    switch (name.length) {
      case 6:
        if (name.toLowerCase() === 'accept') accept = join(accept, value);
        break;
      case 15:
        if (name.toLowerCase() === 'accept-language') acceptLanguage = join(acceptLanguage, value);
        break;
      case 13: {
        const lower = name.toLowerCase();
        if (lower === 'if-none-match') ifNoneMatch = join(ifNoneMatch, value);
        else if (lower === 'cache-control') cacheControl = join(cacheControl, value);
        break;
      }
      case 17:
        // Node keeps the first of repeated If-Modified-Since headers.
        if (ifModifiedSince === undefined && name.toLowerCase() === 'if-modified-since')
          ifModifiedSince = value;
        break;
    }
  }
  return {
    accept: accept ?? '',
    acceptLanguage: acceptLanguage ?? '',
    conditional: {
      'if-none-match': ifNoneMatch,
      'if-modified-since': ifModifiedSince,
      'cache-control': cacheControl,
    },
    isConditional: ifNoneMatch !== undefined || ifModifiedSince !== undefined,
  };
}

/**
 * Answers a request seen before (same URL, Accept and Accept-Language) from memory, with the exact headers the
 * full pipeline produced the first time, plus `extra` (headers earlier hooks set for this request). Returns false
 * when the request is not in the cache. Its body was validated against its schema when first rendered.
 */
export function serveCached(
  cache: WireLookup,
  req: IncomingMessage,
  res: ServerResponse,
  extra?: OutgoingHttpHeaders,
): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const headers = cacheHeaders(req.rawHeaders);
  // The same key as rawKey(req), which reads req.headers (Node joins repeated Accept headers with ", " too).
  const wire = cache.get(`${req.url}\n${headers.accept}\n${headers.acceptLanguage}`);
  if (!wire) return false;
  if (headers.isConditional && fresh(headers.conditional, { etag: wire.etag })) {
    res.writeHead(304, extra ? withExtra(wire.notModifiedHeaders, extra) : wire.notModifiedHeaders);
    res.end();
  } else {
    res.writeHead(200, extra ? withExtra(wire.headers, extra) : wire.headers);
    res.end(wire.body);
  }
  return true;
}
