// Load test: the server under 100 concurrent connections on every data route, with autocannon.
//
//   npm run loadtest                                  (at the defaults)
//   LOADTEST_REQUESTS=20000 node scripts/loadtest.ts
//
// Starts `node src/main.mjs` (what `npm start` runs) on 127.0.0.1 and a free port, with a database built in a
// temporary directory, no rate limit and LOG_LEVEL=warn; waits for /readyz; sends LOADTEST_REQUESTS requests (default 120000) mixing
// every data route, CSV, Accept-Language and conditional requests; stops after 120 s at the latest. Prints the
// statuses, errors, timeouts, throughput, latency and the server's resident memory before and after, and exits
// non-zero on any 5xx, connection error or timeout. The server is killed on exit, whatever happens.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import {
  cleanUpOnExit,
  cleanup,
  freePort,
  httpGet,
  makeTempDir,
  ROOT,
  rssMb,
  sleep,
  track,
} from './harness.ts';

const CONNECTIONS = 100;
const TIME_LIMIT_MS = 120_000;
const READY_TIMEOUT_MS = 60_000;
const AMOUNT = (() => {
  const raw = process.env.LOADTEST_REQUESTS;
  if (raw === undefined || raw.trim() === '') return 120_000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 100_000_000) {
    console.error(`LOADTEST_REQUESTS must be an integer from 1 to 100000000 (got "${raw}")`);
    process.exit(2);
  }
  return n;
})();

cleanUpOnExit('the load and the server');

async function startServer(port: number): Promise<ChildProcess> {
  const entry = path.join(ROOT, 'src', 'main.mjs');
  const tmpDir = makeTempDir('nano-exports-loadtest-');
  const child = track(
    spawn(process.execPath, [entry], {
      cwd: ROOT,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_PATH: path.join(tmpDir, 'nano-exports.sqlite'),
        DATABASE_BUILD_IF_MISSING: 'true',
        RATE_LIMIT_MAX: '0',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const started = Date.now();
  while (Date.now() - started < READY_TIMEOUT_MS) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `the server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output}`,
      );
    }
    try {
      if ((await httpGet(port, '/readyz')).status === 200) {
        // From now on its output is shown as it comes (LOG_LEVEL=warn: only warnings and errors).
        child.stdout?.off('data', keep);
        child.stderr?.off('data', keep);
        child.stdout?.pipe(process.stderr);
        child.stderr?.pipe(process.stderr);
        return child;
      }
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`the server was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${output}`);
}

const fmtMb = (mb: number | null) =>
  mb === null ? 'n/a (process gone, or no /proc)' : `${mb.toFixed(1)} MB`;

async function main(): Promise<void> {
  const port = await freePort();
  const child = await startServer(port);
  const pid = child.pid;
  const rssBefore = rssMb(pid);

  // An ETag fetched beforehand, for the conditional request (answered 304 while the data does not change).
  const first = await httpGet(port, '/v1/exports');
  const etag = first.headers.etag;
  if (first.status !== 200 || typeof etag !== 'string') {
    throw new Error(
      `GET /v1/exports answered ${first.status} without an ETag; cannot build the conditional request`,
    );
  }

  const isfahan = encodeURIComponent('اصفهان');
  const requests: autocannon.Request[] = [
    { method: 'GET', path: '/v1/exports' },
    { method: 'GET', path: '/v1/exports?format=csv' },
    { method: 'GET', path: '/v1/rankings' },
    { method: 'GET', path: '/v1/shares' },
    { method: 'GET', path: '/v1/summary' },
    { method: 'GET', path: '/v1/checks' },
    { method: 'GET', path: '/v1/provinces' },
    { method: 'GET', path: `/v1/provinces/${isfahan}` },
    { method: 'GET', path: '/v1/provinces/IR-10/history' },
    { method: 'GET', path: '/v1/periods' },
    { method: 'GET', path: '/v1/sources' },
    { method: 'GET', path: '/v1/sources/nano-exports-early-2024/text' },
    { method: 'GET', path: '/v1/summary', headers: { accept: 'text/csv' } },
    { method: 'GET', path: '/v1/rankings', headers: { 'accept-language': 'fa' } },
    { method: 'GET', path: '/v1/exports', headers: { 'if-none-match': etag } },
  ];

  console.log(
    `loadtest: ${AMOUNT} requests, ${CONNECTIONS} connections, ${requests.length} request kinds, ` +
      `server pid ${pid} on http://127.0.0.1:${port} (time limit ${TIME_LIMIT_MS / 1000} s)`,
  );

  let stoppedByTimeLimit = false;
  // RSS half-way too: the first half warms the heap up; growth in the second half would be a leak.
  let answered = 0;
  let rssHalf: number | null = null;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: `http://127.0.0.1:${port}`, connections: CONNECTIONS, amount: AMOUNT, requests, timeout: 10 },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    const limit = setTimeout(() => {
      stoppedByTimeLimit = true;
      instance.stop();
    }, TIME_LIMIT_MS);
    instance.on('done', () => clearTimeout(limit));
    instance.on('response', () => {
      answered++;
      if (answered === Math.floor(AMOUNT / 2)) rssHalf = rssMb(pid);
    });
  });
  const rssAfter = rssMb(pid);

  const codes = Object.entries(result.statusCodeStats ?? {})
    .map(([code, stat]) => [code, stat?.count ?? 0] as const)
    .sort(([a], [b]) => Number(a) - Number(b));
  const count5xx = codes.filter(([code]) => code.startsWith('5')).reduce((acc, [, n]) => acc + n, 0);
  const responses = codes.reduce((acc, [, n]) => acc + n, 0);

  console.log('');
  console.log(`requests sent        ${result.requests.sent}`);
  console.log(`responses            ${responses}`);
  console.log(
    `by class             2xx ${result['2xx']}, 3xx ${result['3xx']}, 4xx ${result['4xx']}, 5xx ${result['5xx']}`,
  );
  console.log(`by status            ${codes.map(([code, n]) => `${code}: ${n}`).join(', ') || 'none'}`);
  console.log(`errors               ${result.errors}`);
  console.log(`timeouts             ${result.timeouts}`);
  console.log(
    `duration             ${result.duration.toFixed(1)} s${stoppedByTimeLimit ? ' (stopped at the time limit)' : ''}`,
  );
  console.log(
    `throughput           ${result.requests.average.toFixed(0)} req/s average (${(responses / result.duration).toFixed(0)} overall)`,
  );
  console.log(
    `latency              p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
  );
  console.log(
    `server RSS           before ${fmtMb(rssBefore)}, half-way ${fmtMb(rssHalf)}, after ${fmtMb(rssAfter)}`,
  );

  const failures: string[] = [];
  if (count5xx > 0 || result['5xx'] > 0) failures.push(`${Math.max(count5xx, result['5xx'])} 5xx responses`);
  if (result.errors > 0) failures.push(`${result.errors} errors`);
  if (result.timeouts > 0) failures.push(`${result.timeouts} timeouts`);
  if (child.exitCode !== null || child.signalCode !== null)
    failures.push('the server exited during the load');
  if (failures.length > 0) {
    console.error(`\nFAIL: ${failures.join(', ')}`);
    process.exitCode = 1;
  } else {
    console.log('\nOK: no 5xx, no errors, no timeouts');
  }
}

main()
  .catch((err: unknown) => {
    console.error(`loadtest failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  })
  .finally(cleanup);
