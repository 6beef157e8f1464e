// A typed client of nano-exports-api: openapi-fetch with the types generated from the API's OpenAPI document.
//
//   import { createNanoExportsClient } from './clients/typescript/index.ts';
//   const api = createNanoExportsClient('https://api.example.org');
//   const { data } = await api.GET('/v1/provinces/{province}', { params: { path: { province: 'اصفهان' } } });
import createClient, { type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema.ts';

export type { components, paths };
export type Schemas = components['schemas'];

/** The `format`s whose body is text, not JSON (CSL-JSON is JSON). */
const TEXT_FORMATS = new Set(['csv', 'bibtex']);

/**
 * openapi-fetch, where `GET` reads the body as text when `format` asks for CSV or BibTeX (openapi-fetch would parse
 * it as JSON, and throw): `data` is then the string the API sent. With `Accept: text/csv` instead of `format`, pass
 * `parseAs: 'text'` yourself.
 */
export function createNanoExportsClient(baseUrl: string, options: Omit<ClientOptions, 'baseUrl'> = {}) {
  const client = createClient<paths>({ ...options, baseUrl });
  const GET = ((url: never, init?: { params?: { query?: { format?: unknown } }; parseAs?: unknown }) => {
    const format = init?.params?.query?.format;
    const text = typeof format === 'string' && TEXT_FORMATS.has(format.toLowerCase()) && !init?.parseAs;
    return client.GET(url, (text ? { ...init, parseAs: 'text' } : init) as never);
  }) as unknown as typeof client.GET;
  return { ...client, GET };
}
