// Contracts of the liveness and readiness probes.
import { z } from 'zod';

export const healthResponse = z
  .strictObject({ status: z.literal('ok').meta({ description: 'The process is alive.', examples: ['ok'] }) })
  .meta({ id: 'Health' });

export const readyResponse = z
  .strictObject({
    status: z
      .enum(['ready', 'not-ready'])
      .meta({ description: 'Whether the server can answer data requests.', examples: ['ready'] }),
    database: z
      .enum(['ok', 'unavailable'])
      .meta({ description: 'Whether the database answers a query.', examples: ['ok'] }),
    load: z.enum(['ok', 'overloaded']).meta({
      description: 'Whether the event loop is saturated (requests are then shed with 503).',
      examples: ['ok'],
    }),
    sources: z.int().meta({ description: 'Reports loaded.', examples: [1] }),
  })
  .meta({ id: 'Ready' });
