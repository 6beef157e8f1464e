// Configuration from environment variables, validated once at start with Zod.
import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from './paths.ts';

const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);

export const configSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: int(3000, 0, 65535),
  DATABASE_PATH: z
    .string()
    .min(1)
    .default(path.join(PROJECT_ROOT, 'data', 'nano-exports.sqlite')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Log every request and response (Fastify's access log). */
  LOG_REQUESTS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Seconds clients and shared caches may reuse a response before revalidating it with its ETag. */
  CACHE_MAX_AGE: int(300, 0, 31_536_000),
  /** Rendered responses kept in memory (one per distinct normalized request). */
  RESPONSE_CACHE_ENTRIES: int(1000, 1, 1_000_000),
  /**
   * Bytes the cached responses may take (each counts its body plus 1 KiB): the bound that matters when entries differ
   * in size (a 1,000-figure page is about 2 MB). A body larger than this is rendered for each request instead of kept.
   */
  RESPONSE_CACHE_MAX_BYTES: int(64 * 1024 * 1024, 16 * 1024, 2 ** 40),
  /** Public base URL: the server in the OpenAPI document, and the base of absolute URLs (citations, data package). */
  PUBLIC_URL: z.url().optional(),
  /** Build the database from seed/ when DATABASE_PATH is missing (off in the container, which ships its database). */
  DATABASE_BUILD_IF_MISSING: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Requests per client per RATE_LIMIT_WINDOW; 0 turns rate limiting off. */
  RATE_LIMIT_MAX: int(600, 0, 1_000_000),
  /** The rate-limit window, e.g. "1 minute", "30 seconds" or a number of milliseconds. */
  RATE_LIMIT_WINDOW: z
    .string()
    .regex(
      /^\d+( ?(ms|s|sec|second|seconds|m|min|minute|minutes|h|hour|hours))?$/,
      'must be like "1 minute" or 60000',
    )
    .default('1 minute'),
  /**
   * Whose X-Forwarded-For to believe: "false" (nobody: the socket address is the client), "true" (anybody), a number
   * of proxy hops, or a comma-separated list of proxy addresses/CIDRs.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v): boolean | number | string =>
      v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v,
    ),
  /** Longest a request may take to arrive in full (ms). */
  REQUEST_TIMEOUT_MS: int(10_000, 1, 600_000),
  /** Longest the request headers may take to arrive (ms); at most REQUEST_TIMEOUT_MS. */
  HEADERS_TIMEOUT_MS: int(10_000, 1, 600_000),
  /** How long an idle keep-alive connection stays open (ms); above a proxy's idle timeout (often 60 s). */
  KEEP_ALIVE_TIMEOUT_MS: int(72_000, 1, 600_000),
  /** Event-loop delay (ms) above which requests are shed with 503; 0 turns load shedding off. */
  MAX_EVENT_LOOP_DELAY_MS: int(1000, 0, 60_000),
  /** Longest URL accepted (characters); longer ones get 414. */
  MAX_URL_LENGTH: int(2048, 64, 65_536),
});

export type Config = z.infer<typeof configSchema>;

/** Reads the environment; a bad value stops the start with one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${issues}`);
  }
  return parsed.data;
}

/** Configuration for tests and tools: the defaults, with overrides. */
export const testConfig = (overrides: Partial<Config> = {}): Config => ({
  ...configSchema.parse({}),
  LOG_LEVEL: 'silent',
  // A 200 must not depend on how busy the machine is; load shedding is tested with its own threshold.
  MAX_EVENT_LOOP_DELAY_MS: 0,
  ...overrides,
});
