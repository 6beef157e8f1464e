// /v1/exports, /v1/rankings, /v1/shares, /v1/summary, /v1/checks: the figures of a period and what they imply.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { coverageOf, emptyRow } from '../domain/coverage.ts';
import { type ProvinceStats, READING_RULE } from '../domain/statistics.ts';
import type { Lang, Province } from '../domain/types.ts';
import { paginate } from '../http/paging.ts';
import {
  checksPayload,
  exportsPayload,
  rankingsPayload,
  sharesPayload,
  summaryPayload,
} from '../presenters/statistics.ts';
import {
  CHECK_RESULT_RULE,
  checksQuery,
  checksResponse,
  sharesQuery,
  sharesResponse,
  summaryQuery,
  summaryResponse,
} from '../schemas/analysis.ts';
import {
  type ExportsQuery,
  exportsQuery,
  exportsResponse,
  rankingsQuery,
  rankingsResponse,
} from '../schemas/exports.ts';
import { problemResponses } from '../schemas/problem.ts';
import type { DataStore } from '../store/data-store.ts';
import { offered, withFormat } from './content.ts';
import { provinceNamed } from './province-lookup.ts';

type SortKey = ExportsQuery['sort'];

/** Sorts rows by a key; unknown values always last, whatever the direction. */
export function sortRows(rows: ProvinceStats[], sort: SortKey): ProvinceStats[] {
  const desc = sort.startsWith('-');
  const key = (desc ? sort.slice(1) : sort) as 'rank' | 'valueUsd' | 'sharePercent' | 'name' | 'code';
  const value = (r: ProvinceStats): number | string | null =>
    key === 'name' ? r.province.names.en : key === 'code' ? r.province.code : r[key];
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === vb ? 0 : va === null ? 1 : -1;
    const cmp = typeof va === 'string' ? va.localeCompare(String(vb)) : va - (vb as number);
    return (desc ? -cmp : cmp) || a.province.code.localeCompare(b.province.code);
  });
}

