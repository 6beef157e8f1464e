// Benchmark of data growth: import, load + validate, and serving during a reload, at 1,000 / 10,000 / 100,000 figures.
//
//   npm run bench:import                    (all three sizes, then the reload under load at the largest)
//   BENCH_SIZES=1000,10000 npm run bench:import
//
// Each measurement runs in a fresh process (`node bench/import.ts --stage …`) so that its peak RSS is its own; the
// times are measured inside it, after its modules are loaded. Datasets are synthetic and fictional
// (test/helpers/synthetic-datasets.ts), 100 figures per report, two reports per period, in a temporary folder.
// - import: `importAtomically` of every report into a copy of the seeded database (what `npm run import` does).
// - load: what a start does: prepareDatabase (integrity quick_check, schema) + buildApp (snapshot) + selfCheck.
// - reload: a server pinned to core 0 serves the seed data; the imported file is put in place, autocannon (core 1
//   here, in this process) loads it for BENCH_RELOAD_SECONDS (default 15) and SIGHUP is sent after 3 s.
// Bounded: about two minutes on two cores at the defaults.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const maxRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function stage(kind: string, db: string, dir: string): Promise<void> {
  if (kind === 'modules') {
    // The floor under every peak RSS below: a process that has loaded the modules and touched no data.
    await import('../src/db/atomic-import.ts');
    await import('../src/app.ts');
    console.log(JSON.stringify({ ms: 0, rssMb: maxRssMb() }));
    return;
  }
  if (kind === 'import') {
    const { datasetFiles, importAtomically } = await import('../src/db/atomic-import.ts');
    const t0 = performance.now();
    const outcomes = await importAtomically(db, datasetFiles([dir]));
    const ms = performance.now() - t0;
    console.log(JSON.stringify({ ms, rssMb: maxRssMb(), reports: outcomes.length }));
    return;
  }
  const { buildApp } = await import('../src/app.ts');
  const { testConfig } = await import('../src/config.ts');
  const { prepareDatabase } = await import('../src/db/prepare.ts');
  const t0 = performance.now();
  const handle = prepareDatabase(db);
  const app = await buildApp({ config: testConfig(), db: handle });
  await app.selfCheck();
  const ms = performance.now() - t0;
  console.log(JSON.stringify({ ms, rssMb: maxRssMb(), figures: app.store.snapshot.figures.length }));
  await app.close();
}

function runStage(kind: string, db: string, dir: string): { ms: number; rssMb: number } {
  const out = execFileSync(process.execPath, ['bench/import.ts', '--stage', kind, db, dir], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').at(-1) as string);
}

async function reloadUnderLoad(seedDb: string, bigDb: string, seconds: number) {
  const file = path.join(path.dirname(seedDb), 'served.sqlite');
  fs.copyFileSync(seedDb, file);
  const child = spawn('taskset', ['-c', '0', process.execPath, 'src/main.mjs'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_PATH: file,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      // The default configuration (load shedding included, which a long block during the reload would trigger),
      // with a rate limit autocannon's one address never reaches, as in bench/run.ts.
      RATE_LIMIT_MAX: '1000000',
      RATE_LIMIT_WINDOW: '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    out += d;
  });
  try {
    const started = Date.now();
    let url: string | undefined;
    while (!url) {
      url = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      if (Date.now() - started > 30_000) throw new Error(`server did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    // The import's result, put in place as `npm run import` does it (a rename over the served file).
    fs.copyFileSync(bigDb, `${file}.next`);
    fs.renameSync(`${file}.next`, file);
    const paths = ['/v1/exports', '/v1/rankings', '/v1/summary', '/v1/provinces', '/v1/periods'];
    let sent = 0;
    const t0 = Date.now();
    let reloadedAt: number | undefined;
    const timer = setTimeout(() => child.kill('SIGHUP'), 3000);
    const watch = setInterval(() => {
      if (reloadedAt === undefined && out.includes('reloaded the database')) reloadedAt = Date.now() - t0;
    }, 20);
    const result = await autocannon({
      url,
      connections: 10,
      duration: seconds,
      requests: [{ setupRequest: (req) => ({ ...req, path: paths[sent++ % paths.length] as string }) }],
    });
    clearTimeout(timer);
    clearInterval(watch);
    return {
      requests: result.requests.total,
      p50: result.latency.p50,
      p99: result.latency.p99,
      max: result.latency.max,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
      reloadMs: reloadedAt === undefined ? null : reloadedAt - 3000,
      reloaded: out.includes('reloaded the database'),
      failed: /reload failed.*/.exec(out)?.[0] ?? null,
    };
  } finally {
    child.kill('SIGTERM');
  }
}

async function main() {
  const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
  const seconds = Number(process.env.BENCH_RELOAD_SECONDS ?? 15);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nano-bench-import-'));
  try {
    const { buildDatabaseFile } = await import('../src/db/build.ts');
    const { writeSyntheticDatasets } = await import('../test/helpers/synthetic-datasets.ts');
    const seedDb = path.join(tmp, 'seed.sqlite');
    buildDatabaseFile(seedDb);
    const floor = runStage('modules', seedDb, tmp);
    const rows: string[] = [];
    let largest = '';
    for (const n of sizes) {
      const dir = path.join(tmp, `reports-${n}`);
      const files = writeSyntheticDatasets(dir, n).length;
      const db = path.join(tmp, `db-${n}.sqlite`);
      fs.copyFileSync(seedDb, db);
      const imp = runStage('import', db, dir);
      const load = runStage('load', db, dir);
      const mb = (fs.statSync(db).size / 1e6).toFixed(1);
      const row = `| ${n.toLocaleString('en')} | ${files} | ${mb} MB | ${(imp.ms / 1000).toFixed(2)} s | ${imp.rssMb} MB | ${(load.ms / 1000).toFixed(2)} s | ${load.rssMb} MB |`;
      console.log(row);
      rows.push(row);
      largest = db;
    }
    console.log(`\nPeak RSS of a process that only loads the modules (no data): ${floor.rssMb} MB`);
    console.log(
      '\n| figures | reports | file | import | import peak RSS | load + validate | load peak RSS |',
    );
    console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of rows) console.log(r);
    if (seconds > 0 && largest) {
      const r = await reloadUnderLoad(seedDb, largest, seconds);
      console.log(
        `\nReload of ${sizes.at(-1)?.toLocaleString('en')} figures under load (${seconds} s, 10 connections):`,
      );
      console.log(JSON.stringify(r, null, 2));
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--stage') {
  await stage(process.argv[3] as string, process.argv[4] as string, process.argv[5] as string);
} else {
  await main();
}
