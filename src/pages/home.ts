// The home page: the report, its ranking with every figure linked to its quote, the charts, the implied national
// total, the report's inconsistencies and the links to the data. Rendered, with no script, from the payloads the JSON
// routes serve (built by src/routes/pages.ts), so that the page and /v1/... cannot disagree.
import type { Lang, QuoteRef } from '../domain/types.ts';
import type { ChartsData } from '../presenters/charts.ts';
import type { sourceOf } from '../presenters/present.ts';
import type {
  checksPayload,
  exportsPayload,
  rankingsPayload,
  summaryPayload,
} from '../presenters/statistics.ts';
import type { FigureRefOut } from '../schemas/analysis.ts';
import { rankingsChart, sharesChart } from './charts.ts';
import { countPhrase, fill, formatInt, formatPercent, measureLabel, T } from './i18n.ts';
import { esc, href, isolated, page } from './page-shell.ts';

/** What the home page shows: the payloads of /v1/rankings, /v1/exports, /v1/summary, /v1/checks and /v1/sources/{id}. */
export interface HomeData {
  rankings: ReturnType<typeof rankingsPayload>;
  /** Every row of the period: the names and shown figures of the provinces the checks are about. */
  exports: ReturnType<typeof exportsPayload>;
  summary: ReturnType<typeof summaryPayload>;
  checks: ReturnType<typeof checksPayload>;
  /** The period's sources, as /v1/sources/{id} presents each. */
  sources: ReturnType<typeof sourceOf>[];
  charts: ChartsData;
}

type Row = HomeData['rankings']['data'][number];
type Provenance = Row['provenance']['valueUsd'];
type CheckOut = HomeData['checks']['data'][number];
type SourceOut = HomeData['sources'][number];

/** Where a quote is shown highlighted in its source text. */
export const quoteHref = (q: Pick<QuoteRef, 'sourceId' | 'start' | 'end'>, lang: Lang): string =>
  href(`/sources/${encodeURIComponent(q.sourceId)}`, { start: q.start, end: q.end, lang }, '#quote');

/** Text in the language of the source (Arabic here), marked as such inside a page in another language. */
const original = (text: string, language: string) =>
  `<span lang="${esc(language)}" dir="auto">${esc(text)}</span>`;

function figureValue(figure: FigureRefOut, lang: Lang): string {
  const t = T[lang];
  const v =
    figure.measure === 'export_value_usd'
      ? formatInt(lang, figure.value)
      : figure.measure === 'export_share_percent'
        ? formatPercent(lang, figure.value)
        : formatInt(lang, figure.value);
  return figure.comparator === 'gt' ? fill(t.moreThan, { value: v }) : v;
}

/** A link to a figure's quote, titled with the quote itself. */
const figureLink = (quote: QuoteRef, lang: Lang, text: string) =>
  `<a href="${esc(quoteHref(quote, lang))}" title="${esc(quote.text)}">${esc(text)}</a>`;

function cell(prov: Provenance, shown: string | null, lang: Lang, bound: (n: number) => string): string {
  const t = T[lang];
  if (prov.basis === 'reported' && prov.quote && shown !== null) {
    return `<td class="num">${figureLink(prov.quote, lang, shown)} <span class="basis reported">${esc(t.reported)}</span></td>`;
  }
  if (prov.basis === 'derived' && shown !== null) {
    return `<td class="num"><span title="${esc(prov.method ?? '')}">${esc(shown)}</span> <span class="basis derived">${esc(t.derived)}</span></td>`;
  }
  const range = prov.interval
    ? ` <span class="range">${esc(fill(t.between, { low: bound(prov.interval.low), high: bound(prov.interval.high) }))}</span>`
    : '';
  return `<td class="num unknown"><span class="basis unknown">${esc(t.unknown)}</span>${range}</td>`;
}

function rankingTable(rankings: HomeData['rankings'], lang: Lang): string {
  const t = T[lang];
  const rows = rankings.data; // ranked provinces only, by rank
  const tr = (r: Row) =>
    `<tr data-province="${esc(r.province.code)}">` +
    cell(r.provenance.rank, r.rank === null ? null : formatInt(lang, r.rank), lang, (n) =>
      formatInt(lang, n),
    ) +
    `<th scope="row">${esc(r.province.name)}</th>` +
    cell(r.provenance.valueUsd, r.valueUsd === null ? null : formatInt(lang, r.valueUsd), lang, (n) =>
      formatInt(lang, n),
    ) +
    cell(
      r.provenance.sharePercent,
      r.sharePercent === null ? null : formatPercent(lang, r.sharePercent),
      lang,
      (n) => formatPercent(lang, n),
    ) +
    '</tr>';
  // The bounds' own method (in provenance) is English; the page says in the reader's language how they are derived.
  const bounded = rows.some(
    (r) => r.provenance.valueUsd.interval !== null && r.provenance.valueUsd.basis === 'unknown',
  );
  const note = bounded ? `\n<p class="method">${esc(t.boundsMethod)}</p>` : '';
  return `<table id="ranking">
<caption>${esc(t.tableCaption)}</caption>
<thead><tr><th scope="col">${esc(t.rank)}</th><th scope="col">${esc(t.province)}</th><th scope="col">${esc(t.value)}</th><th scope="col">${esc(t.share)}</th></tr></thead>
<tbody>
${rows.map(tr).join('\n')}
</tbody>
</table>${note}`;
}

