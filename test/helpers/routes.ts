// The routes an app serves, read from Fastify's own router (app.printRoutes()), and the one list of GET routes that
// the OpenAPI document leaves out on purpose. Tests compare these with the document; no test keeps its own list.
import type { FastifyInstance } from 'fastify';

export interface ServedRoute {
  /** In OpenAPI form: `/v1/provinces/{province}`. */
  path: string;
  methods: string[];
}

/**
 * Undocumented GET routes that may exist: the document itself, the Swagger UI that renders it, and the pages for
 * people (home page, charts, a source's text, the stylesheet).
 */
export const ALLOWED_UNDOCUMENTED = [
  /^\/openapi\.json$/,
  /^\/docs\/?$/,
  /^\/docs\/.*$/,
  /^\/$/,
  /^\/charts\/[a-z]+\.svg$/,
  /^\/sources\/\{id\}$/,
  /^\/assets\/site\.css$/,
];

const toOpenApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/**
 * Every route of the router, from the tree printRoutes draws: each line is a node (4 characters of indentation per
 * level, then `├── ` or `└── `), its path segment and its methods; a node's path is its parent's plus its segment.
 */
export function servedRoutes(app: FastifyInstance): ServedRoute[] {
  const parents: string[] = [];
  const routes: ServedRoute[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:[│ ] {3})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = (m[1] as string).length / 4;
    const path = (parents[depth - 1] ?? '') + (m[2] as string);
    parents[depth] = path;
    parents.length = depth + 1;
    if (m[3]) routes.push({ path: toOpenApiPath(path), methods: m[3].split(', ').sort() });
  }
  return routes;
}

/** The GET routes of the API: those served, less the allow-list of undocumented ones. */
export const apiPaths = (app: FastifyInstance): string[] =>
  servedRoutes(app)
    .filter((r) => r.methods.includes('GET') && !ALLOWED_UNDOCUMENTED.some((re) => re.test(r.path)))
    .map((r) => r.path)
    .sort();
