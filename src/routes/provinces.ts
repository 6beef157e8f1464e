// /v1/provinces: the 31 provinces, found by any spelling, with their figures, notes and quotes.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { normalizeName } from '../domain/names.ts';
import { paginate } from '../http/paging.ts';
import { historyPayload, provinceDetailPayload, provincesPayload } from '../presenters/provinces.ts';
import {
  historyQuery,
  historyResponse,
  provinceDetailQuery,
  provinceDetailResponse,
  provinceParams,
  provincesQuery,
  provincesResponse,
} from '../schemas/provinces.ts';
import { provinceOrThrow } from '../store/queries.ts';
import { represented } from './content.ts';

export default async function provinceRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/v1/provinces',
    represented({
      tags: ['provinces'],
      operationId: 'listProvinces',
      summary: 'All 31 provinces',
      description:
        'Every province of Iran with its ISO 3166-2 code, names in English, Persian and Arabic, and whether the reports of the period mention it. `q` matches any spelling, folding case, diacritics, hamza, Arabic/Persian letters and ZWNJ.',
      querystring: provincesQuery,
      payload: provincesResponse,
      problems: [400, 404, 406],
    }),
    async (req, reply) =>
      reply.represent({
        build: (lang, { link, store }) => {
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

  r.get(
    '/v1/provinces/:province',
    represented({
      tags: ['provinces'],
      operationId: 'getProvince',
      summary: 'One province, by code, slug or any spelling of its name',
      description:
        'Finds the province by ISO code (any case), slug, or any spelling in Persian, Arabic or English (with or without hamza or diacritics, Arabic or Persian ya and kaf, ZWNJ or spaces, any case), and returns it with its figures, notes and quotes for the period. An unknown name gets a 404 whose `suggestions` list the closest provinces.',
      params: provinceParams,
      querystring: provinceDetailQuery,
      payload: provinceDetailResponse,
      problems: [400, 404, 406],
    }),
    async (req, reply) =>
      reply.represent({
        build: (lang, { store }) => {
          const view = store.view(req.query.period);
          const province = provinceOrThrow(store, req.params.province, lang, { in: 'path' });
          return provinceDetailPayload(view, province, lang);
        },
      }),
  );

  r.get(
    '/v1/provinces/:province/history',
    represented({
      tags: ['provinces'],
      operationId: 'getProvinceHistory',
      summary: "A province's value, share and rank in every period",
      description:
        'One point per period, oldest first, each with its figures and their provenance, and the change from the previous period as a derived figure (absolute and percent; null where either side is unknown).',
      params: provinceParams,
      querystring: historyQuery,
      payload: historyResponse,
      formats: ['json', 'csv', 'jsonstat'],
      problems: [400, 404, 406],
    }),
    async (req, reply) =>
      reply.represent({
        build: (lang, { store }) => {
          const province = provinceOrThrow(store, req.params.province, lang, { in: 'path' });
          const views = store.snapshot.periods.map((p) => store.view(p.id));
          return historyPayload(views, province, lang, store.snapshot.sources);
        },
      }),
  );
}
