/**
 * The control numbers already used in one group (ST02) or interchange (GS06), to report a
 * duplicate. A group may hold hundreds of thousands of sets, and this is the one thing the
 * validator keeps per set: so a control number of digits is kept as a number, and numbers that
 * come in ascending order (the usual 0001, 0002, …) go into a plain sorted array instead of a
 * hash set — a few bytes each, no hashing, no cache-missing table lookups.
 */

/** How many digit strings are shorter than each length (index = length): 0, 10, 110, … */
const SHORTER_DIGIT_STRINGS = [0, 0, 10, 110, 1_110, 11_110, 111_110, 1_111_110, 11_111_110, 111_111_110];
/** Shifts the 1,111,111,110 keys of all 1–9 digit strings into the small-integer range (±2^30). */
const KEY_SHIFT = 2 ** 30;

/**
 * An exact, one-to-one key: a 1–9 digit string → a small integer, ordered by length, then value
 * (so "0001" and "01" differ, and 9999 < 10000); anything else → the string itself.
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
  return (SHORTER_DIGIT_STRINGS[length] as number) + n - KEY_SHIFT;
}

export class SeenControlNumbers {
  /** Numeric keys while each is above the last: sorted by construction. */
  private readonly ascending: number[] = [];
  /** Every other key (out of order, or not digits). A key is in exactly one of the two. */
  private readonly others = new Set<number | string>();

  /** Records the value; false when it was seen before. */
  add(value: string): boolean {
    const key = controlNumberKey(value);
    if (typeof key === 'number') {
      const ascending = this.ascending;
      const count = ascending.length;
      if (count === 0 || key > (ascending[count - 1] as number)) {
        ascending.push(key);
        return true;
      }
      if (sortedIncludes(ascending, key)) return false;
    }
    if (this.others.has(key)) return false;
    this.others.add(key);
    return true;
  }
}

function sortedIncludes(sorted: readonly number[], key: number): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = sorted[middle] as number;
    if (value === key) return true;
    if (value < key) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}
