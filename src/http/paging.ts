// limit/offset paging with RFC 8288 Link headers (first, prev, next, last).
import type { FastifyRequest } from 'fastify';

export function paginate<T>(request: FastifyRequest, items: readonly T[], limit: number, offset: number) {
  const total = items.length;
  const url = new URL(request.url, 'http://localhost');
  const link = (rel: string, off: number) => {
    url.searchParams.set('limit', String(limit));
    url.searchParams.set('offset', String(off));
    return `<${url.pathname}${url.search}>; rel="${rel}"`;
  };
  const lastOffset = total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
  const links = [link('first', 0)];
  if (offset > 0) links.push(link('prev', Math.max(0, Math.min(offset - limit, lastOffset))));
  if (offset + limit < total) links.push(link('next', offset + limit));
  links.push(link('last', lastOffset));
  return {
    items: items.slice(offset, offset + limit),
    page: { total, limit, offset },
    headers: { link: links.join(', '), 'x-total-count': String(total) },
  };
}
