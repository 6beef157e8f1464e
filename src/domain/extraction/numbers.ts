// Numbers as reports write them, and the amounts they state: Western, Arabic-Indic and Persian digits; '.', '٫' or
// '/' before decimals; ',' or '٬' between thousands; scale words; currencies and percent signs around them.
import {
  APPROXIMATELY,
  CURRENCY_AFTER,
  CURRENCY_BEFORE,
  JOINED_SCALES,
  LESS_THAN,
  MORE_THAN,
  OTHER_CURRENCIES,
  PERCENT_AFTER,
  PERCENT_SIGNS,
  SCALES,
  SHARE_LINKS,
} from './lexicon.ts';
import type { ReportText } from './text.ts';

export interface WrittenNumber {
  value: number;
  /** Digits after the decimal separator. */
  decimals: number;
  /** Zeros at the end of a whole number ("37,000,000" has 6). */
  trailingZeros: number;
}

/** Western digits for Arabic-Indic (٠–٩) and Persian (۰–۹) ones. */
export function westernDigits(s: string): string {
  return s.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String((d.charCodeAt(0) & 0xf) % 10));
}

/**
 * The value of a number as written, or null when it is not one number: "1402/05/12" is a date and "1402/05" a
 * year and month, not a decimal.
 */
export function readNumber(raw: string): WrittenNumber | null {
  const s = westernDigits(raw).replace(/[,\u066c]/g, '');
  const parts = s.split(/[.\u066b/]/);
  if (parts.length > 2) return null;
  const [whole = '', fraction = ''] = parts;
  if (s.includes('/') && whole.length === 4) return null;
  const value = Number(fraction ? `${whole}.${fraction}` : whole);
  if (!Number.isFinite(value)) return null;
  const trailingZeros = fraction ? 0 : (/0*$/.exec(whole)?.[0].length ?? 0);
  return { value, decimals: fraction.length, trailingZeros: Math.min(trailingZeros, whole.length - 1) };
}

export interface Amount {
  kind: 'usd' | 'percent';
  value: number;
  /** The rounding step the number was written with. */
  resolution: number;
  comparator: 'eq' | 'gt';
  /** A word like "about" or "حوالي" before it, as written. */
  approximately: string | null;
  /** Tokens of the shortest passage stating it (comparator, currency sign, number, scale, unit). */
  first: number;
  last: number;
  /** The token of the number itself. */
  number: number;
  /** The scale word's factor (1 without one). */
  factor: number;
  /** A share stated with a value ("37 مليون دولار (25.9%)"): the quote then spans both. */
  share: Amount | null;
  /** For such a share: the value it is stated with. */
  shareOf: Amount | null;
}

export interface AmountLeftOut {
  first: number;
  last: number;
  reason: string;
}

const ORDINAL_SUFFIXES = new Set(['st', 'nd', 'rd', 'th']);

function roundTo(value: number, step: number): number {
  // Whole dollars; the step keeps 37.5 × 10⁶ from becoming 37499999.99….
  return step >= 1 ? Math.round(value) : Number(value.toFixed(Math.round(-Math.log10(step))));
}

