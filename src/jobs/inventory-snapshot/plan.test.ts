import { describe, expect, it } from 'vitest';
import { buildItemList } from '../../domain/item-list.js';
import { readItems } from '../../mapping/items.js';
import { SkuMap } from '../../mapping/sku-map.js';
import { feedColumns, FeedIndex } from '../../domain/feed-index.js';
import { packItems, type PackedItems } from '../../domain/packed-strings.js';
import { checkZeroed, explainInventory, planInventorySnapshot, type SentLine, type SnapshotFeed, type SnapshotInputs, type SnapshotItem, type SnapshotRules } from './plan.js';

const AS_OF = '2026-11-22T10:00:00.000Z';
const FEED: SnapshotFeed = {
  id: 1,
  asOf: AS_OF,
  index: new FeedIndex(feedColumns([
    { sku: 'A', warehouse: 'WH1', good: 6, hurt: 3, allocated: 4 },
    { sku: 'B', warehouse: 'WH1', good: 7, hurt: 5, allocated: 9 },
    { sku: 'A', warehouse: 'WH2', good: 4, hurt: 1, allocated: 2 },
    { sku: 'C', warehouse: 'WH1', good: 2, hurt: 8, allocated: 1 },
  ])),
};
const BUNDLES = new SkuMap([{ partnerSku: 'X', components: [{ fcpSku: 'A', quantity: 1 }, { fcpSku: 'B', quantity: 2 }] }]);
const sent = (fcpSku: string, quantity: number, sentAt: string, orderNumber = 'O1'): SentLine => ({
  partner: 'other', orderNumber, fcpOrderNumber: orderNumber, fcpSku, quantity, sentAt, output: `orders-other-${orderNumber}.csv`,
});
type Item = Omit<SnapshotItem, 'mapping'> & { mapping?: SnapshotItem['mapping'] };
const active = (...skus: string[]): Item[] => skus.map((sku) => ({ sku, name: '', status: 'ACTIVE', inventory: true }));
const RULES: SnapshotRules = { warehouse: 'all', minimumLevel: 0, bundles: 'compute' };

function plan(over: Partial<{ items: Item[]; skuMap: SkuMap; sent: SentLine[]; rules: Partial<SnapshotRules>; filter: { mode: 'allow' | 'deny'; skus: Set<string> } | null; feed: SnapshotFeed }> = {}) {
  const inputs: SnapshotInputs = {
    feed: over.feed ?? FEED,
    items: (over.items ?? active('A', 'B', 'X', 'C')).map((i) => ({ ...i, mapping: i.mapping ?? (over.skuMap ?? BUNDLES).resolve(i.sku) })),
    itemFilter: over.filter ?? null, sent: over.sent ?? [], rules: { ...RULES, ...over.rules },
  };
  const result = planInventorySnapshot(inputs);
  const explained = explainInventory(inputs);
  if (!result.ok) throw new Error(result.error);
  if (!explained.ok) throw new Error(explained.error);
  // The writer's rows and explain's explanations are one computation: they must agree on every item.
  expect(explained.items.filter((e) => e.sent).map((e) => ({ sku: e.sku, quantity: e.quantity }))).toEqual(result.rows);
  return { rows: result.rows, items: explained.items };
}

