// Protection against abuse and overload: URL length bound, per-client rate limit, load shedding under pressure.

import { monitorEventLoopDelay } from 'node:perf_hooks';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import {
  type HttpProblem,
  hostCount,
  methodNotAllowed,
  overloaded,
  rateLimited,
  uriTooLong,
} from '../http/problem.ts';

/** Route config for probes: they keep answering under pressure and are not rate limited. */
export const PROBE_ROUTE_CONFIG = { rateLimit: false, pressureHandler: () => undefined } as const;

const RETRY_AFTER_OVERLOAD_S = 5;
const SAMPLE_INTERVAL_MS = 1000;
const RESOLUTION_MS = 10;

/**
 * The event loop's delay (ms) from when the server listens: each sample() is the mean delay since the previous one,
 * less the histogram's resolution (under-pressure's measure); 0 before listening and when nothing was measured.
 */
export function listeningEventLoopDelay(app: FastifyInstance): { sample(): number } {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  let listening = false;
  app.addHook('onListen', (done) => {
    listening = true;
    histogram.reset();
    histogram.enable();
    done();
  });
  app.addHook('onClose', (_instance, done) => {
    histogram.disable();
    done();
  });
  return {
    sample() {
      if (!listening) return 0;
      const mean = histogram.mean / 1e6;
      histogram.reset();
      return Number.isNaN(mean) ? 0 : Math.max(0, mean - RESOLUTION_MS);
    },
  };
}

/** RATE_LIMIT_WINDOW as a reader says it: "1 minute" as written, 60000 (milliseconds) as "60 seconds". */
export function describeWindow(window: string): string {
  if (!/^\d+$/.test(window)) return window;
  const ms = Number(window);
  if (ms % 1000 !== 0) return `${ms} ms`;
  return ms === 1000 ? '1 second' : `${ms / 1000} seconds`;
}

/** How many Host fields a request carries (Node's `headers` keeps only the first). */
function hostFields(raw: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < raw.length; i += 2) if (raw[i]?.toLowerCase() === 'host') n++;
  return n;
}

/**
 * The rate limiter's key for a client address: an IPv4-mapped IPv6 address is its IPv4 address, any other IPv6
 * address counts by its /64 (what one subscriber is usually given), and the IPv6 loopback is the IPv4 one (the same
 * machine). request.ip honours TRUST_PROXY: with no trusted proxy, X-Forwarded-For cannot change who is counted.
 */
export function clientKey(ip: string): string {
  // An IPv4 address is its own key (no colon): the IPv6 parser's regular expression was a tenth of the limiter's cost.
  if (!ip.includes(':')) return ip;
  if (ip === '::1') return '127.0.0.1';
  return normalizeIP(ip, 64);
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Counts a request the lifecycle does not reach (a URL the router cannot decode) against its client's limit. */
    countRequest(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  }
}

export interface ProtectionOptions {
  config: Config;
  /** The app's own start-up and reload self-check, which no client's budget pays for. */
  isSelfCheck: (request: FastifyRequest) => boolean;
}

export default fp(
  async (app: FastifyInstance, { config, isSelfCheck }: ProtectionOptions) => {
    // Every request a client makes counts against its rate limit, refused ones too (404, 405, 414, a bad URL, two
    // Host headers): otherwise guessing URLs or sending junk would be free, and deploy/nginx.conf says they count.
    // So the limiter runs as one hook for all requests, first, rather than per route (@fastify/rate-limit's
    // `global`, which misses the not-found handler and anything refused before it).
    let limit: ((request: FastifyRequest, reply: FastifyReply) => Promise<void>) | undefined;
    if (config.RATE_LIMIT_MAX > 0) {
      const window = describeWindow(config.RATE_LIMIT_WINDOW);
      await app.register(rateLimit, {
        global: false,
        max: config.RATE_LIMIT_MAX,
        timeWindow: /^\d+$/.test(config.RATE_LIMIT_WINDOW)
          ? Number(config.RATE_LIMIT_WINDOW)
          : config.RATE_LIMIT_WINDOW,
        keyGenerator: (request) => clientKey(request.ip),
        allowList: (request) => isSelfCheck(request),
        errorResponseBuilder: (_request, context) =>
          rateLimited(context.max, window, Math.ceil(context.ttl / 1000)),
      });
      const limiter = app.rateLimit();
      limit = (request, reply) =>
        request.routeOptions.config?.rateLimit === false
          ? Promise.resolve()
          : (limiter.call(app, request, reply) as Promise<void>);
    }
    app.decorate('countRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      await limit?.(request, reply);
    });

    /** Why a request is refused before its body is read, if it is. */
    const refusal = (request: FastifyRequest): HttpProblem | undefined => {
      // The API takes no body, whatever its size or shape.
      if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'OPTIONS') {
        return methodNotAllowed(request.method);
      }
      // The target as sent, before an absolute-form one lost its scheme and authority (http/request-target.ts).
      if (request.originalUrl.length > config.MAX_URL_LENGTH) {
        return uriTooLong(request.originalUrl.length, config.MAX_URL_LENGTH);
      }
      // RFC 9112 §3.2: an HTTP/1.1 request with no Host header field or more than one is answered 400 (Node keeps
      // the first; its own check of a missing one, off in app.ts, answered with an empty body).
      const hosts = hostFields(request.raw.rawHeaders);
      if (hosts > 1 || (hosts === 0 && request.raw.httpVersion === '1.1')) return hostCount(hosts);
      return undefined;
    };
    // A callback hook, the limiter's promise its only one: an async hook around it cost another per request. The
    // limiter runs first, so that its 429 wins over a refusal.
    app.addHook('onRequest', (request, reply, done) => {
      const refused = refusal(request);
      if (!limit) return done(refused);
      limit(request, reply).then(() => done(refused), done);
    });

    if (config.MAX_EVENT_LOOP_DELAY_MS > 0) {
      const delay = listeningEventLoopDelay(app);
      await app.register(underPressure, {
        // Not under-pressure's own maxEventLoopDelay: it measures from the plugin's registration, so a start's own work
        // (the self-check renders every default reply, seconds on a large database) would shed the first requests
        // of a server that has no load at all. The delay is measured from when the server listens, by the same
        // method (the mean of a 10 ms-resolution histogram over each second), and fed to under-pressure as its
        // health check, which sheds and makes /readyz say so in the same way.
        healthCheck: async () => delay.sample() <= config.MAX_EVENT_LOOP_DELAY_MS,
        healthCheckInterval: SAMPLE_INTERVAL_MS,
        retryAfter: RETRY_AFTER_OVERLOAD_S,
        exposeStatusRoute: false,
        // Shed requests answer 503 with Retry-After (the central error handler renders the problem). The self-check
        // is never shed: a reload's runs while the server is serving, maybe busy.
        pressureHandler: (request) =>
          isSelfCheck(request) ? undefined : Promise.reject(overloaded(RETRY_AFTER_OVERLOAD_S)),
      });
    }
  },
  { name: 'protection' },
);
