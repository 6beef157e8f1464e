// .env in the working directory is read at start; real environment variables win; a bad value is one clear line.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDatabaseFile } from '../../src/db/build.ts';
import { outputOf, until } from '../helpers/process.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nano-dotenv-'));
const database = path.join(dir, 'db.sqlite');
beforeAll(() => buildDatabaseFile(database));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** .env.example as .env, with some lines changed, in a working directory of its own. */
function workdirWithEnv(changes: Record<string, string>): string {
  const work = fs.mkdtempSync(path.join(dir, 'work-'));
  let text = fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8');
  for (const [name, value] of Object.entries({ DATABASE_PATH: database, ...changes })) {
    text = text.replace(new RegExp(`^${name}=.*$`, 'm'), `${name}=${value}`);
  }
  fs.writeFileSync(path.join(work, '.env'), text);
  return work;
}

/** The server started from `cwd` with only PATH-like variables from this process (none of the app's). */
function start(cwd: string, env: Record<string, string> = {}) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) =>
        !/^(HOST|PORT|DATABASE_|LOG_|RATE_|MAX_|CACHE_|RESPONSE_CACHE_|DATASET_|TRUST_|PUBLIC_|REQUEST_|HEADERS_|KEEP_ALIVE_)/.test(
          name,
        ),
    ),
  );
  const child = spawn(process.execPath, [path.join(ROOT, 'src', 'main.mjs')], {
    cwd,
    env: { ...clean, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = outputOf(child);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output, exited };
}

async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function answers(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/v1/rankings`)).status === 200;
  } catch {
    return false;
  }
}

describe('.env', () => {
  it('a copy of .env.example with LOG_LEVEL=silent serves and prints nothing', {
    timeout: 40_000,
  }, async () => {
    const port = await freePort();
    const server = start(workdirWithEnv({ LOG_LEVEL: 'silent', PORT: String(port) }));
    try {
      let up = false;
      for (let i = 0; i < 400 && !up; i++) {
        up = await answers(port);
        if (!up) await new Promise((r) => setTimeout(r, 50));
      }
      expect(up).toBe(true);
      expect(server.output()).toBe('');
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });

  it('a variable set in the environment wins over the file', async () => {
    const port = await freePort();
    const server = start(workdirWithEnv({ LOG_LEVEL: 'silent', PORT: '1' }), {
      LOG_LEVEL: 'info',
      PORT: String(port),
    });
    try {
      await until(
        () => server.output().includes(`Server listening at http://127.0.0.1:${port}`),
        'the log',
        20_000,
      );
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });

  it('a bad value in .env stops the start with one line naming the variable', async () => {
    const server = start(workdirWithEnv({ PORT: 'eighty' }));
    expect(await server.exited).toBe(1);
    expect(server.output().trim().split('\n')).toEqual([
      'nano-exports-api failed to start: Invalid configuration: PORT: Invalid input: expected number, received NaN',
    ]);
  });
});
