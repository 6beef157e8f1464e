// Provinces named in a report's text, found through the API's own name index (what /v1/provinces?q= finds, the draft
// finds), and the groups they are named in ("محافظتي إصفهان وخوزستان", "Isfahan, Khuzestan and Tehran").
import { foldLetters, normalizeName, type ProvinceIndex } from '../names.ts';
import type { Province } from '../types.ts';
import { PROVINCE_WORDS } from './lexicon.ts';
import { type ReportText, wordIs } from './text.ts';

export interface Mention {
  province: Province;
  /** Tokens of the name as written (with a joined Arabic prefix such as و). */
  first: number;
  last: number;
  /** A word for "province" just before the name ("محافظة مركزي"), or null. */
  provinceWord: number | null;
  group: MentionGroup;
}

export interface MentionGroup {
  mentions: Mention[];
  /** From the word for "province(s)" before the first name, if any, to the last name. */
  first: number;
  last: number;
}

const MAX_NAME_WORDS = 5;
// Names that are also common words ("central", "مركزي" is Markazi and "central"): they count only next to a word for
// "province". "فارس" (Fars) also names the Persian Gulf (الخليج الفارسي, خلیج فارس).
const COMMON_WORD_NAMES = new Set(['central', normalizeName('مرکزی')]);
const GULF = new Set(['خليج', 'الخليج', 'خليج'].map(foldLetters));
const JOINERS = new Set(['and', 'و', ',', '،', '&']);
const ARABIC_PREFIX = /^[وفبل]/;

function isProvinceWord(fold: string): boolean {
  for (const w of PROVINCE_WORDS) if (wordIs(fold, w)) return true;
  return false;
}

/** Every province named in the text, in order, grouped where names are joined by "and", "و" or commas. */
export function findMentions(rt: ReportText, index: ProvinceIndex): Mention[] {
  const { tokens } = rt;
  const mentions: Mention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t?.kind !== 'word' || t.fold === 'the' || isProvinceWord(t.fold)) continue;
    const found = nameAt(rt, index, i);
    if (!found) continue;
    const prev = tokens[i - 1];
    const provinceWord = prev && prev.kind === 'word' && isProvinceWord(prev.fold) ? i - 1 : null;
    const key = normalizeName(rt.text.slice(t.start, tokens[found.last]?.end));
    const bare = key.replace(ARABIC_PREFIX, '');
    const common = COMMON_WORD_NAMES.has(key) || COMMON_WORD_NAMES.has(bare);
    const nextIsProvinceWord = isProvinceWord(tokens[found.last + 1]?.fold ?? '');
    if (common && provinceWord === null && !nextIsProvinceWord && !found.withWord) continue;
    if (found.province.slug === 'fars' && prev && GULF.has(prev.fold)) continue;
    if (/^[A-Za-z]/.test(t.raw) && !/^[A-Z]/.test(t.raw)) continue; // a Latin-script name is capitalised
    const group: MentionGroup = { mentions: [], first: provinceWord ?? i, last: found.last };
    mentions.push({ province: found.province, first: i, last: found.last, provinceWord, group });
    i = found.last;
  }
  // Groups: names with nothing but "and", "و", commas or words for "province" between them.
  for (let k = 1; k < mentions.length; k++) {
    const a = mentions[k - 1] as Mention;
    const b = mentions[k] as Mention;
    let joined = tokens[a.last]?.sentence === tokens[b.first]?.sentence;
    for (let j = a.last + 1; joined && j < b.first; j++) {
      const tok = tokens[j];
      if (!tok || !(JOINERS.has(tok.fold) || (tok.kind === 'word' && isProvinceWord(tok.fold))))
        joined = false;
    }
    if (joined) b.group = a.group;
  }
  for (const m of mentions) {
    m.group.mentions.push(m);
    m.group.last = m.last;
  }
  return mentions;
}

/** The longest name of a province starting at token `i` (up to five words on one line). */
function nameAt(
  rt: ReportText,
  index: ProvinceIndex,
  i: number,
): { province: Province; last: number; withWord: boolean } | null {
  const { tokens } = rt;
  const first = tokens[i];
  if (!first) return null;
  for (let n = MAX_NAME_WORDS; n >= 1; n--) {
    const last = tokens[i + n - 1];
    if (!last || last.line !== first.line || last.kind === 'number') continue;
    const inner = tokens.slice(i, i + n);
    if (inner.some((t) => t.kind === 'mark' && t.raw !== '-')) continue;
    const raw = rt.text.slice(first.start, last.end);
    // "Isfahan and" or "Isfahan Province and" is not a longer name
    if (n > 1 && (JOINERS.has(last.fold) || last.fold === 'the')) continue;
    const candidates = [raw];
    if (ARABIC_PREFIX.test(raw) && first.raw.length > 2) candidates.push(raw.slice(1));
    for (const c of candidates) {
      const p = index.find(c);
      // The index also finds ISO codes and slugs, which running text does not use.
      if (p && normalizeName(c).length > 1) {
        return { province: p, last: i + n - 1, withWord: inner.some((t) => isProvinceWord(t.fold)) };
      }
    }
  }
  return null;
}
