// Forgiving province lookup: one normal form for every spelling people type, in Arabic, Persian or Latin script.
import { distance } from 'fastest-levenshtein';
import type { Province } from './types.ts';

// Letters that vary between Arabic and Persian writing (and between Arabic press spellings of Persian names).
const LETTER_MAP: Record<string, string> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ى: 'ي',
  ی: 'ي',
  ې: 'ي',
  ئ: 'ي',
  ك: 'ک',
  گ: 'ک', // Arabic writes گلستان as كلستان
  غ: 'ک', // ... or غلستان; the one collision this makes is harmless among province names
  ۀ: 'ه',
  ە: 'ه', // NFKD turns ۀ into ە plus a hamza mark
  ة: 'ه',
  ؤ: 'و',
  چ: 'ج', // چهارمحال → جهارمحال
  پ: 'ب',
  ژ: 'ز',
};

// Words that may surround a name without being part of it: "Isfahan Province", "محافظة أصفهان", "استان اصفهان".
const FILLER_WORDS = new Set(['province', 'ostan', 'محافظه', 'استان', 'the']);

/**
 * Letters folded the way names are compared: lower case, no Latin or Arabic diacritics, no tatweel or bidi controls,
 * one letter for each group in LETTER_MAP, no zero-width characters (ZWNJ included).
 */
export function foldLetters(input: string): string {
  let out = '';
  for (const ch of input.normalize('NFKD').toLowerCase()) out += LETTER_MAP[ch] ?? ch;
  // combining marks (Latin accents, Arabic harakat, superscript alef), tatweel, bidi and zero-width controls
  return out.replace(/[\p{M}\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu, '');
}

/**
 * The normal form of a name: letter case, Latin diacritics (Eşfahān), Arabic diacritics and tatweel, hamza forms,
 * Arabic/Persian ya, kaf and related letters, ZWNJ, spaces, hyphens and punctuation all stop mattering.
 */
export function normalizeName(input: string): string {
  const words = foldLetters(input)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && !FILLER_WORDS.has(w));
  return words.join('');
}

export interface Suggestion {
  province: Province;
  distance: number;
}

/** Finds provinces by ISO code (any case), slug, or any spelling of any of their names. */
export class ProvinceIndex {
  private readonly byKey = new Map<string, Province>();
  private readonly spellings: { key: string; province: Province }[] = [];

  readonly provinces: readonly Province[];
  constructor(provinces: readonly Province[]) {
    this.provinces = provinces;
    for (const p of provinces) {
      this.byKey.set(p.code.toLowerCase(), p);
      this.byKey.set(p.slug, p);
      const all = [p.names.en, p.names.fa, p.names.ar, p.isoName, p.slug, ...p.aliases.map((a) => a.alias)];
      for (const spelling of all) {
        const key = normalizeName(spelling);
        if (!key) continue;
        if (!this.byKey.has(key)) this.byKey.set(key, p);
        this.spellings.push({ key, province: p });
      }
    }
  }

  find(input: string): Province | undefined {
    const trimmed = input.trim();
    return this.byKey.get(trimmed.toLowerCase()) ?? this.byKey.get(normalizeName(trimmed));
  }

  /** The closest provinces by edit distance between normal forms, best first. */
  suggest(input: string, max = 3): Suggestion[] {
    const key = normalizeName(input);
    if (!key) return [];
    const best = new Map<string, Suggestion>();
    for (const s of this.spellings) {
      // A spelling that contains what was typed ("khorasan") comes right after an exact match.
      const d = s.key === key ? 0 : s.key.includes(key) ? 0.5 : distance(key, s.key);
      const prev = best.get(s.province.code);
      if (!prev || d < prev.distance) best.set(s.province.code, { province: s.province, distance: d });
    }
    // Only suggestions within about half the typed length are worth showing.
    const limit = Math.max(2, Math.ceil(key.length / 2));
    return [...best.values()]
      .filter((s) => s.distance <= limit)
      .sort((a, b) => a.distance - b.distance || a.province.code.localeCompare(b.province.code))
      .slice(0, max);
  }
}
