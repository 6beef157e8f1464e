// A report's text cut into tokens, lines, sentences and clauses, with offsets in UTF-16 units (what regular
// expressions give) and a converter to the code points that the dataset format counts in.
import { foldLetters } from '../names.ts';
import { lineNumberAt } from '../quotes.ts';

export type TokenKind = 'word' | 'number' | 'mark';

export interface Token {
  kind: TokenKind;
  /** The characters as written. */
  raw: string;
  /** For words: folded letters (case, diacritics, Arabic/Persian letter variants and ZWNJ do not matter). */
  fold: string;
  /** UTF-16 offsets in the text. */
  start: number;
  end: number;
  index: number;
  line: number;
  sentence: number;
  clause: number;
}

const DIGIT = '[0-9\u0660-\u0669\u06f0-\u06f9]';
// A number as written: digits, thousands groups (',' or the Arabic thousands separator), then any run of '.', '٫'
// or '/' parts; numbers.ts decides what such a run means (a decimal, or a date to leave alone).
const TOKEN_RE = new RegExp(
  `(${DIGIT}+(?:[,\u066c]${DIGIT}{3})*(?:[.\u066b/]${DIGIT}+)*)|([\\p{L}\\p{M}\\u200c\\u0640]+)|(\\S)`,
  'gu',
);

// Words (folded) that open a new clause although no punctuation does.
const CLAUSE_WORDS = new Set(['while', 'whereas', 'but', 'بينما', 'لكن', 'ولكن', 'اما', 'ولي', 'درحاليکه']);
const CLAUSE_MARKS = new Set([',', '،', ';', '؛', ':']);
const SENTENCE_MARKS = new Set(['.', '!', '?', '؟']);

export class ReportText {
  readonly text: string;
  readonly tokens: Token[] = [];
  /** UTF-16 offset where each line starts (index 0 is line 1). */
  private readonly lineStarts: number[] = [0];
  /** Code points before each UTF-16 offset. */
  private readonly codePoints: Uint32Array;

  constructor(text: string) {
    this.text = text;
    this.codePoints = new Uint32Array(text.length + 1);
    let cp = 0;
    for (let i = 0; i < text.length; i++) {
      this.codePoints[i] = cp;
      const c = text.charCodeAt(i);
      // A high surrogate and its low surrogate are one code point.
      if (!(c >= 0xd800 && c <= 0xdbff && i + 1 < text.length)) cp++;
      if (text[i] === '\n') this.lineStarts.push(i + 1);
    }
    this.codePoints[text.length] = cp;
    this.tokenize();
  }

  private tokenize(): void {
    let line = 1;
    let sentence = 0;
    let clause = 0;
    let lastEnd = 0;
    let boundary: 'none' | 'clause' | 'sentence' = 'none';
    for (const m of this.text.matchAll(TOKEN_RE)) {
      const start = m.index;
      const raw = m[0];
      const gap = this.text.slice(lastEnd, start);
      const newlines = (gap.match(/\n/g) ?? []).length;
      if (newlines > 0) {
        line += newlines;
        boundary = 'sentence';
      }
      const kind: TokenKind = m[1] ? 'number' : m[2] ? 'word' : 'mark';
      const fold = kind === 'word' ? foldLetters(raw) : raw;
      if (kind === 'word' && CLAUSE_WORDS.has(fold) && boundary === 'none') boundary = 'clause';
      if (boundary === 'sentence') {
        sentence++;
        clause++;
      } else if (boundary === 'clause') clause++;
      boundary = 'none';
      this.tokens.push({
        kind,
        raw,
        fold,
        start,
        end: start + raw.length,
        index: this.tokens.length,
        line,
        sentence,
        clause,
      });
      lastEnd = start + raw.length;
      if (kind === 'mark') {
        if (SENTENCE_MARKS.has(raw) && !this.isAbbreviationDot(start)) boundary = 'sentence';
        else if (CLAUSE_MARKS.has(raw)) boundary = 'clause';
      }
    }
  }

