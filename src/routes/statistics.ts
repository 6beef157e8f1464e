// /v1/exports, /v1/rankings, /v1/shares, /v1/summary, /v1/checks: the figures of a period and what they imply.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { coverageOf } from '../domain/coverage.ts';
import { READING_RULE } from '../domain/statistics.ts';
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
import { exportsQuery, exportsResponse, rankingsQuery, rankingsResponse } from '../schemas/exports.ts';
import { exportRows, rankedRows, sharedRows } from '../store/queries.ts';
import { represented } from './content.ts';

export default async function statisticsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/v1/exports',
    represented({
      tags: ['statistics'],
      operationId: 'listExports',
      summary: 'Export value, share and rank of each province',
      description: `One row per province that the reports of the period give any figure for; with \`province\` or \`coverage\`, provinces without figures too, their figures null and \`coverage\` saying why. Each of \`valueUsd\`, \`sharePercent\` and \`rank\` says in \`provenance\` whether it is reported (with its quote), derived (with its method) or unknown (null, with bounds where the ranking gives them). ${READING_RULE}`,
      querystring: exportsQuery,
      payload: exportsResponse,
      formats: ['json', 'csv', 'jsonstat'],
      problems: [400, 404, 406],
    }),
    async (req, reply) =>
      reply.represent({
        build: (lang, { link, store }) => {
          const q = req.query;
          const view = store.view(q.period);
          const rows = exportRows(store, view, q, lang);
          const paged = paginate(link, rows, q.limit, q.offset);
          return {
            payload: exportsPayload(view, paged.items, lang, paged.page, (code) => coverageOf(view, code)),
            headers: paged.headers,
          };
        },
      }),
  );

  r.get(
    '/v1/rankings',
    represented({
      tags: ['statistics'],
      operationId: 'listRankings',
      summary: 'The ranking of provinces',
      description:
        'The ranked provinces in order, rank 1 first. A province whose rank is reported but whose value or share is not (Tehran, 3rd) has them null, with bounds derived from its neighbours in `provenance.*.interval`.',
      querystring: rankingsQuery,
      payload: rankingsResponse,
      formats: ['json', 'csv', 'jsonstat'],
      problems: [400, 404, 406],
    }),
    async (req, reply) =>
      reply.represent({
        build: (lang, { store }) => {
          const view = store.view(req.query.period);
          return { payload: rankingsPayload(view, rankedRows(view), lang) };
        },
      }),
  );

  r.get(
    '/v1/shares',
    represented({
      tags: ['statistics'],
      operationId: 'listShares',
      summary: 'Shares of the national total, adding up to 100',
      description:
        'Every reported share, largest first, and one derived row for all other provinces together (100 − the sum of the reported shares), so that the rows add up to 100.',
      querystring: sharesQuery,
      payload: sharesResponse,
      formats: ['json', 'csv', 'jsonstat'],
      problems: [400, 404, 406],
    }),
    async (req, reply) =>
      reply.represent({
        build: (lang, { store }) => {
          const view = store.view(req.query.period);
          return { payload: sharesPayload(view, sharedRows(view), lang) };
        },
      }),
  );

  r.get(
    '/v1/summary',
    represented({
      tags: ['statistics'],
      operationId: 'getSummary',
      summary: 'National total, combined figures, share sum and coverage',
      description:
        'The national total that the value/share pairs imply (with the interval the rounding allows), the combined figures the reports state beside the sum of their parts, the sum of the known shares, and how many provinces have figures.',
      querystring: summaryQuery,
      payload: summaryResponse,
      problems: [400, 404, 406],
    }),
    async (req, reply) =>
      reply.represent({
        build: (lang, { store }) => {
          const view = store.view(req.query.period);
          return { payload: summaryPayload(view, store.snapshot.provinces.length, lang) };
        },
      }),
  );

  r.get(
    '/v1/checks',
    represented({
      tags: ['statistics'],
      operationId: 'listChecks',
      summary: 'Consistency checks of the data',
      description: `Every check the figures allow: readings of one figure that disagree (Isfahan 37 vs 37.5 million), combined statements against their parts, each value/share pair against the implied national total, ranks against values and shares, and the shares adding up to no more than 100. Each check says what holds at the figures' stated values (\`atStatedValues\`) and what their rounding allows (\`withinRounding\`); a combined statement lists every combination of its parts' readings (\`combinations\`). \`result\`: ${CHECK_RESULT_RULE}`,
      querystring: checksQuery,
      payload: checksResponse,
      problems: [400, 404, 406],
    }),
    async (req, reply) =>
      reply.represent({
        build: (lang, { store }) => {
          const view = store.view(req.query.period);
          return { payload: checksPayload(view, lang, req.query.result) };
        },
      }),
  );
}
