// The front thread: owns the public socket, answers requests seen before from its copy of the reply cache, and
// hands every other request to Fastify in the main thread over loopback HTTP. It runs in its own V8 isolate, which
// keeps Node's HTTP code here as fast as in a bare server (see bench/README.md); Fastify's isolate is not.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { LRUCache } from 'lru-cache';
import { serveCached, type Wire } from '../http/cached-reply.js';
import { PROBLEM_BASE } from '../http/problem.js';
import { FRONT_ADDRESS } from '../http/trust-proxy.js';

export interface FrontOptions {
  host: string;
  port: number;
  /** Where Fastify listens, on the loopback interface. */
  upstreamPort: number;
  cacheEntries: number;
  keepAliveTimeoutMs: number;
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  /** Longest a graceful close waits for connections to finish before it closes them. */
  closeTimeoutMs: number;
  /** TRUST_PROXY names some proxy: X-Forwarded-Host/-Proto and Forwarded may come from it. */
  trustsProxies: boolean;
}

/** From the main thread. */
export type ToFront =
  | { type: 'put'; key: string; wire: Wire }
  | { type: 'clear' }
  | { type: 'pressure'; underPressure: boolean }
  | { type: 'close' };

/** To the main thread. */
export type FromFront =
  | { type: 'listening'; port: number }
  | { type: 'error'; message: string }
  | { type: 'closed' };

// Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are not forwarded either way; neither are the
// ones a Connection header names.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  // The front has already answered any "Expect: 100-continue" itself.
  'expect',
  // The API takes no request bodies, so none is forwarded (and none can smuggle a second request to Fastify).
  'content-length',
]);
/** Headers a client may only set through a proxy that TRUST_PROXY names: dropped when it names none. */
const PROXY_HEADERS = ['x-forwarded-host', 'x-forwarded-proto', 'forwarded'];
/** Added to every reply while closing, so that keep-alive connections drain. */
const CLOSE = { connection: 'close' };

const options = workerData as FrontOptions;
const port = parentPort;
if (!port) throw new Error('front-worker.ts runs as a worker thread');
const cache = new LRUCache<string, Wire>({ max: Math.max(1, options.cacheEntries) });
let underPressure = false;
let closing = false;
// Keep-alive connections to Fastify, so that a miss costs no TCP handshake; at most 256 at once (more requests
// wait their turn). An idle one is closed well before Fastify's keep-alive timeout would close it.
const agent = new http.Agent({
  keepAlive: true,
  maxSockets: 256,
  timeout: Math.ceil(options.keepAliveTimeoutMs / 2),
});

/** Told to a client whose request could not reach Fastify (it is restarting or gone): nothing internal. */
function unavailable(req: IncomingMessage, res: ServerResponse): void {
  // The same shape and CORS header as every other problem (src/schemas/problem.ts, src/app.ts).
  const body = JSON.stringify({
    type: `${PROBLEM_BASE}unavailable`,
    title: 'Service Unavailable',
    status: 503,
    detail: 'The server cannot answer right now; try again after the Retry-After delay.',
    instance: req.url?.split('?')[0] ?? '/',
  });
  res.writeHead(503, {
    'content-type': 'application/problem+json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'retry-after': '5',
    'cache-control': 'no-store',
    'access-control-allow-origin': '*',
    ...(closing ? CLOSE : {}),
  });
  res.end(body);
}

/** Names a Connection header lists (hop-by-hop too). */
const connectionTokens = (value: string | string[] | undefined) =>
  new Set(
    (Array.isArray(value) ? value.join(',') : (value ?? ''))
      .split(',')
      .map((token) => token.trim().toLowerCase())
      .filter(Boolean),
  );

