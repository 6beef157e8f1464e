// Liveness and readiness probes for load balancers and orchestrators.

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DatabaseHolder } from '../db/client.ts';
import { hotJournal } from '../db/prepare.ts';
import { PROBE_ROUTE_CONFIG } from '../plugins/protection.ts';
import { healthResponse, readyResponse } from '../schemas/health.ts';

export default async function healthRoutes(app: FastifyInstance, opts: { database: DatabaseHolder }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/healthz',
    {
      config: PROBE_ROUTE_CONFIG,
      schema: {
        tags: ['operations'],
        operationId: 'getHealth',
        summary: 'Liveness: the process is up',
        description: 'Answers 200 as long as the process runs. It does not touch the database.',
        response: { 200: healthResponse },
      },
    },
    async (_req, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' as const }),
  );
  r.get(
    '/readyz',
    {
      config: PROBE_ROUTE_CONFIG,
      schema: {
        tags: ['operations'],
        operationId: 'getReadiness',
        summary: 'Readiness: the database answers',
        description:
          'Answers 200 when the database answers a query, has no hot journal beside it (left by an interrupted write) and the server is not overloaded; 503 otherwise.',
        response: { 200: readyResponse, 503: readyResponse },
      },
    },
    async (_req, reply) => {
      // The data is trusted while its file reads (a query touching a table) and no interrupted write left a hot
      // journal beside it: such a file is one a restart could not serve.
      let ok = false;
      try {
        const client = opts.database.current.$client;
        ok =
          client.prepare('SELECT COUNT(*) AS n FROM sources').get() !== undefined && !hotJournal(client.name);
      } catch {
        ok = false;
      }
      const overloaded = app.isUnderPressure?.() ?? false;
      const ready = ok && !overloaded;
      return reply
        .code(ready ? 200 : 503)
        .header('cache-control', 'no-store')
        .send({
          status: ready ? ('ready' as const) : ('not-ready' as const),
          database: ok ? ('ok' as const) : ('unavailable' as const),
          load: overloaded ? ('overloaded' as const) : ('ok' as const),
          sources: app.store.snapshot.sources.length,
        });
    },
  );
}
