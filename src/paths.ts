// Project paths resolved from this file, so `src/` (tsx) and `dist/src/` (node) find the same folders.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
let root = path.resolve(here, '..');
if (path.basename(root) === 'dist') root = path.dirname(root);

export const PROJECT_ROOT = root;
export const MIGRATIONS_DIR = path.join(root, 'migrations');
export const SEED_DIR = path.join(root, 'seed');
export const REPORTS_DIR = path.join(SEED_DIR, 'reports');
