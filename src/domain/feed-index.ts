/**
 * One FCP inventory feed, held compactly for lookups: a Map from FCP SKU to a slot, and the rows
 * in typed arrays. It is built once per feed and shared by order validation (INVALID_SKU), every
 * item list, every partner's snapshot and `explain`. Why not plain row objects: a 1M-SKU feed as
 * objects took about 0.8 GB and, reloaded for each of 20 partners, most of a snapshot cycle.
 */

export interface FeedRow {
  sku: string;
  warehouse: string;
  good: number;
  hurt: number;
  allocated: number;
}

/** What the SKU checks need of a feed: membership, a count, and (for doctor) every SKU. */
export interface FcpSkus extends Iterable<string> {
  has(sku: string): boolean;
  readonly size: number;
}

/** `rules.warehouse`: one warehouse name of the feed, or `all` (good summed over every warehouse). */
export const ALL_WAREHOUSES = 'all';

export class FeedIndex implements FcpSkus {
  private readonly slots = new Map<string, number>();
  private readonly warehouseNames: string[] = [];
  private readonly warehouseIds = new Map<string, number>();
  /** Per slot: its first row; per row: the next row of the same SKU (-1 ends the chain). */
  private readonly firstRow: Int32Array;
  private readonly nextRow: Int32Array;
  private readonly lastRow: Int32Array;
  private readonly warehouse: Uint32Array;
  private readonly good: Float64Array;
  private readonly hurt: Float64Array;
  private readonly allocated: Float64Array;
  private rowCount = 0;

  /** `capacity`: the number of rows that will be added (the feed's row count). */
  private constructor(capacity: number) {
    this.firstRow = new Int32Array(capacity);
    this.lastRow = new Int32Array(capacity);
    this.nextRow = new Int32Array(capacity).fill(-1);
    this.warehouse = new Uint32Array(capacity);
    this.good = new Float64Array(capacity);
    this.hurt = new Float64Array(capacity);
    this.allocated = new Float64Array(capacity);
  }

  /**
   * From rows as `[sku, warehouse, good, hurt, allocated]` tuples (SQLite's raw rows), in file
   * order. `capacity` must be at least the number of rows.
   */
  static fromTuples(capacity: number, tuples: Iterable<readonly [string, string, number, number, number]>): FeedIndex {
    const index = new FeedIndex(capacity);
    for (const [sku, warehouse, good, hurt, allocated] of tuples) index.add(sku, warehouse, good, hurt, allocated);
    return index;
  }

  static fromRows(rows: readonly FeedRow[]): FeedIndex {
    const index = new FeedIndex(rows.length);
    for (const r of rows) index.add(r.sku, r.warehouse, r.good, r.hurt, r.allocated);
    return index;
  }

  private add(sku: string, warehouse: string, good: number, hurt: number, allocated: number): void {
    if (this.rowCount >= this.good.length) throw new Error(`feed index capacity ${this.good.length} exceeded`);
    const row = this.rowCount;
    this.rowCount += 1;
    let wh = this.warehouseIds.get(warehouse);
    if (wh === undefined) {
      wh = this.warehouseNames.length;
      this.warehouseNames.push(warehouse);
      this.warehouseIds.set(warehouse, wh);
    }
    this.warehouse[row] = wh;
    this.good[row] = good;
    this.hurt[row] = hurt;
    this.allocated[row] = allocated;
    const slot = this.slots.get(sku);
    if (slot === undefined) {
      const next = this.slots.size;
      this.slots.set(sku, next);
      this.firstRow[next] = row;
      this.lastRow[next] = row;
    } else {
      this.nextRow[this.lastRow[slot] as number] = row;
      this.lastRow[slot] = row;
    }
  }

  has(sku: string): boolean {
    return this.slots.has(sku);
  }

  /** Distinct FCP SKUs. */
  get size(): number {
    return this.slots.size;
  }

  [Symbol.iterator](): Iterator<string> {
    return this.slots.keys();
  }

  /** Warehouse names in the order the feed first mentions them. */
  warehouses(): readonly string[] {
    return this.warehouseNames;
  }

  hasWarehouse(name: string): boolean {
    return this.warehouseIds.has(name);
  }

  /**
   * Good units of the SKU in `warehouse` (or summed over all), hurt and allocated never counted;
   * undefined when the SKU is not in the feed at all. A SKU listed only in other warehouses has 0.
   */
  goodOf(sku: string, warehouse: string): number | undefined {
    const slot = this.slots.get(sku);
    if (slot === undefined) return undefined;
    const only = warehouse === ALL_WAREHOUSES ? -1 : this.warehouseIds.get(warehouse) ?? -2;
    let sum = 0;
    for (let row = this.firstRow[slot] as number; row !== -1; row = this.nextRow[row] as number) {
      if (only === -1 || this.warehouse[row] === only) sum += this.good[row] as number;
    }
    return sum;
  }

  /** Every row of the SKU, in the order they were added (for `explain`). */
  rowsOf(sku: string): FeedRow[] {
    const slot = this.slots.get(sku);
    if (slot === undefined) return [];
    const rows: FeedRow[] = [];
    for (let row = this.firstRow[slot] as number; row !== -1; row = this.nextRow[row] as number) {
      rows.push({
        sku, warehouse: this.warehouseNames[this.warehouse[row] as number] as string,
        good: this.good[row] as number, hurt: this.hurt[row] as number, allocated: this.allocated[row] as number,
      });
    }
    return rows;
  }
}
