// Content negotiation: the format from ?format or Accept, the language from ?lang or Accept-Language.
import type { FastifyRequest } from 'fastify';
import { LANGS, type Lang } from '../domain/types.ts';
import { HttpProblem } from './problem.ts';

export type Format = 'json' | 'csv' | 'text' | 'schema' | 'csl' | 'bibtex';
export const MEDIA: Record<Format, string> = {
  json: 'application/json',
  csv: 'text/csv',
  text: 'text/plain',
  schema: 'application/schema+json',
  csl: 'application/vnd.citationstyles.csl+json',
  bibtex: 'application/x-bibtex',
};

export function negotiateFormat(
  request: FastifyRequest,
  asked: Format | undefined,
  offered: Format[] = ['json', 'csv'],
): Format {
  if (asked) return asked;
  const media = request.accepts().type(offered.map((f) => MEDIA[f]));
  const found = offered.find((f) => MEDIA[f] === media);
  if (!found) {
    throw new HttpProblem(
      406,
      'not-acceptable',
      'Not Acceptable',
      `Cannot answer with ${request.headers.accept}; this route gives ${offered.map((f) => MEDIA[f]).join(' or ')}. Use Accept or ?format=.`,
    );
  }
  return found;
}

export function negotiateLang(request: FastifyRequest, asked: Lang | undefined): Lang {
  if (asked) return asked;
  if (!request.headers['accept-language']) return 'en';
  const lang = request.accepts().language(LANGS as Lang[]);
  return typeof lang === 'string' ? (lang as Lang) : 'en';
}

export function contentType(format: Format): string {
  return `${MEDIA[format]}; charset=utf-8`;
}
