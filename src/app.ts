// The app factory: builds the Fastify app from a config and a database handle. It never listens.
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import Fastify, {
  type FastifyInstance,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
} from 'fastify-type-provider-zod';
import type { LRUCache } from 'lru-cache';
import type { OpenAPIV3_1 } from 'openapi-types';
import type { Config } from './config.ts';
import type { DatabaseHolder, Db } from './db/client.ts';
import { loadSnapshot } from './db/load-snapshot.ts';
import type { Snapshot } from './domain/types.ts';
import { handleClientError } from './http/client-error.ts';
import { withoutUnusedInputSchemas } from './http/explorer.ts';
import { documentResponseHeaders } from './http/openapi-headers.ts';
import { badUrl, HttpProblem, internalError, uriTooLong } from './http/problem.ts';
import { parseQueryOnce, validateQueryOnce } from './http/query-once.ts';
import { plainValidatorCompiler } from './http/query-validation.ts';
import { originForm } from './http/request-target.ts';
import { trustProxy } from './http/trust-proxy.ts';
import explorer from './plugins/explorer.ts';
import problems, { sendProblem } from './plugins/problems.ts';
import protection from './plugins/protection.ts';
import replyHeaders from './plugins/reply-headers.ts';
import representation, { type Representation, representationCache } from './plugins/representation.ts';
import { RENDERERS } from './render/index.ts';
import dataPackageRoutes from './routes/datapackage.ts';
import figureRoutes from './routes/figures.ts';
import healthRoutes from './routes/health.ts';
import pageRoutes from './routes/pages.ts';
import provinceRoutes from './routes/provinces.ts';
import schemaRoutes from './routes/schemas.ts';
import sourceRoutes from './routes/sources.ts';
import statisticsRoutes from './routes/statistics.ts';
import { DataStore } from './store/data-store.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The store requests are answered from now (read at request time: a reload swaps it whole). */
    readonly store: DataStore;
    /** The rendered replies, keyed by dataset version and normalized request (plugins/representation.ts). */
    representations: LRUCache<string, Representation>;
    /**
     * Serves from another database from now on (after an import or a rebuild); returns the previous handle. Pass the
     * store loaded from it and self-checked (a reload's), or it is loaded here. One reference changes: requests in
     * flight finish on the store they started with.
     */
    swapDatabase(db: Db, store?: DataStore): Db;
    /**
     * Renders the default reply of every route that represents one, on the current store or on a candidate (a
     * reload's, before the swap), so that data breaking a response schema stops a start or a reload instead of
     * answering 500s. Its requests skip the rate limiter and load shedding: they are nobody's. Returns the URLs.
     */
    selfCheck(store?: DataStore, only?: readonly SelfCheckRequest[]): Promise<string[]>;
    /** The requests the self-check makes on a snapshot, from the registered routes. */
    selfCheckRequests(snapshot: Snapshot): SelfCheckRequest[];
  }
}

export interface AppOptions {
  config: Config;
  db: Db;
  /** The data of `db`, when already loaded (a reload loads it in slices first); otherwise loaded here. */
  snapshot?: Snapshot;
}

export const API_DESCRIPTION = `Official statistics on Iran's exports of nano-technology products by province, from the
reports of the Nano and Micro Technologies Development Headquarters. Every reported figure carries the exact words of the
report it came from (quote, line and offsets into the original text at \`/v1/sources/{id}/text\`); every derived figure
says how it was derived; unknown figures are \`null\`.

Every data route answers JSON, or CSV with \`Accept: text/csv\` or \`?format=csv\`; names follow \`?lang=en|fa|ar\` or
\`Accept-Language\`; replies carry a strong \`ETag\` (send \`If-None-Match\` for a 304) and errors are RFC 9457
\`application/problem+json\`. The API is read-only and needs no authentication.`;

