// Project paths resolved from this file, so that the server, the CLIs and the tests find the same folders.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'migrations');
export const SEED_DIR = path.join(PROJECT_ROOT, 'seed');
export const REPORTS_DIR = path.join(SEED_DIR, 'reports');
