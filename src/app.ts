// The app factory: builds the Fastify app from a config and a database handle. It never listens.
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import accepts from '@fastify/accepts';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { OpenAPIV3_1 } from 'openapi-types';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import { loadSnapshot } from './db/load-snapshot.js';
import { serveCached } from './http/cached-reply.js';
import { documentResponseHeaders } from './http/openapi-headers.js';
import { trustProxy } from './http/trust-proxy.js';
import problems, { sendProblem } from './plugins/problems.js';
import protection from './plugins/protection.js';
import representation, { fastPath } from './plugins/representation.js';
import healthRoutes from './routes/health.js';
import provinceRoutes from './routes/provinces.js';
import schemaRoutes from './routes/schemas.js';
import sourceRoutes from './routes/sources.js';
import statisticsRoutes from './routes/statistics.js';
import { DataStore } from './store/data-store.js';

declare module 'fastify' {
  interface FastifyInstance {
    store: DataStore;
    /** Serves from another database from now on (after an import or a rebuild); returns the previous handle. */
    swapDatabase(db: Db): Db;
  }
}

/** Swagger UI's own assets, in its package (which the bundle does not carry). */
const SWAGGER_UI_ASSETS = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@fastify/swagger-ui/package.json')),
  'static',
);

/** The database the app reads, swappable at run time. */
export interface DatabaseHolder {
  current: Db;
}

export interface AppOptions {
  config: Config;
  db: Db;
  /** Requests come through the front thread (src/front/front.ts), which adds one X-Forwarded-For hop. */
  behindFront?: boolean;
}

export const API_DESCRIPTION = `Official statistics on Iran's exports of nano-technology products by province, from the
reports of the Nano and Micro Technologies Development Headquarters. Every reported figure carries the exact words of the
report it came from (quote, line and offsets into the original text at \`/v1/sources/{id}/text\`); every derived figure
says how it was derived; unknown figures are \`null\`.

Every data route answers JSON, or CSV with \`Accept: text/csv\` or \`?format=csv\`; names follow \`?lang=en|fa|ar\` or
\`Accept-Language\`; replies carry a strong \`ETag\` (send \`If-None-Match\` for a 304) and errors are RFC 9457
\`application/problem+json\`. The API is read-only and needs no authentication.`;

export async function buildApp({ config, db, behindFront = false }: AppOptions): Promise<FastifyInstance> {
  const store = new DataStore(loadSnapshot(db), config.RESPONSE_CACHE_ENTRIES);
  const database: DatabaseHolder = { current: db };
  let underPressure = () => false;
  // With no rate limit to apply, a request seen before is answered straight from the HTTP server, before Fastify
  // builds its request; with one, the fast path runs as a hook after the limiter so that every request counts.
  // Behind the front thread, that thread answers them instead; every request reaching Fastify then goes through
  // represent(), which copies its reply to the front again if the front had evicted it.
  const frontCache = config.RATE_LIMIT_MAX === 0 && !behindFront;
  const app = Fastify({
    serverFactory: (handler) => {
      const server = http.createServer((req, res) => {
        if (frontCache && !underPressure() && serveCached(store.rawResponses, req, res)) return;
        handler(req, res);
      });
      // Fastify leaves these to whoever creates the server.
      server.keepAliveTimeout = config.KEEP_ALIVE_TIMEOUT_MS;
      server.requestTimeout = config.REQUEST_TIMEOUT_MS;
      server.headersTimeout = Math.min(config.HEADERS_TIMEOUT_MS, config.REQUEST_TIMEOUT_MS);
      return server;
    },
    logger: config.LOG_LEVEL === 'silent' ? false : { level: config.LOG_LEVEL },
    // Access logs usually come from the proxy in front; LOG_REQUESTS=true turns Fastify's on.
    logController: new LogController({ disableRequestLogging: !config.LOG_REQUESTS }),
    routerOptions: { maxParamLength: 200 },
    // The API takes no request bodies.
    bodyLimit: 1024,
    // A hop count becomes "trust the n nearest hops", as proxy-addr defines it.
    trustProxy: trustProxy(config.TRUST_PROXY, behindFront),
    // On close, idle keep-alive connections are closed at once; requests in flight complete.
    forceCloseConnections: 'idle',
    // Errors raised before routing: a URL that cannot be decoded, or a path parameter over maxParamLength.
    frameworkErrors: (_error, request, reply) =>
      request.url.length > config.MAX_URL_LENGTH
        ? sendProblem(request, reply, {
            slug: 'uri-too-long',
            status: 414,
            detail: `The URL is ${request.url.length} characters long; the limit is ${config.MAX_URL_LENGTH}.`,
          })
        : sendProblem(request, reply, {
            slug: 'bad-url',
            status: 400,
            detail:
              'The URL cannot be decoded: check its percent-encoding, and that no path segment exceeds 200 characters.',
          }),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('store', store);
  app.decorate('swapDatabase', (next: Db) => {
    const snapshot = loadSnapshot(next);
    const previous = database.current;
    database.current = next;
    // Every cached response and ETag goes with the old data.
    store.replace(snapshot);
    return previous;
  });

  // Infrastructure
  await app.register(problems);
  await app.register(accepts);
  await app.register(protection, { config });
  if (!behindFront) await app.register(fastPath, { store });
  underPressure = () => app.isUnderPressure?.() ?? false;
  await app.register(helmet, {
    // The data is public: let other sites' apps read it. /docs gets its own CSP from swagger-ui.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    contentSecurityPolicy: false,
    // Headers that only matter for HTML documents opened in a browser window; every reply pays for each header.
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    dnsPrefetchControl: false,
    ieNoOpen: false,
    permittedCrossDomainPolicies: false,
    xssFilter: false,
  });
  await app.register(cors, {
    origin: '*',
    methods: ['GET', 'HEAD'],
    exposedHeaders: [
      'ETag',
      'Link',
      'Content-Language',
      'X-Total-Count',
      'Retry-After',
      'X-RateLimit-Limit',
      'X-RateLimit-Remaining',
      'X-RateLimit-Reset',
    ],
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
      servers: [
        { url: config.PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`, description: 'This server' },
      ],
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
      documentResponseHeaders(jsonSchemaTransformObject(input) as OpenAPIV3_1.Document),
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    // Its assets are named by path, so that the plugin itself can be bundled (see scripts/bundle.mjs).
    baseDir: SWAGGER_UI_ASSETS,
    logo: { type: 'image/svg+xml', content: fs.readFileSync(path.join(SWAGGER_UI_ASSETS, 'logo.svg')) },
  });
  await app.register(representation, { store, cacheMaxAge: config.CACHE_MAX_AGE });

  // Routes, by resource
  await app.register(healthRoutes, { database, store });
  await app.register(sourceRoutes, { store });
  await app.register(provinceRoutes, { store });
  await app.register(statisticsRoutes, { store });
  await app.register(schemaRoutes);
  app.get('/openapi.json', { schema: { hide: true } }, async (_req, reply) =>
    reply.header('cache-control', 'public, max-age=300').send(app.swagger()),
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
];

/**
 * Renders the default replies once, so that a database whose data breaks a response schema stops the start
 * instead of answering 500s, and the first clients are served from memory.
 */
export async function warmUp(app: FastifyInstance): Promise<void> {
  for (const url of WARM_URLS) {
    const res = await app.inject({ url, headers: { accept: 'application/json' } });
    if (res.statusCode !== 200) {
      throw new Error(
        `GET ${url} answers ${res.statusCode} with this database (see the log above); rebuild it with npm run db:build`,
      );
    }
  }
}
