// A problem as a page, for a person whose browser opened a page URL: the same status and words as the problem
// document, in the reader's language where the page has its own words (the status, the way back), and a way back.
// The detail is the problem document's, which the API words in English: it is marked as English, so that a
// right-to-left page sets it left to right and a screen reader reads it as English. API clients keep
// application/problem+json.
import type { Lang } from '../domain/types.ts';
import type { Problem } from '../schemas/problem.ts';
import { dirOf, T } from './i18n.ts';
import { esc, STYLESHEET } from './page-shell.ts';

export function problemPage(problem: Problem, lang: Lang = 'en'): string {
  const t = T[lang];
  const english = lang === 'en' ? '' : ' lang="en" dir="ltr"';
  const translated = t.statusTitles[problem.status];
  const heading = `${problem.status} ${translated ?? problem.title}`;
  // A status without a translation keeps the problem's English title, marked as English like the detail.
  const headingHtml = translated
    ? esc(heading)
    : `${problem.status} ${english ? `<span${english}>${esc(problem.title)}</span>` : esc(problem.title)}`;
  const errors =
    problem.errors && problem.errors.length > 1
      ? `<ul${english}>${problem.errors.map((e) => `<li>${esc(e.message)}</li>`).join('')}</ul>\n`
      : '';
  const said = t.detailInEnglish ? `<p>${esc(t.detailInEnglish)}</p>\n` : '';
  const home = lang === 'en' ? '/' : `/?lang=${lang}`;
  return `<!doctype html>
<html lang="${lang}" dir="${dirOf(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(heading)} · nano-exports-api</title>
<link rel="stylesheet" href="${STYLESHEET}">
</head>
<body>
<main id="main">
<h1>${headingHtml}</h1>
${said}<p${english}>${esc(problem.detail)}</p>
${errors}<p><a href="${home}">${esc(t.backHome)}</a></p>
</main>
</body>
</html>
`;
}