  /** "U.S." and similar initials do not end a sentence. */
  private isAbbreviationDot(at: number): boolean {
    if (this.text[at] !== '.') return false;
    const before = this.text.slice(Math.max(0, at - 2), at);
    return /(^|[\s.])[A-Z]$/.test(before);
  }

  /** Code-point offset of a UTF-16 offset. */
  cp(offset: number): number {
    return this.codePoints[offset] as number;
  }

  /** 1-based line of a UTF-16 offset. */
  lineOf(offset: number): number {
    return lineNumberAt(this.lineStarts, offset);
  }

  /** The line's text without its newline, and its UTF-16 start. */
  lineText(line: number): { text: string; start: number } {
    const start = this.lineStarts[line - 1] ?? this.text.length;
    const next = this.lineStarts[line];
    const end = next === undefined ? this.text.length : next - 1;
    return { text: this.text.slice(start, end).replace(/\r$/, ''), start };
  }

  /** The first token of the clause that token `i` is in. */
  clauseStart(i: number): number {
    const clause = this.tokens[i]?.clause;
    let j = i;
    while (j > 0 && this.tokens[j - 1]?.clause === clause) j--;
    return j;
  }

  /** The first and last token of the sentence that token `i` is in. */
  sentenceRange(i: number): [number, number] {
    const sentence = this.tokens[i]?.sentence;
    let a = i;
    let b = i;
    while (a > 0 && this.tokens[a - 1]?.sentence === sentence) a--;
    while (b + 1 < this.tokens.length && this.tokens[b + 1]?.sentence === sentence) b++;
    return [a, b];
  }

  /** Whether the words of `phrase` (folded, one per token) stand at token `i`; an Arabic prefix may open it. */
  phraseAt(i: number, phrase: readonly string[]): boolean {
    for (let k = 0; k < phrase.length; k++) {
      const t = this.tokens[i + k];
      if (!t) return false;
      const want = phrase[k] as string;
      if (t.kind === 'word' ? !wordIs(t.fold, want, k === 0) : t.raw !== want) return false;
    }
    return true;
  }

  /** The longest of `phrases` standing at token `i`, as its length in tokens (0 when none). */
  longestPhraseAt(i: number, phrases: readonly (readonly string[])[]): number {
    let best = 0;
    for (const p of phrases) if (p.length > best && this.phraseAt(i, p)) best = p.length;
    return best;
  }

  /** The longest of `phrases` ending at token `i` (its first token's index), or -1. */
  phraseEndingAt(i: number, phrases: readonly (readonly string[])[]): number {
    let best = -1;
    for (const p of phrases) {
      const from = i - p.length + 1;
      if (from >= 0 && (best === -1 || from < best) && this.phraseAt(from, p)) best = from;
    }
    return best;
  }
}

// One-letter Arabic prefixes written joined to the next word: wa- (and), fa- (so), bi- (with), li- (to).
const PREFIXES = ['و', 'ف', 'ب', 'ل'];

/**
 * A folded word equals `want`, or (as the first word of a phrase) does once a joined Arabic prefix (و ف ب ل) or the
 * article (ال, "الاستثمارات" for "استثمارات") is removed.
 */
export function wordIs(fold: string, want: string, prefixAllowed = true): boolean {
  if (fold === want) return true;
  if (!prefixAllowed || fold.length <= want.length) return false;
  const rest = PREFIXES.includes(fold[0] as string) ? fold.slice(1) : fold;
  if (rest === want) return true;
  return !want.startsWith('ال') && rest.startsWith('ال') && rest.slice(2) === want;
}

/** Folds each word of each phrase of a word list written in natural spelling. */
export function phrases(list: readonly string[]): string[][] {
  return list.map((p) =>
    p
      .split(' ')
      .filter(Boolean)
      .map((w) => (/^[\p{L}\p{M}\u200c\u0640]+$/u.test(w) ? foldLetters(w) : w)),
  );
}
