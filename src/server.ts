// Entry point: loads config, opens the database (building it on first start), listens, and shuts down gracefully.
import { buildApp, warmUp } from './app.js';
import { loadConfig } from './config.js';
import { prepareDatabase } from './db/prepare.js';
import { type Front, startFront } from './front/front.js';

async function main() {
  const config = loadConfig();
  const db = prepareDatabase(config.DATABASE_PATH, config.DATABASE_BUILD_IF_MISSING, (msg) =>
    console.error(msg),
  );
  // With no rate limit to apply, a front thread serves the replies seen before (see src/front/front.ts).
  const behindFront = config.FRONT_THREAD && config.RATE_LIMIT_MAX === 0;
  const app = await buildApp({ config, db, behindFront });
  await warmUp(app);
  let front: Front | undefined;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    try {
      await front?.close();
      await app.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  // SIGHUP: serve a rebuilt or imported database without dropping a request. The new data must pass the same
  // checks and warm-up as at start; otherwise the old data stays.
  process.on('SIGHUP', () => {
    void (async () => {
      try {
        const next = prepareDatabase(config.DATABASE_PATH, false);
        const previous = app.swapDatabase(next);
        try {
          await warmUp(app);
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
  if (behindFront) front = await startFront(app, config);
  else await app.listen({ host: config.HOST, port: config.PORT });
}

main().catch((err: unknown) => {
  console.error(`nano-exports-api failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