/** Every amount of US dollars and every percentage in the text, and the amounts left out with the reason. */
export function findAmounts(rt: ReportText): { amounts: Amount[]; leftOut: AmountLeftOut[] } {
  const { tokens } = rt;
  const amounts: Amount[] = [];
  const leftOut: AmountLeftOut[] = [];
  let consumed = -1; // the second number of "8 million and 400 thousand dollars"
  for (const tok of tokens) {
    if (tok.kind !== 'number' || tok.index <= consumed) continue;
    const n = readNumber(tok.raw);
    if (!n) continue;
    const i = tok.index;
    let j = i + 1;
    let factor = 0;
    const next = tokens[j];
    const joined = next && next.start === tok.end && next.kind === 'word';
    if (joined && ORDINAL_SUFFIXES.has(next.fold)) continue;
    if (joined && JOINED_SCALES[next.fold] !== undefined) {
      factor = JOINED_SCALES[next.fold] as number;
      j++;
    } else {
      for (const s of SCALES) {
        const len = rt.longestPhraseAt(j, s.words);
        if (len > 0) {
          factor = s.factor;
          j += len;
          break;
        }
      }
    }
    // "۸ میلیون و ۴۰۰ هزار دلار", "8 million and 400 thousand dollars": one amount in two parts.
    let extra = 0;
    let extraStep = 0;
    const and = tokens[j];
    const part = tokens[j + 1];
    if (factor > 0 && and && part?.kind === 'number' && (and.fold === 'و' || and.fold === 'and')) {
      const n2 = readNumber(part.raw);
      const scale2 = SCALES.find((s) => rt.longestPhraseAt(j + 2, s.words) > 0);
      if (n2 && scale2 && scale2.factor < factor) {
        const after = j + 2 + rt.longestPhraseAt(j + 2, scale2.words);
        if (rt.longestPhraseAt(after, CURRENCY_AFTER) > 0) {
          extra = n2.value * scale2.factor;
          extraStep = scale2.factor / 10 ** n2.decimals;
          consumed = j + 1;
          j = after;
        }
      }
    }
    let kind: Amount['kind'] | null = null;
    let first = i;
    let last = j - 1;
    const before = rt.phraseEndingAt(i - 1, CURRENCY_BEFORE);
    const currencyAfter = rt.longestPhraseAt(j, CURRENCY_AFTER);
    const prev = tokens[i - 1];
    if (currencyAfter > 0) {
      kind = 'usd';
      last = j + currencyAfter - 1;
      if (before >= 0) first = before;
    } else if (before >= 0) {
      kind = 'usd';
      first = before;
    } else if (factor === 0 && rt.longestPhraseAt(j, PERCENT_AFTER) > 0) {
      kind = 'percent';
      last = j + rt.longestPhraseAt(j, PERCENT_AFTER) - 1;
    } else if (factor === 0 && prev && prev.end === tok.start && PERCENT_SIGNS.has(prev.raw)) {
      // Right-to-left typesetting sometimes stores the sign first: "%25.9".
      kind = 'percent';
      first = i - 1;
    } else if (rt.longestPhraseAt(j, OTHER_CURRENCIES) > 0) {
      leftOut.push({ first: i, last: j, reason: 'an amount in another currency than US dollars' });
      continue;
    }
    if (kind === null) continue;
    const more = rt.phraseEndingAt(first - 1, MORE_THAN);
    const less = rt.phraseEndingAt(first - 1, LESS_THAN);
    const about = rt.phraseEndingAt(first - 1, APPROXIMATELY);
    if (less >= 0) {
      leftOut.push({
        first: less,
        last,
        reason: '"less than" states an upper bound, which the format cannot hold (only "eq" and "gt")',
      });
      continue;
    }
    let approximately: string | null = null;
    if (more >= 0) first = more;
    else if (about >= 0) {
      approximately = rt.text.slice(tokens[about]?.start, tokens[first - 1]?.end);
      first = about;
    }
    let value: number;
    let resolution: number;
    if (kind === 'usd') {
      const scale = factor || 1;
      resolution = extraStep
        ? extraStep
        : factor
          ? factor / 10 ** n.decimals
          : n.decimals
            ? 10 ** -n.decimals
            : 10 ** n.trailingZeros;
      value = Math.round(n.value * scale + extra);
    } else {
      resolution = 10 ** -n.decimals;
      value = roundTo(n.value, resolution);
      if (value > 100) {
        leftOut.push({ first, last, reason: 'a percentage above 100 cannot be a share' });
        continue;
      }
    }
    amounts.push({
      kind,
      value,
      resolution: roundTo(resolution, resolution),
      comparator: more >= 0 ? 'gt' : 'eq',
      approximately,
      first,
      last,
      number: i,
      factor: factor || 1,
      share: null,
      shareOf: null,
    });
  }
  const all = withSharedUnits(rt, amounts);
  attachShares(rt, all);
  return { amounts: all, leftOut };
}

/** "۳۵ و ۲۸ میلیون دلار", "25 and 30 percent": the first number takes the unit of the second. */
function withSharedUnits(rt: ReportText, amounts: Amount[]): Amount[] {
  const { tokens } = rt;
  const out: Amount[] = [];
  for (const a of amounts) {
    const and = tokens[a.number - 1];
    const n = tokens[a.number - 2];
    const written = n?.kind === 'number' ? readNumber(n.raw) : null;
    const taken = out.some((o) => o.number === a.number - 2);
    if (a.first === a.number && and && (and.fold === 'و' || and.fold === 'and') && n && written && !taken) {
      const more = rt.phraseEndingAt(n.index - 1, MORE_THAN);
      const resolution = a.kind === 'usd' ? a.factor / 10 ** written.decimals : 10 ** -written.decimals;
      const value = a.kind === 'usd' ? Math.round(written.value * a.factor) : written.value;
      if (a.kind === 'usd' || value <= 100) {
        out.push({
          ...a,
          value,
          resolution: roundTo(resolution, resolution),
          comparator: more >= 0 ? 'gt' : 'eq',
          approximately: null,
          first: more >= 0 ? more : n.index,
          number: n.index,
        });
      }
    }
    out.push(a);
  }
  return out;
}

/** Joins a value and the share right after it ("(25.9%)", ", or 25.9 percent"): one statement, one quote. */
function attachShares(rt: ReportText, amounts: Amount[]): void {
  const { tokens } = rt;
  for (let k = 0; k + 1 < amounts.length; k++) {
    const a = amounts[k] as Amount;
    const b = amounts[k + 1] as Amount;
    if (a.kind !== 'usd' || b.kind !== 'percent' || b.comparator !== 'eq') continue;
    let i = a.last + 1;
    let open = false;
    while (i < b.first) {
      const t = tokens[i] as Token;
      if (t.raw === '(' || t.raw === '[') open = true;
      else if (t.raw === ',' || t.raw === '،') {
        // a comma may stand before "or", not alone
      } else {
        const len = rt.longestPhraseAt(i, SHARE_LINKS);
        if (len === 0) break;
        i += len - 1;
      }
      i++;
    }
    if (i !== b.first || b.first - a.last > 5) continue;
    a.share = b;
    b.shareOf = a;
    let end = b.last;
    if (open) {
      // through the closing parenthesis when it comes within a few words: "(25.9% of the total)"
      for (let c = b.last + 1; c <= b.last + 6 && c < tokens.length; c++) {
        const t = tokens[c] as Token;
        if (t.raw === ')' || t.raw === ']') {
          end = c;
          break;
        }
        if (t.clause !== (tokens[b.last] as Token).clause) break;
      }
    }
    a.last = end;
  }
}

type Token = ReportText['tokens'][number];