function checkItem(check: CheckOut, data: HomeData, lang: Lang): string {
  const t = T[lang];
  const rowOf = (code: string) => data.exports.data.find((r) => r.province.code === code);
  const quoted = (f: FigureRefOut) =>
    `${figureLink(f.quote, lang, figureValue(f, lang))} (${esc(fill(t.line, { n: formatInt(lang, f.quote.line) }))})`;
  let text: string;
  if (check.id.startsWith('readings/')) {
    const code = check.figures[0]?.provinces[0] ?? '';
    const measure = check.figures[0]?.measure ?? 'export_value_usd';
    const row = rowOf(code);
    const field =
      measure === 'export_value_usd'
        ? 'valueUsd'
        : measure === 'export_share_percent'
          ? 'sharePercent'
          : 'rank';
    // The reading the reading rule shows is one of the readings the check lists.
    const shownId = row?.provenance[field].figureId;
    const shownFigure = check.figures.find((f) => f.figureId === shownId);
    text = esc(
      fill(t.readingsCheck, {
        province: row?.province.name ?? code,
        measure: measureLabel(lang, measure),
        list: '\u0000',
        shown: '\u0001',
      }),
    )
      .replace('\u0000', check.figures.map(quoted).join(lang === 'en' ? '; ' : '، '))
      .replace('\u0001', shownFigure ? esc(figureValue(shownFigure, lang)) : '—');
    if (check.withinRounding) text += ` ${esc(t.readingsWithin[check.withinRounding])}`;
  } else if (check.id.startsWith('combined/')) {
    const s = data.summary.data.combinedStatements.find(
      (st) => check.id === `combined/${st.statement.figureId}`,
    );
    const names = (s?.provinces ?? []).map((p) => p.name).join(' + ');
    text = esc(fill(t.combinedCheck, { names, statement: '\u0000' })).replace(
      '\u0000',
      s ? quoted(s.statement) : '',
    );
    check.combinations.forEach((c, i) => {
      text += ` ${esc(
        fill(i === 0 ? t.combinationShown : t.combinationOther, {
          sum: formatInt(lang, c.sum),
          low: formatInt(lang, c.interval.low),
          high: formatInt(lang, c.interval.high),
          at: t.atWords[c.atStatedValues],
          within: t.withinWords[c.withinRounding],
        }),
      )}`;
    });
  } else {
    // Other kinds of check: the verdicts in the reader's language, then the API's English message and the figures.
    const verdict =
      check.atStatedValues && check.withinRounding
        ? `${esc(fill(t.verdictLine, { at: t.atWords[check.atStatedValues], within: t.withinWords[check.withinRounding] }))} `
        : '';
    text = `${verdict}<span lang="en" dir="ltr">${esc(check.message)}</span> ${check.figures.map(quoted).join(' ')}`;
  }
  const result = check.result === 'fail' ? t.fail : t.warn;
  return `<li class="check ${check.result}"><span class="badge">${esc(result)}</span> ${text}</li>`;
}

function checksSection(data: HomeData, lang: Lang): string {
  const t = T[lang];
  const { data: checks, meta } = data.checks;
  const failing = checks.filter((c) => c.result !== 'pass');
  const { pass, warn: warns, fail: fails } = meta.counts;
  // Warnings are called warnings: "9 of 11 consistency checks pass; 2 give a warning".
  const others = [
    ...(warns > 0 ? [countPhrase(lang, warns, t.warnCount)] : []),
    ...(fails > 0 ? [countPhrase(lang, fails, t.failCount)] : []),
  ].join(t.and);
  const total = formatInt(lang, checks.length);
  const summary =
    failing.length === 0
      ? fill(t.checksAllPass, { total })
      : fill(t.checksSummary, { pass: formatInt(lang, pass), total, others });
  return `<section aria-labelledby="checks-h">
<h2 id="checks-h">${esc(t.checksHeading)}</h2>
<p>${esc(summary)}</p>
<ul class="checks">
${failing.map((c) => checkItem(c, data, lang)).join('\n')}
</ul>
<p><a href="${esc(href('/v1/checks', { lang, period: meta.period?.id }))}" dir="ltr">/v1/checks</a></p>
</section>`;
}

