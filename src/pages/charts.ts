// The two charts, as SVG drawn from the presenters' rows (presenters/charts.ts): the ranking by export value (an unknown value drawn as the
// range its rank allows, never as zero) and the shares with the remainder of all other provinces.
// Presentation attributes only (no style attributes or elements), so that the SVG obeys a strict CSP both on its
// own and inlined in a page. Right-to-left languages get a mirrored layout and direction="rtl" text.
import type { Lang } from '../domain/types.ts';
import type { ChartsData } from '../presenters/charts.ts';
import { dirOf, fill, formatMillions, formatPercent, RTL, T } from './i18n.ts';
import { esc } from './page-shell.ts';

const WIDTH = 760;
const ROW = 34;
const BAR = 20;
const TOP = 44;
const LABEL = 170;
const VALUE_SPACE = 210;
const FONT = 'system-ui, -apple-system, "Segoe UI", Tahoma, "Noto Sans Arabic", sans-serif';
const BLUE = '#1f5f99';
const LIGHT = '#cfe3f5';
const GREY = '#6b7280';

interface Row {
  label: string;
  /** Drawn from 0 to `value`, or (unknown) as a dashed range from `low` to `high`. */
  value: number | null;
  low?: number;
  high?: number;
  text: string;
  derived?: boolean;
}

interface ChartSpec {
  id: string;
  lang: Lang;
  title: string;
  desc: string;
  rows: Row[];
  max: number;
  axis: (v: number) => string;
  ticks: number[];
}

/** Ticks at round steps up to max. */
function niceTicks(max: number, count = 4): { ticks: number[]; top: number } {
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 1e6; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return { ticks, top };
}

