import { describe, expect, it } from 'vitest';
import { IntColumn } from './int-column.js';

describe('IntColumn', () => {
  it('keeps values in order past its capacity, and gives them back at their exact length', () => {
    for (const capacity of [0, 1, 3, 100]) {
      const column = new IntColumn(capacity);
      const values = Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? i : -i * 1000));
      for (const v of values) column.push(v);
      expect([column.length, column.at(49)]).toEqual([50, -49000]);
      expect([...column.toArray()]).toEqual(values);
    }
    expect([...new IntColumn(8).toArray()]).toEqual([]);
  });
});
