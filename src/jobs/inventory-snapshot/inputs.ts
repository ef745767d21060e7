import { buildItemList, type PartnerItemList } from '../../domain/item-list.js';
import type { Ledger } from '../../ledger/ledger.js';
import type { FeedRecord } from '../../ledger/inventory-store.js';
import type { ItemList as ItemsFile } from '../../mapping/items.js';
import type { SkuMap } from '../../mapping/sku-map.js';
import { planInventorySnapshot, type SnapshotPlan, type SnapshotRules } from './plan.js';

/** The slice of a partner's mapping set inventory needs (the daemon's PartnerMappings fits). */
export interface InventoryMappings {
  skus: SkuMap;
  items: ItemsFile | null;
  itemFilter: { mode: 'allow' | 'deny'; skus: ReadonlySet<string> } | null;
}

/** The item list as the ledger and the mappings in force know it now (`items`, snapshots, `explain`). */
export function itemListFor(ledger: Ledger, partner: string, mappings: InventoryMappings): PartnerItemList {
  const catalog = ledger.inventory.latestCatalog(partner);
  return buildItemList({
    items: mappings.items,
    catalog: catalog?.items ?? null,
    orderSkus: ledger.inventory.orderSkus(partner),
    skus: mappings.skus,
    fcpSkus: ledger.inventory.latestSkus(),
  });
}

export interface InventoryView {
  list: PartnerItemList;
  feed: FeedRecord | undefined;
  /** Absent while no feed has arrived. */
  plan: SnapshotPlan | undefined;
}

/** Everything one snapshot (or one `explain`) is computed from, read in one place so both agree. */
export function inventoryView(ledger: Ledger, partner: string, mappings: InventoryMappings, rules: SnapshotRules): InventoryView {
  const list = itemListFor(ledger, partner, mappings);
  const feed = ledger.inventory.latestFeed();
  if (feed === undefined) return { list, feed, plan: undefined };
  const plan = planInventorySnapshot(
    { id: feed.id, asOf: feed.asOf, rows: ledger.inventory.feedRows(feed.id) },
    list.items, mappings.skus, mappings.itemFilter, ledger.inventory.sentAfter(feed.asOf), rules,
  );
  return { list, feed, plan };
}
