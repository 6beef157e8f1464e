// What a renderer is: one media type, and how a validated payload becomes a body of that type.
import type { z } from 'zod';

export interface Renderer {
  /** The media type content negotiation matches against Accept. */
  mediaType: string;
  /** The Content-Type header sent with it. */
  contentType: string;
  /** Whether the body follows the negotiated language (then it carries Content-Language). */
  localized: boolean;
  /** The body, from a payload that has passed the route's schema. */
  render(payload: unknown): string;
  /** The body's schema in the OpenAPI document, from the route's payload schema. */
  bodySchema(payload: z.ZodType): z.ZodType;
}
