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
import { oneLine } from './problems.js';

export type ItemStatus = 'NEW' | 'ACTIVE' | 'NO MATCH';

export interface ItemListInput {
  /** items.csv (null when the partner has none): rows with a SKU, plus duplicate and blank SKUs with their lines. */
  items: {
    items: readonly { sku: string; name: string; active: boolean; inventory: boolean; line: number }[];
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
  /** FCP SKUs of the latest feed; null while no feed has arrived. */
  fcpSkus: ReadonlySet<string> | null;
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
  const duplicates = (input.items?.duplicates ?? []).map((d) => ({ sku: d.sku, lines: [...d.lines] }));
  const duplicateLines = new Map(duplicates.filter((d) => d.sku !== '').map((d) => [d.sku, d.lines]));
  const catalog = input.catalog === null ? null : new Map(input.catalog.map((c) => [c.sku, c.name]));
  const orderSkus = new Set(input.orderSkus);
  const listed = new Map<string, ListedItem>();

  const add = (sku: string, name: string, active: boolean, inventory: boolean, inItems: boolean): void => {
    if (listed.has(sku)) return; // the first row of a duplicated SKU speaks for it
    const inCatalog = catalog?.has(sku) ?? false;
    const status: ItemStatus = !active ? 'NEW' : catalog !== null && !inCatalog ? 'NO MATCH' : 'ACTIVE';
    const mapping = input.skus.resolve(sku);
    listed.set(sku, {
      sku, name: name !== '' ? name : catalog?.get(sku) ?? '', status, inventory, inItems, inCatalog,
      inOrders: orderSkus.has(sku), mapping, mapped: input.skus.has(sku),
      fcpMatch: input.fcpSkus === null ? null : mapping.every((c) => input.fcpSkus!.has(c.fcpSku)),
      duplicateLines: duplicateLines.get(sku) ?? null,
    });
  };
  for (const row of input.items?.items ?? []) add(row.sku, row.name, row.active, row.inventory, true);
  for (const [sku, name] of catalog ?? []) add(sku, name, false, true, false);
  for (const sku of input.orderSkus) add(sku, '', false, true, false);
  return { items: [...listed.values()], duplicates };
}

/** The one error text for duplicate SKUs: every duplicate with its lines (SPEC §4). */
export function describeDuplicates(file: string, duplicates: readonly { sku: string; lines: readonly number[] }[]): string {
  const each = duplicates.map((d) => (d.sku === ''
    ? `blank SKU at line${d.lines.length > 1 ? 's' : ''} ${d.lines.join(', ')}`
    : `'${oneLine(d.sku)}' at lines ${d.lines.join(', ')}`));
  return `duplicate SKUs in ${file}: ${each.join('; ')}`;
}
