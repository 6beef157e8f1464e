// The cache tier for real: nginx run from the shipped deploy/nginx.conf (only its ports and paths filled in) in front
// of two real server processes on loopback. Skipped, saying so, when nginx is not installed
// (`apt-get install -y nginx-light`; .ci/run installs it).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDatabaseFile } from '../../src/db/build.ts';
import { findNginx, get, type RunningNginx, startNginx } from '../helpers/nginx.ts';
import { outputOf, type RunningServer, startServer, until } from '../helpers/process.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NGINX = findNginx();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Requests that reached the origins: their access log lines (LOG_REQUESTS=true) for exactly this URL. */
function originHits(servers: RunningServer[], url: string): number {
  const needle = `"url":${JSON.stringify(url)}`;
  let n = 0;
  for (const server of servers) {
    for (const line of server.output().split('\n')) {
      if (line.includes('"msg":"incoming request"') && line.includes(needle)) n++;
    }
  }
  return n;
}

/** Starts `count` replicas on one database file, then nginx in front of them; on failure stops what started. */
async function startTier(env: Record<string, string>, count = 2) {
  const started = await Promise.allSettled(
    Array.from({ length: count }, () =>
      startServer({ LOG_REQUESTS: 'true', TRUST_PROXY: '127.0.0.1', ...env }),
    ),
  );
  const servers = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  try {
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const nginx = await startNginx(
      NGINX as string,
      servers.map((s) => s.url.replace('http://', '')),
    );
    return { servers, nginx };
  } catch (err) {
    await stopTier(servers, undefined);
    throw err;
  }
}

async function stopTier(servers: RunningServer[], nginx: RunningNginx | undefined) {
  await nginx?.stop();
  for (const s of servers) {
    if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGTERM');
  }
  await Promise.all(servers.map((s) => s.exited));
}

describe('deploy/: the template and the compose file agree', () => {
  it('compose.yaml sets every NANO_* placeholder of nginx.conf, one NANO_API_n per replica, and no other', () => {
    const template = fs.readFileSync(path.join(ROOT, 'deploy', 'nginx.conf'), 'utf8');
    const compose = fs.readFileSync(path.join(ROOT, 'deploy', 'compose.yaml'), 'utf8');
    const placeholders = new Set([...template.matchAll(/\$\{(NANO_[A-Z0-9_]+)\}/g)].map((m) => m[1]));
    const set = new Set([...compose.matchAll(/^\s+(NANO_[A-Z0-9_]+):/gm)].map((m) => m[1]));
    expect([...set].sort()).toEqual([...placeholders].sort());
    const apis = [...placeholders].filter((p) => p?.startsWith('NANO_API_'));
    const replicas = [...compose.matchAll(/^ {2}(api-\d+): \*api$/gm)].map((m) => m[1]);
    expect(replicas).toHaveLength(apis.length);
    for (const [i, name] of replicas.entries()) expect(compose).toContain(`NANO_API_${i + 1}: ${name}:3000`);
  });
});

