// A citation needs an absolute URL (issue 24): PUBLIC_URL's when set, else the origin the request came to, as Fastify
// sees it (X-Forwarded-* only from a trusted proxy).
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.ts';

const SRC = 'nano-exports-early-2024';
let app: FastifyInstance;
afterEach(() => app.close());

const csl = (res: { body: unknown; text: string }) =>
  (JSON.parse(res.text) as { URL: string; note: string }[])[0];

describe('citation URLs without PUBLIC_URL', () => {
  it('are absolute, on the address the client used', async () => {
    app = await testApp();
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const bib = await request(app.server).get(`/v1/sources/${SRC}?format=bibtex`).expect(200);
    expect(bib.text).toContain(`url       = {http://127.0.0.1:${port}/v1/sources/${SRC}}`);
    const item = csl(await request(app.server).get(`/v1/sources/${SRC}?format=csl`).expect(200));
    expect(item?.URL).toBe(`http://127.0.0.1:${port}/v1/sources/${SRC}`);
    expect(item?.note).toContain(`Original text: http://127.0.0.1:${port}/v1/sources/${SRC}/text`);
  });

  it('each host gets its own URL, never another client’s (the cached reply is keyed on it)', async () => {
    app = await testApp();
    const a = await app.inject({ url: `/v1/sources/${SRC}?format=bibtex`, headers: { host: 'a.example' } });
    const b = await app.inject({
      url: `/v1/sources/${SRC}?format=bibtex`,
      headers: { host: 'B.example:8080' },
    });
    expect(a.body).toContain(`url       = {http://a.example/v1/sources/${SRC}}`);
    expect(b.body).toContain(`url       = {http://b.example:8080/v1/sources/${SRC}}`);
    expect(a.headers.etag).not.toBe(b.headers.etag);
  });

  it('a Host header that is not a plain host gives the path, never its contents', async () => {
    app = await testApp();
    const res = await app.inject({
      url: `/v1/sources/${SRC}?format=bibtex`,
      headers: { host: 'evil.example/}@x{' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`url       = {/v1/sources/${SRC}}`);
    expect(res.body).not.toContain('evil');
  });

  it('X-Forwarded-Proto and -Host count only from a trusted proxy', async () => {
    const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'data.example.org' };
    app = await testApp({ TRUST_PROXY: true });
    const trusted = await app.inject({ url: `/v1/sources/${SRC}?format=csl`, headers: forwarded });
    expect(csl({ body: null, text: trusted.body })?.URL).toBe(`https://data.example.org/v1/sources/${SRC}`);
    await app.close();
    app = await testApp();
    const untrusted = await app.inject({
      url: `/v1/sources/${SRC}?format=csl`,
      headers: { ...forwarded, host: 'origin.internal:3000' },
    });
    expect(csl({ body: null, text: untrusted.body })?.URL).toBe(
      `http://origin.internal:3000/v1/sources/${SRC}`,
    );
  });
});

describe('citation URLs with PUBLIC_URL', () => {
  it('use it, whatever the Host', async () => {
    app = await testApp({ PUBLIC_URL: 'https://api.example.org/nano/' });
    const res = await app.inject({ url: `/v1/sources/${SRC}?format=bibtex`, headers: { host: 'x.example' } });
    expect(res.body).toContain(`url       = {https://api.example.org/nano/v1/sources/${SRC}}`);
  });
});
