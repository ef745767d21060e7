import { describe, expect, it } from 'vitest';
import { IntColumn } from './int-column.js';

const valuesOf = (column: IntColumn): number[] => Array.from({ length: column.length }, (_, i) => column.at(i));

describe('IntColumn', () => {
  it('keeps values in order past its capacity, before and after trimming', () => {
    for (const capacity of [0, 1, 3, 100]) {
      const column = new IntColumn(capacity);
      const values = Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? i : -i * 1000));
      for (const v of values) column.push(v);
      expect([column.length, column.at(49)]).toEqual([50, -49000]);
      expect(valuesOf(column)).toEqual(values);
      expect(valuesOf(column.trim())).toEqual(values);
    }
    expect(new IntColumn(8).trim().length).toBe(0);
  });

  it('holds a run of values going up by one without an array, and the values after the run breaks', () => {
    const column = new IntColumn(4);
    for (const v of [7, 8, 9, 10, 12, 12, -1]) column.push(v);
    expect(valuesOf(column)).toEqual([7, 8, 9, 10, 12, 12, -1]);
    const run = new IntColumn(4);
    for (let v = 2; v < 10_000; v += 1) run.push(v);
    expect([run.length, run.at(0), run.at(9997)]).toEqual([9998, 2, 9999]);
  });
});
