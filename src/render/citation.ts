// Citations of a source: CSL-JSON (what reference managers import) and BibTeX.
import type { Renderer } from './renderer.ts';

export const csl: Renderer = {
  mediaType: 'application/vnd.citationstyles.csl+json',
  contentType: 'application/vnd.citationstyles.csl+json; charset=utf-8',
  localized: false,
  render: (payload) => JSON.stringify(payload),
  bodySchema: (payload) => payload,
};

export const bibtex: Renderer = {
  mediaType: 'application/x-bibtex',
  contentType: 'application/x-bibtex; charset=utf-8',
  localized: false,
  render: (payload) => payload as string,
  bodySchema: (payload) => payload,
};
