// Building HTML and SVG as strings: escaping, and the page shell every human-facing page shares.
import type { Lang } from '../domain/types.ts';
import { dirOf, LANG_NAMES, T } from '../pages/i18n.ts';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an element's content or a quoted attribute value. */
export const esc = (s: string | number): string => String(s).replace(/[&<>"']/g, (c) => ESCAPES[c] as string);

/**
 * Text from a dataset, isolated from the text around it (<bdi>): its direction is its own, so right-to-left text
 * (or a direction character, which the importer refuses anyway) cannot reorder the page's own words.
 */
export const isolated = (s: string): string => `<bdi>${esc(s)}</bdi>`;

/** The stylesheet's URL; its content is in src/pages/site-css.ts. */
export const STYLESHEET = '/assets/site.css';

export interface ShellOptions {
  lang: Lang;
  title: string;
  /** The page's own URL without lang, for the language switch (its query string, if any, is kept). */
  path: string;
  query?: Record<string, string | undefined>;
  body: string;
}

/** Builds a URL with a query string (undefined values left out). */
export function href(
  path: string,
  query: Record<string, string | number | undefined> = {},
  hash = '',
): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) search.set(name, String(value));
  const qs = search.toString();
  return `${path}${qs ? `?${qs}` : ''}${hash}`;
}

/** The whole document: lang and dir on <html>, the skip link, the language switch, one stylesheet, no script. */
export function page({ lang, title, path, query = {}, body }: ShellOptions): string {
  const t = T[lang];
  const switcher = (['en', 'fa', 'ar'] as const)
    .map((l) =>
      l === lang
        ? `<li><a href="${esc(href(path, { ...query, lang: l }))}" lang="${l}" hreflang="${l}" aria-current="page">${esc(LANG_NAMES[l])}</a></li>`
        : `<li><a href="${esc(href(path, { ...query, lang: l }))}" lang="${l}" hreflang="${l}">${esc(LANG_NAMES[l])}</a></li>`,
    )
    .join('');
  const alternates = (['en', 'fa', 'ar'] as const)
    .map((l) => `<link rel="alternate" hreflang="${l}" href="${esc(href(path, { ...query, lang: l }))}">`)
    .join('\n');
  return `<!doctype html>
<html lang="${lang}" dir="${dirOf(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="${STYLESHEET}">
${alternates}
</head>
<body>
<a class="skip" href="#main">${esc(t.skip)}</a>
<header>
<p class="site"><a href="${esc(href('/', { lang }))}">${esc(t.siteTitle)}</a></p>
<nav aria-label="${esc(t.language)}"><ul class="langs">${switcher}</ul></nav>
</header>
<main id="main">
${body}
</main>
<footer><p>${esc(t.footer)}</p></footer>
</body>
</html>
`;
}
