// In a real browser (Debian's Chromium driven by playwright-core) against real server processes: the home page in
// three languages, a figure's link to its quote, keyboard navigation, and the explorer at /docs reached by a LAN
// host name over plain HTTP and through 127.0.0.1 with HOST=0.0.0.0. Screenshots go to test-artifacts/.
// Only loopback is ever contacted: api.test is mapped to 127.0.0.1, every other name resolves to nothing, and any
// request to another host is aborted and fails the test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDatabaseFile } from '../../src/db/build.ts';
import { type RunningServer, startServer } from '../helpers/process.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `SKIPPED the browser tests: ${CHROMIUM} is missing (apt-get install -y chromium; .ci/run installs it).`,
  );
}

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'api.test']);

interface Watched {
  page: Page;
  errors: string[];
  foreign: string[];
  requests: string[];
}

describe.skipIf(!hasChromium)('in a real browser', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nano-browser-'));
  const file = path.join(dir, 'db.sqlite');
  let local: RunningServer;
  let anyHost: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    buildDatabaseFile(file);
    const { chromium } = await import('playwright-core');
    // Each is kept as soon as it starts, so that afterAll stops it even if another one fails.
    await Promise.all([
      startServer({ DATABASE_PATH: file, LOG_LEVEL: 'info' }).then((s) => {
        local = s;
      }),
      startServer({ DATABASE_PATH: file, LOG_LEVEL: 'info', HOST: '0.0.0.0' }).then((s) => {
        anyHost = s;
      }),
      // launch() gives the browser a fresh temporary profile (its own user-data-dir) every time.
      chromium
        .launch({
          executablePath: CHROMIUM,
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--host-resolver-rules=MAP api.test 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
          ],
        })
        .then((b) => {
          browser = b;
        }),
    ]);
  }, 90_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    for (const s of [local, anyHost]) {
      if (s && s.child.exitCode === null) {
        s.child.kill('SIGTERM');
        await s.exited;
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A page in a fresh context that records console errors, page errors and every request. */
  async function open(options: { locale?: string } = {}): Promise<Watched> {
    const context = await browser.newContext({
      viewport: { width: 1100, height: 900 },
      locale: options.locale ?? 'en-US',
    });
    contexts.push(context);
    const page = await context.newPage();
    const watched: Watched = { page, errors: [], foreign: [], requests: [] };
    page.on('console', (msg) => {
      if (msg.type() === 'error') watched.errors.push(msg.text());
    });
    page.on('pageerror', (err) => watched.errors.push(err.message));
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      watched.requests.push(route.request().url());
      if (url.protocol === 'data:' || LOOPBACK_HOSTS.has(url.hostname)) await route.continue();
      else {
        watched.foreign.push(route.request().url());
        await route.abort();
      }
    });
    return watched;
  }

  const LANGS = [
    {
      lang: 'en',
      dir: 'ltr',
      isfahan: ['Isfahan', '37,500,000', '25.9%'],
      tehran: ['Tehran', 'unknown', 'between 13,926,493 and 30,432,206'],
    },
    {
      lang: 'fa',
      dir: 'rtl',
      isfahan: ['اصفهان', '۳۷٬۵۰۰٬۰۰۰', '۲۵٫۹٪'],
      tehran: ['تهران', 'نامعلوم', 'بین ۱۳٬۹۲۶٬۴۹۳ و ۳۰٬۴۳۲٬۲۰۶'],
    },
    {
      lang: 'ar',
      dir: 'rtl',
      isfahan: ['أصفهان', '٣٧٬٥٠٠٬٠٠٠', '٢٥٫٩٪'],
      tehran: ['طهران', 'غير معروف', 'بين ١٣٬٩٢٦٬٤٩٣ و٣٠٬٤٣٢٬٢٠٦'],
    },
  ] as const;

  for (const { lang, dir: direction, isfahan, tehran } of LANGS) {
    it(`shows the home page in ${lang}: figures, direction, charts, no errors, no other host`, async () => {
      const w = await open();
      const res = await w.page.goto(`${local.url}/?lang=${lang}`);
      expect(res?.status()).toBe(200);
      const html = w.page.locator('html');
      expect(await html.getAttribute('lang')).toBe(lang);
      expect(await html.getAttribute('dir')).toBe(direction);
      const row = (code: string) => w.page.locator(`#ranking tr[data-province="${code}"]`);
      const isfahanText = await row('IR-10').textContent();
      for (const part of isfahan) expect(isfahanText).toContain(part);
      const tehranText = await row('IR-23').textContent();
      for (const part of tehran) expect(tehranText).toContain(part);
      // The figures link to their quotes.
      expect(await row('IR-10').locator('a').first().getAttribute('href')).toMatch(/^\/sources\/.+#quote$/);
      // Both charts are drawn, and Tehran's range is a visible shape.
      for (const id of ['#chart-rankings', '#chart-shares']) {
        const box = await w.page.locator(id).boundingBox();
        expect(box, id).not.toBeNull();
        expect(box?.width).toBeGreaterThan(200);
        expect(box?.height).toBeGreaterThan(100);
      }
      const unknown = await w.page.locator('#chart-rankings rect.unknown').boundingBox();
      expect(unknown?.width).toBeGreaterThan(20);
      // The stylesheet applied (no inline style, so the CSP allows it).
      expect(await w.page.locator('table#ranking').evaluate((t) => getComputedStyle(t).borderCollapse)).toBe(
        'collapse',
      );
      await w.page.screenshot({ path: path.join(ARTIFACTS, `home-${lang}.png`), fullPage: true });
      expect(w.errors).toEqual([]);
      expect(w.foreign).toEqual([]);
      expect(w.requests.every((u) => u.startsWith(local.url))).toBe(true);
    });
  }

  it("follows a figure's link to its quote, highlighted in the source text", async () => {
    const w = await open();
    await w.page.goto(`${local.url}/?lang=en`);
    const link = w.page.locator('#ranking tr[data-province="IR-10"] td:nth-child(3) a');
    expect(await link.textContent()).toBe('37,500,000');
    await Promise.all([w.page.waitForURL(/\/sources\/nano-exports-early-2024\?.*#quote$/), link.click()]);
    const mark = w.page.locator('mark#quote');
    expect(await mark.textContent()).toBe('إصفهان تتصدر الصادرات بـ37.5 مليون دولار');
    const box = await mark.boundingBox();
    const viewport = w.page.viewportSize();
    expect(box).not.toBeNull();
    expect((box?.y ?? -1) >= 0 && (box?.y ?? 0) < (viewport?.height ?? 0)).toBe(true);
    expect(await w.page.locator('main').textContent()).toContain('line 5');
    await w.page.screenshot({ path: path.join(ARTIFACTS, 'quote-en.png') });
    expect(w.errors).toEqual([]);
    expect(w.foreign).toEqual([]);
  });

  it('reaches the language switch and the links with Tab alone', async () => {
    const w = await open();
    await w.page.goto(`${local.url}/?lang=fa`);
    const reached: string[] = [];
    for (let i = 0; i < 80; i++) {
      await w.page.keyboard.press('Tab');
      const href = await w.page.evaluate(() => document.activeElement?.getAttribute('href') ?? '');
      if (href) reached.push(href);
    }
    expect(reached).toContain('/?lang=en');
    expect(reached).toContain('/?lang=ar');
    expect(reached).toContain('/docs');
    expect(reached).toContain('/openapi.json');
    expect(reached.some((h) => h.startsWith('/sources/') && h.endsWith('#quote'))).toBe(true);
    expect(reached.some((h) => h.startsWith('/v1/exports?format=csv'))).toBe(true);
    // Enter on the focused language link switches the page.
    await w.page.goto(`${local.url}/?lang=fa`);
    for (let i = 0; i < 10; i++) {
      await w.page.keyboard.press('Tab');
      if ((await w.page.evaluate(() => document.activeElement?.getAttribute('hreflang'))) === 'ar') break;
    }
    await Promise.all([w.page.waitForURL(/lang=ar/), w.page.keyboard.press('Enter')]);
    expect(await w.page.locator('html').getAttribute('lang')).toBe('ar');
    expect(w.errors).toEqual([]);
  });

  it("opens the charts on their own, and picks the page's language from the browser's", async () => {
    const w = await open({ locale: 'fa-IR' });
    for (const [chart, lang, label] of [
      ['rankings', 'fa', 'تهران'],
      ['shares', 'en', 'All other provinces'],
    ] as const) {
      const res = await w.page.goto(`${local.url}/charts/${chart}.svg?lang=${lang}`);
      expect(res?.headers()['content-type']).toBe('image/svg+xml; charset=utf-8');
      const box = await w.page.locator('svg').first().boundingBox();
      expect(box?.width).toBeGreaterThan(200);
      expect(await w.page.locator('svg text', { hasText: label }).count()).toBeGreaterThan(0);
      await w.page.screenshot({ path: path.join(ARTIFACTS, `chart-${chart}-${lang}.png`) });
    }
    // No ?lang: the browser's Accept-Language (fa-IR) decides.
    await w.page.goto(`${local.url}/`);
    expect(await w.page.locator('html').getAttribute('lang')).toBe('fa');
    expect(w.errors).toEqual([]);
    expect(w.foreign).toEqual([]);
  });

  it('shows the home page without console errors under a LAN host name over plain HTTP', async () => {
    const w = await open();
    const port = new URL(local.url).port;
    expect((await w.page.goto(`http://api.test:${port}/?lang=ar`))?.status()).toBe(200);
    expect(await w.page.locator('#chart-rankings').boundingBox()).not.toBeNull();
    expect(w.errors).toEqual([]);
    expect(w.foreign).toEqual([]);
  });

  /** Opens /docs at `base`, runs Try it out on /v1/rankings without typing anything, returns what was sent. */
  async function tryRankings(base: string, shot: string) {
    const w = await open();
    const res = await w.page.goto(`${base}/docs`);
    expect(res?.status()).toBe(200);
    expect(await w.page.title()).toBe('nano-exports-api');
    await w.page.locator('.swagger-ui .info .title').filter({ hasText: 'nano-exports-api' }).waitFor();
    const op = w.page.locator('#operations-statistics-listRankings');
    await op.locator('.opblock-summary').first().click();
    await op.locator('.try-out__btn').click();
    const sent = w.page.waitForRequest((r) => new URL(r.url()).pathname === '/v1/rankings');
    await op.locator('button.execute').click();
    const request = await sent;
    const status = op.locator('.live-responses-table tbody tr.response .response-col_status').first();
    await status.waitFor();
    const body =
      (await op
        .locator('.live-responses-table tbody tr.response .response-col_description pre')
        .first()
        .textContent()) ?? '';
    await op
      .locator('.request-url')
      .first()
      .evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await w.page.screenshot({ path: path.join(ARTIFACTS, shot), fullPage: false });
    return { w, request: request.url(), status: ((await status.textContent()) ?? '').trim(), body };
  }

  it('runs Try it out in /docs reached by a LAN host name over plain HTTP', async () => {
    const port = new URL(local.url).port;
    const { w, request, status, body } = await tryRankings(`http://api.test:${port}`, 'docs-api-test.png');
    expect(new URL(request).search).toBe('');
    expect(new URL(request).host).toBe(`api.test:${port}`);
    expect(status).toBe('200');
    const json = JSON.parse(body);
    expect(json.data[0].province.name).toBe('Isfahan');
    expect(json.meta.language).toBe('en');
    expect(w.errors).toEqual([]);
    expect(w.foreign).toEqual([]);
  }, 90_000);

  it('runs Try it out in /docs through 127.0.0.1 when the server listens on 0.0.0.0', async () => {
    const { w, request, status, body } = await tryRankings(anyHost.url, 'docs-any-host.png');
    expect(request).toBe(`${anyHost.url}/v1/rankings`);
    expect(status).toBe('200');
    expect(JSON.parse(body).data[0].province.name).toBe('Isfahan');
    expect(w.errors).toEqual([]);
    expect(w.foreign).toEqual([]);
  }, 90_000);
});
