// /v1/periods and /v1/sources: the periods covered and the reports behind every figure, with their original text.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { publicBase } from '../http/origin.ts';
import { bibtexOf, cslOf } from '../presenters/citation.ts';
import { periodsPayload, presentSource, sourcePayload, sourcesPayload } from '../presenters/sources.ts';
import { bibtexResponse, cslResponse } from '../schemas/citation.ts';
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
import { sourceOrThrow } from '../store/queries.ts';
import { represented } from './content.ts';

export default async function sourceRoutes(app: FastifyInstance, opts: { publicUrl?: string | undefined }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/v1/periods',
    represented({
      tags: ['sources'],
      operationId: 'listPeriods',
      summary: 'Periods the data covers',
      description:
        'Every period with the reports that cover it, oldest first. The latest is the default `period` of the data routes.',
      querystring: periodsQuery,
      payload: periodsResponse,
      problems: [400, 406],
    }),
    async (_req, reply) =>
      reply.represent({
        build: (lang, { store }) => ({
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
    represented({
      tags: ['sources'],
      operationId: 'listSources',
      summary: 'Reports the data comes from',
      description:
        'Metadata of every report: titles, publisher, data owner, period, and the sha256 of its original text.',
      querystring: sourcesQuery,
      payload: sourcesResponse,
      problems: [400, 406],
    }),
    async (_req, reply) =>
      reply.represent({
        build: (lang, { store }) => ({
          payload: sourcesPayload(
            store.snapshot.sources.map((s) => presentSource(store, s.id)),
            lang,
            store.snapshot.sources,
          ),
        }),
      }),
  );

  r.get(
    '/v1/sources/:id',
    represented({
      tags: ['sources'],
      operationId: 'getSource',
      summary: 'One report',
      description: 'Metadata of one report. Unknown facts (publication date, URL) are null.',
      params: sourceParams,
      querystring: sourceQuery,
      payload: sourceResponse,
      payloads: { csl: cslResponse, bibtex: bibtexResponse },
      formats: ['json', 'csl', 'bibtex'],
      okDescription:
        'The report. Its citation as CSL-JSON with `Accept: application/vnd.citationstyles.csl+json` or `?format=csl`, as BibTeX with `Accept: application/x-bibtex` or `?format=bibtex`.',
    }),
    async (req, reply) => {
      // A citation needs an absolute URL: PUBLIC_URL's, else the address the request came to (README, PUBLIC_URL).
      const base = publicBase(req, opts.publicUrl);
      return reply.represent({
        dependsOn: base,
        build: (lang, { format, store }) => {
          const data = presentSource(store, req.params.id);
          const period = store.period(data.period.id);
          if (format === 'json')
            return { payload: sourcePayload(data, period, lang, store.snapshot.sources) };
          const { source } = sourceOrThrow(store, req.params.id, { in: 'path' });
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
    represented({
      tags: ['sources'],
      operationId: 'getSourceText',
      summary: 'The original text of a report',
      description:
        'The report exactly as published (UTF-8). Quote offsets elsewhere in the API count Unicode code points in this text.',
      params: sourceParams,
      querystring: sourceTextQuery,
      payload: sourceText,
      formats: ['text'],
      okDescription: 'The original text.',
    }),
    async (req, reply) =>
      reply.represent({
        build: (_lang, { store }) => {
          const { source } = sourceOrThrow(store, req.params.id, { in: 'path' });
          return { payload: source.text, headers: { 'content-language': source.language } };
        },
      }),
  );
}
