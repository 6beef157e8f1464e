// Adds the response headers the API sends (ETag, caching, language, paging, rate limits) to the OpenAPI document.
import type { OpenAPIV3_1 } from 'openapi-types';

type HeaderObject = OpenAPIV3_1.HeaderObject;

const ETAG: HeaderObject = {
  description:
    'Strong validator of this representation (format, language, content coding and data); send it back in ' +
    '`If-None-Match` to get a 304. It changes whenever the data does; the br and gzip copies have their own ' +
    '(the identity one with `-br` or `-gzip` appended).',
  required: true,
  schema: { type: 'string', pattern: '^"[A-Za-z0-9_-]+"$' },
  example: '"QEC2kdWivLYBmcLUXdxuJ6ScCCCg59QD"',
};
const CACHE_CONTROL: HeaderObject = {
  description: 'How long a browser or shared cache may keep the reply before revalidating (`CACHE_MAX_AGE`).',
  required: true,
  schema: { type: 'string' },
  example: 'public, max-age=300, stale-while-revalidate=300',
};
const VARY: HeaderObject = {
  description:
    'The request headers the representation depends on: the format, the language and the content coding.',
  required: true,
  schema: { type: 'string' },
  example: 'Accept, Accept-Language, Accept-Encoding',
};
const CONTENT_ENCODING: HeaderObject = {
  description:
    '`br` or `gzip` when the client accepts it (`Accept-Encoding`, with q-values) and the body is 1 KB or more; ' +
    'absent otherwise. Both are made once per representation, not per request.',
  schema: { type: 'string', enum: ['br', 'gzip'] },
  example: 'br',
};
const CONTENT_LANGUAGE: HeaderObject = {
  description: 'The language of the `name` fields: from `?lang`, else `Accept-Language`, else `en`.',
  required: true,
  schema: { type: 'string', enum: ['en', 'fa', 'ar'] },
  example: 'fa',
};
const LINK: HeaderObject = {
  description: 'RFC 8288 links to the first, previous, next and last pages of the same query.',
  required: true,
  schema: {
    type: 'string',
  },
  example: '</v1/exports?limit=2&offset=0>; rel="first", </v1/exports?limit=2&offset=2>; rel="next"',
};
const TOTAL_COUNT: HeaderObject = {
  description: 'How many items match the query, across all pages.',
  required: true,
  schema: { type: 'integer', minimum: 0 },
  example: 9,
};
const RETRY_AFTER: HeaderObject = {
  description: 'Seconds to wait before trying again.',
  required: true,
  schema: { type: 'integer', minimum: 0 },
  example: 5,
};
const RATE_LIMIT: Record<string, HeaderObject> = {
  'X-RateLimit-Limit': {
    description:
      'Requests a client may make per window (`RATE_LIMIT_MAX`); absent when rate limiting is off.',
    schema: { type: 'integer', minimum: 0 },
    example: 600,
  },
  'X-RateLimit-Remaining': {
    description: 'Requests this client has left in the current window; absent when rate limiting is off.',
    schema: { type: 'integer', minimum: 0 },
    example: 599,
  },
  'X-RateLimit-Reset': {
    description: 'Seconds until the current window ends; absent when rate limiting is off.',
    schema: { type: 'integer', minimum: 0 },
    example: 60,
  },
};

const DATASET_VERSION: HeaderObject = {
  description:
    'The dataset version: a content hash of all the data the API serves, the same on every replica and rebuild of the same data, changed by any import. Sent on every reply.',
  required: true,
  schema: { type: 'string', pattern: '^sha256-[0-9a-f]{32}$' },
  example: 'sha256-494d372dc2c66bb71d073c7824ab018c',
};
const CONTENT_DISPOSITION: HeaderObject = {
  description: 'CSV replies only: the file name to save it under, from the route and the period.',
  schema: { type: 'string' },
  example: 'attachment; filename="rankings-2024-early.csv"',
};

type Responses = Record<string, OpenAPIV3_1.ResponseObject>;

/**
 * Documents the headers of every data route's replies: the routes that answer 304 are the ones whose replies carry
 * an ETag; those whose 200 is JSON also carry Content-Language; those that page (`limit`) carry Link and
 * X-Total-Count. 429 and 503 problems carry Retry-After.
 */
export function documentResponseHeaders(doc: OpenAPIV3_1.Document): OpenAPIV3_1.Document {
  for (const item of Object.values(doc.paths ?? {})) {
    const op = item?.get;
    if (!op?.responses) continue;
    const responses = op.responses as Responses;
    const paged = (op.parameters ?? []).some((p) => 'name' in p && p.in === 'query' && p.name === 'limit');
    const ok = responses['200'];
    // Each operation gets its own copies, so that no serializer meets shared objects.
    if (responses['304'] && ok) {
      ok.headers = structuredClone({
        ETag: ETAG,
        'Cache-Control': CACHE_CONTROL,
        Vary: VARY,
        'Content-Encoding': CONTENT_ENCODING,
        ...(ok.content?.['application/json'] ? { 'Content-Language': CONTENT_LANGUAGE } : {}),
        ...(paged ? { Link: LINK, 'X-Total-Count': TOTAL_COUNT } : {}),
        ...(ok.content?.['text/csv'] ? { 'Content-Disposition': CONTENT_DISPOSITION } : {}),
        'X-Dataset-Version': DATASET_VERSION,
        ...RATE_LIMIT,
      });
      responses['304'].headers = structuredClone({
        ETag: ETAG,
        'Cache-Control': CACHE_CONTROL,
        Vary: VARY,
        'X-Dataset-Version': DATASET_VERSION,
      });
    }
    if (responses['429'])
      responses['429'].headers = structuredClone({ 'Retry-After': RETRY_AFTER, ...RATE_LIMIT });
    if (responses['503']?.content?.['application/problem+json']) {
      responses['503'].headers = structuredClone({ 'Retry-After': RETRY_AFTER });
    }
  }
  return doc;
}
