// Configuration from environment variables, validated once at start with Zod.
import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from './paths.js';

const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);

export const configSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: int(3000, 0, 65535),
  DATABASE_PATH: z
    .string()
    .min(1)
    .default(path.join(PROJECT_ROOT, 'data', 'nano-exports.sqlite')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Seconds clients and shared caches may reuse a response before revalidating it with its ETag. */
  CACHE_MAX_AGE: int(300, 0, 31_536_000),
  /** Rendered responses kept in memory (one per distinct normalized request). */
  RESPONSE_CACHE_ENTRIES: int(1000, 1, 1_000_000),
  /** Public base URL, shown as the server in the OpenAPI document. */
  PUBLIC_URL: z.url().optional(),
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
  ...overrides,
});
