// The data as the domain functions see it: plain, immutable records loaded once from the database.
import type { Measure } from './measures.ts';

export type Lang = 'en' | 'fa' | 'ar';
export const LANGS: readonly Lang[] = ['en', 'fa', 'ar'];

export interface Names {
  en: string;
  fa: string;
  ar: string;
}

export interface Province {
  code: string;
  slug: string;
  names: Names;
  isoName: string;
  aliases: { alias: string; language: string; kind: string }[];
}

export interface Period {
  id: string;
  label: string;
  year: number;
  sortKey: string;
  startsOn: string | null;
  endsOn: string | null;
}

export interface Source {
  id: string;
  title: { ar: string | null; en: string };
  publisher: { ar: string | null; en: string | null };
  dataOwner: { ar: string | null; en: string | null };
  periodId: string;
  periodWords: string;
  language: string;
  publishedOn: string | null;
  url: string | null;
  textSha256: string;
  text: string;
}

export interface QuoteRef {
  sourceId: string;
  text: string;
  line: number;
  start: number;
  end: number;
}

export interface Figure {
  id: string;
  sourceId: string;
  periodId: string;
  provinces: string[];
  measure: Measure;
  comparator: 'eq' | 'gt';
  value: number;
  resolution: number | null;
  quote: QuoteRef;
  remark: string | null;
}

export interface Note {
  id: string;
  sourceId: string;
  periodId: string;
  province: string;
  topic: string;
  summaryEn: string;
  quote: QuoteRef;
}

/** Everything the API serves, read from the database in one go. */
export interface Snapshot {
  provinces: Province[];
  /** Oldest first. */
  periods: Period[];
  sources: Source[];
  figures: Figure[];
  notes: Note[];
}
