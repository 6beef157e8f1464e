// The import directions of .dependency-cruiser.cjs hold for this tree, and each rule fails on a deliberate violation.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DEPCRUISE = path.join(ROOT, 'node_modules', '.bin', 'depcruise');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'nano-imports-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function cruise(cwd: string, ...dirs: string[]) {
  const run = spawnSync(DEPCRUISE, [...dirs, '--config', CONFIG, '--output-type', 'err'], {
    cwd,
    encoding: 'utf8',
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** A tiny tree of files (path → source) with the project's tsconfig, cruised with the project's rules. */
function violations(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(scratch, 'tree-'));
  fs.copyFileSync(path.join(ROOT, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
  for (const [file, source] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), source);
  }
  const { status, output } = cruise(dir, 'src');
  expect(status).not.toBe(0);
  return output;
}

describe('import directions', () => {
  it('this tree has no violation', () => {
    const { status, output } = cruise(ROOT, 'src', 'test', 'bench', 'scripts');
    expect(output).toContain('no dependency violations found');
    expect(status).toBe(0);
  });

  it('the domain importing a route fails', () => {
    const out = violations({
      'src/domain/sum.ts': "import { x } from '../routes/r.ts';\nexport const sum = x;\n",
      'src/routes/r.ts': 'export const x = 1;\n',
    });
    expect(out).toContain('domain-stands-alone');
  });

  it('a schema importing the database layer fails', () => {
    const out = violations({
      'src/schemas/s.ts': "import { t } from '../db/t.ts';\nexport const s = t;\n",
      'src/db/t.ts': 'export const t = 1;\n',
    });
    expect(out).toContain('schemas-take-only-the-domain');
  });

  it('a route importing app.ts fails, and so does a cycle', () => {
    const out = violations({
      'src/app.ts': "import { r } from './routes/r.ts';\nexport const app = r;\n",
      'src/routes/r.ts': "import { app } from '../app.ts';\nexport const r = 1;\nexport const again = app;\n",
    });
    expect(out).toContain('app-only-from-server-and-tests');
    expect(out).toContain('no-cycles');
  });
});
