// A reported figure as /v1/figures presents it: its provinces by name, its unit, the interval its statement allows,
// and a link to its words in the original text.
import type { z } from 'zod';
import { statedInterval } from '../domain/intervals.ts';
import { MEASURE_INFO } from '../domain/measures.ts';
import type { Figure, Lang, Province } from '../domain/types.ts';
import type { figureOut } from '../schemas/figures.ts';
import { provinceRefOf, quoteOf } from './present.ts';

/** The quote in the original text: an RFC 5147 fragment (code point offsets) on the text route. */
export const quoteHrefOf = (f: Pick<Figure, 'quote'>): string =>
  `/v1/sources/${encodeURIComponent(f.quote.sourceId)}/text#char=${f.quote.start},${f.quote.end}`;

export function figureIntervalOf(f: Figure): z.input<typeof figureOut>['interval'] {
  if (f.comparator === 'gt') {
    return {
      low: f.value,
      high: null,
      method: 'stated as "more than" the value: any larger value is possible, the value itself is not',
    };
  }
  if (f.resolution === null) return { low: f.value, high: f.value, method: 'stated exactly' };
  const iv = statedInterval(f.value, f.resolution);
  return {
    ...iv,
    method: `stated to the nearest ${f.resolution}: the true figure lies in this interval`,
  };
}

export function figureOf(
  f: Figure,
  lang: Lang,
  byCode: ReadonlyMap<string, Province>,
): z.input<typeof figureOut> {
  return {
    id: f.id,
    sourceId: f.sourceId,
    period: f.periodId,
    measure: f.measure,
    provinces: f.provinces.map((code) => {
      const p = byCode.get(code);
      return p ? provinceRefOf(p, lang) : { code, slug: code.toLowerCase(), name: code };
    }),
    comparator: f.comparator,
    value: f.value,
    unit: MEASURE_INFO[f.measure].unit,
    resolution: f.resolution,
    interval: figureIntervalOf(f),
    quote: quoteOf(f.quote),
    quoteHref: quoteHrefOf(f),
    remark: f.remark,
  };
}

/** One page of figures, with the meta of the sources they come from. */
export function figuresPayload<M extends object>(
  figures: readonly Figure[],
  lang: Lang,
  byCode: ReadonlyMap<string, Province>,
  meta: M,
  page: { total: number; limit: number; offset: number },
) {
  return { data: figures.map((f) => figureOf(f, lang, byCode)), meta: { ...meta, page } };
}
