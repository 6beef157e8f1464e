// /v1/periods and /v1/sources: the periods covered and the reports behind every figure, with their original text.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Source } from '../domain/types.ts';
import { publicBase } from '../http/origin.ts';
import { notFound } from '../http/problem.ts';
import { bibtexOf, cslOf } from '../presenters/citation.ts';
import { sourceOf } from '../presenters/present.ts';
import { periodsPayload, sourcePayload, sourcesPayload } from '../presenters/sources.ts';
import { RENDERERS } from '../render/index.ts';
import { bibtexResponse, cslResponse } from '../schemas/citation.ts';
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
import { offered, withFormat } from './content.ts';

export default async function sourceRoutes(
  app: FastifyInstance,
  opts: { store: DataStore; publicUrl?: string | undefined },
) {
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
          payload: periodsPayload(
            store.snapshot.periods,
            store.latestPeriod,
            (id) => store.sourcesOf(id),
            lang,
            store.snapshot.sources,
          ),
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
          payload: sourcesPayload(
            store.snapshot.sources.map((s) => present(s.id)),
            lang,
            store.snapshot.sources,
          ),
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
        querystring: withFormat(sourceQuery, ['json', 'csl', 'bibtex']),
        response: {
          200: {
            description:
              'The report. Its citation as CSL-JSON with `Accept: application/vnd.citationstyles.csl+json` or `?format=csl`, as BibTeX with `Accept: application/x-bibtex` or `?format=bibtex`.',
            content: {
              'application/json': { schema: sourceResponse },
              [RENDERERS.csl.mediaType]: { schema: cslResponse },
              [RENDERERS.bibtex.mediaType]: { schema: bibtexResponse },
            },
          },
          ...problemResponses(400, 404, 406),
        },
      },
    },
    async (req, reply) => {
      // A citation needs an absolute URL: PUBLIC_URL's, else the address the request came to (README, PUBLIC_URL).
      const base = publicBase(req, opts.publicUrl);
      return reply.represent({
        schema: sourceResponse,
        schemas: { csl: cslResponse, bibtex: bibtexResponse },
        dependsOn: base,
        formats: ['json', 'csl', 'bibtex'],
        build: (lang, { format }) => {
          const data = present(req.params.id);
          const period = store.period(data.period.id);
          if (format === 'json')
            return { payload: sourcePayload(data, period, lang, store.snapshot.sources) };
          const source = store.source(req.params.id)?.source as Source;
          const path = `/v1/sources/${encodeURIComponent(source.id)}`;
          const context = {
            period,
            apiUrl: `${base ?? ''}${path}`,
            datasetVersion: store.version,
          };
          return {
            payload: format === 'csl' ? [cslOf(source, context)] : bibtexOf(source, context),
            headers: { 'content-language': source.language },
          };
        },
      });
    },
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
