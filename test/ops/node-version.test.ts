// On a Node too old for the project (this machine's /usr/bin/node is Node 20), `npm start` and `npm test` say so in one
// line, naming the Node needed and scripts/with-node.sh, instead of ERR_UNKNOWN_FILE_EXTENSION or crashed workers.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const OLD_NODE = '/usr/bin/node';
const oldVersion = fs.existsSync(OLD_NODE)
  ? spawnSync(OLD_NODE, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim()
  : '';
const [major = 0, minor = 0] = oldVersion.split('.').map(Number);
const isOld = oldVersion !== '' && (major < 22 || (major === 22 && minor < 18));

const expected = `nano-exports-api needs Node 22.18 or newer (24 LTS recommended); this is Node ${oldVersion}. Install Node 24, or prefix the command with scripts/with-node.sh (it fetches Node 24): scripts/with-node.sh npm start`;

describe.skipIf(!isOld)(`under ${OLD_NODE} (Node ${oldVersion})`, () => {
  // npm itself runs on Node 20; only the scripts' own Node is too old.
  const env = { ...process.env, PATH: `${path.dirname(OLD_NODE)}:${process.env.PATH}`, PORT: '0' };

  it.each(['start', 'test'])('npm %s prints one line and fails', (script) => {
    const res = spawnSync('npm', [script, '--silent'], { env, encoding: 'utf8', timeout: 60_000 });
    expect(res.status).toBe(1);
    expect(res.stderr).toBe(`${expected}\n`);
    expect(res.stdout).toBe('');
  });

  it('README’s quick start shows that line', () => {
    const readme = fs.readFileSync('README.md', 'utf8').replace(/\s*\n\s*/g, ' ');
    expect(readme).toContain(expected.replace(oldVersion, '20.20.2'));
  });
});

describe('scripts/check-node.mjs under the Node that runs the tests', () => {
  it('passes silently', () => {
    const res = spawnSync(process.execPath, ['scripts/check-node.mjs'], { encoding: 'utf8' });
    expect(res.status).toBe(0);
    expect(res.stderr).toBe('');
  });
});
