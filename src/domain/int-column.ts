/**
 * A growable column of 32-bit integers in one typed array: a number[] of 100k rows is 800 KB of
 * heap in a large-object page, re-allocated as it grows, where this is 400 KB outside the heap.
 * While the values run on by one from the first (row ids, the lines of a file without comments or
 * blank lines) no array is kept at all.
 */
export class IntColumn {
  /** Null while every value is `first` + its index. */
  private values: Int32Array | null = null;
  private first = 0;
  private count = 0;

  /** `capacity`: the expected length (a file's line count), so that an array is sized once. */
  constructor(private readonly capacity = 64) {}

  push(value: number): void {
    if (this.values === null) {
      if (this.count === 0) this.first = value;
      if (value === this.first + this.count) {
        this.count += 1;
        return;
      }
      this.values = new Int32Array(Math.max(this.capacity, this.count + 1));
      for (let i = 0; i < this.count; i += 1) this.values[i] = this.first + i;
    } else if (this.count === this.values.length) {
      const bigger = new Int32Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.count] = value;
    this.count += 1;
  }

  at(index: number): number {
    return this.values === null ? this.first + index : (this.values[index] as number);
  }

  get length(): number {
    return this.count;
  }

  /** Done pushing: an array kept is cut to the length when the capacity was more than needed. */
  trim(): this {
    if (this.values !== null && this.values.length > this.count) this.values = this.values.slice(0, this.count);
    return this;
  }
}