if (!NGINX) {
  console.warn(
    'test/e2e/nginx.test.ts: SKIPPED, nginx is not installed (apt-get install -y nginx-light) or NGINX_BIN is not an executable',
  );
  describe('nginx in front of two replicas', () => {
    it.skip('SKIPPED: nginx is not installed (apt-get install -y nginx-light, or set NGINX_BIN to its path)', () => {});
  });
} else {
  describe('nginx in front of two replicas (deploy/nginx.conf): cache, revalidation, reload, failover', () => {
    // Small, so that new data must show within the test's time; whole seconds, as max-age is.
    const MAX_AGE_S = 2;
    let dir = '';
    let db = '';
    let servers: RunningServer[] = [];
    let nginx: RunningNginx | undefined;

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nano-nginx-e2e-'));
      db = path.join(dir, 'db.sqlite');
      buildDatabaseFile(db);
      ({ servers, nginx } = await startTier({ DATABASE_PATH: db, CACHE_MAX_AGE: String(MAX_AGE_S) }));
    });
    afterAll(async () => {
      await stopTier(servers, nginx);
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('a repeat request is a cache HIT and never reaches an origin', async () => {
      const base = (nginx as RunningNginx).url;
      const url = '/v1/exports?limit=3';
      const first = await get(base + url);
      expect(first.status).toBe(200);
      expect(first.headers['x-cache-status']).toBe('MISS');
      await until(() => originHits(servers, url) === 1, 'the origin to log the miss');
      for (let i = 0; i < 5; i++) {
        const again = await get(base + url);
        expect(again.status).toBe(200);
        expect(again.headers['x-cache-status']).toBe('HIT');
        expect(again.headers.etag).toBe(first.headers.etag);
        expect(again.body).toBe(first.body);
        // The origin's per-client counters are hidden: a cached copy would replay one client's to all.
        expect(again.headers['x-ratelimit-remaining']).toBeUndefined();
      }
      // Another Accept-Language is another representation (the origin's Vary, nginx's key): a miss of its own.
      const fa = await get(base + url, { headers: { 'accept-language': 'fa' } });
      expect(fa.headers['x-cache-status']).toBe('MISS');
      expect(fa.headers['content-language']).toBe('fa');
      expect(
        (await get(base + url, { headers: { 'accept-language': 'fa' } })).headers['x-cache-status'],
      ).toBe('HIT');
      // Access log lines are written asynchronously: give late ones time to appear before counting.
      await sleep(300);
      expect(originHits(servers, url)).toBe(2);
    });

    it('br, gzip and identity clients each get their own copy from the cache; repeats and other spellings are HITs', async () => {
      const base = (nginx as RunningNginx).url;
      const url = '/v1/checks?lang=ar';
      const firsts = new Map<string, Awaited<ReturnType<typeof get>>>();
      for (const coding of ['br', 'gzip', 'identity']) {
        const headers: Record<string, string> = coding === 'identity' ? {} : { 'accept-encoding': coding };
        const first = await get(base + url, { headers });
        expect(first.status).toBe(200);
        expect(first.headers['x-cache-status'], coding).toBe('MISS');
        expect(first.headers['content-encoding']).toBe(coding === 'identity' ? undefined : coding);
        firsts.set(coding, first);
        const again = await get(base + url, { headers });
        expect(again.headers['x-cache-status'], coding).toBe('HIT');
        expect(again.headers.etag).toBe(first.headers.etag);
        expect(again.raw.equals(first.raw)).toBe(true);
      }
      const plain = firsts.get('identity')?.raw as Buffer;
      expect(zlib.brotliDecompressSync(firsts.get('br')?.raw as Buffer).equals(plain)).toBe(true);
      expect(zlib.gunzipSync(firsts.get('gzip')?.raw as Buffer).equals(plain)).toBe(true);
      expect(new Set([...firsts.values()].map((r) => r.headers.etag)).size).toBe(3);
      // Other ways of saying the same thing share those entries.
      const spellings: [string | undefined, string][] = [
        ['gzip, deflate, br, zstd', 'br'],
        ['BR;q=0.5', 'br'],
        ['br;q=0, gzip', 'gzip'],
        ['x-gzip', 'gzip'],
        ['deflate', 'identity'],
        ['gzip;q=0, br;q=0.000', 'identity'],
        [undefined, 'identity'],
      ];
      for (const [header, coding] of spellings) {
        const r = await get(base + url, {
          headers: header === undefined ? {} : { 'accept-encoding': header },
        });
        expect(r.headers['x-cache-status'], header).toBe('HIT');
        expect(r.headers.etag, header).toBe(firsts.get(coding)?.headers.etag);
      }
      // A client's If-None-Match for the copy it holds: a 304 from the cache.
      const held = await get(base + url, {
        headers: { 'accept-encoding': 'gzip', 'if-none-match': firsts.get('gzip')?.headers.etag as string },
      });
      expect(held.status).toBe(304);
      await sleep(300);
      expect(originHits(servers, url)).toBe(3);
    });

    it("a client's If-None-Match is answered 304 by nginx, which never asks an origin", async () => {
      const base = (nginx as RunningNginx).url;
      const url = '/v1/exports?limit=4';
      const first = await get(base + url);
      expect(first.headers['x-cache-status']).toBe('MISS');
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"[^"]+"$/);
      await until(() => originHits(servers, url) === 1, 'the origin to log the miss');
      const conditionals: Record<string, string>[] = [
        { 'if-none-match': etag },
        { 'if-none-match': `W/${etag}` }, // weak comparison, RFC 9110 §13.1.2
        { 'if-none-match': `"something-else", ${etag}` },
        // What browsers and Node's fetch send along with a script's If-None-Match: still a 304 from the cache.
        { 'if-none-match': etag, 'cache-control': 'no-cache', pragma: 'no-cache' },
      ];
      for (const headers of conditionals) {
        const r = await get(base + url, { headers });
        expect(r.status, JSON.stringify(headers)).toBe(304);
        expect(r.headers['x-cache-status']).toBe('HIT');
        expect(r.headers.etag).toBe(etag);
        expect(r.body).toBe('');
      }
      const other = await get(base + url, { headers: { 'if-none-match': '"not-this-one"' } });
      expect(other.status).toBe(200);
      expect(other.headers['x-cache-status']).toBe('HIT');
      await sleep(300);
      expect(originHits(servers, url)).toBe(1);
    });

    it('after an import and SIGHUP to both replicas, clients get the new data and ETags within CACHE_MAX_AGE (+1 s, the clock of nginx), never an old body with a new ETag', async () => {
      const base = (nginx as RunningNginx).url;
      const variants: { url: string; headers: Record<string, string> }[] = [
        { url: '/v1/periods', headers: {} },
        { url: '/v1/periods', headers: { 'accept-language': 'fa' } },
        { url: '/v1/exports', headers: {} },
        { url: '/v1/rankings?format=csv', headers: {} },
      ];
      const old = await Promise.all(variants.map((v) => get(base + v.url, { headers: v.headers })));
      for (const r of old) expect(r.status).toBe(200);
      expect(JSON.parse(old[0]?.body as string).data).toHaveLength(1);

      // Every reply seen: an ETag must always come with the same body (it is the hash of it), whoever served it.
      const bodyOf = new Map<string, string>();
      const seen: { variant: number; at: number; etag: string; body: string; status: number }[] = [];
      const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
      let polling = true;
      const poll = async () => {
        while (polling) {
          for (const [i, v] of variants.entries()) {
            const r = await get(base + v.url, { headers: v.headers, agent });
            seen.push({
              variant: i,
              at: Date.now(),
              etag: String(r.headers.etag),
              body: r.body,
              status: r.status,
            });
          }
          await sleep(10);
        }
      };
      const pollers = [poll(), poll()];

      // A new dataset, imported the documented way, into the file both replicas serve.
      const fixture = path.join(ROOT, 'test', 'fixtures', 'fictional-2025.json');
      const imported = await new Promise<{ code: number | null; out: string }>((resolve) => {
        // What `npm run import -- FILE` runs, without npm's own start-up.
        const child = spawn(process.execPath, ['src/cli/import.ts', fixture, '--database', db], {
          cwd: ROOT,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const out = outputOf(child);
        child.on('exit', (code) => resolve({ code, out: out() }));
      });
      expect(imported.code, imported.out).toBe(0);
      expect(imported.out).toContain('Imported report "fictional-2025"');

      const reloadsBefore = servers.map((s) => s.output().split('reloaded the database').length);
      for (const s of servers) s.child.kill('SIGHUP');
      await until(
        () =>
          servers.every((s, i) => s.output().split('reloaded the database').length > (reloadsBefore[i] ?? 0)),
        'both replicas to reload',
      );
      // From here on no origin serves the old data: only nginx's copies can still be old.
      const reloadedAt = Date.now();
      const isNew = (i: number, body: string) => body !== old[i]?.body;
      await until(
        () =>
          variants.every((_, i) =>
            seen.some((s) => s.variant === i && s.at >= reloadedAt && isNew(i, s.body)),
          ),
        'every variant to show the new data',
        (MAX_AGE_S + 3) * 1000,
      );
      await sleep(300);
      polling = false;
      await Promise.all(pollers);
      agent.destroy();

      for (const s of seen) {
        expect(s.status).toBe(200);
        const known = bodyOf.get(s.etag);
        if (known === undefined) bodyOf.set(s.etag, s.body);
        else expect(s.body === known, `ETag ${s.etag} came with two different bodies`).toBe(true);
      }
      const delays: number[] = [];
      for (const [i, v] of variants.entries()) {
        const after = seen.filter((s) => s.variant === i && s.at >= reloadedAt);
        const firstNew = after.findIndex((s) => isNew(i, s.body));
        const newOne = after[firstNew] as (typeof after)[number];
        delays.push(newOne.at - reloadedAt);
        // Once a client has seen the new data, no client gets the old again.
        expect(
          after.slice(firstNew).every((s) => isNew(i, s.body)),
          `${v.url}: old data after new`,
        ).toBe(true);
        expect(newOne.etag).not.toBe(old[i]?.headers.etag);
        // What nginx serves is what every replica serves now, byte for byte, with the same ETag.
        for (const s of servers) {
          const direct = await get(s.url + v.url, { headers: v.headers });
          expect(direct.headers.etag).toBe(newOne.etag);
          expect(direct.body).toBe(newOne.body);
        }
      }
      expect(JSON.parse(seen.filter((s) => s.variant === 0).at(-1)?.body as string).data).toHaveLength(2);
      // nginx keeps expiry times in whole seconds (a copy stored at 10.9 s with max-age=2 is fresh until 13.0 s):
      // up to one second more than CACHE_MAX_AGE, then one poll round (the first request after expiry gets the old
      // copy while the background update fetches the new one).
      expect(Math.max(...delays)).toBeLessThanOrEqual((MAX_AGE_S + 1) * 1000 + 500);
      console.info(
        `nginx e2e: new data through the cache ${delays.map((d) => `${d} ms`).join(', ')} after both reloads ` +
          `(CACHE_MAX_AGE=${MAX_AGE_S}); ${seen.length} replies checked, ${bodyOf.size} distinct ETags`,
      );

      // A client holding the old ETag gets the new body; holding the new one, a 304.
      const revalidateOld = await get(`${base}/v1/periods`, {
        headers: { 'if-none-match': String(old[0]?.headers.etag) },
      });
      expect(revalidateOld.status).toBe(200);
      expect(JSON.parse(revalidateOld.body).data).toHaveLength(2);
      const revalidateNew = await get(`${base}/v1/periods`, {
        headers: { 'if-none-match': String(revalidateOld.headers.etag) },
      });
      expect(revalidateNew.status).toBe(304);
    }, 40_000);

    it('one replica killed (SIGKILL) during 20,000 requests at 50 connections: every request answered 200', async () => {
      const base = (nginx as RunningNginx).url;
      const [survivor, victim] = servers as [RunningServer, RunningServer];
      const AMOUNT = 20_000;
      // 20,000 distinct URLs: every one a cache miss, so every request goes on to a replica.
      let next = 0;
      const nextPath = () => {
        const i = next++;
        return `/v1/exports?limit=${1 + (i % 100)}&offset=${Math.floor(i / 100)}`;
      };
      const victimPort = new URL(victim.url).port;
      let answered = 0;
      let killedAt = -1;
      const started = Date.now();
      const result = await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon(
          {
            url: base,
            connections: 50,
            amount: AMOUNT,
            timeout: 10,
            requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: nextPath() }) }],
          },
          (err, res) => (err ? reject(err) : resolve(res)),
        );
        instance.on('response', () => {
          answered++;
          if (answered === AMOUNT / 4) {
            killedAt = answered;
            victim.child.kill('SIGKILL');
          }
        });
      });
      const elapsed = Date.now() - started;
      await victim.exited;

      expect(killedAt).toBe(AMOUNT / 4);
      expect(result.errors).toBe(0);
      expect(result.timeouts).toBe(0);
      expect(result.non2xx).toBe(0);
      expect(result['2xx']).toBe(AMOUNT);
      // Both replicas served before the kill; after it, the survivor served the rest.
      const served = (s: RunningServer) =>
        s
          .output()
          .split('\n')
          .filter((l) => l.includes('"msg":"incoming request"') && l.includes('offset=')).length;
      expect(served(victim)).toBeGreaterThan(1000);
      expect(served(survivor)).toBeGreaterThan(AMOUNT / 2);
      // Every request was a miss that reached a replica: the log lines add up, less the few the killed process had
      // not yet written out (a request it logged and could not answer is logged again by the survivor).
      expect(served(victim) + served(survivor)).toBeGreaterThan(AMOUNT - 100);
      // nginx did meet the dead replica (refused connections, requests cut off in flight), and went on.
      const failures = (nginx as RunningNginx)
        .errorLog()
        .split('\n')
        .filter((l) => l.includes(`127.0.0.1:${victimPort}`));
      expect(failures.length).toBeGreaterThan(0);
      const kinds = [...new Set(failures.map((l) => /\*\d+ (.+?), client:/.exec(l)?.[1]))];
      console.info(
        `nginx e2e: ${AMOUNT} misses at 50 connections in ${elapsed} ms, replica on :${victimPort} killed after ` +
          `${killedAt}; victim served ${served(victim)}, survivor ${served(survivor)}; all 200; nginx met the ` +
          `dead replica ${failures.length} times (${kinds.join('; ')})`,
      );
    }, 60_000);
  });

  describe('nginx in front of two replicas: rate limiting counts the real client address', () => {
    const LIMIT = 5;
    let dir = '';
    let servers: RunningServer[] = [];
    let nginx: RunningNginx | undefined;

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nano-nginx-e2e-'));
      const db = path.join(dir, 'db.sqlite');
      buildDatabaseFile(db);
      ({ servers, nginx } = await startTier({
        DATABASE_PATH: db,
        RATE_LIMIT_MAX: String(LIMIT),
        RATE_LIMIT_WINDOW: '1 minute',
        // nginx's own address: its X-Forwarded-For (the client's address, set by nginx) is believed, nobody else's.
        TRUST_PROXY: '127.0.0.1',
        CACHE_MAX_AGE: '60',
      }));
    });
    afterAll(async () => {
      await stopTier(servers, nginx);
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("a client's spoofed X-Forwarded-For does not move the limiter; another client keeps its own budget", async () => {
      const base = (nginx as RunningNginx).url;
      // Distinct URLs: each one a miss that reaches a replica. Cache hits never reach the rate limiter, so they
      // are neither counted nor limited (the cache is what absorbs repeated traffic).
      // The client is on 127.0.0.1, nginx's own address: had nginx appended to the client's X-Forwarded-For
      // instead of overwriting it, the replicas would trust the whole chain and count each spoofed address apart.
      const statuses: number[] = [];
      for (let i = 0; i < 4 * LIMIT; i++) {
        const r = await get(`${base}/v1/exports?limit=${i + 1}`, {
          headers: { 'x-forwarded-for': `203.0.113.${i + 1}`, 'x-real-ip': `198.51.100.${i + 1}` },
          localAddress: '127.0.0.1',
        });
        statuses.push(r.status);
        if (r.status === 429) {
          expect(r.headers['retry-after']).toMatch(/^\d+$/);
          expect(JSON.parse(r.body).detail).toContain(`more than ${LIMIT} requests in 1 minute`);
        }
      }
      // Each replica keeps its own count (round robin spreads a client over both): at most 2 × LIMIT pass.
      expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(200));
      expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
      expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(2 * LIMIT);
      expect(statuses.slice(-LIMIT)).toEqual(Array(LIMIT).fill(429));
      // The replicas saw the client's real address, never a spoofed one.
      const logged = servers.flatMap((s) =>
        [...s.output().matchAll(/"remoteAddress":"([^"]+)"/g)].map((m) => m[1]),
      );
      expect(logged).not.toContain('203.0.113.1');
      expect(new Set(logged.filter((a) => a !== '127.0.0.1'))).toEqual(new Set());

      // A cached reply is still served to the limited client: hits do not reach the limiter.
      const cached = await get(`${base}/v1/exports?limit=1`, { localAddress: '127.0.0.1' });
      expect(cached.status).toBe(200);
      expect(cached.headers['x-cache-status']).toBe('HIT');

      // Another client (another loopback address) has its own budget, counted under its own address.
      const other = await get(`${base}/v1/exports?limit=99`, { localAddress: '127.0.0.2' });
      expect(other.status).toBe(200);
      expect(other.headers['x-cache-status']).toBe('MISS');
      await until(
        () =>
          servers.some(
            (s) =>
              s.output().includes('"url":"/v1/exports?limit=99"') &&
              s.output().includes('"remoteAddress":"127.0.0.2"'),
          ),
        'a replica to log the other client by its own address',
      );
    });
  });
}
