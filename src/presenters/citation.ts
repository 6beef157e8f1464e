// How to cite a source: CSL-JSON (for Zotero, pandoc, citeproc) and BibTeX, with the original Arabic title, its
// English translation, the publisher, the date as far as it is known, the URL and the dataset version.
import type { z } from 'zod';
import type { Period, Source } from '../domain/types.ts';
import type { cslItem } from '../schemas/citation.ts';

export interface CitationContext {
  period: Period;
  /** Absolute when the public address is configured, else the path. */
  apiUrl: string;
  datasetVersion: string;
}

const titleOf = (s: Source) => (s.title.ar ? `${s.title.ar} [${s.title.en}]` : s.title.en);

const publisherOf = (s: Source) => {
  const { en, ar } = s.publisher;
  if (en && ar) return `${en} (${ar})`;
  return en ?? ar ?? 'Unknown publisher';
};

const noteOf = (s: Source, c: CitationContext) =>
  [
    `Title in English: ${s.title.en}.`,
    `Covers ${c.period.label} (“${s.periodWords}”).`,
    s.publishedOn ? null : 'The publication date is not stated.',
    `Original text: ${c.apiUrl}/text (sha256 ${s.textSha256}).`,
    `Data: nano-exports-api, dataset version ${c.datasetVersion}.`,
  ]
    .filter(Boolean)
    .join(' ');

export function cslOf(s: Source, c: CitationContext): z.input<typeof cslItem> {
  const date = s.publishedOn?.split('-').map(Number);
  return {
    id: s.id,
    type: 'article-newspaper',
    title: titleOf(s),
    'original-title': s.title.ar ?? s.title.en,
    language: s.language,
    author: [{ literal: s.publisher.en ?? s.publisher.ar ?? 'Unknown publisher' }],
    publisher: publisherOf(s),
    ...(date ? { issued: { 'date-parts': [date] } } : {}),
    URL: s.url ?? c.apiUrl,
    version: c.datasetVersion,
    note: noteOf(s, c),
  };
}

const TEX_ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  // Not \{ and \}: BibTeX counts braces whatever comes before them, so only balanced ones may be written.
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '%': '\\%',
  '#': '\\#',
  '&': '\\&',
  $: '\\$',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/**
 * A BibTeX value in braces, with TeX's special characters escaped in one pass (so that an escape's own braces are not
 * escaped again): the only braces written are the balanced pairs of the escapes, so no value can close its field and
 * open another.
 */
export const tex = (value: string) => `{${value.replace(/[\\{}%#&$_~^]/g, (c) => TEX_ESCAPES[c] as string)}}`;

export function bibtexOf(s: Source, c: CitationContext): string {
  const date = s.publishedOn;
  const fields: [string, string][] = [
    ['title', tex(titleOf(s))],
    ['author', `{${tex(s.publisher.en ?? s.publisher.ar ?? 'Unknown publisher')}}`],
    ['publisher', tex(publisherOf(s))],
    ['language', tex(s.language === 'ar' ? 'arabic' : s.language)],
    ...(date
      ? ([
          ['year', date.slice(0, 4)],
          ['date', date],
        ] as [string, string][])
      : []),
    ['url', tex(s.url ?? c.apiUrl)],
    ['version', tex(c.datasetVersion)],
    ['note', tex(noteOf(s, c))],
  ];
  const width = Math.max(...fields.map(([k]) => k.length));
  return `@misc{${s.id},\n${fields.map(([k, v]) => `  ${k.padEnd(width)} = ${v}`).join(',\n')}\n}\n`;
}
