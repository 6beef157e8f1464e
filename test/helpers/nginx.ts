// A real nginx in front of real server processes, run from the shipped deploy/nginx.conf with only its ${NANO_*}
// placeholders (ports and paths) filled in; plus a small HTTP client that controls every header it sends.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const NGINX_TEMPLATE = path.join(ROOT, 'deploy', 'nginx.conf');

/**
 * The nginx binary: NGINX_BIN when set, else the first `nginx` on PATH or in the usual sbin folders; undefined when
 * that is not an executable file.
 */
export function findNginx(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  const candidates = process.env.NGINX_BIN
    ? [process.env.NGINX_BIN]
    : dirs.map((dir) => path.join(dir, 'nginx'));
  for (const candidate of candidates) {
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {}
  }
  return undefined;
}

/** Replaces every ${NANO_*} placeholder, as envsubst does; a placeholder without a value, or a value never used, throws. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  const used = new Set<string>();
  const filled = template.replace(/\$\{(NANO_[A-Z0-9_]+)\}/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`deploy/nginx.conf: no value for \${${name}}`);
    used.add(name);
    return value;
  });
  const unused = Object.keys(values).filter((name) => !used.has(name));
  if (unused.length > 0) throw new Error(`deploy/nginx.conf has no placeholder ${unused.join(', ')}`);
  return filled;
}

/** A loopback port free right now (the kernel's choice; released before nginx binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningNginx {
  child: ChildProcess;
  url: string;
  dir: string;
  errorLog: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts nginx (foreground: `-g 'daemon off;'`) with the shipped configuration in front of `upstreams`
 * ("127.0.0.1:PORT"), everything it writes under a fresh temporary folder.
 */
export async function startNginx(
  bin: string,
  upstreams: string[],
  timeoutMs = 10_000,
  /** Changes the filled-in configuration (the benchmark's static-file baseline adds a location). */
  transform: (conf: string) => string = (conf) => conf,
): Promise<RunningNginx> {
  // The cache on tmpfs when there is one: the test measures nginx, not the disk.
  const parent = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  const dir = fs.mkdtempSync(path.join(parent, 'nano-nginx-'));
  // Run as root, nginx's workers drop to an unprivileged user: they must be able to reach the cache and temp
  // folders, which the master creates (and hands to that user) inside this one.
  fs.chmodSync(dir, 0o755);
  fs.mkdirSync(path.join(dir, 'logs'));
  const values: Record<string, string> = {
    NANO_RUN_DIR: dir,
    NANO_LOG_DIR: path.join(dir, 'logs'),
  };
  upstreams.forEach((address, i) => {
    values[`NANO_API_${i + 1}`] = address;
  });
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    values.NANO_LISTEN = `127.0.0.1:${port}`;
    const conf = path.join(dir, 'nginx.conf');
    fs.writeFileSync(conf, transform(fillTemplate(fs.readFileSync(NGINX_TEMPLATE, 'utf8'), values)));
    const child = spawn(
      bin,
      ['-p', dir, '-c', conf, '-e', path.join(dir, 'logs', 'error.log'), '-g', 'daemon off;'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
    });
    child.stderr?.on('data', (d) => {
      out += d;
    });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const errorLog = () => {
      try {
        return fs.readFileSync(path.join(dir, 'logs', 'error.log'), 'utf8');
      } catch {
        return '';
      }
    };
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM'); // fast shutdown: nothing is in flight when a test stops it
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    };
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      if (child.exitCode !== null) break;
      if (await canConnect(port)) {
        return { child, url: `http://127.0.0.1:${port}`, dir, errorLog, stop: stop };
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const log = `${out}${errorLog()}`;
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
    // Another process may have taken the port between freePort() and nginx's bind: try another one.
    if (attempt < 3 && /Address already in use/.test(log)) continue;
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`nginx did not start:\n${log}`);
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The body's bytes as sent (a br or gzip body is not decoded). */
  raw: Buffer;
}

/**
 * GET with exactly the headers given (unlike fetch, which adds Accept, Accept-Language and, next to If-None-Match,
 * Cache-Control: no-cache). `localAddress` picks the client's loopback address (any 127.x.y.z on Linux).
 */
export function get(
  url: string,
  options: { headers?: Record<string, string>; agent?: http.Agent; localAddress?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    http
      .get(
        url,
        {
          headers: options.headers ?? {},
          agent: options.agent ?? false,
          ...(options.localAddress ? { localAddress: options.localAddress } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (d: Buffer) => {
            chunks.push(d);
          });
          res.on('end', () => {
            const raw = Buffer.concat(chunks);
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: raw.toString('utf8'), raw });
          });
          res.on('error', reject);
        },
      )
      .on('error', reject);
  });
}
