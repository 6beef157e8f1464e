// A problem as a page, for a person whose browser opened a page URL: the same status and words as the problem
// document, and a way back. API clients keep application/problem+json.
import type { Problem } from '../schemas/problem.ts';
import { esc, STYLESHEET } from './html-page.ts';

export function problemPage(problem: Problem): string {
  const heading = `${problem.status} ${problem.title}`;
  const errors =
    problem.errors && problem.errors.length > 1
      ? `<ul>${problem.errors.map((e) => `<li>${esc(e.message)}</li>`).join('')}</ul>\n`
      : '';
  return `<!doctype html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(heading)} · nano-exports-api</title>
<link rel="stylesheet" href="${STYLESHEET}">
</head>
<body>
<main id="main">
<h1>${esc(heading)}</h1>
<p>${esc(problem.detail)}</p>
${errors}<p><a href="/">Back to the overview of Iran’s nano-technology exports</a></p>
</main>
</body>
</html>
`;
}
