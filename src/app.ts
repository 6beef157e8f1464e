// The app factory: builds the Fastify app from a config and a database handle. It never listens.
import { randomBytes } from 'node:crypto';
import accepts from '@fastify/accepts';
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
} from 'fastify-type-provider-zod';
import type { OpenAPIV3_1 } from 'openapi-types';
import type { Config } from './config.ts';
import type { DatabaseHolder, Db } from './db/client.ts';
import { loadSnapshot } from './db/load-snapshot.ts';
import type { Snapshot } from './domain/types.ts';
import { handleClientError } from './http/client-error.ts';
import { withoutUnusedInputSchemas } from './http/explorer.ts';
import { documentResponseHeaders } from './http/openapi-headers.ts';
import { badUrl, HttpProblem, uriTooLong } from './http/problem.ts';
import { parseQueryOnce, validateQueryOnce } from './http/query-once.ts';
import { plainValidatorCompiler } from './http/query-validation.ts';
import { trustProxy } from './http/trust-proxy.ts';
import datasetVersion from './plugins/dataset-version.ts';
import explorer from './plugins/explorer.ts';
import problems, { sendProblem } from './plugins/problems.ts';
import protection from './plugins/protection.ts';
import representation from './plugins/representation.ts';
import securityHeaders from './plugins/security-headers.ts';
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
    store: DataStore;
    /**
     * Serves from another database from now on (after an import or a rebuild); returns the previous handle. Pass the
     * store of an app built and self-checked on that database (a reload's candidate): its data, version and rendered
     * replies are taken over, so the swap itself costs nothing. Without it, the data is loaded here.
     */
    swapDatabase(db: Db, checked?: DataStore): Db;
    /**
     * Renders the default reply of every data route, so that data breaking a response schema stops a start or a
     * reload instead of answering 500s. Its requests skip the rate limiter: they are nobody's.
     */
    selfCheck(only?: readonly SelfCheckRequest[]): Promise<void>;
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
  const store = new DataStore(snapshot ?? loadSnapshot(db), {
    entries: config.RESPONSE_CACHE_ENTRIES,
    bytes: config.RESPONSE_CACHE_MAX_BYTES,
  });
  const database: DatabaseHolder = { current: db };
  const https = config.PUBLIC_URL?.startsWith('https:') ?? false;
  // Marks the self-check's own requests; random per process, so no client can claim it.
  const selfCheckToken = randomBytes(18).toString('base64url');
  const app = Fastify({
    logger: config.LOG_LEVEL === 'silent' ? false : { level: config.LOG_LEVEL },
    // Access logs usually come from the proxy in front; LOG_REQUESTS=true turns Fastify's on.
    logController: new LogController({ disableRequestLogging: !config.LOG_REQUESTS }),
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
    // The API takes no request bodies.
    bodyLimit: 1024,
    keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    trustProxy: trustProxy(config.TRUST_PROXY),
    // On close, idle keep-alive connections are closed at once; requests in flight complete.
    forceCloseConnections: 'idle',
    // Requests the HTTP parser refuses (raw non-ASCII in the URL…) get a problem document too.
    clientErrorHandler: handleClientError,
    // Errors raised before routing: a URL that cannot be decoded, or a path parameter over maxParamLength.
    // They count against the client's rate limit like any other request (its 429 wins).
    frameworkErrors: async (_error, request, reply) => {
      let problem: HttpProblem =
        request.url.length > config.MAX_URL_LENGTH
          ? uriTooLong(request.url.length, config.MAX_URL_LENGTH)
          : badUrl();
      try {
        await app.countRequest(request, reply);
      } catch (limited) {
        if (limited instanceof HttpProblem) problem = limited;
        else throw limited;
      }
      return sendProblem(request, reply, problem);
    },
  });
  app.server.headersTimeout = Math.min(config.HEADERS_TIMEOUT_MS, config.REQUEST_TIMEOUT_MS);
  app.decorate('store', store);
  app.decorate('swapDatabase', (next: Db, checked?: DataStore) => {
    const previous = database.current;
    database.current = next;
    // Every cached response and ETag goes with the old data.
    if (checked) store.adopt(checked);
    else store.replace(loadSnapshot(next));
    return previous;
  });
  // Why the self-check's last failing request failed (the reply only says 500; the reason goes to the log, which an
  // import runs without).
  const failures = { last: '' };
  app.decorate('selfCheck', (only?: readonly SelfCheckRequest[]) =>
    selfCheck(app, selfCheckToken, failures, only),
  );

  // Infrastructure
  await app.register(problems);
  // A self-check request that fails is reported by the self-check itself, with its reason, as one line: the log
  // keeps quiet about it (a start that refuses its data prints one line saying what to do).
  app.addHook('onRequest', async (request) => {
    if (request.headers['x-self-check'] === selfCheckToken) request.log.level = 'silent';
  });
  app.addHook('onError', async (request, _reply, error) => {
    if (request.headers['x-self-check'] === selfCheckToken) failures.last = error.message;
  });
  await app.register(accepts);
  await app.register(protection, {
    config,
    isSelfCheck: (request) => request.headers['x-self-check'] === selfCheckToken,
  });
  await app.register(securityHeaders, { https });
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
  await app.register(representation, { store, cacheMaxAge: config.CACHE_MAX_AGE });
  await app.register(datasetVersion, { store });
  // After every hook of the root: an encapsulated context takes the hooks registered before it.
  await app.register(explorer, { https, internalHeaders: { 'x-self-check': selfCheckToken } });

  // Routes, by resource
  await app.register(healthRoutes, { database, store });
  await app.register(sourceRoutes, { store, publicUrl: config.PUBLIC_URL });
  await app.register(provinceRoutes, { store });
  await app.register(statisticsRoutes, { store });
  await app.register(figureRoutes, { store });
  await app.register(dataPackageRoutes, { store, publicUrl: config.PUBLIC_URL });
  await app.register(schemaRoutes);
  await app.register(pageRoutes, { store });
  app.get('/openapi.json', { schema: { hide: true } }, async (_req, reply) =>
    reply.representContent('/openapi.json', () => ({
      body: JSON.stringify(app.swagger()),
      contentType: 'application/json; charset=utf-8',
    })),
  );
  return app;
}

