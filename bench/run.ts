// Benchmark: the API in its default configuration, each scenario against its own baseline (bare Fastify sending the
// same bytes and representation headers; bare Fastify hello-world; nginx serving the same bytes as a static file), plus
// the bytes on the wire against brotli 11 and gzip -9; with wrk, interleaved rounds and pinned cores.
//
//   npm run bench                                    (the defaults)
//   BENCH_ROUNDS=5 BENCH_DURATION=5 node bench/run.ts
//   BENCH_SERVER_CMD=/path/to/other/src/main.mjs node bench/run.ts   (measure another checkout)
//
// Each server runs in its own process pinned to core 0 (`taskset -c 0`); wrk runs pinned to core 1
// (`taskset -c 1 wrk -t1 -c50 --latency`). Each scenario runs R rounds of D seconds, every round a run of its baseline
// and the scenario run, in alternating order (baseline first in odd rounds, last in even
// ones) so that a machine speeding up or slowing down favours neither. A round runs every scenario once, so that a
// slow phase of the machine spreads over scenarios; a scenario's ratio is the median of its per-round ratios.
// Results go to stdout and to bench/results.md (or BENCH_RESULTS).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import {
  cleanUpOnExit,
  cleanup,
  errMsg,
  freePort,
  httpGet,
  makeTempDir,
  ROOT,
  rssMb,
  sleep,
  track,
} from '../scripts/harness.ts';
import { findNginx, type RunningNginx, startNginx } from '../test/helpers/nginx.ts';

// ---------------------------------------------------------------- settings

function intEnv(name: string, def: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
    process.exit(1);
  }
  return n;
}

const ROUNDS = intEnv('BENCH_ROUNDS', 5, 1, 100);
const DURATION = intEnv('BENCH_DURATION', 5, 1, 600);
const WARMUP = 2;
const CONNECTIONS = 50;
const COLD_RUNS = 5;
const SERVER_CORE = '0';
const LOAD_CORE = '1';

const TARGETS = {
  /** Bytes of a br (gzip) reply at most this times brotli 11's (gzip -9's) of the same body, for bodies of 1 KB or more. */
  bytesVsBest: 1.15,
  /** req/s with `Accept-Encoding: br, gzip` at least this times those with identity (compression costs nothing per request). */
  encodedRps: 0.95,
  /** A data route's req/s at least this times a bare Fastify route's sending the same bytes and representation headers. */
  dataRps: 0.7,
  /** … and its p99 at most this times that route's. */
  dataP99: 1.5,
  /** nginx cache hits' req/s at least this times nginx serving the same bytes as a static file, with the same logging. */
  cacheHitVsStatic: 0.8,
  notModifiedRps: 0.75,
  coldStart: 2,
  rssMb: 120,
};

/** The representation headers the same-bytes baseline sends as the API sent them. */
const REPRESENTATION_HEADERS = [
  'content-type',
  'etag',
  'cache-control',
  'vary',
  'content-language',
  'content-encoding',
  'content-disposition',
  'link',
  'x-total-count',
];
const ENCODED = { 'Accept-Encoding': 'br, gzip' };

cleanUpOnExit('the servers and the load');

// ---------------------------------------------------------------- tools

function commandExists(cmd: string): boolean {
  return spawnSync('which', [cmd], { stdio: 'ignore' }).status === 0;
}

function ensureWrk(): void {
  if (commandExists('wrk')) return;
  console.log('wrk is missing: installing it with apt-get');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => spawnSync('apt-get', ['install', '-y', 'wrk'], { stdio: 'inherit', env });
  if (install().status !== 0 || !commandExists('wrk')) {
    spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    install();
  }
  if (!commandExists('wrk')) {
    console.error(
      'wrk is not installed and `apt-get install -y wrk` could not install it.\n' +
        'Install wrk (https://github.com/wg/wrk) so that `wrk` is on the PATH, then run the benchmark again.',
    );
    process.exit(1);
  }
}

function wrkVersion(): string {
  const r = spawnSync('wrk', ['-v'], { encoding: 'utf8' });
  const text = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  const m = /wrk\s+(\S+)(?:\s+\[(\w+)\])?/.exec(text);
  return m ? `${m[1]}${m[2] ? ` [${m[2]}]` : ''}` : text.split('\n')[0]?.trim() || 'unknown';
}

