// Citations of a source: CSL-JSON (what reference managers import), written as JSON, and BibTeX, a text.
import { json } from './json.ts';
import type { Renderer } from './renderer.ts';
import { text } from './text.ts';

export const csl: Renderer = {
  ...json,
  mediaType: 'application/vnd.citationstyles.csl+json',
  contentType: 'application/vnd.citationstyles.csl+json; charset=utf-8',
  localized: false,
};

export const bibtex: Renderer = {
  ...text,
  mediaType: 'application/x-bibtex',
  contentType: 'application/x-bibtex; charset=utf-8',
};
