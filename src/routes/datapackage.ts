// /v1/datapackage.json: the API's CSV tables as a Frictionless Tabular Data Package, for data portals to harvest.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { dataPackageOf } from '../presenters/datapackage.ts';
import { datapackageOut } from '../schemas/datapackage.ts';
import { represented } from './content.ts';

export default async function dataPackageRoutes(
  app: FastifyInstance,
  opts: { publicUrl?: string | undefined },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/v1/datapackage.json',
    represented({
      tags: ['sources'],
      operationId: 'getDataPackage',
      summary: 'The CSV tables as a Frictionless Data Package',
      description:
        'A Tabular Data Package (Frictionless Data v1) describing the CSV tables of the API: periods, sources, provinces, every figure, and the exports of each period, each with its Table Schema (types, units, constraints, primary and foreign keys), the licence, the reports and the dataset version. Resource paths are relative to this document unless the server knows its public address.',
      querystring: z.strictObject({}),
      payload: datapackageOut,
      formats: ['json'],
      problems: [400, 406],
      okDescription: 'The data package descriptor.',
    }),
    async (_req, reply) =>
      reply.represent({
        build: (_lang, { store }) => ({ payload: dataPackageOf(store, opts.publicUrl) }),
      }),
  );
}
