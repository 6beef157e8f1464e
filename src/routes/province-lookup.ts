// A province named by a client, in a path or in a query: found by any spelling, or refused with the closest provinces
// ("Did you mean Isfahan?"), the same words wherever the name was typed.
import type { Lang, Province } from '../domain/types.ts';
import { badParameter, notFound } from '../http/problem.ts';
import { provinceRefOf } from '../presenters/present.ts';
import type { DataStore } from '../store/data-store.ts';

/** The province `name` stands for; otherwise a 404 (a path) or a 400 naming `parameter` (a query). */
export function provinceNamed(
  store: DataStore,
  name: string,
  lang: Lang,
  where: { in: 'path' } | { in: 'query'; parameter: string },
): Province {
  const province = store.index.find(name);
  if (province) return province;
  const suggestions = store.index.suggest(name).map((s) => provinceRefOf(s.province, lang));
  const hint = suggestions.length ? ` Did you mean ${suggestions.map((s) => s.name).join(', ')}?` : '';
  const words = `no province matches "${name}".${hint} The list is at /v1/provinces.`;
  if (where.in === 'path') throw notFound(`N${words.slice(1)}`, { suggestions });
  throw badParameter(where.parameter, words, 'query', { suggestions });
}
