// Protection against abuse and overload: URL length bound, per-client rate limit, load shedding under pressure.

import { monitorEventLoopDelay } from 'node:perf_hooks';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { methodNotAllowed, rateLimited, uriTooLong } from '../http/problem.ts';

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
        // Shed requests answer 503 with Retry-After; the central error handler renders the problem.
      });
    }
  },
  { name: 'protection' },
);
