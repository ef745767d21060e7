/**
 * A list of strings stored as one string and the lengths of its parts: how the ledger keeps a
 * feed's 1M SKUs and a snapshot's 100k item SKUs. As a JSON array of strings the same list made
 * JSON.parse build a million strings at once, all alive until the parse ended, so the garbage
 * collector promoted them and a snapshot cycle spent seconds and hundreds of MB on them; packed,
 * a reader takes one string and slices out only the parts it needs, one at a time.
 *
 * Lengths are UTF-16 code units (JavaScript string length), so any text round-trips.
 */
export interface PackedStrings {
  text: string;
  lengths: ArrayLike<number>;
}

export function packStrings(values: Iterable<string>): { text: string; lengths: number[] } {
  const parts: string[] = [];
  const lengths: number[] = [];
  for (const value of values) {
    parts.push(value);
    lengths.push(value.length);
  }
  return { text: parts.join(''), lengths };
}

/** Walks a packed list front to back; `equals` compares without making the part a string. */
export class PackedCursor {
  private offset = 0;
  private index = 0;

  constructor(private readonly packed: PackedStrings) {}

  get done(): boolean {
    return this.index >= this.packed.lengths.length;
  }

  /** True when the current part is `s`. */
  equals(s: string): boolean {
    return this.packed.lengths[this.index] === s.length && this.packed.text.startsWith(s, this.offset);
  }

  /** The current part as a string. */
  current(): string {
    return this.packed.text.slice(this.offset, this.offset + (this.packed.lengths[this.index] as number));
  }

  next(): void {
    this.offset += this.packed.lengths[this.index] as number;
    this.index += 1;
  }
}

/** Every part, in order. */
export function* unpackStrings(packed: PackedStrings): Generator<string> {
  for (const cursor = new PackedCursor(packed); !cursor.done; cursor.next()) yield cursor.current();
}

/** A snapshot's items as the ledger keeps them: the SKUs packed, quantities in the same order. */
export interface PackedItems {
  skus: { text: string; lengths: number[] };
  quantities: number[];
}

export function packItems(rows: readonly { sku: string; quantity: number }[]): PackedItems {
  return { skus: packStrings(rows.map((r) => r.sku)), quantities: rows.map((r) => r.quantity) };
}

/** Every item as [sku, quantity], in order. */
export function* unpackItems(items: PackedItems): Generator<[string, number]> {
  let i = 0;
  for (const sku of unpackStrings(items.skus)) {
    yield [sku, items.quantities[i] as number];
    i += 1;
  }
}
