// /v1/provinces: the 31 provinces, found by any spelling, with their figures, notes and quotes.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { normalizeName } from '../domain/names.ts';
import type { Lang, Province } from '../domain/types.ts';
import { paginate } from '../http/paging.ts';
import { historyPayload, provinceDetailPayload, provincesPayload } from '../presenters/provinces.ts';
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
import { offered, withFormat } from './content.ts';
import { provinceNamed } from './province-lookup.ts';

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
          return { payload: provincesPayload(view, paged.items, lang, paged.page), headers: paged.headers };
        },
      }),
  );

  const findProvince = (name: string, lang: Lang): Province =>
    provinceNamed(store, name, lang, { in: 'path' });

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
          const province = findProvince(req.params.province, lang);
          return provinceDetailPayload(view, province, lang);
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
          return historyPayload(views, province, lang, store.snapshot.sources);
        },
      }),
  );
}