function cpuModel(): string {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    if (m?.[1]) return m[1].trim();
  } catch {
    // fall through
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

// ---------------------------------------------------------------- servers

interface Server {
  name: string;
  port: number;
  proc: ChildProcess;
  exited: () => boolean;
  output: () => string;
}

function apiCommand(): string[] {
  const raw = process.env.BENCH_SERVER_CMD?.trim();
  if (!raw) return [process.execPath, path.join(ROOT, 'src', 'main.mjs')];
  const parts = raw.split(/\s+/);
  // One word: the entry file, run with this Node; several words: a whole command.
  return parts.length === 1 ? [process.execPath, path.resolve(raw)] : parts;
}

function startServer(name: string, cmd: string[], port: number, env: Record<string, string>): Server {
  const proc = track(
    spawn('taskset', ['-c', SERVER_CORE, ...cmd], {
      cwd: ROOT,
      env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let tail = '';
  let spawnError = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  proc.on('error', (e) => {
    spawnError = errMsg(e);
  });
  return {
    name,
    port,
    proc,
    exited: () => spawnError !== '' || proc.exitCode !== null || proc.signalCode !== null,
    output: () => (spawnError ? `${spawnError}\n${tail}` : tail).trim(),
  };
}

async function waitFor200(server: Server, urlPath: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  for (;;) {
    if (server.exited()) {
      throw new Error(`${server.name} exited before answering ${urlPath}:\n${server.output()}`);
    }
    try {
      const res = await httpGet(server.port, urlPath, {}, 2000);
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = errMsg(e);
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${server.name} gave no 200 on ${urlPath} within ${timeoutMs} ms (last: ${last}):\n${server.output()}`,
      );
    }
    await sleep(5);
  }
}

async function stopServer(server: Server): Promise<void> {
  const { proc } = server;
  if (server.exited() || proc.pid === undefined) return;
  const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  process.kill(proc.pid, 'SIGTERM');
  const timer = setTimeout(() => {
    if (!server.exited() && proc.pid !== undefined) process.kill(proc.pid, 'SIGKILL');
  }, 3000);
  await gone;
  clearTimeout(timer);
}

// ---------------------------------------------------------------- wrk

interface WrkResult {
  rps: number;
  p50: number;
  p99: number;
  non2xx3xx: number;
  errors: { connect: number; read: number; write: number; timeout: number };
  requests: number;
  bytes: number;
}

const TIME_UNITS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const BYTE_UNITS: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

function parseLatency(out: string, pct: string): number {
  const m = new RegExp(`^\\s*${pct}%\\s+([\\d.]+)(us|ms|s|m|h)\\s*$`, 'm').exec(out);
  if (!m?.[1] || !m[2]) return Number.NaN;
  return Number(m[1]) * (TIME_UNITS[m[2]] ?? Number.NaN);
}

function parseWrk(out: string): WrkResult {
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(out);
  if (!rps?.[1]) throw new Error(`could not read Requests/sec from wrk output:\n${out}`);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const non = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out);
  const total = /(\d+) requests in [\d.]+\w+, ([\d.]+)([KMGT]?)B read/.exec(out);
  return {
    rps: Number(rps[1]),
    p50: parseLatency(out, '50'),
    p99: parseLatency(out, '99'),
    non2xx3xx: non?.[1] ? Number(non[1]) : 0,
    errors: {
      connect: Number(sock?.[1] ?? 0),
      read: Number(sock?.[2] ?? 0),
      write: Number(sock?.[3] ?? 0),
      timeout: Number(sock?.[4] ?? 0),
    },
    requests: Number(total?.[1] ?? Number.NaN),
    bytes: Number(total?.[2] ?? Number.NaN) * (BYTE_UNITS[total?.[3] ?? ''] ?? Number.NaN),
  };
}

interface Target {
  port: number;
  path: string;
  headers?: Record<string, string>;
  script?: string;
}

function runWrk(target: Target, seconds: number): Promise<WrkResult> {
  const args = ['-c', LOAD_CORE, 'wrk', '-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency'];
  for (const [k, v] of Object.entries(target.headers ?? {})) args.push('-H', `${k}: ${v}`);
  if (target.script) args.push('-s', target.script);
  args.push(`http://127.0.0.1:${target.port}${target.path}`);
  return new Promise((resolve, reject) => {
    const proc = track(spawn('taskset', args, { stdio: ['ignore', 'pipe', 'pipe'] }));
    let out = '';
    proc.stdout?.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    proc.stderr?.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    proc.on('error', reject);
    proc.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`wrk exited with ${code}:\n${out}`));
        return;
      }
      try {
        resolve(parseWrk(out));
      } catch (e) {
        reject(e);
      }
    });
  });
}

// ---------------------------------------------------------------- statistics and formatting

function median(xs: number[]): number {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? (v[mid] as number) : ((v[mid - 1] as number) + (v[mid] as number)) / 2;
}

const fixed = (x: number, digits: number) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
const int = (x: number) => (Number.isFinite(x) ? String(Math.round(x)) : 'n/a');

function table(head: string[], rows: string[][], align: ('l' | 'r')[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const cell = (s: string, i: number) =>
    align[i] === 'r' ? s.padStart(widths[i] ?? 0) : s.padEnd(widths[i] ?? 0);
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (align[i] === 'r' ? `${'-'.repeat(w + 1)}:` : `:${'-'.repeat(w + 1)}`)).join('|')}|`;
  return [line(head), rule, ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------- scenarios

type Kind = 'data' | 'encoded' | 'not-modified' | 'cache-hit' | 'reference';

interface Scenario {
  name: string;
  kind: Kind;
  /** Where the load goes when not to the API itself (nginx in front of it). */
  port?: number;
  path: string;
  headers?: Record<string, string>;
  script?: string;
  expect: number;
  /** What the scenario is measured against in the same round, and its name in the report. */
  baseline: Target;
  baselineName: string;
}

interface Round {
  base: WrkResult;
  run: WrkResult;
}

const PROVINCE = encodeURIComponent('اصفهان');
const DATA_PATHS: { name: string; path: string; headers?: Record<string, string> }[] = [
  { name: 'exports (JSON)', path: '/v1/exports' },
  { name: 'exports (CSV)', path: '/v1/exports?format=csv' },
  { name: 'rankings', path: '/v1/rankings' },
  { name: 'rankings (br, gzip)', path: '/v1/rankings', headers: ENCODED },
  { name: 'province by Persian name', path: `/v1/provinces/${PROVINCE}` },
  { name: 'provinces?inReport=true', path: '/v1/provinces?inReport=true' },
  { name: 'summary', path: '/v1/summary' },
];

/** Replies whose bytes on the wire are compared with brotli 11 and gzip -9 of the same body. */
const BYTES_PATHS = [
  '/v1/exports',
  '/v1/exports?format=csv',
  '/v1/rankings',
  '/v1/checks',
  '/v1/figures',
  '/v1/datapackage.json',
  '/openapi.json',
  '/',
  '/charts/rankings.svg',
  '/assets/site.css',
  '/docs/static/swagger-ui.css',
];

/** Bytes on the wire per reply: identity, what a br client and a gzip-only client get, and the references. */
async function bytesOnTheWire(port: number) {
  const rows: string[][] = [];
  const misses: string[] = [];
  for (const urlPath of BYTES_PATHS) {
    const plain = await httpGet(port, urlPath);
    if (plain.status !== 200 || plain.body.length < 1024) continue;
    const br = await httpGet(port, urlPath, { 'Accept-Encoding': 'gzip, deflate, br' });
    const gz = await httpGet(port, urlPath, { 'Accept-Encoding': 'gzip' });
    const best = {
      br: zlib.brotliCompressSync(plain.body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } })
        .length,
      gzip: zlib.gzipSync(plain.body, { level: 9 }).length,
    };
    const brRatio = br.headers['content-encoding'] === 'br' ? br.body.length / best.br : Number.NaN;
    const gzRatio = gz.headers['content-encoding'] === 'gzip' ? gz.body.length / best.gzip : Number.NaN;
    const ok = brRatio <= TARGETS.bytesVsBest && gzRatio <= TARGETS.bytesVsBest;
    if (!ok) misses.push(`bytes of \`${urlPath}\`: br ${fixed(brRatio, 2)}x, gzip ${fixed(gzRatio, 2)}x`);
    rows.push([
      `\`${urlPath}\``,
      String(plain.body.length),
      String(br.body.length),
      String(best.br),
      fixed(brRatio, 2),
      String(gz.body.length),
      String(best.gzip),
      fixed(gzRatio, 2),
      ok ? 'met' : `MISSED (> ${TARGETS.bytesVsBest}x)`,
    ]);
  }
  const head = [
    'reply',
    'identity B',
    'br B',
    'brotli 11 B',
    'ratio',
    'gzip B',
    'gzip -9 B',
    'ratio',
    'target',
  ];
  return { table: table(head, rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l']), misses };
}

/** The API's replies to `paths`, identity and br/gzip, as the same-bytes baseline serves them. */
async function captureReplies(port: number, paths: string[], file: string): Promise<void> {
  const out: Record<string, Record<string, { headers: Record<string, string>; body: string }>> = {};
  for (const urlPath of paths) {
    out[urlPath] = {};
    for (const coding of ['identity', ENCODED['Accept-Encoding']]) {
      const res = await httpGet(port, urlPath, coding === 'identity' ? {} : { 'Accept-Encoding': coding });
      const headers: Record<string, string> = {};
      for (const name of REPRESENTATION_HEADERS) {
        const value = res.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      out[urlPath][coding] = { headers, body: res.body.toString('base64') };
    }
  }
  fs.writeFileSync(file, JSON.stringify(out));
}

/** A location serving `file` as a static file at `urlPath`, with the same representation headers, for the nginx baseline. */
function staticLocation(urlPath: string, file: string, headers: Record<string, string>): string {
  const quote = (v: string) => `"${v.replace(/["\\$]/g, (c) => `\\${c}`)}"`;
  const lines = Object.entries(headers)
    .filter(([name]) => name !== 'content-type')
    .map(([name, value]) => `            add_header ${name} ${quote(value)};`);
  return [
    `        location = ${urlPath} {`,
    `            alias ${file};`,
    `            default_type ${quote(headers['content-type'] ?? 'application/octet-stream')};`,
    '            etag off;',
    ...lines,
    '        }',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const started = Date.now();
  ensureWrk();
  if (!commandExists('taskset')) {
    console.error('taskset (util-linux) is missing: it pins the servers and wrk to separate cores.');
    process.exit(1);
  }
  const helloEntry = path.join(ROOT, 'bench', 'hello-server.ts');
  const sameEntry = path.join(ROOT, 'bench', 'same-bytes-server.ts');
  const apiCmd = apiCommand();
  for (const file of [helloEntry, sameEntry, ...(apiCmd[0] === process.execPath ? [apiCmd[1] ?? ''] : [])]) {
    if (!fs.existsSync(file)) {
      console.error(`${file} is missing.`);
      process.exit(1);
    }
  }
  if (os.cpus().length < 2) console.warn('warning: fewer than 2 cores; server and load will share a core');
  // Keep this script's own work (polling during cold starts) off the servers' core.
  spawnSync('taskset', ['-a', '-cp', LOAD_CORE, String(process.pid)], { stdio: 'ignore' });

  const tmpDir = makeTempDir('nano-bench-');
  const dbPath = path.join(tmpDir, 'bench.sqlite');
  // The default configuration (rate limiter, security headers, CORS, load shedding), with a limit wrk never reaches,
  // and a freshness (CACHE_MAX_AGE, only the number in Cache-Control) of a day, longer than any bounded run: otherwise
  // nginx's copy expires halfway, and its refresh (one request per CACHE_MAX_AGE) would fall into a measured run.
  const apiEnv = {
    DATABASE_PATH: dbPath,
    RATE_LIMIT_MAX: '1000000',
    RATE_LIMIT_WINDOW: '1000',
    CACHE_MAX_AGE: '86400',
  };
  const helloCmd = [process.execPath, helloEntry];
  const notes: string[] = [];

  const meta = {
    date: new Date().toISOString(),
    cpu: `${cpuModel()} (${os.cpus().length} cores)`,
    node: process.version,
    wrk: wrkVersion(),
    server: apiCmd.map((p) => (p === process.execPath ? 'node' : path.relative(ROOT, p) || p)).join(' '),
    // Other work on the machine moves every figure: the load average says how much there was.
    loadAtStart: os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' / '),
  };
  console.log(
    `Benchmark: ${ROUNDS} round(s) x ${DURATION} s per scenario, warm-up ${WARMUP} s, wrk -t1 -c${CONNECTIONS}`,
  );
  console.log(`Node ${meta.node}, wrk ${meta.wrk}, CPU ${meta.cpu}`);
  console.log(`Server: ${meta.server}; servers on core ${SERVER_CORE}, wrk on core ${LOAD_CORE}\n`);

  // First start of the API builds its database; cold starts later reuse the file.
  const t0 = Date.now();
  const api = startServer('API server', apiCmd, await freePort(), apiEnv);
  await waitFor200(api, '/v1/rankings', 180_000);
  console.log(`API server up on port ${api.port} in ${Date.now() - t0} ms (first start, database built)`);
  const hello = startServer('bare Fastify', helloCmd, await freePort(), {});
  await waitFor200(hello, '/', 30_000);
  console.log(`bare Fastify up on port ${hello.port}`);

  // The same-bytes baseline: bare Fastify sending the API's own replies (bytes and representation headers).
  const repliesFile = path.join(tmpDir, 'replies.json');
  await captureReplies(api.port, [...new Set(DATA_PATHS.map((p) => p.path))], repliesFile);
  const same = startServer('same-bytes Fastify', [process.execPath, sameEntry], await freePort(), {
    SAME_BYTES_FILE: repliesFile,
  });
  await waitFor200(same, '/v1/rankings', 30_000);
  console.log(`same-bytes Fastify up on port ${same.port}`);
  const helloTarget: Target = { port: hello.port, path: '/' };

  // Check every path answers as expected before putting load on it.
  const scenarios: Scenario[] = [];
  for (const p of DATA_PATHS) {
    const res = await httpGet(api.port, p.path, p.headers);
    const type = String(res.headers['content-type'] ?? '');
    console.log(
      `  GET ${p.path} ${p.headers ? JSON.stringify(p.headers) : ''} -> ${res.status} ${type} ${res.body.length} B`,
    );
    if (res.status !== 200) {
      notes.push(`\`GET ${p.path}\` answered ${res.status} before the load, not 200.`);
    }
    const target = { path: p.path, ...(p.headers ? { headers: p.headers } : {}) };
    scenarios.push({
      name: p.name,
      kind: 'data',
      ...target,
      expect: 200,
      baseline: { port: same.port, ...target },
      baselineName: 'same bytes, bare Fastify',
    });
  }
  scenarios.push({
    name: 'rankings: br, gzip vs identity',
    kind: 'encoded',
    path: '/v1/rankings',
    headers: ENCODED,
    expect: 200,
    baseline: { port: api.port, path: '/v1/rankings' },
    baselineName: 'the API, identity',
  });
  scenarios.push({
    name: 'bare Fastify hello-world',
    kind: 'reference',
    port: hello.port,
    path: '/',
    expect: 200,
    baseline: { port: same.port, path: '/v1/rankings' },
    baselineName: 'same bytes (rankings), bare Fastify',
  });
  const first = await httpGet(api.port, '/v1/rankings');
  const etag = typeof first.headers.etag === 'string' ? first.headers.etag : undefined;
  if (!etag) {
    notes.push('`GET /v1/rankings` sent no ETag: the 304 scenario was skipped.');
    console.log('  GET /v1/rankings sent no ETag: skipping the 304 scenario');
  } else {
    const cond = await httpGet(api.port, '/v1/rankings', { 'If-None-Match': etag });
    console.log(`  GET /v1/rankings If-None-Match: ${etag} -> ${cond.status}, ${cond.body.length} B body`);
    if (cond.status !== 304)
      notes.push(`The conditional \`GET /v1/rankings\` answered ${cond.status}, not 304.`);
    if (cond.status === 304 && cond.body.length > 0) {
      notes.push(`The 304 carried a ${cond.body.length} B body; a 304 must have none.`);
    }
    scenarios.push({
      name: '304 revalidation (rankings)',
      kind: 'not-modified',
      path: '/v1/rankings',
      headers: { 'If-None-Match': etag },
      expect: 304,
      baseline: helloTarget,
      baselineName: 'bare Fastify hello-world',
    });
  }

  console.log('\nBytes on the wire');
  const bytes = await bytesOnTheWire(api.port);
  console.log(bytes.table);

  // The cache tier as shipped (deploy/nginx.conf) in front of this API, on the servers' core: repeat requests are
  // cache hits that never reach the API. Its baseline: the same nginx configuration (same logging, open_file_cache)
  // serving the same bytes as a static file, with the same representation headers.
  const nginxBin = findNginx();
  let nginx: RunningNginx | undefined;
  let nginxStatic: RunningNginx | undefined;
  let nginxLogStart = 0;
  if (!nginxBin) {
    notes.push(
      'nginx is not installed (`apt-get install -y nginx-light`): the cache-hit scenario was skipped.',
    );
  } else {
    const upstream = `127.0.0.1:${api.port}`;
    nginx = await startNginx(nginxBin, [upstream, upstream]);
    const staticFile = path.join(tmpDir, 'rankings.json');
    fs.writeFileSync(staticFile, first.body);
    fs.chmodSync(tmpDir, 0o755);
    const staticHeaders: Record<string, string> = {};
    for (const name of REPRESENTATION_HEADERS) {
      const value = first.headers[name];
      if (typeof value === 'string') staticHeaders[name] = value;
    }
    nginxStatic = await startNginx(nginxBin, [upstream, upstream], 10_000, (conf) =>
      conf.replace(
        '        location / {',
        `${staticLocation('/v1/rankings', staticFile, staticHeaders)}        location / {`,
      ),
    );
    for (const n of [nginx, nginxStatic]) {
      const pids = spawnSync('pgrep', ['-P', String(n.child.pid)], { encoding: 'utf8' }).stdout.split(/\s+/);
      for (const pid of [String(n.child.pid), ...pids].filter(Boolean)) {
        spawnSync('taskset', ['-a', '-cp', SERVER_CORE, pid], { stdio: 'ignore' });
      }
    }
    const nginxPort = Number(new URL(nginx.url).port);
    const staticPort = Number(new URL(nginxStatic.url).port);
    for (let i = 0; i < 2; i++) await httpGet(nginxPort, '/v1/rankings');
    const hit = await httpGet(nginxPort, '/v1/rankings');
    const file = await httpGet(staticPort, '/v1/rankings');
    console.log(
      `  GET /v1/rankings through nginx -> ${hit.status}, X-Cache-Status ${hit.headers['x-cache-status']}, ${hit.body.length} B; ` +
        `as a static file -> ${file.status}, ${file.body.length} B`,
    );
    if (!file.body.equals(first.body)) notes.push('nginx did not serve the static file with the same bytes.');
    scenarios.push({
      name: 'rankings via nginx (cache hits)',
      kind: 'cache-hit',
      port: nginxPort,
      path: '/v1/rankings',
      expect: 200,
      baseline: { port: staticPort, path: '/v1/rankings' },
      baselineName: 'nginx, the same bytes as a static file',
    });
    await sleep(1500);
    nginxLogStart = fs.statSync(path.join(nginx.dir, 'logs', 'access.log')).size;
  }

  const targetOf = (s: Scenario): Target => ({
    port: s.port ?? api.port,
    path: s.path,
    ...(s.headers ? { headers: s.headers } : {}),
    ...(s.script ? { script: s.script } : {}),
  });

  console.log(`\nWarm-up (${WARMUP} s each)`);
  for (const s of scenarios) {
    await runWrk(s.baseline, WARMUP);
    await runWrk(targetOf(s), WARMUP);
  }

  // Round-robin: round 1 of every scenario, then round 2 of every scenario, and so on. The machine has slow phases
  // that last minutes; this way one spreads over a round of several scenarios instead of most rounds of one.
  console.log(
    `\nRounds (baseline and scenario in alternating order, ${DURATION} s each; every scenario once per round)`,
  );
  const results = new Map<Scenario, Round[]>(scenarios.map((s) => [s, []]));
  for (let r = 1; r <= ROUNDS; r++) {
    for (const s of scenarios) {
      let base: WrkResult;
      let run: WrkResult;
      if (r % 2 === 1) {
        base = await runWrk(s.baseline, DURATION);
        run = await runWrk(targetOf(s), DURATION);
      } else {
        run = await runWrk(targetOf(s), DURATION);
        base = await runWrk(s.baseline, DURATION);
      }
      results.get(s)?.push({ base, run });
      console.log(
        `  ${s.name.padEnd(28)} round ${r}: ${int(run.rps).padStart(6)} req/s vs ${int(base.rps).padStart(6)} ` +
          `(${fixed(run.rps / base.rps, 2)}x), p99 ${fixed(run.p99, 2)} ms vs ${fixed(base.p99, 2)} ms` +
          `${run.non2xx3xx ? `, ${run.non2xx3xx} non-2xx/3xx` : ''}`,
      );
    }
  }

  const rss = { api: rssMb(api.proc.pid) ?? Number.NaN, hello: rssMb(hello.proc.pid) ?? Number.NaN };
  // What nginx sent on to the API during the runs (its access log is flushed every second).
  let nginxMisses = 0;
  let nginxLines = 0;
  if (nginx) {
    await sleep(1500);
    const log = fs
      .readFileSync(path.join(nginx.dir, 'logs', 'access.log'))
      .subarray(nginxLogStart)
      .toString('utf8');
    const lines = log.split('\n').filter((l) => l.includes('"GET /v1/rankings '));
    nginxLines = lines.length;
    nginxMisses = lines.filter((l) => !l.includes('cache=HIT')).length;
    await nginx.stop();
    await nginxStatic?.stop();
    if (nginxMisses > 0)
      notes.push(`Through nginx, ${nginxMisses} of ${nginxLines} requests reached the API.`);
  }
  await stopServer(api);
  await stopServer(hello);
  await stopServer(same);

  console.log(`\nCold start (${COLD_RUNS} starts each, spawn to first 200)`);
  const cold = { api: [] as number[], hello: [] as number[] };
  for (let i = 0; i < COLD_RUNS; i++) {
    for (const [key, cmd, env, urlPath] of [
      ['api', apiCmd, apiEnv, '/v1/rankings'],
      ['hello', helloCmd, {}, '/'],
    ] as const) {
      const port = await freePort();
      const start = process.hrtime.bigint();
      const srv = startServer(key === 'api' ? 'API server' : 'bare Fastify', [...cmd], port, env);
      await waitFor200(srv, urlPath, 60_000);
      cold[key].push(Number(process.hrtime.bigint() - start) / 1e6);
      await stopServer(srv);
    }
  }
  console.log(`  API: ${cold.api.map((x) => x.toFixed(0)).join(', ')} ms`);
  console.log(`  bare: ${cold.hello.map((x) => x.toFixed(0)).join(', ')} ms`);

  // ---------------------------------------------------------------- report
  const head = [
    'scenario',
    'baseline',
    'req/s',
    'baseline req/s',
    'ratio (median)',
    'p50 ms',
    'p99 ms',
    'baseline p99 ms',
    'p99 ratio',
    'non-2xx/3xx',
    'errors',
    'target',
  ];
  const align: ('l' | 'r')[] = ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l'];
  const rows: string[][] = [];
  const misses: string[] = [...bytes.misses];
  for (const s of scenarios) {
    const rounds = results.get(s) ?? [];
    const ratio = median(rounds.map((r) => r.run.rps / r.base.rps));
    const p99Ratio = median(rounds.map((r) => r.run.p99 / r.base.p99));
    const non = rounds.reduce((n, r) => n + r.run.non2xx3xx, 0);
    const e = { connect: 0, read: 0, write: 0, timeout: 0 };
    for (const r of rounds) for (const k of Object.keys(e) as (keyof typeof e)[]) e[k] += r.run.errors[k];
    const errTotal = e.connect + e.read + e.write + e.timeout;
    let verdict: string;
    if (s.kind === 'reference') {
      verdict = '(reference)';
    } else if (s.kind === 'not-modified') {
      const ok = ratio >= TARGETS.notModifiedRps;
      verdict = ok ? 'met' : `MISSED (< ${TARGETS.notModifiedRps}x)`;
    } else if (s.kind === 'encoded') {
      const ok = ratio >= TARGETS.encodedRps;
      verdict = ok ? 'met' : `MISSED (< ${TARGETS.encodedRps}x)`;
    } else if (s.kind === 'cache-hit') {
      const why = [
        ...(ratio >= TARGETS.cacheHitVsStatic ? [] : [`req/s < ${TARGETS.cacheHitVsStatic}x`]),
        ...(nginxMisses === 0 ? [] : [`${nginxMisses} requests reached the API`]),
      ];
      verdict = why.length ? `MISSED (${why.join(', ')})` : `met (${nginxLines} requests, all HITs)`;
    } else {
      const why = [
        ...(ratio >= TARGETS.dataRps ? [] : [`req/s < ${TARGETS.dataRps}x`]),
        ...(p99Ratio <= TARGETS.dataP99 ? [] : [`p99 > ${TARGETS.dataP99}x`]),
      ];
      verdict = why.length ? `MISSED (${why.join(', ')})` : 'met';
    }
    if (verdict.startsWith('MISSED')) misses.push(`${s.name}: ${verdict}`);
    if (non > 0 && s.expect !== 304) notes.push(`${s.name}: ${non} non-2xx/3xx responses under load.`);
    if (errTotal > 0) {
      notes.push(
        `${s.name}: socket errors connect ${e.connect}, read ${e.read}, write ${e.write}, timeout ${e.timeout}.`,
      );
    }
    rows.push([
      s.name,
      s.baselineName,
      int(median(rounds.map((r) => r.run.rps))),
      int(median(rounds.map((r) => r.base.rps))),
      fixed(ratio, 2),
      fixed(median(rounds.map((r) => r.run.p50)), 2),
      fixed(median(rounds.map((r) => r.run.p99)), 2),
      fixed(median(rounds.map((r) => r.base.p99)), 2),
      fixed(p99Ratio, 2),
      String(non),
      errTotal ? `${errTotal} (c${e.connect}/r${e.read}/w${e.write}/t${e.timeout})` : '0',
      verdict,
    ]);
  }
  const mainTable = table(head, rows, align);

  const coldApi = median(cold.api);
  const coldHello = median(cold.hello);
  const coldRatio = coldApi / coldHello;
  const coldOk = coldRatio <= TARGETS.coldStart;
  const rssOk = rss.api <= TARGETS.rssMb;
  if (!coldOk) misses.push(`cold start: ${fixed(coldRatio, 2)}x bare (target <= ${TARGETS.coldStart}x)`);
  if (!rssOk) misses.push(`RSS: ${fixed(rss.api, 1)} MB (target <= ${TARGETS.rssMb} MB)`);
  const coldLine =
    `Cold start (spawn to first 200, median of ${COLD_RUNS}): API ${fixed(coldApi, 0)} ms (\`/v1/rankings\`), ` +
    `bare Fastify ${fixed(coldHello, 0)} ms (\`/\`), ratio ${fixed(coldRatio, 2)}x ` +
    `(target <= ${TARGETS.coldStart}x: ${coldOk ? 'met' : 'MISSED'})`;
  const rssLine =
    `RSS after load: API ${fixed(rss.api, 1)} MB, bare Fastify ${fixed(rss.hello, 1)} MB ` +
    `(target <= ${TARGETS.rssMb} MB: ${rssOk ? 'met' : 'MISSED'})`;

  const roundHead = [
    'scenario',
    'round',
    'baseline req/s',
    'req/s',
    'ratio',
    'baseline p99 ms',
    'p99 ms',
    'bytes/response',
  ];
  const roundRows: string[][] = [];
  for (const s of scenarios) {
    (results.get(s) ?? []).forEach((r, i) => {
      roundRows.push([
        s.name,
        String(i + 1),
        int(r.base.rps),
        int(r.run.rps),
        fixed(r.run.rps / r.base.rps, 2),
        fixed(r.base.p99, 2),
        fixed(r.run.p99, 2),
        int(r.run.bytes / r.run.requests),
      ]);
    });
  }

  console.log(`\n${mainTable}\n\n${coldLine}\n${rssLine}`);
  if (misses.length) console.log(`\nTargets missed:\n${misses.map((m) => `  - ${m}`).join('\n')}`);
  if (notes.length) console.log(`\nNotes:\n${notes.map((n) => `  - ${n}`).join('\n')}`);

  const md = [
    '# Benchmark results',
    '',
    `Targets: bytes of every reply of 1 KB or more within ${TARGETS.bytesVsBest}x of brotli 11 (br clients) and gzip -9 (gzip-only clients); ` +
      `req/s with \`Accept-Encoding: br, gzip\` >= ${TARGETS.encodedRps}x identity; ` +
      `data routes >= ${TARGETS.dataRps}x the req/s of bare Fastify sending the same bytes and representation headers, p99 <= ${TARGETS.dataP99}x its; ` +
      `cache hits through nginx >= ${TARGETS.cacheHitVsStatic}x nginx serving the same bytes as a static file (same logging), no request reaching the API; ` +
      `304 revalidation >= ${TARGETS.notModifiedRps}x bare Fastify hello-world; cold start <= ${TARGETS.coldStart}x bare Fastify; ` +
      `RSS <= ${TARGETS.rssMb} MB.`,
    '',
    `- Date: ${meta.date}`,
    `- CPU: ${meta.cpu}`,
    `- Load average (1 / 5 / 15 min): ${meta.loadAtStart} at the start, ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' / ')} at the end (2 cores: above 2, other work competed with the servers and wrk)`,
    `- Node: ${meta.node}`,
    `- wrk: ${meta.wrk}`,
    `- Rounds: ${ROUNDS} x ${DURATION} s per scenario, each round a baseline run and the scenario run in alternating order, every scenario once per round; warm-up ${WARMUP} s each`,
    `- Load: \`taskset -c ${LOAD_CORE} wrk -t1 -c${CONNECTIONS} -d${DURATION}s --latency\`; servers pinned with \`taskset -c ${SERVER_CORE}\``,
    `- Server: \`${meta.server}\` (the default configuration, LOG_LEVEL=info included, with RATE_LIMIT_MAX=1000000, RATE_LIMIT_WINDOW=1000 and CACHE_MAX_AGE=86400)`,
    '- Baselines, each named in its row: bare Fastify 5 sending the API\'s own replies, bytes and representation headers, with no plugin, hook or logger (`bench/same-bytes-server.ts`); bare Fastify 5 `{"hello":"world"}` (`bench/hello-server.ts`); the API itself with identity; nginx with `deploy/nginx.conf` serving the same bytes as a static file at the same path (same access log, same `open_file_cache`, the same representation headers by `add_header`).',
    '- Ratios are medians of the per-round ratios; req/s, p50 and p99 are medians over rounds; non-2xx/3xx and errors are totals over rounds.',
    `- Command: \`${process.env.BENCH_COMMAND ?? `BENCH_ROUNDS=${ROUNDS} BENCH_DURATION=${DURATION}${process.env.BENCH_SERVER_CMD ? ` BENCH_SERVER_CMD=${process.env.BENCH_SERVER_CMD}` : ''} node bench/run.ts`}\``,
    '',
    mainTable,
    '',
    '## Bytes on the wire',
    '',
    "What a br client (`Accept-Encoding: gzip, deflate, br`) and a gzip-only client get, beside brotli quality 11 and gzip -9 of the identity body (Node's zlib).",
    '',
    bytes.table,
    '',
    coldLine,
    '',
    rssLine,
    '',
    'Paths: ' +
      [
        ...DATA_PATHS.map((p) => `${p.name} \`${p.path}\``),
        '304 `/v1/rankings` with `If-None-Match: <its ETag>`',
        "cache hits: `/v1/rankings` through `deploy/nginx.conf` (nginx pinned to the servers' core)",
      ]
        .join('; ')
        .concat('.'),
    '',
    ...(misses.length ? ['## Targets missed', '', ...misses.map((m) => `- ${m}`), ''] : []),
    ...(notes.length ? ['## Notes', '', ...notes.map((n) => `- ${n}`), ''] : []),
    '## Per round',
    '',
    table(roundHead, roundRows, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r']),
    '',
    `Cold starts, in order (ms): API ${cold.api.map((x) => x.toFixed(0)).join(', ')}; bare ${cold.hello.map((x) => x.toFixed(0)).join(', ')}.`,
    '',
  ].join('\n');
  const outFile = process.env.BENCH_RESULTS
    ? path.resolve(process.env.BENCH_RESULTS)
    : path.join(ROOT, 'bench', 'results.md');
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, md);
  console.log(
    `\nWrote ${path.relative(process.cwd(), outFile) || outFile} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
}

main().then(
  () => {
    cleanup();
    process.exit(0);
  },
  (err: unknown) => {
    console.error(`benchmark failed: ${errMsg(err)}`);
    cleanup();
    process.exit(1);
  },
);
