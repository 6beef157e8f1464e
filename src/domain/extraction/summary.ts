// The review summary of a draft: what was proposed (with each quote), what was left out and why, what to fill in.
import { terminalSafe } from '../control-chars.ts';
import type { Draft } from './draft.ts';

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}

function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
}

/** Plain text (Markdown tables) for a person reviewing the draft against the report; control characters escaped. */
export function reviewSummary(draft: Draft, outFile: string): string {
  const { dataset, leftOut, placeholders } = draft;
  const lines: string[] = [
    `# Draft of "${dataset.source.id}" written to ${outFile}`,
    '',
    `${dataset.figures.length} figures and ${dataset.notes.length} notes proposed, ${leftOut.length} passages left out. ` +
      'Check every figure against its quote and the report, fix or delete what is wrong, fill the placeholders, then ' +
      `run \`npm run import -- --check ${outFile}\`.`,
    '',
    '## Proposed figures',
    '',
    ...table(
      ['id', 'provinces', 'measure', 'value', 'cmp', 'step', 'line', 'quote', 'read as'],
      dataset.figures.map((f) => [
        f.id,
        f.provinces.join(' '),
        f.measure,
        String(f.value),
        f.comparator,
        f.resolution === null ? '' : String(f.resolution),
        String(f.quote.line),
        f.quote.text,
        f.remark,
      ]),
    ),
    '',
    '## Left out (not placed, unsure, or not a figure of the format)',
    '',
    ...(leftOut.length === 0
      ? ['Nothing.']
      : table(
          ['line', 'quote', 'why'],
          leftOut.map((l) => [String(l.line), l.quote, l.reason]),
        )),
    '',
    '## Proposed notes (provinces named without a figure)',
    '',
    ...(dataset.notes.length === 0
      ? ['None.']
      : table(
          ['id', 'province', 'line', 'quote'],
          dataset.notes.map((n) => [n.id, n.province, String(n.quote.line), n.quote.text]),
        )),
    '',
    '## Placeholders to fill',
    '',
    ...placeholders.map((p) => `- ${p.field}: ${p.what}`),
    '',
  ];
  // Quotes come from an untrusted text: an escape sequence in one must not drive the reviewer's terminal.
  return terminalSafe(lines.join('\n'));
}
