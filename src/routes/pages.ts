// The human-facing side: the home page, the charts on their own, a source's text with a quote highlighted, and the
// stylesheet. Pages and charts go through reply.represent(), the stylesheet through reply.representContent(): strong
// ETags, 304s, Cache-Control from CACHE_MAX_AGE and br/gzip variants made once, like every data reply.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { coverageOf } from '../domain/coverage.ts';
import { rankingsChart, sharesChart, svgDocument } from '../pages/charts.ts';
import { homePage } from '../pages/home.ts';
import { STYLESHEET } from '../pages/page-shell.ts';
import { SITE_CSS } from '../pages/site-css.ts';
import { sourcePage } from '../pages/source-page.ts';
import { chartsOf } from '../presenters/charts.ts';
import { presentSource } from '../presenters/sources.ts';
import { checksPayload, exportsPayload, rankingsPayload, summaryPayload } from '../presenters/statistics.ts';
import { decimal, langParam, numberIn, periodParam } from '../schemas/common.ts';
import { rankedRows, sourceOrThrow } from '../store/queries.ts';
import { represented } from './content.ts';

// Not strict: a page link may carry tracking or other parameters a browser adds; unknown ones are dropped.
const pageQuery = z.object({ lang: langParam, period: periodParam.optional() });
const offset = () =>
  decimal(
    numberIn({
      accepts: 'a character offset from 0 to 10000000, such as 1700',
      min: 0,
      max: 10_000_000,
      whole: true,
    }).optional(),
  );
const sourcePageQuery = z.object({
  lang: langParam,
  start: offset(),
  end: offset(),
});
const markup = z.string();

export default async function pageRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const page = represented({ hide: true, querystring: pageQuery, payload: markup, formats: ['html'] });
  const chart = represented({ hide: true, querystring: pageQuery, payload: markup, formats: ['svg'] });

  r.get('/', page, async (req, reply) =>
    reply.represent({
      // The page draws what /v1/rankings, /v1/summary, /v1/checks and /v1/sources/{id} serve, built as they build it.
      build: (lang, { store }) => {
        const view = store.view(req.query.period);
        const all = { total: view.rows.length, limit: view.rows.length, offset: 0 };
        const data = {
          rankings: rankingsPayload(view, rankedRows(view), lang),
          exports: exportsPayload(view, view.rows, lang, all, (code) => coverageOf(view, code)),
          summary: summaryPayload(view, store.snapshot.provinces.length, lang),
          checks: checksPayload(view, lang, undefined),
          sources: view.sources.map((s) => presentSource(store, s.id)),
          charts: chartsOf(view, lang),
        };
        return { payload: homePage(data, lang, req.query.period) };
      },
    }),
  );

  r.get('/charts/rankings.svg', chart, async (req, reply) =>
    reply.represent({
      build: (lang, { store }) => ({
        payload: svgDocument(rankingsChart(chartsOf(store.view(req.query.period), lang), lang)),
      }),
    }),
  );

  r.get('/charts/shares.svg', chart, async (req, reply) =>
    reply.represent({
      build: (lang, { store }) => ({
        payload: svgDocument(sharesChart(chartsOf(store.view(req.query.period), lang), lang)),
      }),
    }),
  );

  r.get(
    '/sources/:id',
    represented({
      hide: true,
      params: z.object({ id: z.string().min(1).max(100) }),
      querystring: sourcePageQuery,
      payload: markup,
      formats: ['html'],
    }),
    async (req, reply) =>
      reply.represent({
        build: (lang, { store }) => {
          const { source } = sourceOrThrow(store, req.params.id, { in: 'path' });
          return { payload: sourcePage(source, lang, req.query.start, req.query.end) };
        },
      }),
  );

  app.get(STYLESHEET, { schema: { hide: true } }, async (_req, reply) =>
    reply.representContent(STYLESHEET, () => ({ body: SITE_CSS, contentType: 'text/css; charset=utf-8' })),
  );
}
