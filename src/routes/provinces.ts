// /v1/provinces: the 31 provinces, found by any spelling, with their figures, notes and quotes.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { coverageOf, emptyRow } from '../domain/coverage.ts';
import { provinceHistory } from '../domain/history.ts';
import { normalizeName } from '../domain/names.ts';
import type { Lang, Province } from '../domain/types.ts';
import { paginate } from '../http/paging.ts';
import { notFound } from '../http/problem.ts';
import { provinceRef } from '../schemas/common.ts';
import { exportRow } from '../schemas/exports.ts';
import { problemResponses } from '../schemas/problem.ts';
import {
  historyQuery,
  historyResponse,
  provinceDetailQuery,
  provinceDetailResponse,
  provinceParams,
  provincesQuery,
  provincesResponse,
} from '../schemas/provinces.ts';
import type { DataStore } from '../store/data-store.ts';
import {
  exportRowOf,
  figureRefOf,
  metaOf,
  noteOf,
  periodOf,
  provinceOf,
  provinceRefOf,
  sourceRefOf,
} from '../views/present.ts';
import { offered, withFormat } from './content.ts';

export default async function provinceRoutes(app: FastifyInstance, opts: { store: DataStore }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = opts;

  r.get(
    '/v1/provinces',
    {
      schema: {
        tags: ['provinces'],
        operationId: 'listProvinces',
        summary: 'All 31 provinces',
        description:
          'Every province of Iran with its ISO 3166-2 code, names in English, Persian and Arabic, and whether the reports of the period mention it. `q` matches any spelling, folding case, diacritics, hamza, Arabic/Persian letters and ZWNJ.',
        querystring: withFormat(provincesQuery),
        response: { 200: offered(provincesResponse), ...problemResponses(400, 404, 406) },
      },
    },
    async (req, reply) =>
      reply.represent({
        schema: provincesResponse,
        build: (lang, { link }) => {
          const { inReport, q, limit, offset, period } = req.query;
          const view = store.view(period);
          const needle = q === undefined ? '' : normalizeName(q);
          const exact = q === undefined ? undefined : store.index.find(q);
          const items = store.snapshot.provinces.filter((p) => {
            if (inReport !== undefined && view.mentioned.has(p.code) !== inReport) return false;
            if (q === undefined) return true;
            if (exact) return p === exact;
            const spellings = [
              p.names.en,
              p.names.fa,
              p.names.ar,
              p.isoName,
              p.slug,
              ...p.aliases.map((a) => a.alias),
            ];
            return needle !== '' && spellings.some((s) => normalizeName(s).includes(needle));
          });
          const paged = paginate(link, items, limit, offset);
          return {
            payload: {
              data: paged.items.map((p) => provinceOf(p, lang, view)),
              meta: { ...metaOf(view, lang), page: paged.page },
            },
            headers: paged.headers,
          };
        },
      }),
  );

  /** The province a path names, or a 404 problem suggesting the closest ones. */
  const findProvince = (name: string, lang: Lang): Province => {
    const province = store.index.find(name);
    if (province) return province;
    const suggestions = store.index.suggest(name).map((s) => provinceRefOf(s.province, lang));
    const hint = suggestions.length ? ` Did you mean ${suggestions.map((s) => s.name).join(', ')}?` : '';
    throw notFound(`No province matches "${name}".${hint} The list is at /v1/provinces.`, { suggestions });
  };

  r.get(
    '/v1/provinces/:province',
    {
      schema: {
        tags: ['provinces'],
        operationId: 'getProvince',
        summary: 'One province, by code, slug or any spelling of its name',
        description:
          'Finds the province by ISO code (any case), slug, or any spelling in Persian, Arabic or English (with or without hamza or diacritics, Arabic or Persian ya and kaf, ZWNJ or spaces, any case), and returns it with its figures, notes and quotes for the period. An unknown name gets a 404 whose `suggestions` list the closest provinces.',
        params: provinceParams,
        querystring: withFormat(provinceDetailQuery),
        response: { 200: offered(provinceDetailResponse), ...problemResponses(400, 404, 406) },
      },
    },
    async (req, reply) =>
      reply.represent({
        schema: provinceDetailResponse,
        build: (lang) => {
          const view = store.view(req.query.period);
          const province = store.index.find(req.params.province);
          if (!province) {
            const suggestions = store.index
              .suggest(req.params.province)
              .map((s) => provinceRefOf(s.province, lang));
            const hint = suggestions.length
              ? ` Did you mean ${suggestions.map((s) => s.name).join(', ')}?`
              : '';
            throw notFound(
              `No province matches "${req.params.province}".${hint} The list is at /v1/provinces.`,
              { suggestions },
            );
          }
          const row = view.rows.find((x) => x.province === province);
          return {
            csv: { filename: `provinces-${province.slug}-${view.period.id}.csv` },
            payload: {
              data: {
                ...provinceOf(province, lang, view),
                exports: row ? exportRowOf(row, lang) : null,
                figures: view.figures.filter((f) => f.provinces.includes(province.code)).map(figureRefOf),
                notes: view.notes.filter((n) => n.province === province.code).map(noteOf),
              },
              meta: metaOf(view, lang),
            },
          };
        },
      }),
  );

  r.get(
    '/v1/provinces/:province/history',
    {
      schema: {
        tags: ['provinces'],
        operationId: 'getProvinceHistory',
        summary: "A province's value, share and rank in every period",
        description:
          'One point per period, oldest first, each with its figures and their provenance, and the change from the previous period as a derived figure (absolute and percent; null where either side is unknown).',
        params: provinceParams,
        querystring: withFormat(historyQuery),
        response: { 200: offered(historyResponse), ...problemResponses(400, 404, 406) },
      },
    },
    async (req, reply) =>
      reply.represent({
        schema: historyResponse,
        build: (lang) => {
          const province = findProvince(req.params.province, lang);
          const views = store.snapshot.periods.map((p) => store.view(p.id));
          const points = provinceHistory(
            views.map((v) => ({ periodId: v.period.id, rows: v.rows })),
            province.code,
          );
          const data = {
            province: provinceRefOf(province, lang),
            points: points.map((point, i) => {
              const view = views[i] as (typeof views)[number];
              return {
                period: periodOf(view.period),
                sources: view.sources.map(sourceRefOf),
                coverage: coverageOf(view, province.code),
                exports: point.row ? exportRowOf(point.row, lang) : null,
                change: {
                  basis: 'derived' as const,
                  method: HISTORY_METHOD,
                  fromPeriod: point.previousPeriodId,
                  ...point.change,
                },
              };
            }),
          };
          return {
            payload: { data, meta: metaOf(null, lang, store.snapshot.sources) },
            // The CSV: one row per period.
            csv: {
              items: data.points.map((point, i) => {
                const view = views[i] as (typeof views)[number];
                const row =
                  view.rows.find((x) => x.province === province) ?? emptyRow(province, view.period.id);
                const {
                  province: _p,
                  period: _q,
                  ...figures
                } = exportRowOf(row, lang, coverageOf(view, province.code));
                return {
                  period: point.period.id,
                  periodLabel: point.period.label,
                  province: data.province,
                  sources: point.sources.map((s) => s.id),
                  ...figures,
                  change: point.change,
                };
              }),
              schema: historyCsvRow,
              filename: `provinces-${province.slug}-history.csv`,
            },
          };
        },
      }),
  );
}

const historyPoint = historyResponse.shape.data.shape.points.element.shape;

/** One row per period of a province's history. */
const historyCsvRow = z.strictObject({
  period: historyPoint.period.shape.id,
  periodLabel: historyPoint.period.shape.label,
  province: provinceRef,
  sources: z.array(z.string()),
  ...exportRow.omit({ province: true, period: true }).shape,
  change: historyPoint.change,
});

const HISTORY_METHOD =
  'absolute = this period − the previous period; percent = absolute ÷ the previous period × 100 (2 decimals), each from the figures shown by the reading rule';
