// One report's original text, with the quote a figure links to highlighted (the `#quote` fragment scrolls to it).
import { CodePointText } from '../domain/quotes.ts';
import type { Lang, Source } from '../domain/types.ts';
import { badParameter } from '../http/problem.ts';
import { esc, href, page } from '../render/html-page.ts';
import { fill, formatInt, LANGUAGE_NAME, T } from './i18n.ts';

export function sourcePage(source: Source, lang: Lang, start?: number, end?: number): string {
  const t = T[lang];
  const text = new CodePointText(source.text);
  let content: string;
  let where: string;
  if (start !== undefined || end !== undefined) {
    if (start === undefined || end === undefined)
      throw badParameter(start === undefined ? 'start' : 'end', 'start and end go together');
    if (end <= start) throw badParameter('end', `must be greater than start (${start})`);
    if (end > text.length) throw badParameter('end', `the text has ${text.length} code points`);
    content = `${esc(text.slice(0, start))}<mark id="quote" tabindex="-1">${esc(text.slice(start, end))}</mark>${esc(text.slice(end, text.length).trimEnd())}`;
    where = fill(t.highlighted, { n: formatInt(lang, text.lineAt(start)) });
  } else {
    content = esc(source.text.trimEnd());
    where = t.noHighlight;
  }
  const title = lang === 'en' || !source.title.ar ? source.title.en : source.title.ar;
  const body = `<h1>${esc(t.sourcePageHeading)}</h1>
<p class="source-title"><cite lang="${lang === 'en' ? 'en' : 'ar'}" dir="auto">${esc(title)}</cite></p>
<p>${esc(fill(t.reportLanguage, { language: LANGUAGE_NAME[lang][source.language] ?? source.language }))} ${esc(where)}</p>
<p><a href="${esc(href('/', { lang }))}">${esc(t.backHome)}</a> · <a href="${esc(`/v1/sources/${encodeURIComponent(source.id)}/text`)}">${esc(t.sourceText)} (text/plain)</a></p>
<div class="source-text" lang="${esc(source.language)}" dir="auto">${content}</div>`;
  return page({
    lang,
    title: `${t.sourcePageHeading}: ${title}`,
    path: `/sources/${encodeURIComponent(source.id)}`,
    query: { start: start?.toString(), end: end?.toString() },
    body,
  });
}
