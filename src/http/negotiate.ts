// Content negotiation: the format from ?format or Accept among those a route offers, the language from ?lang or
// Accept-Language.
import accepts from 'accepts';
import type { FastifyRequest } from 'fastify';
import { LANGS, type Lang } from '../domain/types.ts';
import { type Format, RENDERERS } from '../render/index.ts';
import { badParameter, notAcceptable } from './problem.ts';

/**
 * What the request accepts, read from the raw request: it works as well for the requests Fastify makes before routing
 * (a URL it cannot decode), which carry no plugin's request decorators. A route's negotiation runs once per distinct
 * URL and headers (plugins/representation.ts), so nothing is kept.
 */
export const acceptsOf = (request: FastifyRequest) => accepts(request.raw);

/**
 * The format to answer in: `?format=` when given, else the best match of Accept, among the formats the route offers.
 * A format the route does not offer is refused (400 for `?format=`, 406 for Accept), never served as another.
 */
export function negotiateFormat(
  request: FastifyRequest,
  asked: string | undefined,
  offered: readonly Format[],
): Format {
  if (asked !== undefined) {
    const found = offered.find((f) => f === asked);
    if (!found) throw badParameter('format', `this route offers ${offered.join(', ')}, not "${asked}"`);
    return found;
  }
  const types = offered.map((f) => RENDERERS[f].mediaType);
  const media = acceptsOf(request).type(types);
  const found = offered.find((f) => RENDERERS[f].mediaType === media);
  if (!found) throw notAcceptable(request.headers.accept, types);
  return found;
}

export function negotiateLang(request: FastifyRequest, asked: Lang | undefined): Lang {
  if (asked) return asked;
  if (!request.headers['accept-language']) return 'en';
  const lang = acceptsOf(request).language(LANGS as Lang[]);
  return typeof lang === 'string' ? (lang as Lang) : 'en';
}
