// The dataset version: a content hash of everything the API serves, so that a citation can name the data it used.
// The same data gives the same version on every replica and after every rebuild; any import changes it.
import { createHash } from 'node:crypto';
import type { Snapshot } from '../domain/types.ts';

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** `sha256-` and the first 32 hex digits of the sha256 of the snapshot's canonical JSON. */
export function datasetVersion(snapshot: Snapshot): string {
  return `sha256-${createHash('sha256').update(canonicalJson(snapshot)).digest('hex').slice(0, 32)}`;
}
