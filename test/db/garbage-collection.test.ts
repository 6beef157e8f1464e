// better-sqlite3 under the supported Node: statements and connections collected by the garbage collector, many
// times over, do not take the process down (better-sqlite3 12 aborted on Node 24 when one was collected).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const SCRIPT = `
import { openWritable } from './src/db/writable.ts';
import { seedDatabase } from './src/db/seed.ts';
let rows = 0;
for (let round = 0; round < 20; round++) {
  const db = openWritable(':memory:');
  seedDatabase(db);
  for (let i = 0; i < 1000; i++) rows += db.$client.prepare('SELECT COUNT(*) AS n FROM provinces WHERE code <> ?').get(String(i)).n;
  db.$client.close();
  globalThis.gc();
}
globalThis.gc();
console.log('rows', rows, 'node', process.versions.node);
`;

describe('garbage collection of better-sqlite3 objects', () => {
  it('20,000 statements and 20 connections dropped and collected: the process exits 0', () => {
    const run = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', SCRIPT], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect({ status: run.status, signal: run.signal }).toEqual({ status: 0, signal: null });
    // 31 provinces in each of 20 × 1000 queries.
    expect(run.stdout).toBe(`rows 620000 node ${process.versions.node}\n`);
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(22);
  });
});
