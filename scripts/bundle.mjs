// Bundles the server into dist/server.cjs and its front thread into dist/front-worker.cjs: one file each, a fraction
// of the start-up time of thousands of modules. CommonJS because Node compiles one large CommonJS file faster than
// the same code as an ES module (measured: about 100 ms less from spawn to first reply; bench/README.md).
// better-sqlite3 (a native addon) stays external; Swagger UI's assets are served from its package (src/app.ts).
import { build } from 'esbuild';

await build({
  // The front thread's entry is bundled on its own: it loads into a fresh isolate and must stay lean.
  entryPoints: { server: 'src/server.ts', 'front-worker': 'src/front/front-worker.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external: ['better-sqlite3'],
  // The sources are ES modules; in a CommonJS file, import.meta comes from __filename.
  define: { 'import.meta.url': '__importMetaUrl', 'import.meta.resolve': '__importMetaResolve' },
  banner: {
    js: [
      // First, so that it stays the prologue: the sources are ES modules, which are strict.
      '"use strict";',
      "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;",
      "const __importMetaResolve = (s) => require('node:url').pathToFileURL(require.resolve(s)).href;",
    ].join(' '),
  },
  logLevel: 'warning',
});
