// README's "Adding a report" recipe, walked: its commands run as written (on a fictional Persian report in a
// temporary folder), with the review done in between, until the running server serves the new period.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDatabaseFile } from '../../src/db/build.ts';
import { PROJECT_ROOT } from '../../src/paths.ts';
import { startServer } from '../helpers/process.ts';

const README = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
const section = README.split(/^## /m).find((s) => s.startsWith('Adding a report')) ?? '';
const block = /^```sh\n([\s\S]*?)^```$/m.exec(section)?.[1] ?? '';
/** The recipe's commands: continuation lines joined, comments and comment lines dropped. */
const commands = block
  .replace(/\\\n\s*/g, '')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => l.replace(/\s+#.*$/, '').trim());

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nano-adding-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(command: string, env: Record<string, string>) {
  const result = spawnSync('bash', ['-c', command.replaceAll('reports/', `${dir}/`)], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`${command} failed:\n${result.stdout}\n${result.stderr}`);
  return result;
}

describe('README: Adding a report', () => {
  it('is draft, review, check, import and SIGHUP', () => {
    const prefixes = [
      'npm run draft -- reports/nano-exports-2025.fa.txt',
      'npm run import -- --check',
      'npm run import -- reports/nano-exports-2025.json',
      'kill -HUP <pid of the server>',
    ];
    expect(commands).toHaveLength(prefixes.length);
    commands.forEach((c, i) => {
      expect(c.startsWith(prefixes[i] as string), c).toBe(true);
    });
  });

  it('takes a report from its text to the running server', async () => {
    const [draft, check, importCommand, reload] = commands as [string, string, string, string];
    const database = path.join(dir, 'db.sqlite');
    buildDatabaseFile(database);
    fs.copyFileSync(
      path.join(PROJECT_ROOT, 'test/fixtures/draft/fa-1.txt'),
      path.join(dir, 'nano-exports-2025.fa.txt'),
    );
    const server = await startServer({ DATABASE_PATH: database });
    try {
      const drafted = run(draft, {});
      expect(drafted.stderr).toContain('## Proposed figures');
      const file = path.join(dir, 'nano-exports-2025.json');
      const dataset = JSON.parse(fs.readFileSync(file, 'utf8'));
      expect(dataset.source.textFile).toBe('nano-exports-2025.fa.txt');
      expect(dataset.period.words.text).toBe('نیمه نخست سال ۱۴۰۳');
      expect(dataset.figures.length).toBe(11);

      // The review: placeholders filled, the notes to fill deleted.
      dataset.source.title.en = 'Isfahan still leads nano exports (fictional)';
      dataset.source.publisher.en = 'A fictional technology export monitoring office';
      dataset.source.dataOwner.en = 'The same fictional office';
      dataset.period.label = 'first half of 2025';
      dataset.notes = [];
      expect(JSON.stringify(dataset)).not.toContain('TODO');
      fs.writeFileSync(file, JSON.stringify(dataset, null, 2));

      // The check passes on the reviewed file and writes nothing.
      const before = fs.readFileSync(database);
      const checked = run(check, { DATABASE_PATH: database });
      expect(checked.stdout).toContain('nano-exports-2025');
      expect(fs.readFileSync(database).equals(before)).toBe(true);

      const imported = run(importCommand, { DATABASE_PATH: database });
      expect(imported.stdout).toContain('Imported report "nano-exports-2025" (11 figures, 0 notes)');

      run(reload.replace('<pid of the server>', String(server.child.pid)), {});
      let periods: { id: string }[] = [];
      for (let i = 0; i < 100 && periods.length < 2; i++) {
        await new Promise((r) => setTimeout(r, 50));
        periods = (await (await fetch(`${server.url}/v1/periods`)).json()).data;
      }
      expect(periods.map((p) => p.id)).toContain('2025-h1');
      const figures = await (await fetch(`${server.url}/v1/rankings?period=2025-h1&format=csv`)).text();
      expect(figures).toContain('42000000');
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 60_000);
});
