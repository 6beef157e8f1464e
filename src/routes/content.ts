// What a route offers: its formats as the `format` query parameter and as the media types of its 200 response.
import { z } from 'zod';
import { DATA_FORMATS, type Format, RENDERERS } from '../render/index.ts';
import { caseInsensitive } from '../schemas/common.ts';

/** The route's query schema with `format`, one of the formats it offers (overriding Accept). */
export function withFormat<S extends z.core.$ZodShape, C extends z.core.$ZodObjectConfig>(
  query: z.ZodObject<S, C>,
  formats: readonly Format[] = DATA_FORMATS,
) {
  return query.extend({
    format: caseInsensitive(
      z
        .enum(formats as [Format, ...Format[]], {
          error: `must be ${formats.length > 1 ? `one of ${formats.join(', ')}` : formats[0]} (the formats of this route)`,
        })
        .optional()
        .meta({
          description: `Response format, in any case; overrides the \`Accept\` header (${formats.map((f) => `\`${f}\`: ${RENDERERS[f].mediaType}`).join(', ')}).`,
          examples: [formats[1] ?? formats[0]],
        }),
    ),
  });
}

/** The 200 response in every media type the route offers. */
export function offered(
  schema: z.ZodType,
  formats: readonly Format[] = DATA_FORMATS,
  description = `OK, as ${formats.map((f) => RENDERERS[f].mediaType).join(' or ')} (by \`Accept\` or \`?format=\`).`,
) {
  return {
    description,
    content: Object.fromEntries(
      formats.map((f) => [RENDERERS[f].mediaType, { schema: RENDERERS[f].bodySchema(schema) }]),
    ),
  };
}