function requestHeaders(req: IncomingMessage): http.OutgoingHttpHeaders {
  const nominated = connectionTokens(req.headers.connection);
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!HOP_BY_HOP.has(name) && !nominated.has(name)) headers[name] = value;
  }
  if (!options.trustsProxies) for (const name of PROXY_HEADERS) delete headers[name];
  const client = req.socket.remoteAddress ?? '';
  const prior = req.headers['x-forwarded-for'];
  headers['x-forwarded-for'] = prior ? `${prior}, ${client}` : client;
  return headers;
}

function responseHeaders(answer: IncomingMessage): string[] {
  const nominated = connectionTokens(answer.headers.connection);
  const list: string[] = [];
  const raw = answer.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    // Content-Length is the one framing header a reply keeps: the body is passed on as it is.
    if (name === 'content-length' || (!HOP_BY_HOP.has(name) && !nominated.has(name))) {
      list.push(raw[i] as string, raw[i + 1] as string);
    }
  }
  if (closing) list.push('connection', 'close');
  return list;
}

/**
 * Sends the request to Fastify, headers as they came (with the client's address appended to X-Forwarded-For), and
 * its answer back. A GET or HEAD sent on a kept-alive connection that Fastify had just closed is sent once more.
 */
function forward(req: IncomingMessage, res: ServerResponse, retry = true): void {
  const upstream = http.request({
    host: FRONT_ADDRESS,
    port: options.upstreamPort,
    method: req.method,
    path: req.url,
    headers: requestHeaders(req),
    agent,
    timeout: options.requestTimeoutMs,
  });
  upstream.on('response', (answer) => {
    res.writeHead(answer.statusCode ?? 502, responseHeaders(answer));
    answer.pipe(res);
    answer.on('error', () => res.destroy());
  });
  upstream.on('timeout', () => upstream.destroy(new Error('Fastify did not answer in time')));
  upstream.on('error', () => {
    if (res.headersSent) {
      if (!res.writableFinished) res.destroy();
    } else if (retry && upstream.reusedSocket && (req.method === 'GET' || req.method === 'HEAD')) {
      forward(req, res, false);
    } else {
      unavailable(req, res);
    }
  });
  // A client that goes away takes its forwarded request with it.
  res.once('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  // No request body is forwarded; Node discards the client's once the reply is sent.
  upstream.end();
}

const server = http.createServer((req, res) => {
  // Under pressure, Fastify answers everything, so that load shedding (503 + Retry-After) applies as before.
  if (!underPressure && serveCached(cache, req, res, closing ? CLOSE : undefined)) return;
  forward(req, res);
});
server.keepAliveTimeout = options.keepAliveTimeoutMs;
server.requestTimeout = options.requestTimeoutMs;
server.headersTimeout = Math.min(options.headersTimeoutMs, options.requestTimeoutMs);

function close(): void {
  if (closing) return;
  closing = true;
  // Connections whose reply went out before closing began still wait for another request: close each as it idles.
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  const deadline = setTimeout(() => server.closeAllConnections(), options.closeTimeoutMs);
  server.close(() => {
    clearInterval(sweep);
    clearTimeout(deadline);
    agent.destroy();
    port?.postMessage({ type: 'closed' } satisfies FromFront);
  });
  server.closeIdleConnections();
}

port.on('message', (message: ToFront) => {
  switch (message.type) {
    case 'put': {
      // A Buffer crossed the thread boundary as a plain Uint8Array; a Buffer again, it goes to the socket as it is.
      const { body } = message.wire;
      cache.set(message.key, {
        ...message.wire,
        body: Buffer.from(body.buffer, body.byteOffset, body.byteLength),
      });
      break;
    }
    case 'clear':
      cache.clear();
      break;
    case 'pressure':
      underPressure = message.underPressure;
      break;
    case 'close':
      close();
      break;
  }
});

// Before listening, an error (a port in use) fails the start; after, the main thread logs it.
server.on('error', (err) => port.postMessage({ type: 'error', message: err.message } satisfies FromFront));
server.listen(options.port, options.host, () => {
  port.postMessage({ type: 'listening', port: (server.address() as AddressInfo).port } satisfies FromFront);
});
