// JSON: the payload as it is.
import type { Renderer } from './renderer.ts';

export const json: Renderer = {
  mediaType: 'application/json',
  contentType: 'application/json; charset=utf-8',
  localized: true,
  render: (payload) => JSON.stringify(payload),
  bodySchema: (payload) => payload,
};

/** A JSON Schema document, served with its own media type. */
export const jsonSchema: Renderer = {
  ...json,
  mediaType: 'application/schema+json',
  contentType: 'application/schema+json; charset=utf-8',
  localized: false,
};
