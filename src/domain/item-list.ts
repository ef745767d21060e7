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
    /** In file order; `repeat` marks a row whose SKU an earlier row already has. */
    items: Iterable<{ sku: string; name: string; active: boolean; inventory: boolean; line: number; repeat: boolean }>;
    duplicates: readonly { sku: string; lines: readonly number[] }[];
    has(sku: string): boolean;
  } | null;
  /** The partner's latest catalog file, or null when it sends none. */
  catalog: readonly { sku: string; name: string }[] | null;
  /** Partner SKUs seen in its orders. */
  orderSkus: readonly string[];
  skus: {
    /** The FCP SKUs for one unit when skus.csv maps the partner SKU, else null (one lookup). */
    mapped(partnerSku: string): readonly { fcpSku: string; quantity: number }[] | null;
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
  /** The FCP SKUs for one unit; the SKU itself × 1 when skus.csv has no row for it. Read-only: shared with the map. */
  mapping: readonly { fcpSku: string; quantity: number }[];
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
 * without keeping them: a snapshot walks 100k items per partner and needs no list of them. Per
 * item one lookup in skus.csv and no set of the SKUs seen: items.csv marks its repeated rows, and
 * only the (few) catalog and order SKUs are checked against it and each other.
 */
export function* listedItems(input: ItemListInput): Generator<ListedItem> {
  const items = input.items;
  const duplicateLines = new Map((items?.duplicates ?? []).filter((d) => d.sku !== '').map((d) => [d.sku, d.lines]));
  const catalog = input.catalog === null ? null : new Map(input.catalog.map((c) => [c.sku, c.name]));
  const orderSkus = new Set(input.orderSkus);
  const fcpSkus = input.fcpSkus;

  const item = (sku: string, name: string, active: boolean, inventory: boolean, inItems: boolean): ListedItem => {
    const inCatalog = catalog !== null && catalog.has(sku);
    const status: ItemStatus = !active ? 'NEW' : catalog !== null && !inCatalog ? 'NO MATCH' : 'ACTIVE';
    const mapped = input.skus.mapped(sku);
    const mapping = mapped ?? [{ fcpSku: sku, quantity: 1 }];
    const lines = duplicateLines.size === 0 ? undefined : duplicateLines.get(sku);
    return {
      sku, name: name !== '' || catalog === null ? name : catalog.get(sku) ?? '', status, inventory, inItems, inCatalog,
      inOrders: orderSkus.size > 0 && orderSkus.has(sku), mapping, mapped: mapped !== null,
      fcpMatch: fcpSkus === null ? null : mapping.every((c) => fcpSkus.has(c.fcpSku)),
      duplicateLines: lines === undefined ? null : [...lines],
    };
  };
  for (const row of items?.items ?? []) {
    if (!row.repeat) yield item(row.sku, row.name, row.active, row.inventory, true);
  }
  const listed = new Set<string>();
  const isNew = (sku: string): boolean => {
    if (items?.has(sku) === true || listed.has(sku)) return false;
    listed.add(sku);
    return true;
  };
  for (const [sku, name] of catalog ?? []) if (isNew(sku)) yield item(sku, name, false, true, false);
  for (const sku of input.orderSkus) if (isNew(sku)) yield item(sku, '', false, true, false);
}

/** The one error text for duplicate SKUs: every duplicate with its lines (SPEC §4). */
export function describeDuplicates(file: string, duplicates: readonly { sku: string; lines: readonly number[] }[]): string {
  const each = duplicates.map((d) => (d.sku === ''
    ? `blank SKU at line${d.lines.length > 1 ? 's' : ''} ${d.lines.join(', ')}`
    : `'${oneLine(d.sku)}' at lines ${d.lines.join(', ')}`));
  return `duplicate SKUs in ${file}: ${each.join('; ')}`;
}
