// What the benchmark and the load test share: the project root, child processes and temporary folders that are
// always cleaned up, free ports, plain GETs and a process's resident memory.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The project root. */
export const ROOT = path.resolve(here, '..');

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();

/** Registers a child process to be killed on exit. */
export function track<T extends ChildProcess>(cp: T): T {
  children.add(cp);
  cp.once('exit', () => children.delete(cp));
  cp.once('error', () => children.delete(cp));
  return cp;
}

/** A temporary folder, removed on exit. */
export function makeTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/** Kills every tracked child and removes every temporary folder; safe to call more than once. */
export function cleanup(): void {
  for (const cp of children) {
    if (cp.pid !== undefined && cp.exitCode === null && cp.signalCode === null) {
      try {
        process.kill(cp.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  children.clear();
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

/** Cleans up on exit and on SIGINT/SIGTERM, saying what is being stopped. */
export function cleanUpOnExit(what: string): void {
  process.on('exit', cleanup);
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping ${what}`);
      cleanup();
      process.exit(code);
    });
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export const errMsg = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port')),
      );
    });
  });
}

export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One GET to 127.0.0.1 on a fresh connection. */
export function httpGet(
  port: number,
  urlPath: string,
  headers: Record<string, string> = {},
  timeoutMs = 5000,
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port, path: urlPath, headers, agent: false, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

/** The resident set size of a process, in MB, from /proc (Linux); null when it cannot be read. */
export function rssMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}