/** One chart; in RTL the x axis runs from the right edge leftwards, and the labels stand on the right. */
function chart(spec: ChartSpec, standalone: boolean): string {
  const rtl = RTL[spec.lang];
  const plotStart = LABEL + 10;
  const plotWidth = WIDTH - plotStart - VALUE_SPACE;
  const height = TOP + spec.rows.length * ROW + 30;
  // Logical x (0 = where the reading starts) to drawn x.
  const X = (x: number) => (rtl ? WIDTH - x : x);
  const rect = (x1: number, x2: number) => {
    const a = X(x1);
    const b = X(x2);
    return { x: Math.min(a, b), w: Math.abs(b - a) };
  };
  const scale = (v: number) => plotStart + (v / spec.max) * plotWidth;
  const text = (x: number, y: number, anchor: 'start' | 'end', content: string, extra = '') =>
    `<text x="${X(x).toFixed(1)}" y="${y}" text-anchor="${anchor}"${extra}>${esc(content)}</text>`;
  const out: string[] = [];
  const titleId = `${spec.id}-title`;
  const descId = `${spec.id}-desc`;
  out.push(
    `<svg${standalone ? ' xmlns="http://www.w3.org/2000/svg"' : ''} id="${spec.id}" class="chart" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="${titleId} ${descId}" lang="${spec.lang}" direction="${dirOf(spec.lang)}" font-family="${esc(FONT)}" font-size="14">`,
    `<title id="${titleId}">${esc(spec.title)}</title>`,
    `<desc id="${descId}">${esc(`${spec.desc} ${spec.rows.map((r) => `${r.label}: ${r.text}`).join(spec.lang === 'en' ? '; ' : '؛ ')}.`)}</desc>`,
    `<rect x="0" y="0" width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    text(8, 24, 'start', spec.title, ' font-size="16" font-weight="bold" fill="#111827"'),
  );
  // Grid and axis labels.
  const axisY = TOP + spec.rows.length * ROW + 18;
  for (const tick of spec.ticks) {
    const x = X(scale(tick)).toFixed(1);
    out.push(
      `<line x1="${x}" x2="${x}" y1="${TOP - 6}" y2="${TOP + spec.rows.length * ROW}" stroke="#e5e7eb"/>`,
      `<text x="${x}" y="${axisY}" text-anchor="middle" font-size="12" fill="${GREY}">${esc(spec.axis(tick))}</text>`,
    );
  }
  spec.rows.forEach((row, i) => {
    const y = TOP + i * ROW;
    const mid = y + BAR / 2 + 5;
    out.push(`<g class="bar">`, text(LABEL, mid, 'end', row.label, ' fill="#111827"'));
    let end: number;
    if (row.value === null && row.low !== undefined && row.high !== undefined) {
      // An unknown: the range its bounds allow, dashed, with no bar from zero.
      const r = rect(scale(row.low), scale(row.high));
      out.push(
        `<rect class="unknown" x="${r.x.toFixed(1)}" y="${y}" width="${r.w.toFixed(1)}" height="${BAR}" fill="${LIGHT}" fill-opacity="0.6" stroke="${BLUE}" stroke-width="1.5" stroke-dasharray="5 3"/>`,
      );
      end = scale(row.high);
    } else {
      const r = rect(plotStart, scale(row.value ?? 0));
      out.push(
        `<rect x="${r.x.toFixed(1)}" y="${y}" width="${r.w.toFixed(1)}" height="${BAR}" fill="${row.derived ? '#9ca3af' : BLUE}"${row.derived ? ` stroke="${GREY}" stroke-dasharray="4 2"` : ''}/>`,
      );
      end = scale(row.value ?? 0);
    }
    out.push(text(end + 6, mid, 'start', row.text, ' fill="#111827" font-size="13"'), '</g>');
  });
  out.push('</svg>');
  return out.join('\n');
}

/** The ranking by export value (the rows of /v1/rankings); unknown values as their interval. */
export function rankingsChart(data: ChartsData, lang: Lang, standalone = true): string {
  const t = T[lang];
  const rows: Row[] = data.rankings.map((r) => {
    const label = r.province.name;
    if (r.valueUsd !== null) return { label, value: r.valueUsd, text: formatMillions(lang, r.valueUsd) };
    const interval = r.provenance.valueUsd.interval;
    if (interval)
      return {
        label,
        value: null,
        low: interval.low,
        high: interval.high,
        text: `${t.unknown}: ${fill(t.between, { low: formatMillions(lang, interval.low), high: formatMillions(lang, interval.high) })}`,
      };
    return { label, value: null, text: t.unknown };
  });
  const max = Math.max(1, ...rows.map((r) => r.high ?? r.value ?? 0));
  const { ticks, top } = niceTicks(max / 1e6);
  return chart(
    {
      id: 'chart-rankings',
      lang,
      title: t.rankingChartTitle,
      desc: t.rankingChartDesc,
      rows,
      max: top * 1e6,
      ticks: ticks.map((v) => v * 1e6),
      axis: (v) => formatMillions(lang, v).replace(` ${t.million}`, ''),
    },
    standalone,
  );
}

/** Reported shares, largest first, and the derived remainder of all other provinces (the rows of /v1/shares). */
export function sharesChart(data: ChartsData, lang: Lang, standalone = true): string {
  const t = T[lang];
  const reported = data.shares.filter((r) => r.province !== null);
  const remainder = data.shares.find((r) => r.province === null) ?? { sharePercent: 0 };
  const unknown = data.unknownShares;
  const rows: Row[] = [
    ...reported.map((r) => ({
      label: r.province?.name ?? r.label,
      value: r.sharePercent,
      text: formatPercent(lang, r.sharePercent),
    })),
    {
      label: t.allOthers,
      value: remainder.sharePercent,
      derived: true,
      text: `${formatPercent(lang, remainder.sharePercent)} (${t.derived}${unknown.length ? `؛ ${fill(t.including, { names: unknown.join('، ') })}` : ''})`,
    },
  ];
  if (lang === 'en') {
    const last = rows.at(-1) as Row;
    last.text = `${formatPercent(lang, remainder.sharePercent)} (${t.derived}${unknown.length ? `; ${fill(t.including, { names: unknown.join(', ') })}` : ''})`;
  }
  const { ticks, top } = niceTicks(Math.max(1, ...rows.map((r) => r.value ?? 0)));
  return chart(
    {
      id: 'chart-shares',
      lang,
      title: t.sharesChartTitle,
      desc: t.sharesChartDesc,
      rows,
      max: top,
      ticks,
      axis: (v) => formatPercent(lang, v),
    },
    standalone,
  );
}

/** The standalone SVG document. */
export const svgDocument = (svg: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`;
