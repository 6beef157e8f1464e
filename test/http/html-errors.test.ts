// A person opening a page URL in a browser gets an error page, with the status and words of the problem and a link
// back; programs keep application/problem+json (issue 24).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.ts';

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

describe('a browser opening a page', () => {
  it.each([
    [
      '/?lang=xx',
      400,
      'Invalid request: lang must be en, fa or ar (a language tag such as fa-IR is read as fa); got &quot;xx&quot;.',
    ],
    ['/sources/nothing', 404, 'No source has the id &quot;nothing&quot;. The list is at /v1/sources.'],
    [
      '/sources/nano-exports-early-2024?start=abc',
      400,
      'Invalid request: start must be a character offset from 0 to 10000000, such as 1700; got &quot;abc&quot;.',
    ],
    ['/no-such-page', 404, 'No route matches /no-such-page.'],
  ])('%s is an HTML page with status %i, the same words and a link back', async (url, status, words) => {
    const res = await app.inject({ url, headers: { accept: BROWSER } });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.vary).toBe('Accept, Accept-Language');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.body).toContain(
      `<title>${status} ${status === 400 ? 'Bad Request' : 'Not Found'} · nano-exports-api</title>`,
    );
    expect(res.body).toContain(`<p>${words}`);
    expect(res.body).toContain('<a href="/">Back to the overview');
    // The same words as the problem document a program gets.
    const json = await app.inject({ url, headers: { accept: '*/*' } });
    expect(json.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(json.statusCode).toBe(status);
    expect(res.body).toContain(
      (json.json() as { detail: string }).detail.replace(/"/g, '&quot;').replace(/'/g, '&#39;'),
    );
  });

  it.each([
    // ?lang= first; a lang that is not one of the API's falls back to Accept-Language, then to English.
    ['/no-such-page?lang=fa', undefined, 'fa', '404 یافت نشد', 'No route matches /no-such-page.'],
    [
      '/sources/nothing',
      'ar-SA,ar;q=0.9,en;q=0.5',
      'ar',
      '404 غير موجود',
      'No source has the id &quot;nothing&quot;.',
    ],
    ['/?lang=xx', 'fa-IR,fa;q=0.9', 'fa', '400 درخواست نادرست', 'Invalid request: lang must be en, fa or ar'],
    [
      '/sources/nano-exports-early-2024?start=abc&lang=AR-eg',
      'fa',
      'ar',
      '400 طلب غير صالح',
      'Invalid request: start must be a character offset',
    ],
  ])(
    '%s (Accept-Language %s) is a page in %s: its own words translated, the detail marked as English',
    async (url, acceptLanguage, lang, heading, words) => {
      const res = await app.inject({
        url,
        headers: { accept: BROWSER, ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}) },
      });
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain(`<html lang="${lang}" dir="rtl">`);
      expect(res.body).toContain(`<title>${heading} · nano-exports-api</title>`);
      expect(res.body).toContain(`<h1>${heading}</h1>`);
      expect(res.body).toContain(`<p lang="en" dir="ltr">${words}`);
      expect(res.body).toContain(
        lang === 'fa'
          ? '<a href="/?lang=fa">بازگشت به صفحه اصلی</a>'
          : '<a href="/?lang=ar">العودة إلى الصفحة الرئيسية</a>',
      );
    },
  );

  it('English without ?lang= or Accept-Language, and for a language the pages do not have', async () => {
    for (const acceptLanguage of [undefined, 'de-DE,de;q=0.9']) {
      const res = await app.inject({
        url: '/no-such-page',
        headers: { accept: BROWSER, ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}) },
      });
      expect(res.body).toContain('<html lang="en" dir="ltr">');
      expect(res.body).toContain('<h1>404 Not Found</h1>');
      expect(res.body).toContain('<p>No route matches /no-such-page.');
    }
  });

  // Refused by Fastify before routing: its request carries no plugin's decorators and runs no hook. Negotiating the
  // page from such a request once threw, and the rejection ended the process.
  it.each([
    ['a URL that cannot be decoded', '/sources/%E0%A4%A'],
    ['a path parameter over the length bound', `/sources/${'a'.repeat(250)}`],
  ])('%s is a page too, with the headers every reply carries', async (_name, url) => {
    const res = await app.inject({ url, headers: { accept: BROWSER, 'accept-language': 'fa' } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('<html lang="fa" dir="rtl">');
    expect(res.body).toContain('<h1>400 درخواست نادرست</h1>');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-dataset-version']).toMatch(/^sha256-[0-9a-f]{32}$/);
    expect(res.headers['x-ratelimit-remaining']).toBeDefined();
    // …and a program gets the problem document, with the same headers.
    const json = await app.inject({
      url: url.replace('/sources/', '/v1/sources/'),
      headers: { accept: '*/*' },
    });
    expect(json.statusCode).toBe(400);
    expect(json.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(json.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
    expect(json.headers['x-dataset-version']).toBe(res.headers['x-dataset-version']);
  });

  it('markup in the request never reaches the page unescaped', async () => {
    const res = await app.inject({ url: '/sources/%3Cscript%3E', headers: { accept: BROWSER } });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('<script>');
    expect(res.body).toContain('&lt;script&gt;');
  });
});

describe('programs keep problem+json', () => {
  it.each([
    ['curl or fetch (*/*)', '/?lang=xx', '*/*'],
    ['no Accept', '/?lang=xx', undefined],
    ['an API route, even from a browser', '/v1/exports?limit=0', BROWSER],
    [
      'a chart in an <img>',
      '/charts/rankings.svg?lang=xx',
      'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8',
    ],
  ])('%s', async (_name, url, accept) => {
    const res = await app.inject({ url, headers: accept ? { accept } : {} });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  });
});
