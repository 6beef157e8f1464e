// The pages for people and the charts, through inject: status, type, language and direction, ETag/304, and that
// an unknown value (Tehran's) is drawn as its range, never as a bar from zero.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.ts';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const get = (url: string, headers: Record<string, string> = {}) =>
  app.inject({ url, headers: { accept: HTML, ...headers } });

describe('GET /', () => {
  it('is an English HTML page by default, with the ranking and links to quotes', async () => {
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-language']).toBe('en');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.body).toMatch(/^<!doctype html>\n<html lang="en" dir="ltr">/);
    expect(res.body).not.toMatch(/<script|style="/);
    expect(res.body).toContain('>37,500,000</a>');
    expect(res.body).toContain('>25.9%</a>');
    expect(res.body).toContain(
      'href="/sources/nano-exports-early-2024?start=821&amp;end=861&amp;lang=en#quote"',
    );
    for (const link of ['/docs', '/openapi.json', '/v1/exports?format=csv', '/v1/checks?format=csv'])
      expect(res.body).toContain(`href="${link}`);
    // The report's inconsistencies and the implied total with its interval.
    expect(res.body).toContain('Isfahan: the report gives more than one export value');
    expect(res.body).toContain('about 144,788,557 USD, between 144,315,992 and 145,261,122');
    expect(res.body.length).toBeLessThan(60_000);
  });

  it('is Persian and right-to-left with ?lang=fa, with Persian digits', async () => {
    const res = await get('/?lang=fa');
    expect(res.headers['content-language']).toBe('fa');
    expect(res.body).toContain('<html lang="fa" dir="rtl">');
    expect(res.body).toContain('>۳۷٬۵۰۰٬۰۰۰</a>');
    expect(res.body).toContain('>اصفهان</th>');
  });

  it('follows Accept-Language: Arabic with Arabic-Indic digits', async () => {
    const res = await get('/', { 'accept-language': 'ar-IR,ar;q=0.9,en;q=0.5' });
    expect(res.body).toContain('<html lang="ar" dir="rtl">');
    expect(res.body).toContain('>٣٧٬٥٠٠٬٠٠٠</a>');
    expect(res.headers.vary).toContain('Accept-Language');
  });

  it('answers 304 to If-None-Match with its ETag, and another ETag per language', async () => {
    const first = await get('/');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    const again = await get('/', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect((await get('/?lang=fa')).headers.etag).not.toBe(etag);
  });

  it('is a 406 problem for a client that only takes JSON', async () => {
    const res = await get('/', { accept: 'application/json' });
    expect(res.statusCode).toBe(406);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe("GET / says what the checks found, in the reader's language", () => {
  it('calls the two warnings warnings, in en, fa and ar', async () => {
    expect((await get('/')).body).toContain('<p>9 of 11 consistency checks pass; 2 give a warning:</p>');
    expect((await get('/?lang=fa')).body).toContain(
      '<p>۹ بررسی از ۱۱ بررسی سازگاری بی‌اشکال است؛ ۲ بررسی هشدار می‌دهد:</p>',
    );
    expect((await get('/?lang=ar')).body).toContain(
      '<p>اجتاز ٩ من أصل ١١ من فحوص الاتساق؛ فحصان يعطيان تحذيراً:</p>',
    );
    for (const lang of ['en', 'fa', 'ar'])
      expect((await get(`/?lang=${lang}`)).body).not.toMatch(/these do not|این‌ها نیستند|أما هذه فلا/);
  });

  it('says of "more than 67 million" what holds at the stated values and what the rounding allows', async () => {
    expect((await get('/')).body).toContain(
      'The figures shown add up to 67,500,000: at these values it holds; within their rounding (66,950,000 to ' +
        '68,050,000) it may hold. Other readings add up to 67,000,000: at these values it does not hold; within ' +
        'their rounding (66,000,000 to 68,000,000) it may hold.',
    );
    expect((await get('/?lang=fa')).body).toContain(
      'مجموع خوانش‌های دیگر ۶۷٬۰۰۰٬۰۰۰ است: با همین مقادیر، گفته گزارش درست نیست؛ با در نظر گرفتن گرد شدن (۶۶٬۰۰۰٬۰۰۰ تا ۶۸٬۰۰۰٬۰۰۰)، ممکن است درست باشد.',
    );
    expect((await get('/?lang=ar')).body).toContain(
      'مجموع القراءات الأخرى ٦٧٬٠٠٠٬٠٠٠: بهذه القيم لا يصحّ القول؛ وضمن تقريبها (من ٦٦٬٠٠٠٬٠٠٠ إلى ٦٨٬٠٠٠٬٠٠٠) قد يصحّ.',
    );
  });

  it("shows Tehran's sound bounds and says how they are derived, translated", async () => {
    const en = (await get('/')).body;
    expect(en).toContain('between 13,926,493 and 30,432,206');
    expect(en).toContain('<p class="method">Bounds of a figure the report does not give are derived:');
    expect((await get('/?lang=fa')).body).toContain(
      '<p class="method">کران‌های رقمی که گزارش نمی‌دهد محاسبه‌شده‌اند:',
    );
    expect((await get('/?lang=ar')).body).toContain(
      '<p class="method">حدود الرقم الذي لا يذكره التقرير مشتقة:',
    );
  });

  it('links the figures CSV and the data package', async () => {
    const body = (await get('/')).body;
    expect(body).toContain('href="/v1/figures?format=csv&amp;lang=en&amp;period=2024-early" download>');
    expect(body).toContain('<a href="/v1/datapackage.json">');
    expect((await get('/?lang=fa')).body).toContain('همه ارقام گزارش‌ها، با نقل‌قول هر یک');
  });
});

describe('charts', () => {
  it('serves the ranking as SVG with a title, a description and real text', async () => {
    const res = await get('/charts/rankings.svg');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(res.body).toContain('<title id="chart-rankings-title">');
    expect(res.body).toContain('<desc id="chart-rankings-desc">');
    expect(res.body).toContain('>Isfahan</text>');
    const etag = res.headers.etag as string;
    expect((await get('/charts/rankings.svg', { 'if-none-match': etag })).statusCode).toBe(304);
  });

  it('draws Tehran as the range between its bounds, never as zero', async () => {
    for (const lang of ['en', 'fa', 'ar']) {
      const svg = (await get(`/charts/rankings.svg?lang=${lang}`)).body;
      const bars = [...svg.matchAll(/<g class="bar">([\s\S]*?)<\/g>/g)].map((m) => m[1] as string);
      expect(bars).toHaveLength(5);
      const tehran = bars[2] as string;
      const rect = /<rect class="unknown" x="([\d.]+)" y="\d+" width="([\d.]+)"/.exec(tehran);
      expect(rect, lang).not.toBeNull();
      const [, x, width] = rect as RegExpExecArray;
      // The axis starts at 180 (LTR) or 580 (RTL, drawn from the right); the range touches neither.
      const zero = lang === 'en' ? 180 : 580;
      const [a, b] = [Number(x), Number(x) + Number(width)];
      expect(Number(width)).toBeGreaterThan(10);
      expect(Math.min(Math.abs(a - zero), Math.abs(b - zero))).toBeGreaterThan(20);
      expect(tehran).not.toMatch(/<rect (?!class="unknown")/);
    }
  });

  it('labels the fa chart in Persian, right to left', async () => {
    const svg = (await get('/charts/rankings.svg?lang=fa')).body;
    expect(svg).toContain('direction="rtl"');
    expect(svg).toContain('>تهران</text>');
    expect(svg).toContain('۳۷٫۵ میلیون');
  });

  it('shows the shares with the remainder of all other provinces', async () => {
    const svg = (await get('/charts/shares.svg')).body;
    expect(svg).toContain('>All other provinces</text>');
    expect(svg).toContain('36.2% (derived; including Tehran)');
  });
});

describe('source page', () => {
  it('highlights the quote a figure links to', async () => {
    const res = await get('/sources/nano-exports-early-2024?start=821&end=861&lang=fa');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="fa" dir="rtl">');
    expect(res.body).toContain(
      '<mark id="quote" tabindex="-1">إصفهان تتصدر الصادرات بـ37.5 مليون دولار</mark>',
    );
  });

  it('rejects a range past the text, and an unknown source', async () => {
    expect((await get('/sources/nano-exports-early-2024?start=1&end=999999')).statusCode).toBe(400);
    expect((await get('/sources/nope')).statusCode).toBe(404);
  });

  it('serves the stylesheet with an ETag', async () => {
    const res = await get('/assets/site.css');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get('/assets/site.css', { 'if-none-match': res.headers.etag as string })).statusCode).toBe(
      304,
    );
  });
});
