import { describe, expect, it } from 'vitest';
import { readItemFilter } from './item-filter.js';

describe('readItemFilter', () => {
  it('reads one sku column into a set', () => {
    expect(readItemFilter('\uFEFFsku\r\n# discontinued\r\n00123\r\n\r\nB-2\r\n00123\r\n"#5"\r\n', 'filter.csv')).toEqual({
      ok: true, warnings: [], value: new Set(['00123', 'B-2', '#5']),
    });
  });

  it('rejects other columns with the header line', () => {
    expect(readItemFilter('\n\nsku,reason\nA,old\n', 'filter.csv')).toEqual({
      ok: false, problems: [{ file: 'filter.csv', line: 3, message: "Unknown column(s) 'reason'; expected sku" }],
    });
  });
});
