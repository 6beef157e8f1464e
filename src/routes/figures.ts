// /v1/figures: every figure the reports state, one row each, with its quote; filters by province, measure, source
// and period.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { paginate } from '../http/paging.ts';
import { badParameter } from '../http/problem.ts';
import { figuresPayload } from '../presenters/figures.ts';
import { metaOf } from '../presenters/present.ts';
import { figuresQuery, figuresResponse } from '../schemas/figures.ts';
import { problemResponses } from '../schemas/problem.ts';
import type { DataStore } from '../store/data-store.ts';
import { offered, withFormat } from './content.ts';
import { provinceNamed } from './province-lookup.ts';

export default async function figureRoutes(app: FastifyInstance, opts: { store: DataStore }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = opts;

  r.get(
    '/v1/figures',
    {
      schema: {
        tags: ['statistics'],
        operationId: 'listFigures',
        summary: 'Every figure the reports state, with its quote',
        description:
          'One row per stated figure, as the reports state it (both readings of a figure the reports give twice, and combined statements naming several provinces): value, unit, comparator, rounding step and the interval it implies, and the verbatim quote with its line and offsets and a link into the original text. `/v1/exports` shows one reading per province; this list shows them all.',
        querystring: withFormat(figuresQuery),
        response: { 200: offered(figuresResponse), ...problemResponses(400, 404, 406) },
      },
    },
    async (req, reply) =>
      reply.represent({
        schema: figuresResponse,
        build: (lang, { link }) => {
          const q = req.query;
          const period = q.period === undefined ? null : store.period(q.period);
          let province: string | null = null;
          if (q.province !== undefined) {
            province = provinceNamed(store, q.province, lang, { in: 'query', parameter: 'province' }).code;
          }
          if (q.source !== undefined && !store.snapshot.sources.some((s) => s.id === q.source)) {
            throw badParameter('source', `no source has the id "${q.source}"; the list is at /v1/sources`);
          }
          const order = new Map(store.snapshot.periods.map((p, i) => [p.id, i]));
          const figures = store.snapshot.figures
            .filter(
              (f) =>
                (period === null || f.periodId === period.id) &&
                (province === null || f.provinces.includes(province)) &&
                (q.measure === undefined || f.measure === q.measure) &&
                (q.source === undefined || f.sourceId === q.source),
            )
            .map((f, i) => ({ f, i }))
            .sort((a, b) => (order.get(a.f.periodId) ?? 0) - (order.get(b.f.periodId) ?? 0) || a.i - b.i)
            .map(({ f }) => f);
          const byCode = new Map(store.snapshot.provinces.map((p) => [p.code, p]));
          const paged = paginate(link, figures, q.limit, q.offset);
          const sourceIds = new Set(figures.map((f) => f.sourceId));
          const meta = metaOf(
            period ? { period, sources: [] } : null,
            lang,
            store.snapshot.sources.filter((s) => sourceIds.has(s.id)),
          );
          return {
            payload: figuresPayload(paged.items, lang, byCode, meta, paged.page),
            headers: paged.headers,
          };
        },
      }),
  );
}
