// formatUsd: thousands separators without Intl.
import { describe, expect, it } from 'vitest';
import { formatUsd } from '../../src/domain/format.ts';

describe('formatUsd', () => {
  it.each([
    [0, '0 USD'],
    [999, '999 USD'],
    [1000, '1,000 USD'],
    [14000000, '14,000,000 USD'],
    [144315992, '144,315,992 USD'],
    [37450000.5, '37,450,000.5 USD'],
  ])('%d → %s', (n, text) => {
    expect(formatUsd(n)).toBe(text);
  });
});
