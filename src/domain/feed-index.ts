/**
 * One FCP inventory feed, held compactly for lookups: a Map from FCP SKU to a slot, and the rows
 * in typed arrays. It is built once per feed and shared by order validation (INVALID_SKU), every
 * item list, every partner's snapshot and `explain`. Why not plain row objects: a 1M-SKU feed as
 * objects took about 0.8 GB and, reloaded for each of 20 partners, most of a snapshot cycle.
 */
import { StringTable } from './string-table.js';

export interface FeedRow {
  sku: string;
  warehouse: string;
  /** The sellable Quantity Available; the only number ever offered for sale. */
  good: number;
  hurt: number;
  allocated: number;
}

/** A feed's rows as columns (how the ledger keeps them: one JSON document per feed). */
export interface FeedColumns {
  sku: string[];
  warehouse: string[];
  good: number[];
  hurt: number[];
  allocated: number[];
}

export function feedColumns(rows: readonly FeedRow[]): FeedColumns {
  const c: FeedColumns = { sku: [], warehouse: [], good: [], hurt: [], allocated: [] };
  for (const r of rows) {
    c.sku.push(r.sku);
    c.warehouse.push(r.warehouse);
    c.good.push(r.good);
    c.hurt.push(r.hurt);
    c.allocated.push(r.allocated);
  }
  return c;
}

/** What the SKU checks need of a feed: membership, a count, and (for doctor) every SKU. */
export interface FcpSkus extends Iterable<string> {
  has(sku: string): boolean;
  readonly size: number;
}

/** `rules.warehouse`: one warehouse name of the feed, or `all` (good summed over every warehouse). */
export const ALL_WAREHOUSES = 'all';

export class FeedIndex implements FcpSkus {
  /** SKU → slot (its id): a compact table, not a Map — 1M SKUs as Map keys were ~100 MB of heap. */
  private readonly slots = new StringTable();
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
  /** Per row: its SKU's slot. */
  private readonly rowSlot: Int32Array;
  /**
   * Good per slot, for `all` or one warehouse, built on first use: a snapshot looks up 100k SKUs
   * per partner, and one array read per SKU beats walking its rows (random reads in four arrays).
   */
  private readonly goodPerSlot = new Map<string, Float64Array>();
  private rowCount = 0;

  /** `capacity`: the number of rows that will be added. */
  private constructor(capacity: number) {
    this.firstRow = new Int32Array(capacity);
    this.lastRow = new Int32Array(capacity);
    this.nextRow = new Int32Array(capacity).fill(-1);
    this.warehouse = new Uint32Array(capacity);
    this.good = new Float64Array(capacity);
    this.hurt = new Float64Array(capacity);
    this.allocated = new Float64Array(capacity);
    this.rowSlot = new Int32Array(capacity);
  }

  /** From the columns the ledger stores (FeedColumns), rows in file order. */
  static fromColumns(c: FeedColumns): FeedIndex {
    const index = new FeedIndex(c.sku.length);
    for (let i = 0; i < c.sku.length; i += 1) {
      index.add(c.sku[i] as string, c.warehouse[i] as string, c.good[i] as number, c.hurt[i] as number, c.allocated[i] as number);
    }
    return index;
  }


  private add(sku: string, warehouse: string, good: number, hurt: number, allocated: number): void {
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
    const known = this.slots.size;
    const slot = this.slots.add(sku);
    if (slot === known) {
      this.firstRow[slot] = row;
      this.lastRow[slot] = row;
      this.rowSlot[row] = slot;
    } else {
      this.nextRow[this.lastRow[slot] as number] = row;
      this.lastRow[slot] = row;
      this.rowSlot[row] = slot;
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
    return this.slots[Symbol.iterator]();
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
    if (slot < 0) return undefined;
    let perSlot = this.goodPerSlot.get(warehouse);
    if (perSlot === undefined) {
      perSlot = new Float64Array(this.slots.size);
      const only = warehouse === ALL_WAREHOUSES ? -1 : this.warehouseIds.get(warehouse) ?? -2;
      for (let row = 0; row < this.rowCount; row += 1) {
        if (only !== -1 && this.warehouse[row] !== only) continue;
        const s = this.rowSlot[row] as number;
        perSlot[s] = (perSlot[s] as number) + (this.good[row] as number);
      }
      this.goodPerSlot.set(warehouse, perSlot);
    }
    return perSlot[slot] as number;
  }

  /** Every row of the SKU, in the order they were added (for `explain`). */
  rowsOf(sku: string): FeedRow[] {
    const slot = this.slots.get(sku);
    if (slot < 0) return [];
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
