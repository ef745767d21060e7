/**
 * What a partner's inventory snapshot says, and why (SPEC §8). Pure: the feed, the item list
 * (with each item's mapping), the item filter and the order lines sent to the FCP since the feed
 * are values. The writer's rows (`quantity`, no objects per item: 20 partners × 100k items) and
 * `explain`'s explanations are built from the same steps in `prepare`, and the tests check on
 * every case that the two agree.
 */
import { ALL_WAREHOUSES, type FeedIndex } from '../../domain/feed-index.js';
import type { ItemStatus } from '../../domain/item-list.js';
import { PackedCursor, type PackedItems } from '../../domain/packed-strings.js';

export interface SnapshotFeed {
  id: number;
  /** ISO UTC instant the feed describes. */
  asOf: string;
  index: FeedIndex;
}

export interface SnapshotItem {
  sku: string;
  name: string;
  status: ItemStatus;
  inventory: boolean;
  /** The FCP SKUs and units of one partner unit (skus.csv, or the SKU itself × 1). */
  mapping: readonly { fcpSku: string; quantity: number }[];
}

export interface SnapshotItemFilter {
  mode: 'allow' | 'deny';
  skus: ReadonlySet<string>;
}

/** An order line delivered to the FCP; only those delivered after the feed's as_of count. */
export interface SentLine {
  partner: string;
  orderNumber: string;
  fcpOrderNumber: string;
  fcpSku: string;
  quantity: number;
  sentAt: string;
  output: string;
}

export interface SnapshotRules {
  /** A warehouse name of the feed, or `all` (summed). */
  warehouse: string;
  minimumLevel: number;
  bundles: 'compute' | 'one-to-one-only';
}

export type LeftOutReason = 'NOT_ACTIVE' | 'NO_MATCH' | 'INVENTORY_DISABLED' | 'FILTERED' | 'BUNDLE_NOT_SENT' | 'NOT_IN_FEED';

export interface ComponentExplanation {
  fcpSku: string;
  /** Units of this FCP SKU in one partner unit. */
  perUnit: number;
  inFeed: boolean;
  /** Every feed row of this SKU (all warehouses), hurt and allocated shown but never counted. */
  feedRows: { warehouse: string; good: number; hurt: number; allocated: number; counted: boolean }[];
  /** `good` of the chosen warehouse, or summed over all. */
  good: number;
  /** The order lines subtracted. */
  subtracted: SentLine[];
  subtractedTotal: number;
  /** max(0, good − subtracted). */
  available: number;
  /** floor(available / perUnit). */
  units: number;
}

export interface ItemExplanation {
  sku: string;
  name: string;
  status: ItemStatus;
  inventory: boolean;
  /** null when the partner has no item filter. */
  filter: { mode: 'allow' | 'deny'; listed: boolean; passes: boolean } | null;
  /** Several components, or one with a quantity above 1. */
  bundle: boolean;
  components: ComponentExplanation[];
  /** The component that gives the fewest partner units (a bundle's bottleneck). */
  limiting: string | null;
  /** min over components of floor(available / perUnit); null when a component is not in the feed. */
  computed: number | null;
  minimumLevel: number;
  belowMinimum: boolean;
  /** What the snapshot says for the item (0 below the minimum level); null when it cannot be computed. */
  quantity: number | null;
  /** True when the item is in the snapshot. */
  sent: boolean;
  leftOut: { reason: LeftOutReason; message: string }[];
}

/** Everything one partner's snapshot is computed from. */
export interface SnapshotInputs {
  feed: SnapshotFeed;
  /** Iterated once per plan or explanation. */
  items: Iterable<SnapshotItem>;
  itemFilter: SnapshotItemFilter | null;
  /** Order lines delivered to the FCP (all partners); those at or before the feed's as_of are already in its count. */
  sent: readonly SentLine[];
  rules: SnapshotRules;
}

export type SnapshotPlan =
  | { ok: true; asOf: string; rows: { sku: string; quantity: number }[] }
  | { ok: false; error: string };

export type SnapshotExplanations =
  | { ok: true; items: ItemExplanation[] }
  | { ok: false; error: string };

/** The snapshot's rows: every item that is sent, with its quantity. */
export function planInventorySnapshot(inputs: SnapshotInputs): SnapshotPlan {
  const evaluator = prepare(inputs);
  if (typeof evaluator === 'string') return { ok: false, error: evaluator };
  const rows: { sku: string; quantity: number }[] = [];
  for (const item of inputs.items) {
    const quantity = evaluator.quantity(item);
    if (quantity !== null) rows.push({ sku: item.sku, quantity });
  }
  return { ok: true, asOf: inputs.feed.asOf, rows };
}

