// Entry point: loads config (and .env when present), opens the database (building it on first start), listens,
// reloads on SIGHUP and shuts down gracefully.
import module from 'node:module';
import type { Db } from './db/client.ts';

// The compiled code of every module (the TypeScript sources once stripped, and the dependencies) is kept on disk
// between starts, in the OS's temporary folder unless NODE_COMPILE_CACHE says where: it halves the start-up time.
// src/main.mjs (`npm start`) turns it on before this file is read; this call covers `node src/server.ts`. The
// modules are imported after that, hence dynamically.
module.enableCompileCache?.();
const { loadConfig } = await import('./config.ts');
const { GateError, openChecked } = await import('./db/gate.ts');
const { buildIfMissing, REMEDY } = await import('./db/prepare.ts');

/** Reads .env from the working directory when there is one; variables already in the environment win. */
function loadDotEnv(): void {
  try {
    process.loadEnvFile('.env');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

async function main() {
  loadDotEnv();
  const config = loadConfig();
  await buildIfMissing(config.DATABASE_PATH, config.DATABASE_BUILD_IF_MISSING, (msg) => console.error(msg));
  // The gate every database passes (src/db/gate.ts): the app is built on the data and renders every reply first.
  const { app } = await openChecked(config.DATABASE_PATH, config).catch((err: unknown) => {
    throw err instanceof GateError ? new Error(`${err.message} ${REMEDY.unservable()}`) : err;
  });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    // close() closes the keep-alive connections idle at that moment; a reply still being made (a representation
    // compressed on the thread pool) finishes later and leaves its connection idle, which nothing would close
    // before KEEP_ALIVE_TIMEOUT_MS. Those are closed as they fall idle.
    const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
    try {
      await app.close();
      clearInterval(sweep);
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  // SIGHUP: serve a rebuilt or imported database without dropping a request. The new data is loaded and passes the
  // same self-check as at start on an app of its own, while the old data keeps answering; then one swap. On any
  // failure the old data stays and the log says why.
  // One reload at a time; a SIGHUP during one runs another after it (the file may have changed since it was read).
  let reloading = false;
  let again = false;
  const reload = async (): Promise<void> => {
    if (reloading) {
      again = true;
      return;
    }
    reloading = true;
    let next: Db | undefined;
    try {
      // The same gate as at start, on an app of its own that serves nobody: it must not shed its self-check because
      // the machine is busy serving, and it loads the data in slices so that requests keep being answered.
      const candidate = await openChecked(
        config.DATABASE_PATH,
        { ...config, MAX_EVENT_LOOP_DELAY_MS: 0 },
        { inSlices: true },
      );
      next = candidate.db;
      await candidate.app.close();
      // One swap: the serving app takes over the candidate's data and the replies its self-check rendered, so the
      // first clients find them ready and nothing is computed twice.
      const previous = app.swapDatabase(next, candidate.app.store);
      next = undefined;
      previous.$client.close();
      app.log.info({ sources: app.store.snapshot.sources.length }, 'reloaded the database');
    } catch (err) {
      next?.$client.close();
      app.log.error({ err }, `reload failed, still serving the previous data: ${(err as Error).message}`);
    } finally {
      reloading = false;
    }
    if (again) {
      again = false;
      await reload();
    }
  };
  process.on('SIGHUP', () => void reload());
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ host: config.HOST, port: config.PORT });
}

main().catch((err: unknown) => {
  console.error(`nano-exports-api failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
