// A dataset draft from a report's text: every value, share and rank the text states for a province, each with the
// shortest quote that states it, its offsets in code points and a remark on how it was read; what the tool is unsure
// of is left out and said why, for a person to review.
import { FORBIDDEN_IN_TEXT } from '../control-chars.ts';
import { PLACEHOLDER } from '../dataset-checks.ts';
import type { Measure } from '../measures.ts';
import type { ProvinceIndex } from '../names.ts';
import type { Province } from '../types.ts';
import {
  BACK_REFERENCES,
  CHANGE,
  CLAUSE_OPENERS,
  COMPARED_WITH,
  COMPLEMENTIZERS,
  NATIONAL,
  NOT_EXPORTS,
  PERIOD_TRIM,
  PERIOD_WORDS,
  RESPECTIVELY,
} from './lexicon.ts';
import { findMentions, type Mention, type MentionGroup } from './mentions.ts';
import { type Amount, findAmounts, readNumber } from './numbers.ts';
import { findRankStatements, type RankStatement } from './ranks.ts';
import { ReportText, type Token, wordIs } from './text.ts';

// PLACEHOLDER marks every value only a person can give; the summary lists each one, and the import refuses a file
// that still holds one (dataset-checks.ts).
export { PLACEHOLDER };

export interface DraftQuote {
  text: string;
  line: number;
  start: number;
  end: number;
}

export interface DraftFigure {
  id: string;
  provinces: string[];
  measure: Measure;
  value: number;
  comparator: 'eq' | 'gt';
  resolution: number | null;
  quote: DraftQuote;
  remark: string;
}

export interface DraftNote {
  id: string;
  province: string;
  topic: string;
  summaryEn: string;
  quote: DraftQuote;
}

/** A dataset file in format version 1 (src/schemas/report-dataset.ts), as the draft writes it. */
export interface DraftDataset {
  formatVersion: 1;
  source: {
    id: string;
    title: { ar: string | null; en: string };
    publisher: { ar: string | null; en: string };
    dataOwner: { ar: string | null; en: string };
    language: string;
    publishedOn: null;
    url: null;
    textFile: string;
    textSha256: string;
  };
  period: {
    id: string;
    label: string;
    words: DraftQuote;
    year: number;
    sortKey: string;
    startsOn: null;
    endsOn: null;
  };
  figures: DraftFigure[];
  notes: DraftNote[];
}

export interface LeftOut {
  line: number;
  quote: string;
  reason: string;
}

export interface Placeholder {
  field: string;
  what: string;
}

export interface Draft {
  dataset: DraftDataset;
  leftOut: LeftOut[];
  placeholders: Placeholder[];
}

export interface DraftOptions {
  sourceId: string;
  periodId: string;
  year: number;
  language: 'ar' | 'fa' | 'en';
  /** The text file as the dataset names it (relative to the dataset file). */
  textFile: string;
  textSha256: string;
}

/** A figure before its id: the provinces, what it states, its quote's tokens and how it was read. */
interface Reading {
  provinces: Province[];
  measure: Measure;
  value: number;
  comparator: 'eq' | 'gt';
  resolution: number | null;
  first: number;
  last: number;
  /** Quote the whole line (a heading states its figure with its province). */
  heading: boolean;
  how: string;
  /** The token the reading stands at, for document order. */
  at: number;
}

const MEASURE_WORD: Record<Measure, string> = {
  export_value_usd: 'value',
  export_share_percent: 'share',
  export_rank: 'rank',
};
const HEADING_MAX_WORDS = 14;

function ordinalEn(n: number): string {
  const suffix =
    n % 10 === 1 && n !== 11
      ? 'st'
      : n % 10 === 2 && n !== 12
        ? 'nd'
        : n % 10 === 3 && n !== 13
          ? 'rd'
          : 'th';
  return `${n}${suffix}`;
}

