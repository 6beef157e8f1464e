// Every output format, in one map: content negotiation, the OpenAPI document and the representation cache read it.
// Adding a format is a renderer file and one line here.
import { bibtex, csl } from './citation.ts';
import { csv } from './csv.ts';
import { html } from './html.ts';
import { json, jsonSchema } from './json.ts';
import { jsonstat } from './jsonstat.ts';
import type { Renderer } from './renderer.ts';
import { svg } from './svg.ts';
import { text } from './text.ts';

export const RENDERERS = {
  json,
  csv,
  jsonstat,
  text,
  schema: jsonSchema,
  html,
  svg,
  csl,
  bibtex,
} as const satisfies Record<string, Renderer>;

/** A format's name, as `?format=` takes it. */
export type Format = keyof typeof RENDERERS;

/** What data routes offer unless they say otherwise. */
export const DATA_FORMATS: readonly Format[] = ['json', 'csv'];

export type { Renderer } from './renderer.ts';
