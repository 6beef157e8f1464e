// /v1/schemas/report.json: the JSON Schema of the report dataset format, generated from its Zod schema.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { reportDatasetShape } from '../schemas/report-dataset.ts';
import { represented } from './content.ts';

/** The dataset format as JSON Schema (draft 2020-12), for editors to check a file before importing it. */
export function reportJsonSchema(): Record<string, unknown> {
  return {
    $id: '/v1/schemas/report.json',
    title: 'nano-exports-api report dataset',
    description:
      'One report: its metadata, its original text (inline or as a file beside it), its figures with quotes, and its notes. Import with `npm run import -- FILE`. The importer also checks what a schema cannot: every quote at its offsets in the text, the sha256 of the text, province codes and value ranges.',
    ...z.toJSONSchema(reportDatasetShape, { io: 'input', target: 'draft-2020-12' }),
  };
}

export default async function schemaRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const schema = reportJsonSchema();
  r.get(
    '/v1/schemas/report.json',
    represented({
      tags: ['sources'],
      operationId: 'getReportSchema',
      summary: 'JSON Schema of the report dataset format',
      description:
        'The format `npm run import` takes, as JSON Schema draft 2020-12, generated from the same Zod schema the importer validates with.',
      querystring: z.strictObject({}),
      payload: z.record(z.string(), z.unknown()).meta({ description: 'A JSON Schema document.' }),
      formats: ['schema'],
      problems: [400, 406],
      okDescription: 'The JSON Schema.',
    }),
    async (_req, reply) =>
      reply.represent({
        build: () => ({ payload: schema }),
      }),
  );
}
