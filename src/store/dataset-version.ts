// The dataset version: a content hash of everything the API serves, so that a citation can name the data it used.
// The same data gives the same version on every replica and after every rebuild; any import changes it.
import { createHash, type Hash } from 'node:crypto';
import type { Snapshot } from '../domain/types.ts';

/**
 * Feeds the hash the value as JSON with object keys sorted at every level (the same value always gives the same
 * text), piece by piece: the text of a large snapshot is never held in memory whole.
 */
function feedCanonical(hash: Pick<Hash, 'update'>, value: unknown): void {
  if (value === null || typeof value !== 'object') {
    hash.update(JSON.stringify(value) ?? 'null');
  } else if (Array.isArray(value)) {
    hash.update('[');
    value.forEach((item, i) => {
      if (i > 0) hash.update(',');
      feedCanonical(hash, item);
    });
    hash.update(']');
  } else {
    const keys = Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort();
    hash.update('{');
    keys.forEach((k, i) => {
      hash.update(`${i > 0 ? ',' : ''}${JSON.stringify(k)}:`);
      feedCanonical(hash, (value as Record<string, unknown>)[k]);
    });
    hash.update('}');
  }
}

/** `sha256-` and the first 32 hex digits of the sha256 of the snapshot's canonical JSON. */
export function datasetVersion(snapshot: Snapshot): string {
  const hash = createHash('sha256');
  // Pieces are gathered into chunks of about 64 KB: one hash update per piece would cost more than the hashing.
  let chunk = '';
  feedCanonical(
    {
      update(piece: string) {
        chunk += piece;
        if (chunk.length > 65_536) {
          hash.update(chunk);
          chunk = '';
        }
        return hash;
      },
    },
    snapshot,
  );
  hash.update(chunk);
  return `sha256-${hash.digest('hex').slice(0, 32)}`;
}