export async function buildApp({ config, db, snapshot }: AppOptions): Promise<FastifyInstance> {
  const database: DatabaseHolder = { current: db };
  let store = new DataStore(snapshot ?? loadSnapshot(db));
  /** The store a running self-check renders on (a reload's candidate), for its own requests only. */
  let checking: DataStore | undefined;
  const representations = representationCache({
    entries: config.RESPONSE_CACHE_ENTRIES,
    bytes: config.RESPONSE_CACHE_MAX_BYTES,
  });
  const https = config.PUBLIC_URL?.startsWith('https:') ?? false;
  // Marks the self-check's own requests; random per process, so no client can claim it.
  const selfCheckToken = randomBytes(18).toString('base64url');
  const app = Fastify({
    logger: config.LOG_LEVEL === 'silent' ? false : { level: config.LOG_LEVEL },
    // Access logs usually come from the proxy in front; LOG_REQUESTS=true turns Fastify's on.
    logController: new LogController({ disableRequestLogging: !config.LOG_REQUESTS }),
    // Absolute-form and asterisk-form targets routed as origin-form (http/request-target.ts).
    rewriteUrl: (req) => originForm(req.url ?? '/'),
    // Each distinct query string is parsed and validated once (http/query-once.ts).
    routerOptions: { maxParamLength: 200, querystringParser: parseQueryOnce },
    // Every schema is Zod: its compilers are the only ones, so Fastify never loads Ajv and fast-json-stringify
    // (about a fifth of the start-up).
    // (Fastify's types describe Ajv's factories; a factory returning any compiler is what it calls.)
    schemaController: {
      compilersFactory: {
        buildValidator: () =>
          validateQueryOnce(plainValidatorCompiler as Parameters<typeof validateQueryOnce>[0]),
        buildSerializer: () => serializerCompiler,
      },
    } as unknown as FastifyServerOptions['schemaController'],
    // A missing Host is refused by plugins/protection.ts with a problem document (Node's own check sends an empty 400).
    http: { requireHostHeader: false },
    // The API takes no request bodies.
    bodyLimit: 1024,
    keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    trustProxy: trustProxy(config.TRUST_PROXY),
    // On close, idle keep-alive connections are closed at once; requests in flight complete.
    forceCloseConnections: 'idle',
    // Requests the HTTP parser refuses (raw non-ASCII in the URL…) get a problem document too.
    clientErrorHandler: (err: Error, socket: Socket): void =>
      handleClientError(err, socket, app.everyReplyHeaders('application/problem+json')),
    // Errors raised before routing: a URL that cannot be decoded, or a path parameter over maxParamLength.
    // They count against the client's rate limit like any other request (its 429 wins). Fastify answers them outside
    // the app's lifecycle: no hook runs, so the headers every reply carries are added here, and nothing may escape
    // (a rejection here is not caught by Fastify: it would end the process).
    frameworkErrors: async (_error, request, reply): Promise<void> => {
      try {
        let problem: HttpProblem =
          request.originalUrl.length > config.MAX_URL_LENGTH
            ? uriTooLong(request.originalUrl.length, config.MAX_URL_LENGTH)
            : badUrl();
        try {
          await app.countRequest(request, reply);
        } catch (limited) {
          if (limited instanceof HttpProblem) problem = limited;
          else throw limited;
        }
        sendProblem(request, reply, problem, app.everyReplyHeaders);
      } catch (err) {
        // The last resort writes the problem itself, with nothing left that could throw again.
        request.log.error({ err }, 'answering a request refused before routing failed');
        const res = reply.raw;
        if (res.headersSent) {
          res.destroy();
          return;
        }
        const body = JSON.stringify(internalError().body(request.url.split('?')[0] ?? '/'));
        res.writeHead(500, {
          ...app.everyReplyHeaders('application/problem+json'),
          'content-type': 'application/problem+json',
          'cache-control': 'no-store',
          'content-length': Buffer.byteLength(body),
        });
        res.end(body);
      }
    },
  });
  app.server.headersTimeout = Math.min(config.HEADERS_TIMEOUT_MS, config.REQUEST_TIMEOUT_MS);
  const isSelfCheck = (request: FastifyRequest) => request.headers['x-self-check'] === selfCheckToken;
  app.decorate('store', { getter: () => store });
  app.decorate('representations', representations);
  app.decorate('swapDatabase', (next: Db, loaded?: DataStore) => {
    const fresh = loaded ?? new DataStore(loadSnapshot(next));
    const previous = database.current;
    database.current = next;
    store = fresh;
    return previous;
  });
  // The self-check's requests come from the registered routes themselves: a route added is checked with nothing
  // else to edit.
  const checked: CheckedRoute[] = [];
  app.addHook('onRoute', (route) => {
    const formats = route.config?.representation?.formats;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!formats?.[0] || !methods.includes('GET')) return;
    const params = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]);
    const perProvince = params.length === 1 && params[0] === 'province';
    if (params.length > 0 && !perProvince) return;
    const query = (route.schema?.querystring as { shape?: Record<string, unknown> } | undefined)?.shape;
    checked.push({
      url: route.url,
      accept: RENDERERS[formats[0]].mediaType,
      perPeriod: !perProvince && formats.includes('json') && query?.period !== undefined,
      perProvince,
    });
  });
  // Why the self-check's last failing request failed (the reply only says 500; the reason goes to the log, which an
  // import runs without).
  const failures = { last: '' };
  app.decorate('selfCheckRequests', (snapshot: Snapshot) => selfCheckRequests(checked, snapshot));
  app.decorate('selfCheck', async (candidate?: DataStore, only?: readonly SelfCheckRequest[]) => {
    checking = candidate;
    try {
      const requests = only ?? selfCheckRequests(checked, (candidate ?? store).snapshot);
      return await selfCheck(app, selfCheckToken, failures, requests);
    } finally {
      checking = undefined;
    }
  });

  // Infrastructure
  await app.register(problems);
  // A self-check request that fails is reported by the self-check itself, with its reason, as one line: the log
  // keeps quiet about it (a start that refuses its data prints one line saying what to do).
  app.addHook('onRequest', (request, _reply, done) => {
    if (isSelfCheck(request)) request.log.level = 'silent';
    done();
  });
  app.addHook('onError', async (request, _reply, error) => {
    if (isSelfCheck(request)) failures.last = error.message;
  });
  await app.register(protection, { config, isSelfCheck });
  await app.register(cors, {
    origin: '*',
    methods: ['GET', 'HEAD'],
    // One string, not a list: @fastify/cors joins a list again for every reply.
    exposedHeaders: [
      'ETag',
      'Link',
      'Content-Language',
      'X-Total-Count',
      'Retry-After',
      'X-RateLimit-Limit',
      'X-RateLimit-Remaining',
      'X-RateLimit-Reset',
      'X-Dataset-Version',
      'Content-Disposition',
    ].join(', '),
    maxAge: 86400,
    // An OPTIONS request that is not a preflight (no Origin, no Access-Control-Request-Method) is answered like one
    // (204, the methods allowed) instead of @fastify/cors' plain-text 400 "Invalid Preflight Request".
    strictPreflight: false,
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'nano-exports-api',
        version: '1.0.0',
        description: API_DESCRIPTION,
        license: { name: 'MIT', identifier: 'MIT' },
      },
      // Relative unless PUBLIC_URL is set: the explorer then calls whatever address the document came from.
      servers: [{ url: config.PUBLIC_URL ?? '/', description: 'This server' }],
      security: [],
      tags: [
        {
          name: 'statistics',
          description: 'Export values, shares, rankings, totals and consistency checks.',
        },
        { name: 'provinces', description: "Iran's 31 provinces, found by any spelling." },
        { name: 'sources', description: 'The reports behind the data, and the periods they cover.' },
        { name: 'operations', description: 'Health probes.' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: (input) =>
      documentResponseHeaders(
        withoutUnusedInputSchemas(jsonSchemaTransformObject(input) as OpenAPIV3_1.Document),
      ),
  });
  await app.register(representation, {
    storeFor: (request) => (checking && isSelfCheck(request) ? checking : store),
    cache: representations,
    cacheMaxAge: config.CACHE_MAX_AGE,
  });
  await app.register(replyHeaders, { https, version: () => store.version });
  // After every hook of the root: an encapsulated context takes the hooks registered before it.
  await app.register(explorer, { https, internalHeaders: { 'x-self-check': selfCheckToken } });

  // Routes, by resource
  await app.register(healthRoutes, { database });
  await app.register(sourceRoutes, { publicUrl: config.PUBLIC_URL });
  await app.register(provinceRoutes);
  await app.register(statisticsRoutes);
  await app.register(figureRoutes);
  await app.register(dataPackageRoutes, { publicUrl: config.PUBLIC_URL });
  await app.register(schemaRoutes);
  await app.register(pageRoutes);
  app.get('/openapi.json', { schema: { hide: true } }, async (_req, reply) =>
    reply.representContent('/openapi.json', () => ({
      body: JSON.stringify(app.swagger()),
      contentType: 'application/json; charset=utf-8',
    })),
  );
  return app;
}

