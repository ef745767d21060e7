/**
 * A growable column of 32-bit integers in one typed array: a number[] of 100k rows is 800 KB of
 * heap in a large-object page, re-allocated as it grows, where this is 400 KB outside the heap.
 */
export class IntColumn {
  private values: Int32Array;
  private count = 0;

  /** `capacity`: the expected length (a file's line count), so that the column is sized once. */
  constructor(capacity = 64) {
    this.values = new Int32Array(Math.max(capacity, 1));
  }

  push(value: number): void {
    if (this.count === this.values.length) {
      const bigger = new Int32Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.count] = value;
    this.count += 1;
  }

  at(index: number): number {
    return this.values[index] as number;
  }

  get length(): number {
    return this.count;
  }

  /** The values at their exact length; a copy only when the capacity was more than needed. */
  toArray(): Int32Array {
    return this.count === this.values.length ? this.values : this.values.slice(0, this.count);
  }
}
