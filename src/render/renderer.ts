// What a renderer is: one media type, and how a validated payload becomes a body of that type.
import type { z } from 'zod';

/** What a renderer may use besides the payload. */
export interface RenderContext {
  /** The route's payload schema (CSV takes its columns from it). */
  payloadSchema: z.ZodType;
  /** Rows and their schema when they are not the payload's `data` (a province's history: one row per period). */
  rows?: { items?: readonly unknown[]; schema?: z.ZodType };
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
  /** The body, from a payload that has passed the route's schema. */
  render(payload: unknown, context: RenderContext): string;
  /** Headers this media type adds to the representation (a download's file name). */
  headers?(context: RenderContext): Record<string, string>;
  /** The body's schema in the OpenAPI document, from the route's payload schema. */
  bodySchema(payload: z.ZodType): z.ZodType;
}
