// The payloads of the period and source routes.
import type { Lang, Period, Source } from '../domain/types.ts';
import { metaOf, periodOf, type sourceOf, sourceRefOf } from './present.ts';

type SourceOut = ReturnType<typeof sourceOf>;

export function periodsPayload(
  periods: readonly Period[],
  latest: Period | undefined,
  sourcesOf: (periodId: string) => Source[],
  lang: Lang,
  allSources: Source[],
) {
  return {
    data: periods.map((p) => ({
      ...periodOf(p),
      latest: p === latest,
      sources: sourcesOf(p.id).map(sourceRefOf),
    })),
    meta: metaOf(null, lang, allSources),
  };
}

export function sourcesPayload(sources: SourceOut[], lang: Lang, allSources: Source[]) {
  return { data: sources, meta: metaOf(null, lang, allSources) };
}

export function sourcePayload(source: SourceOut, period: Period, lang: Lang, allSources: readonly Source[]) {
  return {
    data: source,
    meta: metaOf(
      { period, sources: [] },
      lang,
      allSources.filter((s) => s.id === source.id),
    ),
  };
}