export default async function statisticsRoutes(app: FastifyInstance, opts: { store: DataStore }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = opts;

  const provinceList = (list: string | undefined, lang: Lang): Set<Province> | null => {
    if (list === undefined) return null;
    const found = new Set<Province>();
    for (const item of list
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      found.add(provinceNamed(store, item, lang, { in: 'query', parameter: 'province' }));
    }
    return found;
  };

  r.get(
    '/v1/exports',
    {
      schema: {
        tags: ['statistics'],
        operationId: 'listExports',
        summary: 'Export value, share and rank of each province',
        description: `One row per province that the reports of the period give any figure for; with \`province\` or \`coverage\`, provinces without figures too, their figures null and \`coverage\` saying why. Each of \`valueUsd\`, \`sharePercent\` and \`rank\` says in \`provenance\` whether it is reported (with its quote), derived (with its method) or unknown (null, with bounds where the ranking gives them). ${READING_RULE}`,
        querystring: withFormat(exportsQuery),
        response: { 200: offered(exportsResponse), ...problemResponses(400, 404, 406) },
      },
    },
    async (req, reply) =>
      reply.represent({
        schema: exportsResponse,
        build: (lang, { link }) => {
          const q = req.query;
          const view = store.view(q.period);
          const only = provinceList(q.province, lang);
          const wanted = q.coverage === undefined ? null : new Set(q.coverage.split(','));
          // With a province or coverage filter, provinces without figures are rows too (null figures, and why).
          const candidates =
            only === null && wanted === null
              ? view.rows
              : store.snapshot.provinces.map(
                  (p) => view.rows.find((row) => row.province === p) ?? emptyRow(p, view.period.id),
                );
          const within = (v: number | null, min?: number, max?: number) =>
            (min === undefined && max === undefined) ||
            (v !== null && (min === undefined || v >= min) && (max === undefined || v <= max));
          const rows = candidates.filter(
            (row) =>
              (only === null || only.has(row.province)) &&
              (wanted === null || wanted.has(coverageOf(view, row.province.code))) &&
              within(row.valueUsd, q.minValueUsd, q.maxValueUsd) &&
              within(row.sharePercent, q.minShare, q.maxShare) &&
              within(row.rank, q.minRank, q.maxRank),
          );
          const paged = paginate(link, sortRows(rows, q.sort), q.limit, q.offset);
          return {
            payload: exportsPayload(view, paged.items, lang, paged.page, (code) => coverageOf(view, code)),
            headers: paged.headers,
          };
        },
      }),
  );

  r.get(
    '/v1/rankings',
    {
      schema: {
        tags: ['statistics'],
        operationId: 'listRankings',
        summary: 'The ranking of provinces',
        description:
          'The ranked provinces in order, rank 1 first. A province whose rank is reported but whose value or share is not (Tehran, 3rd) has them null, with bounds derived from its neighbours in `provenance.*.interval`.',
        querystring: withFormat(rankingsQuery),
        response: { 200: offered(rankingsResponse), ...problemResponses(400, 404, 406) },
      },
    },
    async (req, reply) =>
      reply.represent({
        schema: rankingsResponse,
        build: (lang) => {
          const view = store.view(req.query.period);
          const ranked = sortRows(
            view.rows.filter((row) => row.rank !== null),
            'rank',
          );
          return { payload: rankingsPayload(view, ranked, lang) };
        },
      }),
  );

  r.get(
    '/v1/shares',
    {
      schema: {
        tags: ['statistics'],
        operationId: 'listShares',
        summary: 'Shares of the national total, adding up to 100',
        description:
          'Every reported share, largest first, and one derived row for all other provinces together (100 − the sum of the reported shares), so that the rows add up to 100.',
        querystring: withFormat(sharesQuery),
        response: { 200: offered(sharesResponse), ...problemResponses(400, 404, 406) },
      },
    },
    async (req, reply) =>
      reply.represent({
        schema: sharesResponse,
        build: (lang) => {
          const view = store.view(req.query.period);
          const reported = sortRows(
            view.rows.filter((row) => row.sharePercent !== null),
            '-sharePercent',
          );
          return { payload: sharesPayload(view, reported, lang) };
        },
      }),
  );

  r.get(
    '/v1/summary',
    {
      schema: {
        tags: ['statistics'],
        operationId: 'getSummary',
        summary: 'National total, combined figures, share sum and coverage',
        description:
          'The national total that the value/share pairs imply (with the interval the rounding allows), the combined figures the reports state beside the sum of their parts, the sum of the known shares, and how many provinces have figures.',
        querystring: withFormat(summaryQuery),
        response: { 200: offered(summaryResponse), ...problemResponses(400, 404, 406) },
      },
    },
    async (req, reply) =>
      reply.represent({
        schema: summaryResponse,
        build: (lang) => {
          const view = store.view(req.query.period);
          return { payload: summaryPayload(view, store.snapshot.provinces.length, lang) };
        },
      }),
  );

  r.get(
    '/v1/checks',
    {
      schema: {
        tags: ['statistics'],
        operationId: 'listChecks',
        summary: 'Consistency checks of the data',
        description: `Every check the figures allow: readings of one figure that disagree (Isfahan 37 vs 37.5 million), combined statements against their parts, each value/share pair against the implied national total, ranks against values and shares, and the shares adding up to no more than 100. Each check says what holds at the figures' stated values (\`atStatedValues\`) and what their rounding allows (\`withinRounding\`); a combined statement lists every combination of its parts' readings (\`combinations\`). \`result\`: ${CHECK_RESULT_RULE}`,
        querystring: withFormat(checksQuery),
        response: { 200: offered(checksResponse), ...problemResponses(400, 404, 406) },
      },
    },
    async (req, reply) =>
      reply.represent({
        schema: checksResponse,
        build: (lang) => {
          const view = store.view(req.query.period);
          return { payload: checksPayload(view, lang, req.query.result) };
        },
      }),
  );
}