describe('planInventorySnapshot', () => {
  it('must-show 1: Good only, orders sent after as_of subtracted, bundle limited by B, minimum level 3', () => {
    const result = plan({
      sent: [sent('A', 2, '2026-11-22T10:05:00.000Z', 'LATE'), sent('A', 1, '2026-11-22T09:55:00.000Z', 'EARLY')],
      rules: { minimumLevel: 3 },
    });
    expect(result.rows).toEqual([{ sku: 'A', quantity: 8 }, { sku: 'B', quantity: 7 }, { sku: 'X', quantity: 3 }, { sku: 'C', quantity: 0 }]);
    const x = result.items.find((i) => i.sku === 'X')!;
    expect(x.limiting).toBe('B');
    expect(x.components.map((c) => [c.fcpSku, c.good, c.subtractedTotal, c.available, c.perUnit, c.units])).toEqual([['A', 10, 2, 8, 1, 8], ['B', 7, 0, 7, 2, 3]]);
    expect(x.components[0]!.subtracted.map((l) => l.orderNumber)).toEqual(['LATE']);
    const c = result.items.find((i) => i.sku === 'C')!;
    expect([c.computed, c.belowMinimum, c.quantity]).toEqual([2, true, 0]);
  });

  it('sums Good over all warehouses, or takes the named one only', () => {
    expect(plan({ items: active('A') }).rows).toEqual([{ sku: 'A', quantity: 10 }]);
    const wh2 = plan({ items: active('A', 'B'), rules: { warehouse: 'WH2' } });
    // B is in the feed but not in WH2: it has 0 there (it is not "not in the feed").
    expect(wh2.rows).toEqual([{ sku: 'A', quantity: 4 }, { sku: 'B', quantity: 0 }]);
    expect(wh2.items[0]!.components[0]!.feedRows.map((r) => [r.warehouse, r.counted])).toEqual([['WH1', false], ['WH2', true]]);
  });

  it('refuses a warehouse the feed does not have, naming the ones it has', () => {
    const inputs: SnapshotInputs = { feed: FEED, items: [{ ...active('A')[0]!, mapping: [{ fcpSku: 'A', quantity: 1 }] }], itemFilter: null, sent: [], rules: { ...RULES, warehouse: 'Reno' } };
    expect(explainInventory(inputs)).toEqual(planInventorySnapshot(inputs));
    expect(planInventorySnapshot(inputs)).toEqual({ ok: false, error: "warehouse 'Reno' is not in the FCP feed (its warehouses: 'WH1', 'WH2'); set inventory.warehouse to one of them or to all" });
  });

  it('never goes below 0 when more was sent than the feed had', () => {
    const result = plan({ items: active('C'), sent: [sent('C', 5, '2026-11-22T11:00:00.000Z')] });
    expect(result.rows).toEqual([{ sku: 'C', quantity: 0 }]);
    expect(result.items[0]!.components[0]).toMatchObject({ good: 2, subtractedTotal: 5, available: 0 });
  });

  it('does not subtract a line sent exactly at as_of (the FCP counted it)', () => {
    expect(plan({ items: active('A'), sent: [sent('A', 3, AS_OF)] }).rows).toEqual([{ sku: 'A', quantity: 10 }]);
  });

  it('floors multi-unit mappings and renames', () => {
    const map = new SkuMap([
      { partnerSku: 'PACK3', components: [{ fcpSku: 'A', quantity: 3 }] },
      { partnerSku: 'RENAMED', components: [{ fcpSku: 'B', quantity: 1 }] },
    ]);
    const result = plan({ items: active('PACK3', 'RENAMED'), skuMap: map });
    expect(result.rows).toEqual([{ sku: 'PACK3', quantity: 3 }, { sku: 'RENAMED', quantity: 7 }]);
    expect(result.items[0]).toMatchObject({ bundle: true, limiting: 'A' });
    expect(result.items[1]).toMatchObject({ bundle: false, limiting: null });
  });

  it('leaves bundles and multi-unit items out with bundles: one-to-one-only', () => {
    const result = plan({ rules: { bundles: 'one-to-one-only' } });
    expect(result.rows.map((r) => r.sku)).toEqual(['A', 'B', 'C']);
    expect(result.items.find((i) => i.sku === 'X')).toMatchObject({ sent: false, quantity: 3, leftOut: [{ reason: 'BUNDLE_NOT_SENT' }] });
  });

  it('leaves out items whose FCP SKU (or a bundle component) is not in the feed', () => {
    const map = new SkuMap([{ partnerSku: 'Y', components: [{ fcpSku: 'A', quantity: 1 }, { fcpSku: 'GONE', quantity: 1 }] }]);
    const result = plan({ items: active('A', 'Y', 'Z'), skuMap: map });
    expect(result.rows).toEqual([{ sku: 'A', quantity: 10 }]);
    expect(result.items[1]).toMatchObject({ sent: false, computed: null, quantity: null, leftOut: [{ reason: 'NOT_IN_FEED', message: "FCP SKU 'GONE' is not in the FCP feed" }] });
    expect(result.items[2]!.leftOut).toEqual([{ reason: 'NOT_IN_FEED', message: "FCP SKU 'Z' is not in the FCP feed" }]);
  });

  it('sends only ACTIVE, inventory-enabled items that pass the item filter', () => {
    const items: Item[] = [
      { sku: 'A', name: '', status: 'ACTIVE', inventory: true },
      { sku: 'B', name: '', status: 'NEW', inventory: true },
      { sku: 'C', name: '', status: 'NO MATCH', inventory: true },
      { sku: 'X', name: '', status: 'ACTIVE', inventory: false },
    ];
    const result = plan({ items });
    expect(result.rows).toEqual([{ sku: 'A', quantity: 10 }]);
    expect(result.items.map((i) => i.leftOut.map((l) => l.reason))).toEqual([[], ['NOT_ACTIVE'], ['NO_MATCH'], ['INVENTORY_DISABLED']]);
    expect(plan({ filter: { mode: 'deny', skus: new Set(['A']) } }).rows.map((r) => r.sku)).toEqual(['B', 'X', 'C']);
    const allow = plan({ filter: { mode: 'allow', skus: new Set(['A']) } });
    expect(allow.rows.map((r) => r.sku)).toEqual(['A']);
    expect(allow.items[1]!.leftOut).toEqual([{ reason: 'FILTERED', message: 'not on the item filter (allow list)' }]);
  });

  it('applies the minimum level to the partner quantity: below is 0, at the level is sent as is', () => {
    const result = plan({ rules: { minimumLevel: 7 } });
    expect(result.rows).toEqual([{ sku: 'A', quantity: 10 }, { sku: 'B', quantity: 7 }, { sku: 'X', quantity: 0 }, { sku: 'C', quantity: 0 }]);
  });

  it('works on an item list built from items.csv, catalog and orders', () => {
    const list = buildItemList({
      items: (readItems('sku,name,active\nA,Apple,yes\nX,Set,yes\n', 'items.csv') as Extract<ReturnType<typeof readItems>, { ok: true }>).value,
      catalog: [{ sku: 'A', name: 'Apple' }, { sku: 'Q', name: 'Quince' }],
      orderSkus: ['A', 'R'],
      skus: BUNDLES,
      fcpSkus: FEED.index,
    });
    expect(list.items.map((i) => [i.sku, i.status, i.fcpMatch])).toEqual([['A', 'ACTIVE', true], ['X', 'NO MATCH', true], ['Q', 'NEW', false], ['R', 'NEW', false]]);
    expect(plan({ items: list.items }).rows).toEqual([{ sku: 'A', quantity: 10 }]);
  });
});

