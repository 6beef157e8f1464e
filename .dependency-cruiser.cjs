// Import directions that CI enforces (npm run lint): routes → presenters → domain; schemas and domain stand alone.
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