/** Every step for the items `wanted` accepts (all by default): feed rows, orders subtracted, limits. */
export function explainInventory(inputs: SnapshotInputs, wanted: (sku: string) => boolean = () => true): SnapshotExplanations {
  const evaluator = prepare(inputs);
  if (typeof evaluator === 'string') return { ok: false, error: evaluator };
  const items: ItemExplanation[] = [];
  for (const item of inputs.items) if (wanted(item.sku)) items.push(evaluator.explain(item));
  return { ok: true, items };
}

interface Evaluator {
  /** What the snapshot says for the item, or null when it is left out. No objects: 100k items per partner. */
  quantity(item: SnapshotItem): number | null;
  /** The same decision with every step shown. */
  explain(item: SnapshotItem): ItemExplanation;
}

/** The per-item evaluation for these inputs, or the reason the whole snapshot cannot be computed. */
function prepare(inputs: SnapshotInputs): Evaluator | string {
  const { feed, itemFilter, rules } = inputs;
  const index = feed.index;
  const all = rules.warehouse === ALL_WAREHOUSES;
  if (!all && !index.hasWarehouse(rules.warehouse)) {
    // A typo here would send 0 for everything; refusing the run is the safer reading.
    const names = [...index.warehouses()].sort();
    return `warehouse '${rules.warehouse}' is not in the FCP feed (its warehouses: ${names.length === 0 ? 'none, the feed is empty' : names.map((n) => `'${n}'`).join(', ')}); set inventory.warehouse to one of them or to all`;
  }
  const sentBySku = new Map<string, { lines: SentLine[]; total: number }>();
  for (const line of inputs.sent) {
    if (line.sentAt <= feed.asOf) continue; // already in the FCP's count at as_of
    const entry = sentBySku.get(line.fcpSku) ?? { lines: [], total: 0 };
    entry.lines.push(line);
    entry.total += line.quantity;
    sentBySku.set(line.fcpSku, entry);
  }

  // The steps both paths share, so that the rows and the explanations cannot disagree.
  // A multi-pack (one FCP SKU, quantity 2) is computed like a bundle (`bundles: one-to-one-only` leaves it out).
  const isBundle = (item: SnapshotItem): boolean => item.mapping.length > 1 || item.mapping[0]?.quantity !== 1;
  const filterPasses = (sku: string): boolean => itemFilter === null || (itemFilter.mode === 'allow') === itemFilter.skus.has(sku);
  const bundleSent = (item: SnapshotItem): boolean => rules.bundles !== 'one-to-one-only' || !isBundle(item);
  /** Good in the counted warehouse(s), or undefined when the FCP SKU is not in the feed. */
  const goodOf = (fcpSku: string): number | undefined => index.goodOf(fcpSku, rules.warehouse);
  const subtractedOf = (fcpSku: string): number => sentBySku.get(fcpSku)?.total ?? 0;
  const unitsOf = (good: number, fcpSku: string, perUnit: number): number => Math.floor(Math.max(0, good - subtractedOf(fcpSku)) / perUnit);
  const atMinimum = (computed: number): number => (computed < rules.minimumLevel ? 0 : computed);

  const quantity = (item: SnapshotItem): number | null => {
    if (item.status !== 'ACTIVE' || !item.inventory || !filterPasses(item.sku) || !bundleSent(item) || item.mapping.length === 0) return null;
    let computed = Number.POSITIVE_INFINITY;
    for (const c of item.mapping) {
      const good = goodOf(c.fcpSku);
      if (good === undefined) return null;
      computed = Math.min(computed, unitsOf(good, c.fcpSku, c.quantity));
    }
    return atMinimum(computed);
  };

  const component = (fcpSku: string, perUnit: number): ComponentExplanation => {
    const good = goodOf(fcpSku);
    const sent = sentBySku.get(fcpSku);
    const subtractedTotal = subtractedOf(fcpSku);
    const feedRows = index.rowsOf(fcpSku).map((r) => ({ warehouse: r.warehouse, good: r.good, hurt: r.hurt, allocated: r.allocated, counted: all || r.warehouse === rules.warehouse }));
    return {
      fcpSku, perUnit, inFeed: good !== undefined, feedRows, good: good ?? 0, subtracted: sent?.lines ?? [], subtractedTotal,
      available: Math.max(0, (good ?? 0) - subtractedTotal), units: unitsOf(good ?? 0, fcpSku, perUnit),
    };
  };

  const explain = (item: SnapshotItem): ItemExplanation => {
    const components = item.mapping.map((c) => component(c.fcpSku, c.quantity));
    const bundle = isBundle(item);
    const computable = components.length > 0 && components.every((c) => c.inFeed);
    let limiting: ComponentExplanation | null = null;
    for (const c of components) if (limiting === null || c.units < limiting.units) limiting = c;
    const computed = computable && limiting !== null ? limiting.units : null;
    const filter = itemFilter === null ? null : { mode: itemFilter.mode, listed: itemFilter.skus.has(item.sku), passes: filterPasses(item.sku) };

    const leftOut: ItemExplanation['leftOut'] = [];
    if (item.status === 'NEW') leftOut.push({ reason: 'NOT_ACTIVE', message: 'not active in items.csv (status NEW)' });
    if (item.status === 'NO MATCH') leftOut.push({ reason: 'NO_MATCH', message: "not in the partner's catalog (status NO MATCH)" });
    if (!item.inventory) leftOut.push({ reason: 'INVENTORY_DISABLED', message: 'inventory is no in items.csv' });
    if (filter !== null && !filter.passes) {
      leftOut.push({ reason: 'FILTERED', message: filter.mode === 'allow' ? 'not on the item filter (allow list)' : 'on the item filter (deny list)' });
    }
    if (!bundleSent(item)) leftOut.push({ reason: 'BUNDLE_NOT_SENT', message: 'a bundle or multi-unit mapping, and bundles is one-to-one-only' });
    for (const c of components) if (!c.inFeed) leftOut.push({ reason: 'NOT_IN_FEED', message: `FCP SKU '${c.fcpSku}' is not in the FCP feed` });

    return {
      sku: item.sku, name: item.name, status: item.status, inventory: item.inventory, filter, bundle, components,
      limiting: components.length > 1 || bundle ? limiting?.fcpSku ?? null : null,
      computed, minimumLevel: rules.minimumLevel, belowMinimum: computed !== null && computed < rules.minimumLevel,
      quantity: computed === null ? null : atMinimum(computed),
      sent: leftOut.length === 0 && computed !== null,
      leftOut,
    };
  };

  return { quantity, explain };
}

