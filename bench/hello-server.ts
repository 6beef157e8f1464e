// Baseline for the benchmark: a bare Fastify 5 server answering {"hello":"world"} on GET /.
import Fastify from 'fastify';

const port = Number(process.env.PORT ?? 3001);
const app = Fastify({ logger: false });

app.get('/', async () => ({ hello: 'world' }));

const shutdown = () => {
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);

app.listen({ host: '127.0.0.1', port }).catch((err: unknown) => {
  console.error(`hello-server failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
