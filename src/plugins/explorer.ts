// The explorer at /docs (Swagger UI): its page, script, stylesheets and its copy of the document all answered through
// reply.representContent(), like every other reply: strong ETags, 304s, Cache-Control from CACHE_MAX_AGE and br/gzip
// variants made once. @fastify/swagger-ui's own handlers (a file read per request by @fastify/static, a clone of the
// document per request for /docs/json) run once per path, for an internal request that makes the cached copy.
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import type { OpenAPIV3_1 } from 'openapi-types';
import { EXPLORER_LOGO, explorerCsp, explorerSpecification } from '../http/explorer.ts';
import { notFound } from '../http/problem.ts';

export interface ExplorerOptions {
  /** The service is reached over HTTPS (PUBLIC_URL says so). */
  https: boolean;
  /** Headers that mark the app's own internal requests (they skip the rate limiter). */
  internalHeaders: Record<string, string>;
}

export const EXPLORER_PREFIX = '/docs';

/** A path as it is spelled when nothing in it is encoded, doubled or relative (what a browser sends for an asset). */
function isCanonical(path: string): boolean {
  if (path.includes('%') || path.includes('//')) return false;
  return !path.split('/').some((segment) => segment === '.' || segment === '..');
}

export default async function explorer(app: FastifyInstance, { https, internalHeaders }: ExplorerOptions) {
  const [marker, token] = Object.entries(internalHeaders)[0] ?? [];
  app.addHook('preHandler', (request, reply, done) => {
    // The internal request that makes a path's copy: Swagger UI answers.
    if (marker !== undefined && request.headers[marker] === token) {
      done();
      return;
    }
    // Swagger UI's redirect of its index.html to the explorer redirects to itself when a query string follows.
    if (request.routeOptions.url === `${EXPLORER_PREFIX}/static/index.html`) {
      reply.redirect(`${EXPLORER_PREFIX}/`);
      return;
    }
    const path = request.url.split('?', 1)[0] as string;
    // Only an asset's own spelling is served: `a/../x.js`, `x%2Ejs` or `//x.js` would be a copy of the same file under
    // another key each, and a few dozen of them would push everything else out of the reply cache.
    if (!isCanonical(path)) {
      reply.send(notFound(`Nothing is at ${path}.`));
      return;
    }
    const sent = reply.representContent(path, async () => {
      const made = await app.inject({ url: path, headers: internalHeaders });
      // Anything Swagger UI's file server refuses (a NUL byte, a path outside its folder: 403) is not there.
      if (made.statusCode >= 400 && made.statusCode < 500) throw notFound(`Nothing is at ${path}.`);
      if (made.statusCode !== 200) throw new Error(`${path} answered ${made.statusCode} to its own render`);
      return { body: made.rawPayload, contentType: String(made.headers['content-type']) };
    });
    if (sent instanceof Promise) sent.catch((error: unknown) => reply.send(error));
  });

  await app.register(swaggerUi, {
    routePrefix: EXPLORER_PREFIX,
    staticCSP: true,
    // Swagger UI's own policy, less upgrade-insecure-requests unless the service is reached over HTTPS: over plain
    // HTTP on any host but localhost, it makes the browser fetch the page's assets over HTTPS and the page is blank.
    // It also allows the inline style of Swagger UI's own logo (see explorerCsp).
    transformStaticCSP: (policy) => explorerCsp(policy, https),
    logo: { type: 'image/svg+xml', content: EXPLORER_LOGO, href: '/', target: '_self' },
    theme: { title: 'nano-exports-api' },
    // Try it out sends only what the user typed: the explorer's copy of the document has no examples to pre-fill.
    transformSpecification: (doc) => explorerSpecification(doc as OpenAPIV3_1.Document),
  });
}
