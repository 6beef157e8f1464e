import { coverageOf, emptyRow } from '../domain/coverage.ts';
import { provinceHistory } from '../domain/history.ts';
import type { Lang, Province, Source } from '../domain/types.ts';
import { historyCsvRow } from '../schemas/provinces.ts';
import type { PeriodView } from '../store/data-store.ts';
import {
  exportRowOf,
  figureRefOf,
  metaOf,
  noteOf,
  periodOf,
  provinceOf,
  provinceRefOf,
  sourceRefOf,
} from './present.ts';
import type { Page } from './statistics.ts';

const HISTORY_METHOD =
  'absolute = this period − the previous period; percent = absolute ÷ the previous period × 100 (2 decimals), each from the figures shown by the reading rule';

export function provincesPayload(view: PeriodView, provinces: readonly Province[], lang: Lang, page: Page) {
  return {
    data: provinces.map((p) => provinceOf(p, lang, view)),
    meta: { ...metaOf(view, lang), page },
  };
}

/** One province with its figures, notes and quotes in a period; its CSV is offered under its slug. */
export function provinceDetailPayload(view: PeriodView, province: Province, lang: Lang) {
  const row = view.rows.find((x) => x.province === province);
  return {
    filename: `provinces-${province.slug}-${view.period.id}`,
    payload: {
      data: {
        ...provinceOf(province, lang, view),
        exports: row ? exportRowOf(row, lang) : null,
        figures: view.figures.filter((f) => f.provinces.includes(province.code)).map(figureRefOf),
        notes: view.notes.filter((n) => n.province === province.code).map(noteOf),
      },
      meta: metaOf(view, lang),
    },
  };
}

/** A province's value, share and rank in every period (views oldest first); its CSV is one row per period. */
export function historyPayload(
  views: readonly PeriodView[],
  province: Province,
  lang: Lang,
  sources: Source[],
) {
  const points = provinceHistory(
    views.map((v) => ({ periodId: v.period.id, rows: v.rows })),
    province.code,
  );
  const data = {
    province: provinceRefOf(province, lang),
    points: points.map((point, i) => {
      const view = views[i] as (typeof views)[number];
      return {
        period: periodOf(view.period),
        sources: view.sources.map(sourceRefOf),
        coverage: coverageOf(view, province.code),
        exports: point.row ? exportRowOf(point.row, lang) : null,
        change: {
          basis: 'derived' as const,
          method: HISTORY_METHOD,
          fromPeriod: point.previousPeriodId,
          ...point.change,
        },
      };
    }),
  };
  return {
    payload: { data, meta: metaOf(null, lang, sources) },
    // Tabular formats: one row per period.
    filename: `provinces-${province.slug}-history`,
    rows: {
      items: data.points.map((point, i) => {
        const view = views[i] as (typeof views)[number];
        const row = view.rows.find((x) => x.province === province) ?? emptyRow(province, view.period.id);
        const {
          province: _p,
          period: _q,
          ...figures
        } = exportRowOf(row, lang, coverageOf(view, province.code));
        return {
          period: point.period.id,
          periodLabel: point.period.label,
          province: data.province,
          sources: point.sources.map((s) => s.id),
          ...figures,
          change: point.change,
        };
      }),
      schema: historyCsvRow,
    },
  };
}
