// Protection against abuse and overload: URL length bound, per-client rate limit, load shedding under pressure.
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { methodNotAllowed, overloaded, rateLimited, uriTooLong } from '../http/problem.ts';

/** Route config for probes: they keep answering under pressure and are not rate limited. */
export const PROBE_ROUTE_CONFIG = { rateLimit: false, pressureHandler: () => undefined } as const;

const RETRY_AFTER_OVERLOAD_S = 5;

/** RATE_LIMIT_WINDOW as a reader says it: "1 minute" as written, 60000 (milliseconds) as "60 seconds". */
export function describeWindow(window: string): string {
  if (!/^\d+$/.test(window)) return window;
  const ms = Number(window);
  if (ms % 1000 !== 0) return `${ms} ms`;
  return ms === 1000 ? '1 second' : `${ms / 1000} seconds`;
}

export interface ProtectionOptions {
  config: Config;
  /** The app's own start-up and reload self-check, which no client's budget pays for. */
  isSelfCheck: (request: FastifyRequest) => boolean;
}

export default fp(
  async (app: FastifyInstance, { config, isSelfCheck }: ProtectionOptions) => {
    app.addHook('onRequest', (request, _reply, done) => {
      // Refused before the body is read: the API takes none, whatever its size or shape.
      if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'OPTIONS') {
        done(methodNotAllowed(request.method));
      } else if (request.url.length > config.MAX_URL_LENGTH) {
        done(uriTooLong(request.url.length, config.MAX_URL_LENGTH));
      } else {
        done();
      }
    });

    if (config.RATE_LIMIT_MAX > 0) {
      const window = describeWindow(config.RATE_LIMIT_WINDOW);
      await app.register(rateLimit, {
        global: true,
        max: config.RATE_LIMIT_MAX,
        timeWindow: /^\d+$/.test(config.RATE_LIMIT_WINDOW)
          ? Number(config.RATE_LIMIT_WINDOW)
          : config.RATE_LIMIT_WINDOW,
        // request.ip honours TRUST_PROXY: with no trusted proxy, X-Forwarded-For cannot change who is counted.
        keyGenerator: (request) => request.ip,
        allowList: (request) => isSelfCheck(request),
        errorResponseBuilder: (_request, context) =>
          rateLimited(context.max, window, Math.ceil(context.ttl / 1000)),
      });
    }

    if (config.MAX_EVENT_LOOP_DELAY_MS > 0) {
      await app.register(underPressure, {
        maxEventLoopDelay: config.MAX_EVENT_LOOP_DELAY_MS,
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
