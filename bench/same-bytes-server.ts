// Baseline for the benchmark: a bare Fastify 5 server (no plugin, no hook, no logger) that sends, for each path, the
// exact bytes and representation headers (Content-Type, ETag, Cache-Control, Vary, Content-Language, Content-Encoding,
// Link, X-Total-Count, Content-Disposition) that the API sent for it. What the API does beyond this is its own cost.
//
//   SAME_BYTES_FILE=replies.json PORT=3002 node bench/same-bytes-server.ts
//
// The file maps a path (query included) to { headers, body (base64) }, written by bench/run.ts from the API's own
// replies; a path may have one reply per Accept-Encoding (`br`, `gzip`, `identity`), chosen by the request's header
// as it is, with no negotiation.
import fs from 'node:fs';
import Fastify from 'fastify';

interface Captured {
  headers: Record<string, string>;
  body: string;
}

const port = Number(process.env.PORT ?? 3002);
const file = process.env.SAME_BYTES_FILE;
if (!file) {
  console.error('SAME_BYTES_FILE is not set');
  process.exit(1);
}
const captured = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Record<string, Captured>>;
const replies = new Map(
  Object.entries(captured).map(([url, byCoding]) => [
    url,
    new Map(
      Object.entries(byCoding).map(([coding, c]) => [
        coding,
        { headers: c.headers, body: Buffer.from(c.body, 'base64') },
      ]),
    ),
  ]),
);

const app = Fastify({ logger: false });
app.get('/*', (request, reply) => {
  const byCoding = replies.get(request.url);
  const coding = request.headers['accept-encoding'] ?? 'identity';
  const found = byCoding?.get(coding) ?? byCoding?.get('identity');
  if (!found) return reply.code(404).send();
  return reply.headers(found.headers).send(found.body);
});

const shutdown = () => {
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);

app.listen({ host: '127.0.0.1', port }).catch((err: unknown) => {
  console.error(`same-bytes-server failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
