// Checked by `npm run typecheck` (tsc), never run: the typed client refuses, at compile time, calls the API does not
// take. Each `@ts-expect-error` must meet an error; should a refused call ever compile (the generated types grown
// too loose), tsc fails with "Unused '@ts-expect-error' directive".
import { createNanoExportsClient } from '../../clients/typescript/index.ts';

export function refusedCalls(): void {
  const api = createNanoExportsClient('http://127.0.0.1:1');
  // @ts-expect-error an unknown path
  void api.GET('/v1/nothing');
  // @ts-expect-error a query parameter the route does not take
  void api.GET('/v1/rankings', { params: { query: { colour: 'red' } } });
  // @ts-expect-error the path parameter is required
  void api.GET('/v1/provinces/{province}', { params: { path: {} } });
  // @ts-expect-error a format the route does not offer (JSON-stat is not offered on /v1/summary)
  void api.GET('/v1/summary', { params: { query: { format: 'jsonstat' } } });
  // Accepted: the same calls done right (a wrong expectation above would otherwise pass unnoticed).
  void api.GET('/v1/rankings', { params: { query: { format: 'jsonstat', lang: 'fa' } } });
  void api.GET('/v1/provinces/{province}', { params: { path: { province: 'isfahan' } } });
}
