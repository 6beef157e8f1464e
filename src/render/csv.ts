// CSV rendering: the JSON items flattened into columns (nested fields as dotted names), with the reply's provenance.
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { Renderer } from './renderer.ts';

type Flat = Record<string, string | number | boolean | null>;

/** Flattens nested objects into dotted column names; lists of plain values are joined with "|", others kept as JSON. */
export function flatten(value: unknown, prefix = '', out: Flat = {}): Flat {
  if (value === null || typeof value !== 'object') {
    out[prefix || 'value'] = value as Flat[string];
  } else if (Array.isArray(value)) {
    out[prefix] = value.every((v) => v === null || typeof v !== 'object')
      ? value.join('|')
      : JSON.stringify(value);
  } else {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  }
  return out;
}

/** A CSV document (RFC 4180, CRLF line ends) with one row per item and the union of their columns. */
export function toCsv(items: readonly unknown[], provenance: Flat): string {
  const rows = items.map((item) => ({ ...provenance, ...flatten(item) }));
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows.length ? rows : [provenance]) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  // A null where other rows have an object (a remainder row's province) is covered by that object's columns.
  const kept = columns.filter((c) => !columns.some((other) => other.startsWith(`${c}.`)));
  return stringify(rows, {
    header: true,
    columns: kept,
    record_delimiter: 'windows',
    cast: { boolean: (b) => (b ? 'true' : 'false') },
  });
}

/** CSV: the reply's items (its `data`, a list or one object) as rows, with its period and sources on every row. */
export const csv: Renderer = {
  mediaType: 'text/csv',
  contentType: 'text/csv; charset=utf-8; header=present',
  localized: true,
  render(payload) {
    const reply = payload as {
      data?: unknown;
      meta?: { period?: { id: string } | null; sources?: { id: string }[] };
    };
    const items = Array.isArray(reply.data) ? reply.data : [reply.data];
    return toCsv(items, {
      period: reply.meta?.period?.id ?? null,
      sources: (reply.meta?.sources ?? []).map((s) => s.id).join('|'),
    });
  },
  bodySchema: () =>
    z.string().meta({
      description:
        'The same items as CSV (UTF-8, header row, nested fields as dotted column names, plus `period` and `sources`).',
    }),
};
