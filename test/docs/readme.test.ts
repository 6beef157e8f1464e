// README.md cannot drift from the API: its route table names every documented route and each route's own query
// parameters, its paging limits are the code's, and it says what the reading rule and the translations do and do not do.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LIMIT } from '../../src/schemas/common.ts';
import { MAX_FIGURES_PAGE } from '../../src/schemas/figures.ts';
import type { OpenApiDocument } from '../contract/openapi.ts';
import { testApp } from '../helpers/app.ts';

const README = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The rows of the table under "## Routes": the paths of the first cell and the text of the second. */
function routeRows(markdown: string): { paths: string[]; what: string }[] {
  const section = markdown.split(/^## Routes$/m)[1]?.split(/^## /m)[0] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const [, first = '', what = ''] = line.split('|');
      const paths = [...first.matchAll(/`([^`]+)`/g)].flatMap((m) =>
        (m[1] as string).split(', ').map((p) => p.replace(/^(GET|HEAD) /, '').split('?')[0] as string),
      );
      return { paths, what };
    });
}

/** Parameters every data route takes, described once below the table. */
const COMMON = new Set(['lang', 'format', 'bom', 'period', 'limit', 'offset']);

let app: Awaited<ReturnType<typeof testApp>>;
let doc: OpenApiDocument;
beforeAll(async () => {
  app = await testApp();
  doc = (await app.inject('/openapi.json')).json() as OpenApiDocument;
});
afterAll(() => app.close());

describe('README.md', () => {
  it("names every documented route in its route table, with the route's own query parameters", () => {
    const rows = routeRows(README);
    expect(rows.length).toBeGreaterThan(10);
    const missing: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      if (!item.get) continue;
      const row = rows.find((r) => r.paths.includes(path));
      if (!row) {
        missing.push(path);
        continue;
      }
      const params = ((item.get as { parameters?: { name: string; in: string }[] }).parameters ?? [])
        .filter((p) => p.in === 'query' && !COMMON.has(p.name))
        .map((p) => p.name);
      for (const name of params) if (!row.what.includes(`\`${name}\``)) missing.push(`${path} ?${name}`);
    }
    expect(missing).toEqual([]);
  });

  it('states the paging limits the code enforces', () => {
    expect(README).toContain(
      `\`limit\` is at most ${MAX_LIMIT} (${MAX_FIGURES_PAGE.toLocaleString('en-US')} on \`/v1/figures\`)`,
    );
    expect(README).not.toMatch(/`limit` is at most 100\./);
  });

  it('says that within rounding both readings may hold, and which texts stay English', () => {
    expect(README).toContain('Within their rounding both readings may hold');
    expect(README).toMatch(/^### What stays in English$/m);
  });
});
