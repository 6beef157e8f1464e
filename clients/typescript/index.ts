// A typed client of nano-exports-api: openapi-fetch with the types generated from the API's OpenAPI document.
//
//   import { createNanoExportsClient } from './clients/typescript/index.ts';
//   const api = createNanoExportsClient('https://api.example.org');
//   const { data } = await api.GET('/v1/provinces/{province}', { params: { path: { province: 'اصفهان' } } });
import createClient, { type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema.ts';

export type { components, paths };
export type Schemas = components['schemas'];

export function createNanoExportsClient(baseUrl: string, options: Omit<ClientOptions, 'baseUrl'> = {}) {
  return createClient<paths>({ ...options, baseUrl });
}
