// Starting the real server process (Node runs the TypeScript sources) for tests of start-up, shutdown and scale-out.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDatabaseFile } from '../../src/db/build.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Everything a child process writes, stdout and stderr together, as it arrives. */
export function outputOf(child: ChildProcess): () => string {
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  return () => out;
}

export interface RunningServer {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnServer(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: RunningServer['exited'];
} {
  const child = spawn(process.execPath, ['src/main.mjs'], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      RATE_LIMIT_MAX: '0',
      // A 200 must not depend on how busy the machine is: load shedding is tested on its own.
      MAX_EVENT_LOOP_DELAY_MS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = outputOf(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output, exited };
}

/** Starts the server and resolves once it listens, with its URL. */
export async function startServer(env: Record<string, string>, timeoutMs = 30_000): Promise<RunningServer> {
  const s = spawnServer(env);
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(s.output());
    if (m?.[1]) return { ...s, url: m[1] };
    if (s.child.exitCode !== null) throw new Error(`server exited early:\n${s.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  s.child.kill('SIGKILL');
  throw new Error(`server did not start in ${timeoutMs} ms:\n${s.output()}`);
}

/** Resolves once `check` holds (polled every 20 ms); fails after `timeoutMs`. */
export async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * A real server on a database of its own in a temporary folder, for a suite: call start() in beforeAll and stop() in
 * afterAll.
 */
export function serverOnItsOwnDatabase(env: Record<string, string> = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nano-server-'));
  let running: RunningServer | undefined;
  return {
    async start(): Promise<RunningServer> {
      const file = path.join(dir, 'db.sqlite');
      buildDatabaseFile(file);
      running = await startServer({ DATABASE_PATH: file, ...env });
      return running;
    },
    async stop(): Promise<void> {
      running?.child.kill('SIGTERM');
      await running?.exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
