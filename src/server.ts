// Entry point: loads config (and .env when present), opens the database (building it on first start), listens,
// reloads on SIGHUP and shuts down gracefully.
import module from 'node:module';

// The compiled code of every module (the TypeScript sources once stripped, and the dependencies) is kept on disk
// between starts, in the OS's temporary folder unless NODE_COMPILE_CACHE says where: it halves the start-up time.
// The modules are imported after that, hence dynamically.
module.enableCompileCache?.();
const { buildApp } = await import('./app.ts');
const { loadConfig } = await import('./config.ts');
const { prepareDatabase } = await import('./db/prepare.ts');

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
  const db = prepareDatabase(config.DATABASE_PATH, config.DATABASE_BUILD_IF_MISSING, (msg) =>
    console.error(msg),
  );
  const app = await buildApp({ config, db });
  await app.selfCheck();
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    try {
      await app.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  // SIGHUP: serve a rebuilt or imported database without dropping a request. The new data must pass the same
  // self-check as at start; otherwise the old data stays.
  process.on('SIGHUP', () => {
    void (async () => {
      try {
        const next = prepareDatabase(config.DATABASE_PATH, false);
        const previous = app.swapDatabase(next);
        try {
          await app.selfCheck();
        } catch (err) {
          app.swapDatabase(previous);
          next.$client.close();
          throw err;
        }
        previous.$client.close();
        app.log.info({ sources: app.store.snapshot.sources.length }, 'reloaded the database');
      } catch (err) {
        app.log.error({ err }, `reload failed, still serving the previous data: ${(err as Error).message}`);
      }
    })();
  });
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ host: config.HOST, port: config.PORT });
}

main().catch((err: unknown) => {
  console.error(`nano-exports-api failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