export interface ZeroedCheck {
  /** Items that were > 0 in the previous snapshot written. */
  previouslyPositive: number;
  /** Of those, the ones this snapshot sets to 0 or leaves out. */
  zeroed: string[];
  percent: number;
  held: boolean;
  /** Items of the previous snapshot that this one no longer carries, with their previous quantity (for product sync). */
  left: [string, number][];
}

/**
 * The `max_zeroed_pct` guard (SPEC §8): a truncated FCP feed must not sell a catalogue out. An
 * item that was > 0 and is now left out counts as zeroed too: partners read a full list, and a
 * SKU missing from it is as good as 0 to many of them.
 */
export function checkZeroed(previous: PackedItems | null, rows: readonly { sku: string; quantity: number }[], maxZeroedPct: number): ZeroedCheck {
  if (previous === null) return { previouslyPositive: 0, zeroed: [], percent: 0, held: false, left: [] };
  // Snapshots list items in item-list order, so the previous one usually has the same SKUs in the
  // same places: compared place by place (no string made), a lookup table of the new rows is
  // built only if they differ.
  let now: Map<string, number> | null = null;
  const currentOf = (sku: PackedCursor, place: number): number | undefined => {
    const row = rows[place];
    if (now === null && row !== undefined && sku.equals(row.sku)) return row.quantity;
    now ??= new Map(rows.map((r) => [r.sku, r.quantity]));
    return now.get(sku.current());
  };
  let positive = 0;
  const zeroed: string[] = [];
  const left: [string, number][] = [];
  const sku = new PackedCursor(previous.skus);
  for (let place = 0; !sku.done; place += 1, sku.next()) {
    const quantity = previous.quantities[place] as number;
    const current = currentOf(sku, place);
    if (current === undefined) left.push([sku.current(), quantity]);
    if (quantity <= 0) continue;
    positive += 1;
    if ((current ?? 0) === 0) zeroed.push(sku.current());
  }
  const percent = positive === 0 ? 0 : (zeroed.length * 100) / positive;
  return { previouslyPositive: positive, zeroed, percent, held: positive > 0 && percent > maxZeroedPct, left };
}
