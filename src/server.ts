// Entry point: loads config, opens the database (building it on first start), listens, and shuts down gracefully.
import { buildApp, warmUp } from './app.js';
import { loadConfig } from './config.js';
import { prepareDatabase } from './db/prepare.js';

async function main() {
  const config = loadConfig();
  const db = prepareDatabase(config.DATABASE_PATH, config.DATABASE_BUILD_IF_MISSING, (msg) => console.error(msg));
  const app = await buildApp({ config, db });
  await warmUp(app);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    try {
      await app.close();
      db.$client.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ host: config.HOST, port: config.PORT });
}

main().catch((err: unknown) => {
  console.error(`nano-exports-api failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