describe('checkZeroed (max_zeroed_pct)', () => {
  const packed = (entries: [string, number][]): PackedItems => packItems(entries.map(([sku, quantity]) => ({ sku, quantity })));
  const previous = packed([['A', 5], ['B', 3], ['C', 0], ['D', 1], ['E', 2]]);
  it('counts items that were > 0 and are now 0 or left out', () => {
    const check = checkZeroed(previous, [{ sku: 'A', quantity: 0 }, { sku: 'B', quantity: 2 }, { sku: 'C', quantity: 0 }, { sku: 'D', quantity: 0 }], 50);
    expect(check).toEqual({ previouslyPositive: 4, zeroed: ['A', 'D', 'E'], percent: 75, held: true, left: [['E', 2]] });
  });
  it('gives the same answer whether the new rows come in the previous order or not', () => {
    const rows = [{ sku: 'A', quantity: 0 }, { sku: 'B', quantity: 2 }, { sku: 'C', quantity: 0 }, { sku: 'D', quantity: 0 }];
    const inOrder = checkZeroed(previous, rows, 50);
    expect(checkZeroed(previous, [...rows].reverse(), 50)).toEqual(inOrder);
    expect(checkZeroed(previous, [rows[0]!, { sku: 'X', quantity: 9 }, ...rows.slice(1)], 50)).toEqual(inOrder);
  });
  it('holds only above the limit, and never without a previous snapshot', () => {
    expect(checkZeroed(previous, [{ sku: 'A', quantity: 0 }, { sku: 'B', quantity: 0 }, { sku: 'D', quantity: 1 }, { sku: 'E', quantity: 1 }], 50).held).toBe(false);
    expect(checkZeroed(null, [], 0).held).toBe(false);
    expect(checkZeroed(packed([['A', 0]]), [], 0).held).toBe(false);
    expect(checkZeroed(previous, [], 100).held).toBe(false);
  });
});
