// Text from a dataset file shown to a person: on a terminal, an escape sequence in it could retitle or clear the
// screen, or hide what follows; in a page, a bidi override could reorder what is read. Both are made visible.

/** C0 and C1 control characters (ESC, BEL, CSI…), DEL, and the bidi embeddings, overrides and isolates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Bidi embeddings, overrides and isolates (Trojan Source, CVE-2021-42574); the marks U+200E, U+200F, U+061C are not. */
export const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;

/** Each control character as a JavaScript escape (ESC → `\u001b`), so that it is seen and never obeyed. */
export function escapeControls(s: string): string {
  return s.replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Several lines for a terminal: each escaped, the line breaks between them kept. */
export function terminalSafe(text: string): string {
  return text.split('\n').map(escapeControls).join('\n');
}

/**
 * Characters a dataset's text may not hold: control characters other than tab and line ends (escape sequences), and
 * bidi embeddings, overrides and isolates.
 */
export const FORBIDDEN_IN_TEXT =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
