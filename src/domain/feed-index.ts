/**
 * One FCP inventory feed, held compactly for lookups: a Map from FCP SKU to a slot, and the rows
 * in typed arrays. It is built once per feed and shared by order validation (INVALID_SKU), every
 * item list, every partner's snapshot and `explain`. Why not plain row objects: a 1M-SKU feed as
 * objects took about 0.8 GB and, reloaded for each of 20 partners, most of a snapshot cycle.
 */
import { PackedCursor, packStrings, type PackedStrings } from './packed-strings.js';
import { StringTable } from './string-table.js';

export interface FeedRow {
  sku: string;
  warehouse: string;
  /** The sellable Quantity Available; the only number ever offered for sale. */
  good: number;
  hurt: number;
  allocated: number;
}

/**
 * A feed's rows as columns: the SKUs packed into one string, each warehouse name once, numbers
 * in typed arrays. The ledger stores exactly these (feed-rows-blob.ts), and the index adopts the
 * arrays as they are, so reading a 1M-row feed back copies each column once.
 */
export interface FeedColumns {
  skus: PackedStrings;
  /** Warehouse names in the order first seen; `warehouse` holds an index into this per row. */
  warehouses: string[];
  warehouse: Uint32Array;
  good: Float64Array;
  hurt: Float64Array;
  allocated: Float64Array;
}

export function feedColumns(rows: readonly FeedRow[]): FeedColumns {
  const warehouseIds = new Map<string, number>();
  const n = rows.length;
  const c: FeedColumns = {
    skus: packStrings(rows.map((r) => r.sku)), warehouses: [],
    warehouse: new Uint32Array(n), good: new Float64Array(n), hurt: new Float64Array(n), allocated: new Float64Array(n),
  };
  rows.forEach((r, row) => {
    let wh = warehouseIds.get(r.warehouse);
    if (wh === undefined) {
      wh = c.warehouses.push(r.warehouse) - 1;
      warehouseIds.set(r.warehouse, wh);
    }
    c.warehouse[row] = wh;
    c.good[row] = r.good;
    c.hurt[row] = r.hurt;
    c.allocated[row] = r.allocated;
  });
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
  /** Per row: its SKU's slot. */
  private readonly rowSlot: Int32Array;
  private readonly warehouse: Uint32Array;
  private readonly good: Float64Array;
  private readonly hurt: Float64Array;
  private readonly allocated: Float64Array;
  /**
   * Good per slot, for `all` or one warehouse, built on first use: a snapshot looks up 100k SKUs
   * per partner, and one array read per SKU beats walking its rows (random reads in four arrays).
   */
  private readonly goodPerSlot = new Map<string, Float64Array>();

  /** From the feed's columns (taken over, not copied), rows in file order. */
  constructor(c: FeedColumns) {
    const rows = c.good.length;
    this.warehouse = c.warehouse;
    this.good = c.good;
    this.hurt = c.hurt;
    this.allocated = c.allocated;
    this.warehouseNames.push(...c.warehouses);
    c.warehouses.forEach((name, wh) => this.warehouseIds.set(name, wh));
    this.firstRow = new Int32Array(rows);
    this.nextRow = new Int32Array(rows).fill(-1);
    this.rowSlot = new Int32Array(rows);
    // Per slot, its last row so far: only needed while the chains are built.
    const lastRow = new Int32Array(rows);
    const skus = new PackedCursor(c.skus);
    for (let row = 0; row < rows; row += 1, skus.next()) {
      const known = this.slots.size;
      const slot = this.slots.add(skus.current());
      this.rowSlot[row] = slot;
      if (slot === known) this.firstRow[slot] = row;
      else this.nextRow[lastRow[slot] as number] = row;
      lastRow[slot] = row;
    }
    this.slots.detach(); // the SKUs were cut out of the packed text: the index must not keep it
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
      for (let row = 0; row < this.good.length; row += 1) {
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