function totalSection(summary: HomeData['summary'], lang: Lang): string {
  const t = T[lang];
  const { lowUsd, highUsd, midpointUsd } = summary.data.impliedNationalTotal;
  if (lowUsd === null || highUsd === null || midpointUsd === null) return '';
  return `<section aria-labelledby="total-h">
<h2 id="total-h">${esc(t.totalHeading)}</h2>
<p class="total">${esc(
    fill(t.totalText, {
      mid: formatInt(lang, midpointUsd),
      low: formatInt(lang, lowUsd),
      high: formatInt(lang, highUsd),
    }),
  )} <span class="basis derived">${esc(t.derived)}</span></p>
<p class="method">${esc(t.totalMethod)}</p>
</section>`;
}

function reportSection(sources: SourceOut[], lang: Lang): string {
  const t = T[lang];
  const items = sources.map((s) => {
    const title = lang === 'en' || !s.title.ar ? isolated(s.title.en ?? '—') : original(s.title.ar, 'ar');
    const publisher =
      lang !== 'en' && s.publisher.ar ? original(s.publisher.ar, 'ar') : isolated(s.publisher.en ?? '—');
    const owner =
      lang !== 'en' && s.dataOwner.ar ? original(s.dataOwner.ar, 'ar') : isolated(s.dataOwner.en ?? '—');
    const period = lang === 'en' ? isolated(s.period.label) : original(s.periodWords, s.language);
    return `<dl class="report">
<dt>${esc(t.title)}</dt><dd>${title}</dd>
<dt>${esc(t.publisher)}</dt><dd>${publisher}</dd>
<dt>${esc(t.dataOwner)}</dt><dd>${owner}</dd>
<dt>${esc(t.period)}</dt><dd>${period}</dd>
<dt>${esc(t.sourceText)}</dt><dd><a href="${esc(href(`/sources/${encodeURIComponent(s.id)}`, { lang }))}">${esc(s.id)}</a></dd>
</dl>`;
  });
  return `<section aria-labelledby="report-h">
<h2 id="report-h">${esc(t.reportHeading)}</h2>
${items.join('\n')}
</section>`;
}

function dataSection(periodId: string | undefined, lang: Lang): string {
  const t = T[lang];
  const csv = (
    [
      'exports',
      'rankings',
      'shares',
      'summary',
      'checks',
      'figures',
      'provinces',
      'sources',
      'periods',
    ] as const
  )
    .map((name) => {
      const withPeriod = !['provinces', 'sources', 'periods'].includes(name);
      const url = href(`/v1/${name}`, {
        format: 'csv',
        lang,
        period: withPeriod ? periodId : undefined,
      });
      return `<li><a href="${esc(url)}" download>${esc(t.csv[name])}</a> <code dir="ltr">${esc(url)}</code></li>`;
    })
    .join('\n');
  return `<section aria-labelledby="data-h">
<h2 id="data-h">${esc(t.dataHeading)}</h2>
<ul>
<li><a href="/docs">${esc(t.docsLink)}</a></li>
<li><a href="/openapi.json">${esc(t.openapiLink)}</a></li>
<li><a href="/v1/datapackage.json">${esc(t.dataPackage)}</a> <code dir="ltr">/v1/datapackage.json</code></li>
</ul>
<h3>${esc(t.csvHeading)}</h3>
<ul class="csv">
${csv}
</ul>
</section>`;
}

export function homePage(data: HomeData, lang: Lang, explicitPeriod: string | undefined): string {
  const t = T[lang];
  const { charts } = data;
  const chartLink = (name: string) =>
    `<p><a href="${esc(href(`/charts/${name}.svg`, { lang, period: explicitPeriod }))}">${esc(t.chartAlone)}</a></p>`;
  const body = `<h1>${esc(t.siteTitle)}</h1>
<p class="intro">${esc(t.intro)}</p>
${reportSection(data.sources, lang)}
<section aria-labelledby="ranking-h">
<h2 id="ranking-h">${esc(t.rankingHeading)}</h2>
${rankingTable(data.rankings, lang)}
</section>
<section aria-labelledby="charts-h">
<h2 id="charts-h">${esc(t.chartsHeading)}</h2>
<figure>${rankingsChart(charts, lang, false)}${chartLink('rankings')}</figure>
<figure>${sharesChart(charts, lang, false)}${chartLink('shares')}</figure>
</section>
${totalSection(data.summary, lang)}
${checksSection(data, lang)}
${dataSection(data.rankings.meta.period?.id, lang)}`;
  return page({ lang, title: t.siteTitle, path: '/', query: { period: explicitPeriod }, body });
}
