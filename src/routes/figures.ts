// /v1/figures: every figure the reports state, one row each, with its quote; filters by province, measure, source
// and period.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { paginate } from '../http/paging.ts';
import { figuresPayload } from '../presenters/figures.ts';
import { metaOf } from '../presenters/present.ts';
import { figuresQuery, figuresResponse } from '../schemas/figures.ts';
import { figureRows } from '../store/queries.ts';
import { represented } from './content.ts';

export default async function figureRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/v1/figures',
    represented({
      tags: ['statistics'],
      operationId: 'listFigures',
      summary: 'Every figure the reports state, with its quote',
      description:
        'One row per stated figure, as the reports state it (both readings of a figure the reports give twice, and combined statements naming several provinces): value, unit, comparator, rounding step and the interval it implies, and the verbatim quote with its line and offsets and a link into the original text. `/v1/exports` shows one reading per province; this list shows them all.',
      querystring: figuresQuery,
      payload: figuresResponse,
      formats: ['json', 'csv', 'jsonstat'],
      problems: [400, 404, 406],
    }),
    async (req, reply) =>
      reply.represent({
        build: (lang, { link, store }) => {
          const q = req.query;
          const { figures, period, sources } = figureRows(store, q, lang);
          const byCode = new Map(store.snapshot.provinces.map((p) => [p.code, p]));
          const paged = paginate(link, figures, q.limit, q.offset);
          const meta = metaOf(period ? { period, sources: [] } : null, lang, sources);
          return {
            payload: figuresPayload(paged.items, lang, byCode, meta, paged.page),
            headers: paged.headers,
          };
        },
      }),
  );
}
