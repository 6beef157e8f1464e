// What the charts draw (pages/charts.ts): the rows of /v1/rankings and /v1/shares, presented as those routes present
// them, and the names of the provinces whose share the reports do not give (the remainder's "including").
import type { Lang } from '../domain/types.ts';
import type { PeriodView } from '../store/data-store.ts';
import { rankedRows, sharedRows } from '../store/queries.ts';
import { rankingsPayload, sharesPayload } from './statistics.ts';

export function chartsOf(view: PeriodView, lang: Lang) {
  return {
    rankings: rankingsPayload(view, rankedRows(view), lang).data,
    shares: sharesPayload(view, sharedRows(view), lang).data,
    unknownShares: view.rows.filter((r) => r.sharePercent === null).map((r) => r.province.names[lang]),
  };
}

export type ChartsData = ReturnType<typeof chartsOf>;
