// Starts the front thread (src/front/front-worker.ts) in front of a Fastify app: Fastify listens on a loopback
// port, the front on the public one; every reply Fastify caches is copied to the front, which serves it from then on.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Wire } from '../http/cached-reply.js';
import { FRONT_ADDRESS } from '../http/trust-proxy.js';
import type { FromFront, FrontOptions, ToFront } from './front-worker.js';

export interface Front {
  /** The public port (the one asked for, or the one the system chose for 0). */
  port: number;
  /** Stops accepting connections and waits for requests in flight, then stops the thread. */
  close(): Promise<void>;
}

/** How often the main thread tells the front whether Fastify is shedding load. */
const PRESSURE_POLL_MS = 250;

/**
 * The worker's entry next to this module: front-worker.ts under tsx (which a worker does not inherit, so it is
 * registered in the worker first), front-worker.js from tsc, front-worker.cjs next to the bundle.
 */
export function spawnFrontThread(workerData: FrontOptions): Worker {
  const here = fileURLToPath(import.meta.url);
  const entry = new URL(`./front-worker${path.extname(here)}`, import.meta.url);
  if (!here.endsWith('.ts')) return new Worker(entry, { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const source = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(source, { eval: true, workerData });
}

/** Listens: Fastify on a loopback port, the front thread on config.HOST:config.PORT. */
export async function startFront(app: FastifyInstance, config: Config): Promise<Front> {
  await app.listen({
    // The address the front forwards from is the one Fastify trusts as its first hop.
    host: FRONT_ADDRESS,
    port: 0,
    listenTextResolver: (address) => `Fastify listening at ${address} for the front thread`,
  });
  const upstreamPort = (app.server.address() as { port: number }).port;
  const worker = spawnFrontThread({
    host: config.HOST,
    port: config.PORT,
    upstreamPort,
    cacheEntries: config.RESPONSE_CACHE_ENTRIES,
    keepAliveTimeoutMs: config.KEEP_ALIVE_TIMEOUT_MS,
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    headersTimeoutMs: config.HEADERS_TIMEOUT_MS,
    closeTimeoutMs: config.REQUEST_TIMEOUT_MS,
    trustsProxies: config.TRUST_PROXY !== false,
  });
  const send = (message: ToFront) => worker.postMessage(message);
  let closing = false;

  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) => {
      const settle = (done: () => void) => {
        worker.off('message', onMessage).off('error', reject).off('exit', onExit);
        done();
      };
      const onMessage = (message: FromFront) => {
        if (message.type === 'listening') settle(() => resolve(message.port));
        else if (message.type === 'error') settle(() => reject(new Error(message.message)));
      };
      const onExit = (code: number) =>
        settle(() => reject(new Error(`the front thread exited with code ${code}`)));
      worker.on('message', onMessage).once('error', reject).once('exit', onExit);
    });
  } catch (err) {
    await worker.terminate();
    await app.close();
    throw err;
  }
  // From here on, a front thread that fails takes the process with it: a supervisor restarts it whole.
  // (Listeners are removed one by one: removeAllListeners() would also drop the ones Node uses to keep the port.)
  worker.on('error', (err) => {
    app.log.fatal({ err }, 'the front thread failed');
    process.exit(1);
  });
  worker.on('exit', (code) => {
    if (closing) return;
    app.log.fatal({ code }, 'the front thread exited');
    process.exit(1);
  });
  worker.on('message', (message: FromFront) => {
    if (message.type === 'error') app.log.error(`front thread: ${message.message}`);
  });

  // A small Buffer is a view into an 8 KB pool that postMessage would copy whole: the front gets the body's bytes only.
  const put = (key: string, wire: Wire) =>
    send({ type: 'put', key, wire: { ...wire, body: new Uint8Array(wire.body) } });
  app.store.mirror = { put, clear: () => send({ type: 'clear' }) };
  for (const [key, wire] of app.store.rawResponses.entries()) put(key, wire);

  let underPressure = false;
  const poll = setInterval(() => {
    const now = app.isUnderPressure?.() ?? false;
    if (now !== underPressure) {
      underPressure = now;
      send({ type: 'pressure', underPressure: now });
    }
  }, PRESSURE_POLL_MS);
  poll.unref();

  app.log.info(
    `Server listening at http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}`,
  );
  return {
    port,
    close: async () => {
      closing = true;
      clearInterval(poll);
      // Settles when the front has closed, or when it is gone for any other reason.
      await new Promise<void>((resolve) => {
        worker.on('message', (message: FromFront) => {
          if (message.type === 'closed') resolve();
        });
        worker.once('exit', () => resolve());
        send({ type: 'close' });
      });
      await worker.terminate();
    },
  };
}
