// What a renderer is: one media type, and how a validated payload becomes a body of that type. A tabular renderer
// (CSV, JSON-stat) also gets the payload's rows and their columns, read from the payload schema by
// schemas/introspect.ts: it never reads a schema itself.
import type { z } from 'zod';
import type { Column } from '../schemas/introspect.ts';

/** The rows of a reply and their columns: the items of its `data` unless the route gives others. */
export interface Rows {
  items: readonly unknown[];
  columns: readonly Column[];
}

/** What a renderer may use besides the payload. */
export interface RenderContext {
  /** The rows, for a tabular renderer (`tabular: true`); empty for the others. */
  rows: Rows;
  /** The negotiated language (the payload's `meta.language` says it too, where it has a `meta`). */
  lang: string;
  /** The file name a download is offered under (`rankings-2024-early.csv`). */
  filename: string;
  /** Start with a UTF-8 byte-order mark (`?bom=true`, for Excel). */
  bom: boolean;
}

export interface Renderer {
  /** The media type content negotiation matches against Accept. */
  mediaType: string;
  /** The Content-Type header sent with it. */
  contentType: string;
  /** Whether the body follows the negotiated language (then it carries Content-Language). */
  localized: boolean;
  /** Whether it renders rows (then represent() hands it the rows and their columns). */
  tabular?: boolean;
  /** The body, from a payload that has passed the route's schema. */
  render(payload: unknown, context: RenderContext): string;
  /** Headers this media type adds to the representation (a download's file name). */
  headers?(context: RenderContext): Record<string, string>;
  /** The body's schema in the OpenAPI document, from the route's payload schema. */
  bodySchema(payload: z.ZodType): z.ZodType;
}
