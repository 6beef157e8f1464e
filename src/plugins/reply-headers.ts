// The headers every reply carries, whatever answered it (data, pages, problems, health): helmet's security headers,
// computed once at start from helmet's own configuration, and X-Dataset-Version, the content hash of the data served,
// so that whoever cites or caches a figure can name the exact dataset it came from (replies with a `meta` name it
// there too). One header object per kind of reply and dataset version, set in one call by one onSend hook: running
// helmet's middleware chain per request cost about 40 % of a small route's throughput, and each hook more is a step of
// Fastify's hook runner for every reply (bench/README.md).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

/** The headers helmet would set with these options, read off one run of its middleware. */
export function helmetHeaders(options: Readonly<HelmetOptions>): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => {
    failure = err;
  });
  if (failure) throw failure;
  return headers;
}

export const DATASET_VERSION_HEADER = 'x-dataset-version';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The headers every reply carries, for a reply of this content type: what the onSend hook adds. For the replies
     * Fastify makes to a URL it cannot route (`frameworkErrors`), which run no hook.
     */
    everyReplyHeaders(contentType: unknown): Readonly<Record<string, string>>;
  }
}

export interface ReplyHeadersOptions {
  /** The service is reached over HTTPS (PUBLIC_URL says so): browsers may be told to upgrade requests. */
  https: boolean;
  /** The version of the dataset served now (a reload changes it). */
  version: () => string;
}

export default fp(
  async (app: FastifyInstance, { https, version }: ReplyHeadersOptions) => {
    // JSON, CSV and SVG: nothing in them may run or be framed, and other sites' apps may read the public data. The
    // OWASP REST set: headers that only matter to HTML documents are left to the pages (each costs every reply).
    const api = helmetHeaders({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      },
      crossOriginResourcePolicy: { policy: 'cross-origin' },
      xFrameOptions: { action: 'deny' },
      crossOriginOpenerPolicy: false,
      originAgentCluster: false,
      xDnsPrefetchControl: false,
      xDownloadOptions: false,
      xPermittedCrossDomainPolicies: false,
      xXssProtection: false,
    });
    // HTML pages get helmet's full default policy; over plain HTTP without upgrade-insecure-requests, which would
    // make a browser fetch the page's own assets over HTTPS and leave it blank.
    const page = helmetHeaders({
      contentSecurityPolicy: {
        directives: { upgradeInsecureRequests: https ? [] : null, imgSrc: ["'self'", 'data:'] },
      },
      // Browsers ignore Cross-Origin-Opener-Policy on a plain-HTTP origin other than localhost, and log an error.
      crossOriginOpenerPolicy: https,
      crossOriginResourcePolicy: { policy: 'same-origin' },
    });
    // Built again only when a reload changes the version.
    let current = { version: '', api, page };
    const forVersion = (v: string) => {
      if (current.version !== v) {
        current = {
          version: v,
          api: { ...api, [DATASET_VERSION_HEADER]: v },
          page: { ...page, [DATASET_VERSION_HEADER]: v },
        };
      }
      return current;
    };
    const everyReplyHeaders = (contentType: unknown) => {
      const headers = forVersion(version());
      return typeof contentType === 'string' && contentType.startsWith('text/html')
        ? headers.page
        : headers.api;
    };
    app.decorate('everyReplyHeaders', everyReplyHeaders);
    // A callback hook: an async one costs a promise per reply.
    app.addHook('onSend', (_request, reply, payload, done) => {
      reply.headers(everyReplyHeaders(reply.getHeader('content-type')));
      done(null, payload);
    });
  },
  { name: 'reply-headers' },
);
