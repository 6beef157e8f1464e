// A route's representation, declared once: its formats make its `format` query parameter, the media types of its 200
// in the OpenAPI document, and what reply.represent() negotiates and validates against. Nothing else lists them, so
// the three cannot disagree.
import type { FastifySchema } from 'fastify';
import { z } from 'zod';
import type { RouteRepresentation } from '../plugins/representation.ts';
import { DATA_FORMATS, type Format, RENDERERS } from '../render/index.ts';
import { caseInsensitive } from '../schemas/common.ts';
import { problemResponses } from '../schemas/problem.ts';

/** The route's query schema with `format`, one of the formats it offers (overriding Accept). */
export function withFormat<S extends z.core.$ZodShape, C extends z.core.$ZodObjectConfig>(
  query: z.ZodObject<S, C>,
  formats: readonly Format[],
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
function offered(representation: RouteRepresentation, description?: string) {
  const { formats, payload, payloads } = representation;
  return {
    description:
      description ??
      `OK, as ${formats.map((f) => RENDERERS[f].mediaType).join(' or ')} (by \`Accept\` or \`?format=\`).`,
    content: Object.fromEntries(
      formats.map((f) => [
        RENDERERS[f].mediaType,
        { schema: RENDERERS[f].bodySchema(payloads?.[f] ?? payload) },
      ]),
    ),
  };
}

export interface RepresentedRoute<
  S extends z.core.$ZodShape,
  C extends z.core.$ZodObjectConfig,
  P extends z.ZodType | undefined,
> extends Omit<FastifySchema, 'querystring' | 'params' | 'response'> {
  querystring: z.ZodObject<S, C>;
  params?: P;
  /** The payload's schema (validated before rendering). */
  payload: z.ZodType;
  payloads?: RouteRepresentation['payloads'];
  /** The formats it offers; JSON and CSV unless it says otherwise. */
  formats?: readonly Format[];
  /** The statuses besides 200 and 304 it documents. */
  problems?: number[];
  /** The 200's description in the OpenAPI document. */
  okDescription?: string;
  tags?: string[];
  operationId?: string;
  summary?: string;
  description?: string;
  hide?: boolean;
}

/**
 * The options of a route that answers with reply.represent(): its schema (query with `format`, 200 in every media
 * type, problems) and its config (what represent() negotiates and validates), from one declaration.
 */
export function represented<
  S extends z.core.$ZodShape,
  C extends z.core.$ZodObjectConfig,
  P extends z.ZodType | undefined = undefined,
>(route: RepresentedRoute<S, C, P>) {
  const {
    querystring,
    params,
    payload,
    payloads,
    formats = DATA_FORMATS,
    problems = [400, 404, 406],
    okDescription,
    ...schema
  } = route;
  const representation: RouteRepresentation = { formats, payload, ...(payloads ? { payloads } : {}) };
  const out = {
    schema: {
      ...schema,
      params: params as P,
      querystring: withFormat(querystring, formats),
      response: { 200: offered(representation, okDescription), ...problemResponses(...problems) },
    },
    config: { representation },
  };
  // (Fastify warns of a params key without a schema.)
  if (params === undefined) delete out.schema.params;
  return out;
}