/**
 * A route the self-check renders: one that answers with represent(), asked for in its first format. Without a path
 * parameter: its default reply, and, for a data route that takes `period`, its reply for every period. With a
 * `:province` parameter only: its reply for every province. (Routes with other path parameters, each source's own,
 * and pages for every period draw on the same validated data and are left out: they made three times as many
 * requests, 9,555 instead of 3,047 at 100,000 figures over 500 periods.)
 */
interface CheckedRoute {
  url: string;
  accept: string;
  perPeriod: boolean;
  perProvince: boolean;
}

/** A reply the data cannot be served with: which request, for which period (if one), what it answered and why. */
export class SelfCheckError extends Error {
  readonly url: string;
  readonly period: string | null;
  readonly status: number;
  readonly detail: string;
  constructor(url: string, period: string | null, status: number, detail: string, method = 'GET') {
    super(
      `Self-check failed: ${method} ${url} answers ${status} with the data in this database${detail ? `: ${detail}` : ''}`,
    );
    this.name = 'SelfCheckError';
    this.url = url;
    this.period = period;
    this.status = status;
    this.detail = detail;
  }
}

/** Every request the self-check makes, with the media type it asks for and the period it is about. */
export interface SelfCheckRequest {
  url: string;
  accept: string;
  period: string | null;
}

