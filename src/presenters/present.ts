// Turns domain records into the plain objects the response schemas describe, in the language asked for.
import type { z } from 'zod';
import { type Coverage, coverageOf } from '../domain/coverage.ts';
import type { FieldProvenance, ProvinceStats } from '../domain/statistics.ts';
import type { Figure, Lang, Note, Period, Province, QuoteRef, Source } from '../domain/types.ts';
import type { FigureRefOut } from '../schemas/analysis.ts';
import type {
  fieldProvenance,
  metaOut,
  periodOut,
  provinceRef,
  quoteOut,
  sourceRef,
} from '../schemas/common.ts';
import type { exportRow } from '../schemas/exports.ts';
import type { noteOut, provinceOut } from '../schemas/provinces.ts';
import type { sourceOut } from '../schemas/sources.ts';
import type { PeriodView } from '../store/data-store.ts';

type Out<S extends z.ZodType> = z.input<S>;

export const provinceRefOf = (p: Province, lang: Lang): Out<typeof provinceRef> => ({
  code: p.code,
  slug: p.slug,
  name: p.names[lang],
});

export const quoteOf = (q: QuoteRef): Out<typeof quoteOut> => ({
  sourceId: q.sourceId,
  text: q.text,
  line: q.line,
  start: q.start,
  end: q.end,
});

export const figureRefOf = (f: Figure): FigureRefOut => ({
  figureId: f.id,
  provinces: f.provinces,
  measure: f.measure,
  comparator: f.comparator,
  value: f.value,
  quote: quoteOf(f.quote),
});

export const periodOf = (p: Period): Out<typeof periodOut> => ({
  id: p.id,
  label: p.label,
  year: p.year,
  startsOn: p.startsOn,
  endsOn: p.endsOn,
});

export const sourceRefOf = (s: Source): Out<typeof sourceRef> => ({
  id: s.id,
  title: s.title.en,
  href: `/v1/sources/${s.id}`,
});

export function metaOf(
  view: Pick<PeriodView, 'period' | 'sources'> | null,
  lang: Lang,
  sources?: Source[],
): Omit<Out<typeof metaOut>, 'datasetVersion'> /* added to every meta by plugins/representation.ts */ {
  return {
    period: view ? periodOf(view.period) : null,
    sources: (sources ?? view?.sources ?? []).map(sourceRefOf),
    language: lang,
  };
}

export const provenanceOf = (p: FieldProvenance): Out<typeof fieldProvenance> => ({
  basis: p.basis,
  method: p.method,
  figureId: p.figure?.id ?? null,
  quote: p.figure ? quoteOf(p.figure.quote) : null,
  interval: p.interval,
  alternatives: p.alternatives.map((a) => ({
    figureId: a.figure.id,
    value: a.figure.value,
    agreesWithOtherStatements: a.agreesWithOtherStatements,
    quote: quoteOf(a.figure.quote),
  })),
});

/**
 * A row's coverage, from its figures; a row with none (see domain/coverage.ts emptyRow) takes the one given, as
 * only the period knows whether its province is named.
 */
export const exportRowOf = (
  r: ProvinceStats,
  lang: Lang,
  whenEmpty: Coverage = 'not-mentioned',
): Out<typeof exportRow> => ({
  province: provinceRefOf(r.province, lang),
  period: r.periodId,
  valueUsd: r.valueUsd,
  sharePercent: r.sharePercent,
  rank: r.rank,
  coverage:
    r.valueUsd !== null || r.sharePercent !== null
      ? 'reported'
      : r.rank !== null
        ? 'ranked-without-figure'
        : whenEmpty,
  provenance: {
    valueUsd: provenanceOf(r.provenance.valueUsd),
    sharePercent: provenanceOf(r.provenance.sharePercent),
    rank: provenanceOf(r.provenance.rank),
  },
});

export const provinceOf = (p: Province, lang: Lang, view: PeriodView): Out<typeof provinceOut> => ({
  code: p.code,
  slug: p.slug,
  name: p.names[lang],
  names: { ...p.names },
  isoName: p.isoName,
  aliases: p.aliases.map((a) => ({ alias: a.alias, language: a.language, kind: a.kind as 'variant' })),
  inReport: view.mentioned.has(p.code),
  coverage: coverageOf(view, p.code),
  href: `/v1/provinces/${p.code}`,
});

export const noteOf = (n: Note): Out<typeof noteOut> => ({
  id: n.id,
  topic: n.topic,
  summaryEn: n.summaryEn,
  quote: quoteOf(n.quote),
});

export const sourceOf = (
  s: Source,
  period: Period,
  counts: { figures: number; notes: number },
): Out<typeof sourceOut> => ({
  id: s.id,
  title: { ...s.title },
  publisher: { ...s.publisher },
  dataOwner: { ...s.dataOwner },
  period: periodOf(period),
  periodWords: s.periodWords,
  language: s.language,
  publishedOn: s.publishedOn,
  url: s.url,
  textSha256: s.textSha256,
  textLength: Array.from(s.text).length,
  textHref: `/v1/sources/${s.id}/text`,
  figureCount: counts.figures,
  citation: {
    csl: `/v1/sources/${encodeURIComponent(s.id)}?format=csl`,
    bibtex: `/v1/sources/${encodeURIComponent(s.id)}?format=bibtex`,
  },
  figuresHref: `/v1/figures?source=${encodeURIComponent(s.id)}`,
  noteCount: counts.notes,
});
