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
  const wire = cache.get(rawKey(req));
  if (!wire) return false;
  if (isConditional(req) && fresh(req.headers, { etag: wire.etag })) {
    res.writeHead(304, extra ? withExtra(wire.notModifiedHeaders, extra) : wire.notModifiedHeaders);
    res.end();
  } else {
    res.writeHead(200, extra ? withExtra(wire.headers, extra) : wire.headers);
    res.end(wire.body);
  }
  return true;
}
