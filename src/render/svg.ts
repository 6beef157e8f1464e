// SVG: a chart, rendered by the route as one string (src/pages/charts.ts), sent as it is.
import type { Renderer } from './renderer.ts';

export const svg: Renderer = {
  mediaType: 'image/svg+xml',
  contentType: 'image/svg+xml; charset=utf-8',
  localized: true,
  render: (payload) => payload as string,
  bodySchema: (payload) => payload,
};