/** The default view of every data route: rendered (and so validated against its schema) before serving. */
export const WARM_URLS = [
  '/v1/periods',
  '/v1/sources',
  '/v1/provinces',
  '/v1/exports',
  '/v1/rankings',
  '/v1/shares',
  '/v1/summary',
  '/v1/checks',
  '/v1/figures',
  '/v1/datapackage.json',
];

/** The data routes that take `?period=`: the self-check renders each for every period, not only the latest. */
export const PERIOD_URLS = [
  '/v1/exports',
  '/v1/rankings',
  '/v1/shares',
  '/v1/summary',
  '/v1/checks',
  '/v1/figures',
];

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

export function selfCheckRequests(snapshot: Snapshot): SelfCheckRequest[] {
  const json = 'application/json';
  const q = encodeURIComponent;
  return [
    ...WARM_URLS.map((url) => ({ url, accept: json, period: null })),
    ...snapshot.periods.flatMap((p) =>
      PERIOD_URLS.map((url) => ({ url: `${url}?period=${q(p.id)}`, accept: json, period: p.id })),
    ),
    ...snapshot.provinces.map((p) => ({
      url: `/v1/provinces/${q(p.code)}/history`,
      accept: json,
      period: null,
    })),
  ];
}

const SHED_RETRY_MS = 200;

/**
 * Renders every default reply, every period's data routes and every province's history (across the periods), so that
 * data breaking a response schema stops a start, a reload or an import instead of answering 500s. (Pages and each
 * source's own replies draw on the same validated data and are left out: for every period and every source they
 * made three times as many requests, 9,555 instead of 3,047 at 100,000 figures over 500 periods.)
 */
async function selfCheck(
  app: FastifyInstance,
  token: string,
  failures: { last: string },
  only?: readonly SelfCheckRequest[],
): Promise<void> {
  for (const { url, accept, period } of only ?? selfCheckRequests(app.store.snapshot)) {
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
}
