import { buildItemList, itemDuplicates, listedItems, type ItemListInput, type ListedItem, type PartnerItemList } from '../../domain/item-list.js';
import type { Ledger } from '../../ledger/ledger.js';
import type { FeedRecord } from '../../ledger/inventory-store.js';
import type { StoredItemList } from '../../mapping/items.js';
import type { SkuMap } from '../../mapping/sku-map.js';
import type { SnapshotInputs, SnapshotRules } from './plan.js';

/** The slice of a partner's mapping set inventory needs (the daemon's PartnerMappings fits). */
export interface InventoryMappings {
  skus: SkuMap;
  items: StoredItemList | null;
  itemFilter: { mode: 'allow' | 'deny'; skus: ReadonlySet<string> } | null;
}

function itemListInput(ledger: Ledger, partner: string, mappings: InventoryMappings, withFcpMatch: boolean): ItemListInput {
  return {
    items: mappings.items,
    catalog: ledger.inventory.latestCatalog(partner)?.items ?? null,
    orderSkus: ledger.inventory.orderSkus(partner),
    skus: mappings.skus,
    fcpSkus: withFcpMatch ? ledger.inventory.latestSkus() : null,
  };
}

/** The item list as the ledger and the mappings in force know it now (`items`). */
export function itemListFor(ledger: Ledger, partner: string, mappings: InventoryMappings): PartnerItemList {
  return buildItemList(itemListInput(ledger, partner, mappings, true));
}

export interface InventoryView {
  /** Duplicate SKUs of items.csv (blank included): the partner's inventory sync fails on any. */
  duplicates: { sku: string; lines: number[] }[];
  /** The item list, walked afresh each time it is iterated (never held whole by the snapshot). */
  items: Iterable<ListedItem>;
  feed: FeedRecord | undefined;
  /** What the snapshot and `explain` compute from; absent while no feed has arrived. */
  inputs: SnapshotInputs | undefined;
}

/** Everything one snapshot (or one `explain`) is computed from, read in one place so both agree. */
export function inventoryView(ledger: Ledger, partner: string, mappings: InventoryMappings, rules: SnapshotRules): InventoryView {
  // No fcpMatch: the snapshot looks each FCP SKU up in the feed itself.
  const input = itemListInput(ledger, partner, mappings, false);
  const items: Iterable<ListedItem> = { [Symbol.iterator]: () => listedItems(input) };
  const duplicates = itemDuplicates(input);
  const feed = ledger.inventory.latestFeed();
  if (feed === undefined) return { duplicates, items, feed, inputs: undefined };
  return {
    duplicates, items, feed,
    inputs: {
      feed: { id: feed.id, asOf: feed.asOf, index: ledger.inventory.feedIndex(feed) },
      items, itemFilter: mappings.itemFilter, sent: ledger.inventory.sentAfter(feed.asOf), rules,
    },
  };
}
