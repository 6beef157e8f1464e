// The dataset version: a content hash of everything the API serves, so that a citation can name the data it used.
// The same data gives the same version on every replica and after every rebuild; any import changes it.
import { createHash } from 'node:crypto';
import type { Snapshot } from '../domain/types.ts';

/** JSON with object keys sorted at every level (undefined members left out): the same value, the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`);
  return `{${members.join(',')}}`;
}

/**
 * `sha256-` and the first 32 hex digits of the sha256 of the snapshot's canonical JSON. Its lists are hashed one
 * record at a time, so that the text of a large snapshot is never held whole (it would be about 60 MB at 100,000
 * figures); the bytes hashed are exactly canonicalJson(snapshot).
 */
export function datasetVersion(snapshot: Snapshot): string {
  const sha = createHash('sha256');
  // Pieces are gathered into chunks of about 64 KB: one hash update per record would cost more than the hashing.
  let chunk = '';
  const hash = {
    update(piece: string) {
      chunk += piece;
      if (chunk.length > 65_536) {
        sha.update(chunk);
        chunk = '';
      }
    },
  };
  const record = snapshot as unknown as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  hash.update('{');
  keys.forEach((key, i) => {
    hash.update(`${i > 0 ? ',' : ''}${JSON.stringify(key)}:`);
    const value = record[key];
    if (!Array.isArray(value)) {
      hash.update(canonicalJson(value));
      return;
    }
    hash.update('[');
    value.forEach((item, j) => {
      hash.update(j > 0 ? `,${canonicalJson(item)}` : canonicalJson(item));
    });
    hash.update(']');
  });
  hash.update('}');
  sha.update(chunk);
  return `sha256-${sha.digest('hex').slice(0, 32)}`;
}
