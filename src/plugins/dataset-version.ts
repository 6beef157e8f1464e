// X-Dataset-Version on every reply (data, problems, health): the content hash of the data served, so that whoever
// cites or caches a figure can name the exact dataset it came from. Replies with a `meta` name it there too (see
// plugins/representation.ts).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const DATASET_VERSION_HEADER = 'x-dataset-version';

export default fp(
  async (app: FastifyInstance, opts: { version: () => string }) => {
    // A callback hook: an async one costs a promise per reply.
    app.addHook('onSend', (_request, reply, payload, done) => {
      reply.header(DATASET_VERSION_HEADER, opts.version());
      done(null, payload);
    });
  },
  { name: 'dataset-version' },
);
