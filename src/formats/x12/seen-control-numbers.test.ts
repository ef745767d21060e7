import { describe, expect, it } from 'vitest';
import { controlNumberKey, SeenControlNumbers } from './seen-control-numbers.js';

describe('SeenControlNumbers', () => {
  it('reports a control number seen before, comparing the text exactly', () => {
    const seen = new SeenControlNumbers();
    expect(['0001', '0002', '1', '01', '001', '000000001', '1A', ' 0001', '0001 '].map((v) => seen.add(v))).toEqual(Array(9).fill(true));
    expect(['0001', '1', '01', '000000001', '1A', ' 0001', '0001 '].map((v) => seen.add(v))).toEqual(Array(7).fill(false));
  });

  it('keys digit strings as distinct small integers, one per text, and anything else as itself', () => {
    const digitStrings = ['0', '9', '00', '99', '0000', '9999', '00000000', '99999999', '000000000', '999999999'];
    const keys = digitStrings.map(controlNumberKey);
    expect(new Set(keys).size).toBe(digitStrings.length);
    for (const key of keys) expect(typeof key === 'number' && Number.isInteger(key) && Math.abs(key) < 2 ** 30).toBe(true);
    // Every length's range ends where the next begins: no two texts share a key.
    expect([controlNumberKey('9'), controlNumberKey('00')]).toEqual([-10, -11]);
    expect([controlNumberKey('99999999'), controlNumberKey('000000000')]).toEqual([-111_111_110, 0]);
    expect(['', '1234567890', '12a4', '-123', '1.5'].map(controlNumberKey)).toEqual(['', '1234567890', '12a4', '-123', '1.5']);
  });
});
