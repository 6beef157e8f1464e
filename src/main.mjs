// The process entry (`npm start`): turns Node's compile cache on before any TypeScript is read, then runs server.ts.
// Started as `node src/server.ts`, Node must load its type stripper to read the entry itself before a line of it
// runs, about 90 ms of every start; with the cache on first, the stripped sources come from the cache instead.
import module from 'node:module';

module.enableCompileCache?.();
await import('./server.ts');
