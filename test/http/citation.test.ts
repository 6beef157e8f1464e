// How to cite a source: CSL-JSON and BibTeX, by Accept or ?format, with the Arabic title and its translation.
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { testConfig } from '../../src/config.ts';
import { seededDb } from '../helpers/app.ts';

const SRC = 'nano-exports-early-2024';
const AR = 'إصفهان وخوزستان ترسمان خارطة طريق صادرات النانو';
const EN = 'Isfahan and Khuzestan chart the roadmap of nano exports';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildApp({ config: testConfig({ PUBLIC_URL: 'https://api.example.org' }), db: seededDb() });
  await app.ready();
});
afterAll(() => app.close());

describe('citations', () => {
  it('CSL-JSON by Accept and by ?format', async () => {
    const byAccept = await app.inject({
      url: `/v1/sources/${SRC}`,
      headers: { accept: 'application/vnd.citationstyles.csl+json' },
    });
    expect(byAccept.statusCode).toBe(200);
    expect(byAccept.headers['content-type']).toBe('application/vnd.citationstyles.csl+json; charset=utf-8');
    const byQuery = await app.inject(`/v1/sources/${SRC}?format=csl`);
    expect(byQuery.body).toBe(byAccept.body);
    const [item] = byQuery.json();
    expect(item).toMatchObject({
      id: SRC,
      type: 'article-newspaper',
      title: `${AR} [${EN}]`,
      'original-title': AR,
      language: 'ar',
      URL: `https://api.example.org/v1/sources/${SRC}`,
      version: app.store.version,
    });
    expect(item.publisher).toContain('Center for Communications and Information');
    expect(item.publisher).toContain('مركز الاتصالات والإعلام');
    expect(item.issued).toBeUndefined(); // the report gives no date
    expect(item.note).toContain('The publication date is not stated.');
  });

  it('BibTeX by Accept and by ?format', async () => {
    const byAccept = await app.inject({
      url: `/v1/sources/${SRC}`,
      headers: { accept: 'application/x-bibtex' },
    });
    expect(byAccept.statusCode).toBe(200);
    expect(byAccept.headers['content-type']).toBe('application/x-bibtex; charset=utf-8');
    const byQuery = await app.inject(`/v1/sources/${SRC}?format=bibtex`);
    expect(byQuery.body).toBe(byAccept.body);
    const bib = byQuery.body;
    expect(bib.startsWith(`@misc{${SRC},\n`)).toBe(true);
    expect(bib).toContain(`title     = {${AR} [${EN}]}`);
    expect(bib).toContain(`url       = {https://api.example.org/v1/sources/${SRC}}`);
    expect(bib).toContain(`version   = {${app.store.version}}`);
    expect(bib).toContain('author    = {{Center for Communications and Information');
    // Braces balance.
    let depth = 0;
    for (const ch of bib) {
      depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
  });

  it('JSON stays the default, links to its citations, and unknown sources are 404 in every format', async () => {
    const json = await app.inject(`/v1/sources/${SRC}`);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.json().data.citation).toEqual({
      csl: `/v1/sources/${SRC}?format=csl`,
      bibtex: `/v1/sources/${SRC}?format=bibtex`,
    });
    const html = await app.inject({ url: `/v1/sources/${SRC}`, headers: { accept: 'text/html' } });
    expect(html.statusCode).toBe(406);
    for (const format of ['csl', 'bibtex', 'json']) {
      expect((await app.inject(`/v1/sources/nothing?format=${format}`)).statusCode).toBe(404);
    }
    expect((await app.inject(`/v1/sources/${SRC}?format=ris`)).statusCode).toBe(400);
    const csl = await app.inject(`/v1/sources/${SRC}?format=csl`);
    const bib = await app.inject(`/v1/sources/${SRC}?format=bibtex`);
    expect(new Set([json.headers.etag, csl.headers.etag, bib.headers.etag]).size).toBe(3);
  });

  it('CITATION.cff cites the software', () => {
    const cff = fs.readFileSync(new URL('../../CITATION.cff', import.meta.url), 'utf8');
    expect(cff).toMatch(/^cff-version: 1\.2\.0$/m);
    expect(cff).toMatch(/^title: /m);
    expect(cff).toMatch(/^message: /m);
    expect(cff).toMatch(/^authors:/m);
    expect(cff).toMatch(/^license: MIT$/m);
  });
});
