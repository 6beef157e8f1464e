// The payloads of the period and source routes.
import type { Lang, Period, Source } from '../domain/types.ts';
import type { DataStore } from '../store/data-store.ts';
import { sourceOrThrow } from '../store/queries.ts';
import { metaOf, periodOf, sourceOf, sourceRefOf } from './present.ts';

type SourceOut = ReturnType<typeof sourceOf>;

/** A source as /v1/sources presents it (and the home page shows it), or a 404 for an unknown id. */
export function presentSource(store: DataStore, id: string): SourceOut {
  // Looked up and counted by the store once per snapshot: /v1/sources presents every source.
  const { source, figures, notes } = sourceOrThrow(store, id, { in: 'path' });
  return sourceOf(source, store.period(source.periodId), { figures, notes });
}

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
