// Plain text: a payload that is one string (a report's original text), byte for byte.
import type { Renderer } from './renderer.ts';

export const text: Renderer = {
  mediaType: 'text/plain',
  contentType: 'text/plain; charset=utf-8',
  localized: false,
  render: (payload) => payload as string,
  bodySchema: (payload) => payload,
};
