/**
 * The control numbers already used in one group (ST02) or interchange (GS06), to report a
 * duplicate. A group may hold hundreds of thousands of sets, so this is the one thing the
 * validator keeps per set: a number, not a string, whenever the control number is digits.
 */

/** Digit strings of length 1..8 are keyed below zero, after all shorter lengths: 1..111,111,111. */
const SHORTER_LENGTHS_BEFORE = [0, 0, 10, 110, 1_110, 11_110, 111_110, 1_111_110, 11_111_110];

/**
 * An exact, one-to-one key: 9 digits → 0..999,999,999; 1–8 digits → a negative number that also
 * encodes the length (so "0001" and "01" differ); anything else → the string itself. Every number
 * is a small integer, which a Set stores inline (no heap object, unlike a string).
 */
export function controlNumberKey(value: string): number | string {
  const length = value.length;
  if (length === 0 || length > 9) return value;
  let n = 0;
  for (let i = 0; i < length; i++) {
    const digit = value.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return value;
    n = n * 10 + digit;
  }
  return length === 9 ? n : -(SHORTER_LENGTHS_BEFORE[length] as number) - n - 1;
}

export class SeenControlNumbers {
  private readonly seen = new Set<number | string>();

  /** Records the value; false when it was seen before. */
  add(value: string): boolean {
    const key = controlNumberKey(value);
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }
}
