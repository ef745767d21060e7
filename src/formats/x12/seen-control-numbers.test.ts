import { describe, expect, it } from 'vitest';
import { controlNumberKey, SeenControlNumbers } from './seen-control-numbers.js';

describe('SeenControlNumbers', () => {
  it('reports a control number seen before, comparing the text exactly', () => {
    const seen = new SeenControlNumbers();
    const first = ['0001', '0002', '1', '01', '001', '000000001', '1A', ' 0001', '0001 ', '1234567890'];
    expect(first.map((v) => seen.add(v))).toEqual(first.map(() => true));
    expect(first.map((v) => seen.add(v))).toEqual(first.map(() => false));
  });

  it('finds duplicates whether the numbers come in order, out of order, or both', () => {
    const seen = new SeenControlNumbers();
    const added = ['0005', '0007', '0003', '0009', '0004', '0006', '0010', '0008'].map((v) => seen.add(v));
    expect(added).toEqual(Array(8).fill(true));
    // In the ascending run (5, 7, 9, 10) and among the others (3, 4, 6, 8); 1, 2, 11 are new.
    expect(['0005', '0010', '0003', '0008', '0001', '0002', '0011', '0011'].map((v) => seen.add(v))).toEqual([false, false, false, false, true, true, true, false]);
  });

  it('keeps a long ascending group exact across the change of length (9999 → 10000)', () => {
    const seen = new SeenControlNumbers();
    const values = Array.from({ length: 20_000 }, (_, i) => String(i + 1).padStart(4, '0'));
    expect(values.every((v) => seen.add(v))).toBe(true);
    expect(values.filter((_, i) => i % 997 === 0).some((v) => seen.add(v))).toBe(false);
  });

  it('keys digit strings as distinct small integers ordered by length then value, anything else as itself', () => {
    const digitStrings = ['0', '9', '00', '99', '0000', '9999', '00000', '00000000', '99999999', '000000000', '999999999'];
    const keys = digitStrings.map(controlNumberKey);
    expect(keys).toEqual([...keys].sort((a, b) => Number(a) - Number(b)));
    expect(new Set(keys).size).toBe(digitStrings.length);
    for (const key of keys) expect(typeof key === 'number' && Number.isInteger(key) && key >= -(2 ** 30) && key < 2 ** 30).toBe(true);
    // Each length's range ends where the next begins: no two texts share a key.
    expect(Number(controlNumberKey('00')) - Number(controlNumberKey('9'))).toBe(1);
    expect(Number(controlNumberKey('000000000')) - Number(controlNumberKey('99999999'))).toBe(1);
    expect(['', '1234567890', '12a4', '-123', '1.5'].map(controlNumberKey)).toEqual(['', '1234567890', '12a4', '-123', '1.5']);
  });
});
