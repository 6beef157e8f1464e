// Import directions that CI enforces (npm run lint): routes → presenters → domain; schemas and domain stand alone;
// render gets payloads only; pages start at presenters; the store stands below all of them.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle makes two modules one; cut it by moving the shared part down.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-stands-alone',
      severity: 'error',
      comment: 'src/domain holds pure functions and their own types: no HTTP, database, schema or app code.',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: '^src/domain/' },
    },
    {
      name: 'schemas-take-only-the-domain',
      severity: 'error',
      comment: "src/schemas (the Zod contracts) may use the domain's types and lists, nothing else of src/.",
      from: { path: '^src/schemas/' },
      to: { path: '^src/', pathNot: '^src/(schemas|domain)/' },
    },
    {
      name: 'render-takes-payloads-only',
      comment:
        'src/render (one file per media type) renders a validated payload and its rows: it never reaches pages, presenters, the store, routes, plugins or the database. Its columns come from src/schemas/introspect.ts.',
      severity: 'error',
      from: { path: '^src/render/' },
      to: { path: '^src/', pathNot: '^src/(render|schemas|domain)/' },
    },
    {
      name: 'schema-internals-in-one-place',
      comment:
        "Only src/schemas/introspect.ts reads Zod's internals; no other module imports it but the tabular renderers, the representation plugin and the presenters.",
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(render|plugins|presenters|schemas)/' },
      to: { path: '^src/schemas/introspect\\.ts$' },
    },
    {
      name: 'pages-start-at-presenters',
      comment:
        'src/pages (HTML pages and SVG charts) draw the payloads presenters give the JSON routes, so a page cannot disagree with the API: they never reach the store, routes, plugins, renderers or the database.',
      severity: 'error',
      from: { path: '^src/pages/' },
      to: { path: '^src/(store|routes|plugins|render|db|cli)/' },
    },
    {
      name: 'store-below-routes',
      comment:
        'src/store (the snapshot and its queries) is read by routes and presenters; it never imports them or pages.',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: '^src/(routes|presenters|pages|plugins|render)/' },
    },
    {
      name: 'app-only-from-server-and-tests',
      severity: 'error',
      comment:
        'src/app.ts is the composition root: only src/server.ts, the gate every database passes before it is served (src/db/gate.ts), tests and tools build the app.',
      from: { path: '^src/', pathNot: '^src/(server|db/gate)\\.ts$' },
      to: { path: '^src/app\\.ts$' },
    },
    {
      name: 'src-not-from-tests-or-tools',
      severity: 'error',
      comment: 'Production code never imports tests, benchmarks or scripts.',
      from: { path: '^src/' },
      to: { path: '^(test|bench|scripts)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
