// clients/typescript/README.md cannot drift: each ```ts snippet runs (Node, as a newcomer would run it) against the
// real server, and prints what the `//` comment on its last line says.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, serverOnItsOwnDatabase } from '../helpers/process.ts';

const README = fileURLToPath(new URL('../../clients/typescript/README.md', import.meta.url));
const CLIENT = pathToFileURL(
  fileURLToPath(new URL('../../clients/typescript/index.ts', import.meta.url)),
).href;
const snippets = [...fs.readFileSync(README, 'utf8').matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map(
  (m) => m[1] ?? '',
);

const suite = serverOnItsOwnDatabase();
let server: RunningServer;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nano-client-readme-'));
beforeAll(async () => {
  server = await suite.start();
});
afterAll(async () => {
  await suite.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('clients/typescript/README.md', () => {
  it('has the snippets this test runs', () => {
    expect(snippets.length).toBe(3);
    expect(snippets.some((s) => s.includes("format: 'csv'"))).toBe(true);
  });

  it.each(snippets.map((s, i) => [i + 1, s] as const))(
    'snippet %i runs and prints what it says',
    (i, snippet) => {
      const expected = /\/\/ (.*)\n$/.exec(snippet)?.[1];
      expect(expected, 'the last line ends with // what it prints').toBeDefined();
      const file = path.join(dir, `snippet-${i}.mts`);
      fs.writeFileSync(
        file,
        snippet
          .replace("'./clients/typescript/index.ts'", `'${CLIENT}'`)
          .replaceAll('http://127.0.0.1:3000', server.url),
      );
      const run = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 30_000 });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(`${expected}\n`);
    },
  );
});

describe('clients/typescript/package.json', () => {
  it('names openapi-fetch, the one package the client needs', () => {
    const pkg = JSON.parse(
      fs.readFileSync(new URL('../../clients/typescript/package.json', import.meta.url), 'utf8'),
    ) as { dependencies: Record<string, string>; type: string };
    const root = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    expect(pkg.type).toBe('module');
    expect(pkg.dependencies).toEqual({ 'openapi-fetch': root.devDependencies['openapi-fetch'] });
  });
});
