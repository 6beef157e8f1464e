// limit/offset paging with RFC 8288 Link headers (first, prev, next, last).

/** The canonical URL of this representation with some query parameters replaced (see plugins/representation.ts). */
export type LinkBuilder = (overrides: Record<string, string | number>) => string;

export function paginate<T>(link: LinkBuilder, items: readonly T[], limit: number, offset: number) {
  const total = items.length;
  const rel = (name: string, off: number) => `<${link({ limit, offset: off })}>; rel="${name}"`;
  const lastOffset = total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
  const links = [rel('first', 0)];
  if (offset > 0) links.push(rel('prev', Math.max(0, Math.min(offset - limit, lastOffset))));
  if (offset + limit < total) links.push(rel('next', offset + limit));
  links.push(rel('last', lastOffset));
  return {
    items: items.slice(offset, offset + limit),
    page: { total, limit, offset },
    headers: { link: links.join(', '), 'x-total-count': String(total) },
  };
}
