// /v1/periods and /v1/sources: the periods covered and the reports behind every figure, with their original text.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { notFound } from '../http/problem.ts';
import { problemResponses } from '../schemas/problem.ts';
import {
  periodsQuery,
  periodsResponse,
  sourceParams,
  sourceQuery,
  sourceResponse,
  sourcesQuery,
  sourcesResponse,
  sourceText,
  sourceTextQuery,
} from '../schemas/sources.ts';
import type { DataStore } from '../store/data-store.ts';
import { metaOf, periodOf, sourceOf, sourceRefOf } from '../views/present.ts';
import { offered, withFormat } from './content.ts';

export default async function sourceRoutes(app: FastifyInstance, opts: { store: DataStore }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = opts;

  const present = (id: string) => {
    // Looked up and counted by the store once per snapshot: /v1/sources presents every source.
    const found = store.source(id);
    if (!found) throw notFound(`No source has the id "${id}". The list is at /v1/sources.`);
    const { source, figures, notes } = found;
    return sourceOf(source, store.period(source.periodId), { figures, notes });
  };

  r.get(
    '/v1/periods',
    {
      schema: {
        tags: ['sources'],
        operationId: 'listPeriods',
        summary: 'Periods the data covers',
        description:
          'Every period with the reports that cover it, oldest first. The latest is the default `period` of the data routes.',
        querystring: withFormat(periodsQuery),
        response: { 200: offered(periodsResponse), ...problemResponses(400, 406) },
      },
    },
    async (_req, reply) =>
      reply.represent({
        schema: periodsResponse,
        build: (lang) => ({
          payload: {
            data: store.snapshot.periods.map((p) => ({
              ...periodOf(p),
              latest: p === store.latestPeriod,
              sources: store.sourcesOf(p.id).map(sourceRefOf),
            })),
            meta: metaOf(null, lang, store.snapshot.sources),
          },
        }),
      }),
  );

  r.get(
    '/v1/sources',
    {
      schema: {
        tags: ['sources'],
        operationId: 'listSources',
        summary: 'Reports the data comes from',
        description:
          'Metadata of every report: titles, publisher, data owner, period, and the sha256 of its original text.',
        querystring: withFormat(sourcesQuery),
        response: { 200: offered(sourcesResponse), ...problemResponses(400, 406) },
      },
    },
    async (_req, reply) =>
      reply.represent({
        schema: sourcesResponse,
        build: (lang) => ({
          payload: {
            data: store.snapshot.sources.map((s) => present(s.id)),
            meta: metaOf(null, lang, store.snapshot.sources),
          },
        }),
      }),
  );

  r.get(
    '/v1/sources/:id',
    {
      schema: {
        tags: ['sources'],
        operationId: 'getSource',
        summary: 'One report',
        description: 'Metadata of one report. Unknown facts (publication date, URL) are null.',
        params: sourceParams,
        querystring: withFormat(sourceQuery),
        response: { 200: offered(sourceResponse), ...problemResponses(400, 404, 406) },
      },
    },
    async (req, reply) =>
      reply.represent({
        schema: sourceResponse,
        build: (lang) => {
          const data = present(req.params.id);
          return {
            payload: {
              data,
              meta: metaOf(
                { period: store.period(data.period.id), sources: [] },
                lang,
                store.snapshot.sources.filter((s) => s.id === data.id),
              ),
            },
          };
        },
      }),
  );

  r.get(
    '/v1/sources/:id/text',
    {
      schema: {
        tags: ['sources'],
        operationId: 'getSourceText',
        summary: 'The original text of a report',
        description:
          'The report exactly as published (UTF-8). Quote offsets elsewhere in the API count Unicode code points in this text.',
        params: sourceParams,
        querystring: sourceTextQuery,
        response: {
          200: offered(sourceText, ['text'], 'The original text.'),
          ...problemResponses(400, 404, 406),
        },
      },
    },
    async (req, reply) =>
      reply.represent({
        schema: sourceText,
        formats: ['text'],
        build: () => {
          const source = store.snapshot.sources.find((s) => s.id === req.params.id);
          if (!source) throw notFound(`No source has the id "${req.params.id}". The list is at /v1/sources.`);
          return { payload: source.text, headers: { 'content-language': source.language } };
        },
      }),
  );
}
