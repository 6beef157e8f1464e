// Locating quotes in an original text by code-point offsets, the unit the data files use.

/** A text indexed by Unicode code points, so offsets mean the same in every language and tool. */
export class CodePointText {
  private readonly points: string[];
  /** Offsets (in code points) where each line starts, so that finding a line is a binary search, not a scan. */
  private readonly lineStarts: number[];
  readonly text: string;
  constructor(text: string) {
    this.text = text;
    this.points = Array.from(text);
    this.lineStarts = [0];
    this.points.forEach((c, i) => {
      if (c === '\n') this.lineStarts.push(i + 1);
    });
  }

  get length(): number {
    return this.points.length;
  }

  slice(start: number, end: number): string {
    return this.points.slice(start, end).join('');
  }

  /** 1-based line number of the code point at `offset`. */
  lineAt(offset: number): number {
    return lineNumberAt(this.lineStarts, offset);
  }
}

/**
 * The 1-based line of `offset`, given the ascending offsets where lines start (in whatever unit `offset` counts): the
 * number of line starts at or before it, so a newline at `offset` itself still belongs to its line.
 */
export function lineNumberAt(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((lineStarts[mid] as number) <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
