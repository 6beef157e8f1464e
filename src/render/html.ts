// HTML: a page for people, rendered by the route as one string (src/pages), sent as it is.
import type { Renderer } from './renderer.ts';

export const html: Renderer = {
  mediaType: 'text/html',
  contentType: 'text/html; charset=utf-8',
  localized: true,
  render: (payload) => payload as string,
  bodySchema: (payload) => payload,
};
