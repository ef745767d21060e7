/**
 * Many short strings held as one string plus typed arrays. A JavaScript string and a Map entry per
 * key cost about 80–130 bytes and one object for the garbage collector to mark; at 20 partners ×
 * 100k mapping rows plus a 1M-SKU feed that was most of the daemon's heap and a third of a snapshot
 * cycle's time. Here a key costs its characters, four bytes of end offset and 8–16 bytes of slots.
 */

/** 32-bit FNV-1a over UTF-16 code units of s[from, to): cheap, and good enough spread for an open-addressed table. */
function hashOf(s: string, from = 0, to = s.length): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i += 1) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Strings in the order added (repeats allowed), each readable back by its position. */
export class StringList {
  /** Finished chunks: CHUNK strings joined into one. */
  private readonly chunks: string[] = [];
  /** The strings of the chunk being filled, still separate. */
  private current: string[] = [];
  private currentLength = 0;
  /** Per string: where it ends in its chunk (it starts where the one before it ends, or at 0). */
  private end = new Int32Array(64);
  private count = 0;

  push(s: string): number {
    const index = this.count;
    if (index >= this.end.length) this.end = grown(this.end);
    this.currentLength += s.length;
    this.end[index] = this.currentLength;
    this.current.push(s);
    this.count += 1;
    if (this.current.length === CHUNK) {
      this.chunks.push(this.current.join(''));
      this.current = [];
      this.currentLength = 0;
    }
    return index;
  }

  get length(): number {
    return this.count;
  }

  at(index: number): string {
    const chunk = this.chunks[Math.floor(index / CHUNK)];
    if (chunk === undefined) return this.current[index % CHUNK] as string;
    return chunk.slice(this.startOf(index), this.end[index]);
  }

  /** True when the string at `index` is `s` (without copying it out). */
  equals(index: number, s: string): boolean {
    const start = this.startOf(index);
    if ((this.end[index] as number) - start !== s.length) return false;
    const chunk = this.chunks[Math.floor(index / CHUNK)];
    if (chunk === undefined) return this.current[index % CHUNK] === s;
    return chunk.startsWith(s, start);
  }

  /** The hash of the string at `index`, read in place. */
  hashAt(index: number): number {
    const chunk = this.chunks[Math.floor(index / CHUNK)];
    if (chunk === undefined) return hashOf(this.current[index % CHUNK] as string);
    return hashOf(chunk, this.startOf(index), this.end[index]);
  }

  private startOf(index: number): number {
    return index % CHUNK === 0 ? 0 : (this.end[index - 1] as number);
  }

  /** Makes room for `count` strings in all, so that a list filled from a file of known length is sized once. */
  reserve(count: number): void {
    if (count <= this.end.length) return;
    const end = new Int32Array(count);
    end.set(this.end);
    this.end = end;
  }

  /**
   * Re-cuts the strings of the chunk being filled from one string of their own. V8 cuts a string
   * of 13 or more characters out of its source without copying, keeping all of the source alive:
   * a list filled from a file's text would otherwise hold the whole text until its chunk fills.
   */
  detach(): void {
    const own = this.current.join('');
    let at = 0;
    this.current = this.current.map((s) => own.slice(at, (at += s.length)));
  }
}

/** The low 24 bits of a slot: id + 1 (0 = empty). The 16M limit is far above any feed or mapping file. */
const ID_BITS = 0xffffff;

/** 7 bits of the hash (not the low ones, which pick the slot), placed above the id; the sign bit stays 0. */
function tagOf(hash: number): number {
  return ((hash >>> 25) & 0x7f) << 24;
}

/** Strings per chunk: big enough that chunk objects are few, small enough that filling one is cheap. */
const CHUNK = 4096;

function grown(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * Distinct strings, each with a dense id (0, 1, … in the order first added). Open addressing with
 * linear probing at a load of at most one half. No hash is kept per string (4 bytes × millions);
 * instead a slot holds id + 1 in its low 24 bits and 7 bits of the hash above them, so that a
 * probe compares strings only when those bits agree (SKUs are often all the same length, and a
 * string compare is a cache miss), and growing re-hashes the strings where they lie.
 */
export class StringTable implements Iterable<string> {
  private readonly list = new StringList();
  private slots = new Int32Array(64);

  /** The id of `s`, added if new. */
  add(s: string): number {
    const hash = hashOf(s);
    const found = this.find(s, hash);
    if (found >= 0) return found;
    if ((this.list.length + 1) * 2 > this.slots.length) this.grow();
    const id = this.list.push(s);
    this.place(id, hash);
    return id;
  }

  /** The id of `s`, or -1. */
  get(s: string): number {
    return this.find(s, hashOf(s));
  }

  has(s: string): boolean {
    return this.get(s) >= 0;
  }

  at(id: number): string {
    return this.list.at(id);
  }

  get size(): number {
    return this.list.length;
  }

  *[Symbol.iterator](): Iterator<string> {
    for (let id = 0; id < this.list.length; id += 1) yield this.list.at(id);
  }

  private find(s: string, hash: number): number {
    const mask = this.slots.length - 1;
    const tag = tagOf(hash);
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const slot = this.slots[i] as number;
      if (slot === 0) return -1;
      if ((slot & ~ID_BITS) === tag && this.list.equals((slot & ID_BITS) - 1, s)) return (slot & ID_BITS) - 1;
    }
  }

  private place(id: number, hash: number): void {
    if (id + 1 > ID_BITS) throw new Error(`a string table holds at most ${ID_BITS} strings`);
    const mask = this.slots.length - 1;
    let i = hash & mask;
    while (this.slots[i] !== 0) i = (i + 1) & mask;
    this.slots[i] = tagOf(hash) | (id + 1);
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let id = 0; id < this.list.length; id += 1) this.place(id, this.list.hashAt(id));
  }

  /**
   * Makes room for `count` strings in all without growing (as `add` would, by doubling and
   * re-hashing): for a table filled from a file whose line count is known.
   */
  reserve(count: number): void {
    this.list.reserve(count);
    let slotCount = this.slots.length;
    while (count * 2 > slotCount) slotCount *= 2;
    if (slotCount === this.slots.length) return;
    this.slots = new Int32Array(slotCount);
    for (let id = 0; id < this.list.length; id += 1) this.place(id, this.list.hashAt(id));
  }

  /** See StringList.detach: for a table filled from a file's text, once it is read. */
  detach(): void {
    this.list.detach();
  }
}