function names(provinces: readonly Province[]): string {
  const list = provinces.map((p) => p.names.en);
  return list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

/** "the nearest million", "the nearest 0.1 million", "the nearest 0.1 point". */
function stepWords(step: number, measure: Measure): string {
  if (measure === 'export_share_percent') return `the nearest ${step} percentage point`;
  for (const [size, word] of [
    [1e9, 'billion'],
    [1e6, 'million'],
    [1e3, 'thousand'],
  ] as const) {
    if (step >= size / 10) {
      const n = Number((step / size).toPrecision(6));
      return `the nearest ${n === 1 ? '' : `${n} `}${word}`;
    }
  }
  return `the nearest ${step} dollar${step === 1 ? '' : 's'}`;
}

class Drafter {
  readonly rt: ReportText;
  readonly mentions: Mention[];
  readonly amounts: Amount[];
  readonly leftOut: { first: number; last: number; reason: string }[] = [];
  readonly readings: Reading[] = [];
  private readonly bySentence = new Map<number, Mention[]>();

  constructor(text: string, index: ProvinceIndex) {
    this.rt = new ReportText(text);
    this.mentions = findMentions(this.rt, index);
    for (const m of this.mentions) {
      const sentence = this.tok(m.first).sentence;
      const list = this.bySentence.get(sentence) ?? [];
      list.push(m);
      this.bySentence.set(sentence, list);
    }
    const found = findAmounts(this.rt);
    this.amounts = found.amounts;
    this.leftOut.push(...found.leftOut);
  }

  tok(i: number): Token {
    return this.rt.tokens[i] as Token;
  }

  private readonly headings = new Map<number, boolean>();

  isHeading(line: number): boolean {
    let heading = this.headings.get(line);
    if (heading === undefined) {
      const text = this.rt.lineText(line).text.trim();
      const words = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
      heading = words > 0 && words <= HEADING_MAX_WORDS && !/[.،,;؛:!?؟](?![0-9٠-٩۰-۹])/.test(text);
      this.headings.set(line, heading);
    }
    return heading;
  }

  sameSentence(a: number, b: number): boolean {
    return this.tok(a).sentence === this.tok(b).sentence;
  }

  /** Mentions in the sentence of token `at`, before it (nearest last) and after it. */
  around(first: number, last: number): { before: Mention[]; after: Mention[] } {
    const inSentence = this.bySentence.get(this.tok(first).sentence) ?? [];
    return {
      before: inSentence.filter((m) => m.last < first),
      after: inSentence.filter((m) => m.first > last),
    };
  }

  hasWordIn(from: number, to: number, words: ReadonlySet<string>): string | null {
    for (let i = Math.max(0, from); i <= to && i < this.rt.tokens.length; i++) {
      const t = this.tok(i);
      if (t.kind !== 'word') continue;
      for (const w of words) if (wordIs(t.fold, w)) return t.raw;
    }
    return null;
  }

  phraseIn(from: number, to: number, list: readonly (readonly string[])[]): boolean {
    for (let i = Math.max(0, from); i <= to; i++) if (this.rt.longestPhraseAt(i, list) > 0) return true;
    return false;
  }

  /** Amounts of the same kind in a sentence, from token `from` on (a value with its share counts once). */
  unitsAfter(from: number, kind: Amount['kind'], to: number): Amount[] {
    return this.amounts.filter(
      (a) =>
        a.kind === kind &&
        a.shareOf === null &&
        a.first > from &&
        a.last <= to &&
        this.sameSentence(a.number, from),
    );
  }

  /** Which province(s) an amount belongs to, and how that was read; or why it is not placed. */
  place(a: Amount): { provinces: Province[]; how: string } | { reason: string } {
    const { before, after } = this.around(a.first, a.last);
    const [, sentenceEnd] = this.rt.sentenceRange(a.number);
    const nearest = before.at(-1);
    const what = a.kind === 'usd' ? 'value' : 'share';
    if (a.kind === 'usd') {
      // "the country's total of $149 million", "صادرات إيران … 150 مليون دولار": the whole country's, close before it
      const from = Math.max(nearest ? nearest.last + 1 : 0, this.rt.clauseStart(a.first), a.first - 6);
      const national = this.hasWordIn(from, a.first - 1, NATIONAL);
      if (national) return { reason: `not placed: a figure for the whole country ("${national}")` };
    }
    if (nearest) {
      const group = nearest.group;
      const size = group.mentions.length;
      if (size > 1 && group.mentions.at(-1) === nearest) {
        const nextMention = after[0]?.first ?? sentenceEnd + 1;
        const units = this.unitsAfter(group.last, a.kind, nextMention - 1);
        const k = units.indexOf(a);
        const respectively = this.phraseIn(group.last, sentenceEnd, RESPECTIVELY);
        if (units.length === size && k >= 0) {
          const p = group.mentions[k]?.province as Province;
          return {
            provinces: [p],
            how: `${ordinalEn(k + 1)} of ${size} ${what}s listed ${respectively ? '"respectively" ' : 'in the order named '}after ${names(group.mentions.map((m) => m.province))}`,
          };
        }
        if (units.length === 1 && !respectively) {
          return {
            provinces: group.mentions.map((m) => m.province),
            how: `one ${what} after ${names(group.mentions.map((m) => m.province))} were named together: their combined ${what}`,
          };
        }
        return {
          reason: `${units.length} ${what}s after ${size} provinces named together (${names(group.mentions.map((m) => m.province))}): which is whose is unclear`,
        };
      }
      return {
        provinces: [nearest.province],
        how: `the province named before it in the sentence (${nearest.province.names.en})`,
      };
    }
    const later = after.find((m) => this.tok(m.first).clause === this.tok(a.last).clause);
    if (later && later.group.mentions.length === 1) {
      return { provinces: [later.province], how: `the province named after it in the same clause` };
    }
    // "Its exports reached …", "صادراتها", "این استان": the single province of the sentence before.
    const [sentenceStart] = this.rt.sentenceRange(a.number);
    if (sentenceStart > 0 && this.phraseIn(sentenceStart, a.first - 1, BACK_REFERENCES)) {
      const prev = this.mentions.filter(
        (m) => this.tok(m.last).sentence === this.tok(sentenceStart - 1).sentence,
      );
      const groups = new Set(prev.map((m) => m.group));
      const only = prev.at(-1);
      if (only && groups.size === 1 && only.group.mentions.length === 1) {
        return {
          provinces: [only.province],
          how: `a word referring back to ${only.province.names.en}, named in the sentence before`,
        };
      }
    }
    const national = this.hasWordIn(sentenceStart, sentenceEnd, NATIONAL);
    return {
      reason: national
        ? `not placed: no province named in its sentence; a figure for the whole country ("${national}")?`
        : 'not placed: no province named in its sentence',
    };
  }

  readAmounts(): void {
    for (const a of this.amounts) {
      if (a.shareOf) continue; // read with its value
      const clauseStart = this.rt.clauseStart(a.first);
      if (a.kind === 'usd') {
        const other = this.hasWordIn(Math.max(clauseStart, a.first - 8), a.first - 1, NOT_EXPORTS);
        if (other) {
          this.leftOut.push({ first: a.first, last: a.last, reason: `not exports ("${other}")` });
          continue;
        }
      } else {
        const [s0, s1] = this.rt.sentenceRange(a.number);
        const change = this.hasWordIn(Math.max(s0, a.first - 6), Math.min(s1, a.last + 3), CHANGE);
        if (change) {
          this.leftOut.push({ first: a.first, last: a.last, reason: `a change, not a share ("${change}")` });
          continue;
        }
      }
      const placed = this.place(a);
      if ('reason' in placed) {
        this.leftOut.push({ first: a.first, last: a.last, reason: placed.reason });
        continue;
      }
      const line = this.tok(a.number).line;
      const heading = this.isHeading(line);
      const how = `${heading ? 'heading: ' : ''}${placed.how}, line ${line}`;
      const approx = a.approximately ? `; stated as "${a.approximately}"` : '';
      const gt = a.comparator === 'gt' ? '; "more than": comparator gt' : '';
      const measure: Measure = a.kind === 'usd' ? 'export_value_usd' : 'export_share_percent';
      const step = `stated to ${stepWords(a.resolution, measure)}`;
      this.readings.push({
        provinces: placed.provinces,
        measure,
        value: a.value,
        comparator: a.comparator,
        resolution: a.resolution,
        first: a.first,
        last: a.last,
        heading,
        how: `${a.share ? 'Value and share together' : a.kind === 'usd' ? 'Value' : 'Share'}: ${how}; ${step}${gt}${approx}.`,
        at: a.number,
      });
      if (a.share) {
        const s = a.share;
        this.readings.push({
          provinces: placed.provinces,
          measure: 'export_share_percent',
          value: s.value,
          comparator: 'eq',
          resolution: s.resolution,
          first: a.first,
          last: a.last,
          heading,
          how: `Share stated with the value: ${how}; stated to ${stepWords(s.resolution, 'export_share_percent')}.`,
          at: s.number,
        });
      }
    }
  }

  /** Where a rank's quote starts: its clause, less a "that"/"أن"/"که" opening it, or the names if far from it. */
  quoteStart(i: number, names?: MentionGroup): number {
    let start = this.rt.clauseStart(i);
    const limit = names ? names.first : i;
    // "… reported that Isfahan ranked first": the statement starts after "that"
    for (let k = start; k < limit; k++) if (COMPLEMENTIZERS.has(this.tok(k).fold)) start = k + 1;
    while (start < limit && (CLAUSE_OPENERS.has(this.tok(start).fold) || this.tok(start).kind === 'mark'))
      start++;
    if (names && names.first - start > 8) start = names.first;
    return start;
  }

  readRanks(): void {
    const statements = findRankStatements(this.rt);
    let previous: number | null = null; // the last rank stated, for "next" and "followed by"
    let previousWhy = '';
    for (const st of statements) {
      const result = this.rankStatement(st, previous, previousWhy);
      if ('reason' in result) {
        this.leftOut.push({ first: st.first, last: st.last, reason: result.reason });
        previous = null;
        previousWhy = `the rank before it was left out (line ${this.tok(st.first).line})`;
        continue;
      }
      for (const r of result.readings) this.readings.push(r);
      previous = result.last;
    }
  }

  rankStatement(
    st: RankStatement,
    previous: number | null,
    previousWhy: string,
  ): { readings: Reading[]; last: number } | { reason: string } {
    // "overtaking Hormozgan and moving up to fourth place": the province compared with is not the one ranked
    const ranked = (m: Mention) => this.rt.phraseEndingAt(m.group.first - 1, COMPARED_WITH) < 0;
    const around = this.around(st.first, st.last);
    const before = around.before.filter(ranked);
    const after = around.after.filter(ranked);
    const clause = this.tok(st.first).clause;
    const line = this.tok(st.first).line;
    const phrase = this.rt.text.slice(this.tok(st.first).start, this.tok(st.last).end);
    let ranks = st.ranks;
    let group: MentionGroup | null = null;
    let namedAfter = false;
    if (st.kind === 'followed') {
      const next = after[0];
      if (!next || next.first - st.last > 3) return { reason: `"${phrase}" with no province right after it` };
      group = next.group;
      namedAfter = true;
    } else {
      // "حلت خوزستان ثانية": the name may stand inside the words that state the rank
      const inside = this.mentions.filter((m) => m.first > st.first && m.last < st.last).at(-1);
      const inClauseBefore = before.filter((m) => this.tok(m.last).clause === clause).at(-1);
      const inClauseAfter = after.find((m) => this.tok(m.first).clause === clause);
      // "در صدر جدول، استان تهران …": the province may come in the next clause
      const m = inside ?? inClauseBefore ?? inClauseAfter ?? before.at(-1) ?? after[0];
      if (!m) return { reason: `"${phrase}" with no province named in its sentence` };
      group = m.group;
      namedAfter = m !== inside && m !== inClauseBefore && m.first > st.last;
    }
    const provinces = group.mentions.map((m) => m.province);
    if (st.kind === 'next' || st.kind === 'followed') {
      if (previous === null) {
        return {
          reason: `"${phrase}": a rank relative to the one before, but ${previousWhy || 'no rank is stated before it'}`,
        };
      }
      ranks = provinces.map((_, k) => (previous as number) + k + 1);
    }
    if (ranks.length !== provinces.length) {
      return {
        reason: `"${phrase}" states ${ranks.length} rank(s) for ${provinces.length} provinces named together (${names(provinces)})`,
      };
    }
    const sameClause = this.tok(group.last).clause === clause;
    const start =
      namedAfter || !sameClause
        ? this.quoteStart(st.first)
        : this.quoteStart(Math.min(group.first, st.first), group);
    const end = namedAfter ? Math.max(group.last, st.last) : st.last;
    const how =
      st.kind === 'next'
        ? `"${phrase}" after rank ${previous}, i.e. ${ordinalEn(ranks[0] as number)}`
        : st.kind === 'followed'
          ? `"${phrase}" after rank ${previous}, i.e. ${ranks.map(ordinalEn).join(', ')} in the order named`
          : provinces.length > 1
            ? `"${phrase}" for ${names(provinces)} in that order`
            : `"${phrase}"`;
    return {
      readings: provinces.map((p, k) => ({
        provinces: [p],
        measure: 'export_rank' as const,
        value: ranks[k] as number,
        comparator: 'eq' as const,
        resolution: null,
        first: start,
        last: end,
        heading: false,
        how: `Rank: ${how}, line ${line}.`,
        at: st.first,
      })),
      last: ranks.at(-1) as number,
    };
  }

  quoteOf(r: { first: number; last: number; heading?: boolean }): DraftQuote {
    let start = this.tok(r.first).start;
    let end = this.tok(r.last).end;
    if (r.heading) {
      const line = this.tok(r.first).line;
      const { text, start: lineStart } = this.rt.lineText(line);
      const lead = text.length - text.trimStart().length;
      start = lineStart + lead;
      end = lineStart + text.trimEnd().length;
    }
    return {
      text: this.rt.text.slice(start, end),
      line: this.rt.lineOf(start),
      start: this.rt.cp(start),
      end: this.rt.cp(end),
    };
  }
}

function key(r: Reading): string {
  return `${r.provinces.map((p) => p.code).join('+')}|${r.measure}|${r.value}|${r.comparator}`;
}

/** The same figure stated twice: keep one, say where else it is stated. */
function dedupe(d: Drafter): Reading[] {
  const byKey = new Map<string, Reading[]>();
  for (const r of [...d.readings].sort((a, b) => a.at - b.at)) {
    const list = byKey.get(key(r)) ?? [];
    list.push(r);
    byKey.set(key(r), list);
  }
  const kept: Reading[] = [];
  for (const list of byKey.values()) {
    // A rank stated where the province's value is: the statement the others repeat. Otherwise the body over a
    // heading, then the first.
    const valueSentences = new Set(
      d.readings
        .filter(
          (r) =>
            r.measure !== 'export_rank' &&
            key(r).startsWith(`${list[0]?.provinces.map((p) => p.code).join('+')}|`),
        )
        .map((r) => d.tok(r.at).sentence),
    );
    const best =
      list.find((r) => r.measure === 'export_rank' && valueSentences.has(d.tok(r.at).sentence)) ??
      list.find((r) => !r.heading) ??
      (list[0] as Reading);
    const others = list.filter((r) => r !== best).map((r) => d.tok(r.at).line);
    const also = [...new Set(others)].filter((l) => l !== d.tok(best.at).line);
    const shown =
      also.length > 5 ? `${also.slice(0, 5).join(', ')} and ${also.length - 5} more` : also.join(', ');
    kept.push(
      also.length > 0
        ? {
            ...best,
            how: `${best.how} Line${also.length > 1 ? 's' : ''} ${shown} say${also.length > 1 ? '' : 's'} the same.`,
          }
        : best,
    );
  }
  return kept.sort((a, b) => a.at - b.at || a.measure.localeCompare(b.measure));
}

function figureId(r: Reading): string {
  const slugs = r.provinces.map((p) => p.slug).join('-');
  return `${slugs}${r.provinces.length > 1 ? '-combined' : ''}-${MEASURE_WORD[r.measure]}`;
}

/** The report's own words for its period: the year (or its Solar Hijri years) with the words before it. */
function periodWords(d: Drafter, year: number): { first: number; last: number } | null {
  for (const y of [year, year - 621, year - 622]) {
    const at = d.rt.tokens.find(
      (t) => t.kind === 'number' && readNumber(t.raw)?.value === y && !t.raw.match(/[.,٫٬/]/),
    );
    if (!at) continue;
    let first = at.index;
    while (
      first > 0 &&
      at.index - first < 5 &&
      d.tok(first - 1).kind === 'word' &&
      d.tok(first - 1).line === at.line &&
      PERIOD_WORDS.has(d.tok(first - 1).fold)
    )
      first--;
    while (first < at.index && PERIOD_TRIM.has(d.tok(first).fold)) first++;
    return { first, last: at.index };
  }
  return null;
}

/** Drafts a dataset from a report's text; pure: the caller reads and writes the files. */
export function draftReport(text: string, index: ProvinceIndex, options: DraftOptions): Draft {
  const d = new Drafter(text, index);
  d.readAmounts();
  d.readRanks();
  const readings = dedupe(d);

  // Ids: "isfahan-value"; a province with two different values gets "-line-N" on each.
  const base = readings.map(figureId);
  const counts = new Map<string, number>();
  for (const b of base) counts.set(b, (counts.get(b) ?? 0) + 1);
  const used = new Set<string>();
  const figures: DraftFigure[] = readings.map((r, k) => {
    let id = base[k] as string;
    if ((counts.get(id) ?? 0) > 1) id = `${id}-line-${d.tok(r.at).line}`;
    for (let n = 2; used.has(id); n++) id = `${base[k]}-${n}`;
    used.add(id);
    // Different values for one province and measure: each remark names the others.
    const siblings = readings.filter(
      (o) =>
        o !== r &&
        o.measure === r.measure &&
        o.provinces.map((p) => p.code).join() === r.provinces.map((p) => p.code).join(),
    );
    const conflict =
      siblings.length > 0
        ? ` Also stated differently: ${siblings
            .slice(0, 5)
            .map((o) => `${o.value} on line ${d.tok(o.at).line}`)
            .join('; ')}${siblings.length > 5 ? ` and ${siblings.length - 5} more times` : ''}.`
        : '';
    return {
      id,
      provinces: r.provinces.map((p) => p.code),
      measure: r.measure,
      value: r.value,
      comparator: r.comparator,
      resolution: r.resolution,
      quote: d.quoteOf(r),
      remark: r.how + conflict,
    };
  });

  // Provinces named with no figure become notes to fill in, quoted as the names are written together.
  const withFigure = new Set(figures.flatMap((f) => f.provinces));
  const notes: DraftNote[] = [];
  for (const m of d.mentions) {
    const code = m.province.code;
    if (withFigure.has(code) || notes.some((n) => n.province === code)) continue;
    const first = m.group.mentions[0] as Mention;
    const id = `${m.province.slug}-mentioned`;
    if (used.has(id)) continue;
    used.add(id);
    notes.push({
      id,
      province: code,
      topic: 'mentioned',
      summaryEn: `${PLACEHOLDER}: what the report says of ${m.province.names.en} (named on line ${d.tok(m.first).line} without a figure), or delete this note.`,
      quote: d.quoteOf({ first: first.first, last: m.group.last }),
    });
  }

  const placeholders: Placeholder[] = [];
  const firstLine = d.rt.lineText(1).text.trim();
  const todo = (field: string, what: string): string => {
    placeholders.push({ field, what });
    return `${PLACEHOLDER}: ${what}`;
  };
  // A report's first line is usually its title: proposed in its language's field (the format has ar and en).
  const titleField = options.language === 'fa' || !firstLine ? null : `source.title.${options.language}`;
  if (titleField)
    placeholders.push({ field: titleField, what: 'proposed from line 1: check it is the title' });
  const titleAr = options.language === 'ar' && firstLine ? firstLine : null;
  const titleEn =
    options.language === 'en' && firstLine
      ? firstLine
      : todo(
          'source.title.en',
          options.language === 'fa' && firstLine
            ? `the title in English (line 1: "${firstLine}")`
            : 'the title in English',
        );
  const publisherEn = todo('source.publisher.en', 'who published the report, in English');
  const ownerEn = todo('source.dataOwner.en', 'who owns the data, in English');
  placeholders.push(
    { field: 'source.title.ar / publisher.ar / dataOwner.ar', what: 'in Arabic, or leave null' },
    { field: 'source.publishedOn', what: 'the publication date (YYYY-MM-DD), or leave null' },
    { field: 'source.url', what: 'where the report was published, or leave null' },
  );
  if (FORBIDDEN_IN_TEXT.test(text)) {
    placeholders.push({
      field: 'source.textFile',
      what: 'the text holds control characters or bidi overrides, which the import refuses: clean it, then draft again',
    });
  }
  const words = periodWords(d, options.year);
  const firstWord = d.rt.tokens[0];
  const wordsQuote = words
    ? d.quoteOf(words)
    : firstWord
      ? d.quoteOf({ first: firstWord.index, last: firstWord.index, heading: true })
      : { text: '', line: 1, start: 0, end: 0 };
  if (!words) {
    placeholders.push({
      field: 'period.words',
      what: `the report's words for its period: ${options.year} is not in the text, so line 1 stands in`,
    });
  }
  const [periodYear, ...rest] = options.periodId.split('-');
  const label = rest.length > 0 ? `${rest.join(' ')} ${periodYear}` : String(periodYear);
  placeholders.push(
    { field: 'period.label', what: `"${label}" was made from the period id: check it` },
    {
      field: 'period.sortKey',
      what: `${options.year}-01 (January) until the month the period starts is known`,
    },
    { field: 'period.startsOn / endsOn', what: 'the first and last day of the period, or leave null' },
  );
  for (const n of notes)
    placeholders.push({
      field: `notes "${n.id}".summaryEn`,
      what: 'what the report says, or delete the note',
    });

  const dataset: DraftDataset = {
    formatVersion: 1,
    source: {
      id: options.sourceId,
      title: { ar: titleAr, en: titleEn },
      publisher: { ar: null, en: publisherEn },
      dataOwner: { ar: null, en: ownerEn },
      language: options.language,
      publishedOn: null,
      url: null,
      textFile: options.textFile,
      textSha256: options.textSha256,
    },
    period: {
      id: options.periodId,
      label,
      words: wordsQuote,
      year: options.year,
      sortKey: `${options.year}-01`,
      startsOn: null,
      endsOn: null,
    },
    figures,
    notes,
  };
  const leftOut = d.leftOut
    .map((l) => ({ ...d.quoteOf(l), reason: l.reason }))
    .sort((a, b) => a.start - b.start)
    .map((q) => ({ line: q.line, quote: q.text, reason: q.reason }));
  return { dataset, leftOut, placeholders };
}
