// Security headers: helmet's own policies, computed once at start and added to every reply by one onSend hook.
// They never change per request, and running helmet's middleware chain for each one cost about 40 % of a small
// route's throughput (bench/README.md).
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

export interface SecurityHeadersOptions {
  /** The service is reached over HTTPS (PUBLIC_URL says so): browsers may be told to upgrade requests. */
  https: boolean;
}

export default fp(
  async (app: FastifyInstance, { https }: SecurityHeadersOptions) => {
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
    app.addHook('onSend', (_request, reply, payload, done) => {
      const type = reply.getHeader('content-type');
      reply.headers(typeof type === 'string' && type.startsWith('text/html') ? page : api);
      done(null, payload);
    });
  },
  { name: 'security-headers' },
);
