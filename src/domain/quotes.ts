// Locating quotes in an original text by code-point offsets, the unit the data files use.

/** A text indexed by Unicode code points, so offsets mean the same in every language and tool. */
export class CodePointText {
  private readonly points: string[];
  readonly text: string;
  constructor(text: string) {
    this.text = text;
    this.points = Array.from(text);
  }

  get length(): number {
    return this.points.length;
  }

  slice(start: number, end: number): string {
    return this.points.slice(start, end).join('');
  }

  /** 1-based line number of the code point at `offset`. */
  lineAt(offset: number): number {
    let line = 1;
    for (let i = 0; i < offset && i < this.points.length; i++) if (this.points[i] === '\n') line++;
    return line;
  }
}

export interface QuoteRef {
  text: string;
  line: number;
  start: number;
  end: number;
}

/** Why a quote does not stand at its stated place in the text, or null when it does. */
export function quoteProblem(source: CodePointText, quote: QuoteRef): string | null {
  if (quote.end <= quote.start) return `end (${quote.end}) must be greater than start (${quote.start})`;
  if (quote.end > source.length)
    return `end (${quote.end}) is past the end of the text (${source.length} code points)`;
  const found = source.slice(quote.start, quote.end);
  if (found !== quote.text) {
    return `quote "${quote.text}" is not at offsets ${quote.start}-${quote.end}; the text there is "${found}"`;
  }
  const line = source.lineAt(quote.start);
  if (line !== quote.line) return `quote is on line ${line}, not line ${quote.line}`;
  return null;
}
