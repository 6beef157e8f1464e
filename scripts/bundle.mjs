// Bundles the server into dist/server.mjs and its front thread into dist/front-worker.mjs (one file each: a fraction of the start-up time of thousands of modules).
// better-sqlite3 (a native addon) and @fastify/swagger-ui (serves its assets from its own folder) stay external.
import { build } from 'esbuild';

await build({
  // The front thread's entry is bundled on its own: it loads into a fresh isolate and must stay lean.
  entryPoints: { server: 'src/server.ts', 'front-worker': 'src/front/front-worker.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: ['better-sqlite3', '@fastify/swagger-ui'],
  // CommonJS dependencies inside an ES module bundle still call require().
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