function selfCheckRequests(routes: readonly CheckedRoute[], snapshot: Snapshot): SelfCheckRequest[] {
  const q = encodeURIComponent;
  return [
    ...routes.filter((r) => !r.perProvince).map((r) => ({ url: r.url, accept: r.accept, period: null })),
    ...snapshot.periods.flatMap((p) =>
      routes
        .filter((r) => r.perPeriod)
        .map((r) => ({ url: `${r.url}?period=${q(p.id)}`, accept: r.accept, period: p.id })),
    ),
    ...routes
      .filter((r) => r.perProvince)
      .flatMap((r) =>
        snapshot.provinces.map((p) => ({
          url: r.url.replace(':province', q(p.code)),
          accept: r.accept,
          period: null,
        })),
      ),
  ];
}

const SHED_RETRY_MS = 200;

/**
 * Renders every request of the self-check, so that data breaking a response schema stops a start, a reload or an
 * import instead of answering 500s. Returns the URLs rendered.
 */
async function selfCheck(
  app: FastifyInstance,
  token: string,
  failures: { last: string },
  requests: readonly SelfCheckRequest[],
): Promise<string[]> {
  for (const { url, accept, period } of requests) {
    // An injected request completes without I/O, so a loop of them never lets the event loop reach its sockets: a
    // reload's check of 3,000 replies held every client's request for seconds. Each one waits its turn instead.
    await new Promise((resolve) => setImmediate(resolve));
    const headers = { accept, 'x-self-check': token };
    // HEAD runs the same route, so the reply is rendered, validated and cached all the same, but its body is not
    // copied into the injected response, which would hold it twice more as bytes and once as a string: four times
    // its size, 26 MB for the data package of 100,000 figures, at the peak of a start's memory.
    let res = await app.inject({ method: 'HEAD', url, headers });
    // Shed (503) while the process is starved of CPU at start (load shedding measures the event loop's delay): the
    // check is of the data, not of the machine, so it waits and asks again, for up to 10 s.
    for (let waited = 0; res.statusCode === 503 && waited < 10_000; waited += SHED_RETRY_MS) {
      await new Promise((resolve) => setTimeout(resolve, SHED_RETRY_MS));
      res = await app.inject({ method: 'HEAD', url, headers });
    }
    if (res.statusCode !== 200) {
      // A failure is rendered again, with its body: the problem document says which fields broke the schema.
      failures.last = '';
      const failed = await app.inject({ url, headers });
      const detail =
        failures.last ||
        (failed.headers['content-type']?.startsWith('application/problem+json')
          ? ((failed.json() as { detail?: string }).detail ?? '')
          : '');
      // (Should the GET answer 200 after all, the HEAD's status is the one to report.)
      throw failed.statusCode === 200
        ? new SelfCheckError(url, period, res.statusCode, detail, 'HEAD')
        : new SelfCheckError(url, period, failed.statusCode, detail);
    }
  }
  return requests.map((r) => r.url);
}
