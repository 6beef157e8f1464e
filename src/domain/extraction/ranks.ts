// Rank statements: ordinals in three languages ("ranked third", "المركزين الأول والثاني", "رتبه‌های اول و دوم"),
// first place without an ordinal ("topped", "تتصدر") and ranks relative to the one before ("followed by", "تليها").
import { FOLLOWED_BY, NOT_RANK_AFTER, ORDINALS, RANK_WORDS, RANKS_NEXT, RUNNER_UP, TOP } from './lexicon.ts';
import { westernDigits } from './numbers.ts';
import { type ReportText, wordIs } from './text.ts';

export interface RankStatement {
  /**
   * "ordinal": the ranks are stated; "top": first (or second) place without an ordinal; "next": one below the last rank stated, the province named
   * around the words; "followed": the same, the provinces named right after the words.
   */
  kind: 'ordinal' | 'top' | 'next' | 'followed';
  /** The ranks, in the order stated (empty for relative statements). */
  ranks: number[];
  /** Tokens of the words that state the rank(s). */
  first: number;
  last: number;
}

const LIST_JOINERS = new Set(['and', 'و', ',', '،']);

function ordinalOf(rt: ReportText, i: number): number | null {
  const t = rt.tokens[i];
  if (!t) return null;
  if (t.kind === 'word') {
    // the word itself, or with a joined Arabic prefix ("والثاني")
    return ORDINALS[t.fold] ?? (wordIs(t.fold, t.fold.slice(1)) ? (ORDINALS[t.fold.slice(1)] ?? null) : null);
  }
  if (t.kind === 'number') {
    const n = Number(westernDigits(t.raw));
    const next = rt.tokens[i + 1];
    // "3rd"
    if (next && next.start === t.end && ['st', 'nd', 'rd', 'th'].includes(next.fold)) return n;
    // "رتبه ۳", "المرتبة 3"
    const prev = rt.tokens[i - 1];
    if (prev && isRankWord(prev.fold) && Number.isInteger(n) && n >= 1 && n <= 40) return n;
  }
  return null;
}

function isRankWord(fold: string): boolean {
  for (const w of RANK_WORDS) if (wordIs(fold, w)) return true;
  return false;
}

/** The last token of an ordinal starting at `i` ("3rd" is two tokens). */
function ordinalEnd(rt: ReportText, i: number): number {
  const t = rt.tokens[i];
  const next = rt.tokens[i + 1];
  return t?.kind === 'number' && next && next.start === t.end && next.kind === 'word' ? i + 1 : i;
}

/** Every rank statement in the text, in order. */
export function findRankStatements(rt: ReportText): RankStatement[] {
  const { tokens } = rt;
  const out: RankStatement[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const followed = rt.longestPhraseAt(i, FOLLOWED_BY);
    if (followed) {
      out.push({ kind: 'followed', ranks: [], first: i, last: i + followed - 1 });
      i += followed - 1;
      continue;
    }
    const next = rt.longestPhraseAt(i, RANKS_NEXT);
    if (next) {
      out.push({ kind: 'next', ranks: [], first: i, last: i + next - 1 });
      i += next - 1;
      continue;
    }
    const top = rt.longestPhraseAt(i, TOP);
    // "topped $40 million" is "more than", not first place
    const afterTop = tokens[i + top];
    if (top && afterTop && (afterTop.kind === 'number' || afterTop.raw === '$')) {
      i += top - 1;
      continue;
    }
    if (top) {
      out.push({ kind: 'top', ranks: [1], first: i, last: i + top - 1 });
      i += top - 1;
      continue;
    }
    const second = rt.longestPhraseAt(i, RUNNER_UP);
    if (second) {
      out.push({ kind: 'top', ranks: [2], first: i, last: i + second - 1 });
      i += second - 1;
      continue;
    }
    const first = ordinalOf(rt, i);
    if (first === null) continue;
    // A list of ordinals: "first and second", "الأول والثاني", "اول و دوم", "fourth, fifth and sixth".
    const ranks = [first];
    let last = ordinalEnd(rt, i);
    for (;;) {
      let j = last + 1;
      while (tokens[j] && LIST_JOINERS.has(tokens[j]?.fold ?? '')) j++;
      const n = j > last + 1 || tokens[j]?.fold.startsWith('و') ? ordinalOf(rt, j) : null;
      if (n === null) break;
      ranks.push(n);
      last = ordinalEnd(rt, j);
    }
    const after = tokens[last + 1];
    if (after && NOT_RANK_AFTER.has(after.fold)) {
      i = last;
      continue;
    }
    // A word for rank, place or position close by makes an ordinal a rank.
    let from = -1;
    for (let b = i - 1; b >= Math.max(0, i - 3); b--) {
      const t = tokens[b];
      if (!t || t.clause !== tokens[i]?.clause) break;
      if (t.kind === 'word' && isRankWord(t.fold)) {
        from = b;
        break;
      }
    }
    let to = last;
    for (let a = last + 1; a <= last + 3; a++) {
      const t = tokens[a];
      if (!t || t.clause !== tokens[last]?.clause) break;
      if (t.kind === 'word' && isRankWord(t.fold)) {
        to = a;
        break;
      }
    }
    if (from < 0 && to === last) {
      i = last;
      continue;
    }
    out.push({ kind: 'ordinal', ranks, first: from >= 0 ? from : i, last: to });
    i = to;
  }
  return out;
}
