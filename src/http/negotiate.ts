// Content negotiation: the format from ?format or Accept among those a route offers, the language from ?lang or
// Accept-Language.
import type { FastifyRequest } from 'fastify';
import { LANGS, type Lang } from '../domain/types.ts';
import { type Format, RENDERERS } from '../render/index.ts';
import { notAcceptable } from './problem.ts';

export function negotiateFormat(
  request: FastifyRequest,
  asked: Format | undefined,
  offered: readonly Format[],
): Format {
  if (asked && offered.includes(asked)) return asked;
  const types = offered.map((f) => RENDERERS[f].mediaType);
  const media = request.accepts().type(types);
  const found = offered.find((f) => RENDERERS[f].mediaType === media);
  if (!found) throw notAcceptable(request.headers.accept, types);
  return found;
}

export function negotiateLang(request: FastifyRequest, asked: Lang | undefined): Lang {
  if (asked) return asked;
  if (!request.headers['accept-language']) return 'en';
  const lang = request.accepts().language(LANGS as Lang[]);
  return typeof lang === 'string' ? (lang as Lang) : 'en';
}
