// The human-facing side: the home page, the charts on their own, a source's text with a quote highlighted, and the
// stylesheet. Pages and charts go through reply.represent(), the stylesheet through reply.representContent(): strong
// ETags, 304s, Cache-Control from CACHE_MAX_AGE and br/gzip variants made once, like every data reply.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../http/problem.ts';
import { homePage } from '../pages/home.ts';
import { SITE_CSS } from '../pages/site-css.ts';
import { sourcePage } from '../pages/source-page.ts';
import { STYLESHEET } from '../render/html-page.ts';
import { rankingsChart, sharesChart, svgDocument } from '../render/svg-charts.ts';
import { decimal, langParam, numberIn, periodParam } from '../schemas/common.ts';
import type { DataStore } from '../store/data-store.ts';

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

export default async function pageRoutes(app: FastifyInstance, opts: { store: DataStore }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = opts;

  r.get('/', { schema: { hide: true, querystring: pageQuery } }, async (req, reply) =>
    reply.represent({
      schema: markup,
      formats: ['html'],
      build: (lang) => ({ payload: homePage(store.view(req.query.period), lang, req.query.period) }),
    }),
  );

  r.get('/charts/rankings.svg', { schema: { hide: true, querystring: pageQuery } }, async (req, reply) =>
    reply.represent({
      schema: markup,
      formats: ['svg'],
      build: (lang) => ({ payload: svgDocument(rankingsChart(store.view(req.query.period), lang)) }),
    }),
  );

  r.get('/charts/shares.svg', { schema: { hide: true, querystring: pageQuery } }, async (req, reply) =>
    reply.represent({
      schema: markup,
      formats: ['svg'],
      build: (lang) => ({ payload: svgDocument(sharesChart(store.view(req.query.period), lang)) }),
    }),
  );

  r.get(
    '/sources/:id',
    {
      schema: {
        hide: true,
        params: z.object({ id: z.string().min(1).max(100) }),
        querystring: sourcePageQuery,
      },
    },
    async (req, reply) =>
      reply.represent({
        schema: markup,
        formats: ['html'],
        build: (lang) => {
          const source = store.snapshot.sources.find((s) => s.id === req.params.id);
          if (!source) throw notFound(`No source has the id "${req.params.id}". The list is at /v1/sources.`);
          return { payload: sourcePage(source, lang, req.query.start, req.query.end) };
        },
      }),
  );

  app.get(STYLESHEET, { schema: { hide: true } }, async (_req, reply) =>
    reply.representContent(STYLESHEET, () => ({ body: SITE_CSS, contentType: 'text/css; charset=utf-8' })),
  );
}
