// The dataset version: a content hash of everything the API serves, so that a citation can name the data it used.
// The same data gives the same version on every replica and after every rebuild; any import changes it.
import { createHash } from 'node:crypto';
import type { Snapshot } from '../domain/types.ts';

/** Objects' keys in sorted order, by their keys in the order the objects hold them: a trie of those orders. */
interface KeyOrders {
  next: Map<string, KeyOrders>;
  sorted?: string[];
  /** A key that no object can hold in sorted order (see sortedCopy): the object is written key by key instead. */
  unordered?: boolean;
}

/**
 * Keys an object does not hold in the order they were added: array indices ("0", "7") always come first, and
 * "__proto__" cannot be added by assignment.
 */
const unorderable = (key: string) =>
  key === '__proto__' || (/^(?:0|[1-9]\d*)$/.test(key) && Number(key) < 2 ** 32 - 1);

/**
 * The object's keys, sorted. The records of a snapshot come in a handful of shapes, so each shape's keys are sorted
 * once: for…in reads an object's keys from V8's per-shape cache, and walking the trie with them allocates nothing.
 */
function orderOf(orders: KeyOrders, value: Record<string, unknown>): KeyOrders & { sorted: string[] } {
  let node = orders;
  for (const key in value) {
    let next = node.next.get(key);
    if (!next) {
      next = { next: new Map() };
      node.next.set(key, next);
    }
    node = next;
  }
  if (!node.sorted) {
    node.sorted = Object.keys(value).sort();
    node.unordered = node.sorted.some(unorderable);
  }
  return node as KeyOrders & { sorted: string[] };
}

/** Thrown by sortedCopy for a value it cannot copy in order; never seen by callers of datasetVersion. */
const UNORDERED = Symbol('unordered');

/** A copy of a plain value whose objects hold their keys in sorted order, which JSON.stringify then keeps. */
function sortedCopy(orders: KeyOrders, value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => sortedCopy(orders, item));
  const order = orderOf(orders, value as Record<string, unknown>);
  if (order.unordered) throw UNORDERED;
  const copy: Record<string, unknown> = {};
  for (const key of order.sorted) copy[key] = sortedCopy(orders, (value as Record<string, unknown>)[key]);
  return copy;
}

/** JSON.stringify of the item's key-sorted copy, or undefined when it holds an object that cannot be copied so. */
function sortedJson(orders: KeyOrders, item: unknown): string | undefined {
  try {
    return JSON.stringify(sortedCopy(orders, item)) ?? 'null';
  } catch (err) {
    if (err === UNORDERED) return undefined;
    throw err;
  }
}

/**
 * Feeds the hash the value as JSON with object keys sorted at every level (the same value always gives the same
 * text), piece by piece: the text of a large snapshot is never held in memory whole. An array goes one item at a
 * time, each written natively by JSON.stringify from a key-sorted copy: a value at a time in script, with its own
 * sort per object, took four times as long and made as much more garbage. An item that cannot be copied in order
 * (keys that are array indices) is written key by key.
 */
function feedCanonical(feed: (piece: string) => void, orders: KeyOrders, value: unknown): void {
  if (Array.isArray(value)) {
    feed('[');
    value.forEach((item, i) => {
      if (i > 0) feed(',');
      const json = sortedJson(orders, item);
      if (json === undefined) feedCanonical(feed, orders, item);
      else feed(json);
    });
    feed(']');
  } else if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort();
    feed('{');
    keys.forEach((k, i) => {
      feed(`${i > 0 ? ',' : ''}${JSON.stringify(k)}:`);
      feedCanonical(feed, orders, (value as Record<string, unknown>)[k]);
    });
    feed('}');
  } else {
    feed(JSON.stringify(value) ?? 'null');
  }
}

/** `sha256-` and the first 32 hex digits of the sha256 of the snapshot's canonical JSON. */
export function datasetVersion(snapshot: Snapshot): string {
  const hash = createHash('sha256');
  // Pieces are gathered into chunks of about 64 KB: one hash update per piece would cost more than the hashing.
  let chunk = '';
  feedCanonical(
    (piece) => {
      chunk += piece;
      if (chunk.length > 65_536) {
        hash.update(chunk);
        chunk = '';
      }
    },
    { next: new Map() },
    snapshot,
  );
  hash.update(chunk);
  return `sha256-${hash.digest('hex').slice(0, 32)}`;
}
