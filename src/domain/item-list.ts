/**
 * The partner's item list (SPEC §11 `items`, the seeds' "View Items"): items.csv, the partner's
 * own catalog and the SKUs its orders carried, merged into one list with a status each.
 *
 * - NEW      known from the partner (catalog, orders, or items.csv) but not `active` in items.csv;
 * - ACTIVE   active, and in the partner's catalog when it sends one;
 * - NO MATCH active, but the partner sends a catalog and the SKU is not in it.
 *
 * Pure: the inputs are values, the list is a value.
 */
import type { FcpSkus } from './feed-index.js';
import { oneLine } from './problems.js';

export type ItemStatus = 'NEW' | 'ACTIVE' | 'NO MATCH';

export interface ItemListInput {
  /** items.csv (null when the partner has none): rows with a SKU, plus duplicate and blank SKUs with their lines. */
  items: {
    items: Iterable<{ sku: string; name: string; active: boolean; inventory: boolean; line: number }>;
    duplicates: readonly { sku: string; lines: readonly number[] }[];
  } | null;
  /** The partner's latest catalog file, or null when it sends none. */
  catalog: readonly { sku: string; name: string }[] | null;
  /** Partner SKUs seen in its orders. */
  orderSkus: readonly string[];
  skus: {
    resolve(partnerSku: string): { fcpSku: string; quantity: number }[];
    has(partnerSku: string): boolean;
  };
  /** FCP SKUs of the latest feed; null while no feed has arrived (or when `fcpMatch` is not wanted). */
  fcpSkus: FcpSkus | null;
}

export interface ListedItem {
  sku: string;
  name: string;
  status: ItemStatus;
  /** items.csv `inventory` (the seeds' "Inventory Enabled"); true for SKUs items.csv does not list. */
  inventory: boolean;
  /** Where the SKU is known from. */
  inItems: boolean;
  inCatalog: boolean;
  inOrders: boolean;
  /** The FCP SKUs for one unit; the SKU itself × 1 when skus.csv has no row for it. */
  mapping: { fcpSku: string; quantity: number }[];
  /** True when skus.csv maps it (a rename, a multi-pack or a bundle). */
  mapped: boolean;
  /** Every FCP SKU of the mapping is in the latest feed; null while no feed has arrived. */
  fcpMatch: boolean | null;
  /** Lines of items.csv when the SKU is listed more than once; null otherwise. */
  duplicateLines: number[] | null;
}

export interface PartnerItemList {
  items: ListedItem[];
  /** Duplicate SKUs of items.csv, blank (sku '') included: the partner's inventory sync fails on any. */
  duplicates: { sku: string; lines: number[] }[];
}

export function buildItemList(input: ItemListInput): PartnerItemList {
  return { items: [...listedItems(input)], duplicates: itemDuplicates(input) };
}

/** Duplicate SKUs of items.csv, blank (sku '') included: the partner's inventory sync fails on any. */
export function itemDuplicates(input: Pick<ItemListInput, 'items'>): { sku: string; lines: number[] }[] {
  return (input.items?.duplicates ?? []).map((d) => ({ sku: d.sku, lines: [...d.lines] }));
}

/**
 * The list's items one at a time, in list order (items.csv, then the catalog, then order SKUs),
 * without keeping them: a snapshot walks 100k items per partner and needs no list of them.
 */
export function* listedItems(input: ItemListInput): Generator<ListedItem> {
  const duplicateLines = new Map((input.items?.duplicates ?? []).filter((d) => d.sku !== '').map((d) => [d.sku, d.lines]));
  const catalog = input.catalog === null ? null : new Map(input.catalog.map((c) => [c.sku, c.name]));
  const orderSkus = new Set(input.orderSkus);
  const seen = new Set<string>();
  const fcpSkus = input.fcpSkus;

  const item = (sku: string, name: string, active: boolean, inventory: boolean, inItems: boolean): ListedItem | undefined => {
    if (seen.has(sku)) return undefined; // the first row of a duplicated SKU speaks for it
    seen.add(sku);
    const inCatalog = catalog?.has(sku) ?? false;
    const status: ItemStatus = !active ? 'NEW' : catalog !== null && !inCatalog ? 'NO MATCH' : 'ACTIVE';
    const mapping = input.skus.resolve(sku);
    const lines = duplicateLines.get(sku);
    return {
      sku, name: name !== '' ? name : catalog?.get(sku) ?? '', status, inventory, inItems, inCatalog,
      inOrders: orderSkus.has(sku), mapping, mapped: input.skus.has(sku),
      fcpMatch: fcpSkus === null ? null : mapping.every((c) => fcpSkus.has(c.fcpSku)),
      duplicateLines: lines === undefined ? null : [...lines],
    };
  };
  for (const row of input.items?.items ?? []) {
    const listed = item(row.sku, row.name, row.active, row.inventory, true);
    if (listed !== undefined) yield listed;
  }
  for (const [sku, name] of catalog ?? []) {
    const listed = item(sku, name, false, true, false);
    if (listed !== undefined) yield listed;
  }
  for (const sku of input.orderSkus) {
    const listed = item(sku, '', false, true, false);
    if (listed !== undefined) yield listed;
  }
}

/** The one error text for duplicate SKUs: every duplicate with its lines (SPEC §4). */
export function describeDuplicates(file: string, duplicates: readonly { sku: string; lines: readonly number[] }[]): string {
  const each = duplicates.map((d) => (d.sku === ''
    ? `blank SKU at line${d.lines.length > 1 ? 's' : ''} ${d.lines.join(', ')}`
    : `'${oneLine(d.sku)}' at lines ${d.lines.join(', ')}`));
  return `duplicate SKUs in ${file}: ${each.join('; ')}`;
}
