// .ci/run's smoke test of `npm start` (scripts/smoke.sh) must stop what it started: npm, its shell and node.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** The processes whose environment holds `needle` (each process's environ is readable by its owner). */
function processesWith(needle: string): string[] {
  const found: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/environ`, 'latin1').includes(needle)) {
        found.push(`${pid}: ${fs.readFileSync(`/proc/${pid}/cmdline`, 'latin1').replace(/\0/g, ' ')}`);
      }
    } catch {
      // Gone already, or another user's.
    }
  }
  return found;
}

describe('scripts/smoke.sh', () => {
  it('passes, and leaves no process of the server it started running', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nano-smoke-'));
    const { stdout } = await run('scripts/smoke.sh', [], {
      env: { ...process.env, SMOKE_DIR: dir },
      timeout: 90_000,
    });
    expect(stdout).toContain('smoke test passed');
    expect(processesWith(`DATABASE_PATH=${dir}/db.sqlite`)).toEqual([]);
    expect(fs.existsSync(dir)).toBe(false);
  }, 120_000);
});
