import type { Config } from '../../config/types.js';
import { systemClock } from '../../daemon/clock.js';
import type { FeedRecord } from '../../ledger/inventory-store.js';
import { inventoryView } from '../../jobs/inventory-snapshot/inputs.js';
import { explainInventory, type ComponentExplanation, type ItemExplanation } from '../../jobs/inventory-snapshot/plan.js';
import { oneLine } from '../../domain/problems.js';
import { EXIT } from '../context.js';
import { printJson } from '../table.js';
import { describeAge, partnerOrUsage, partnerMappingsOrReport, shortTime } from './inventory-inputs.js';
import { openLedger } from './orders.js';

/**
 * `explain P SKU [--json]`: why the SKU shows N, step by step, from the very explanation the
 * snapshot planner produced (SPEC §11): the feed rows and their age, the warehouse, the orders
 * subtracted, the bundle component that limits, the minimum level, the filter.
 */
export function explainCommand(config: Config, partnerId: string, sku: string, json: boolean): number {
  const partner = partnerOrUsage(config, partnerId);
  if (partner.inventory === null) {
    process.stderr.write(`partner ${partner.id} has no inventory: section; no inventory is sent to it\n`);
    return EXIT.FAILED;
  }
  const mappings = partnerMappingsOrReport(config, partner.id);
  if (mappings === null) return EXIT.FAILED;
  const inv = partner.inventory;
  const ledger = openLedger(config);
  try {
    const view = inventoryView(ledger, partner.id, mappings, { warehouse: inv.warehouse, minimumLevel: inv.minimum_level, bundles: inv.bundles });
    if (![...view.items].some((i) => i.sku === sku)) {
      process.stderr.write(`'${oneLine(sku)}' is not in ${partner.id}'s item list (items.csv, its catalog, its orders); see \`fcp-bridge items ${partner.id}\`\n`);
      return EXIT.FAILED;
    }
    if (view.feed === undefined || view.inputs === undefined) {
      process.stderr.write(`no FCP inventory feed has arrived yet: nothing to explain for '${oneLine(sku)}'\n`);
      return EXIT.FAILED;
    }
    const explained = explainInventory(view.inputs, (s) => s === sku);
    if (!explained.ok) {
      process.stderr.write(`${partner.id}'s snapshot cannot be computed: ${explained.error}\n`);
      return EXIT.FAILED;
    }
    const item = explained.items[0] as ItemExplanation;
    const now = systemClock().now();
    const sync = ledger.inventory.itemSync(partner.id).get(sku);
    const duplicates = view.duplicates.length > 0;
    const doc = {
      partner: partner.id, ...explanationJson(item),
      feed: feedJson(view.feed, now), warehouse: inv.warehouse, bundles: inv.bundles,
      sync_blocked_by_duplicates: duplicates,
      last_sync: sync === undefined ? null : { at: sync.syncedAt, quantity: sync.quantity, output: sync.output },
    };
    if (json) printJson(doc);
    else printHuman(partner.id, item, view.feed, now, inv.warehouse, inv.bundles, duplicates, sync);
    return EXIT.OK;
  } finally {
    ledger.close();
  }
}

function feedJson(feed: FeedRecord, now: Date): Record<string, unknown> {
  return {
    id: feed.id, file: feed.fileName, as_of: feed.asOf, as_of_from: feed.asOfInFile ? 'file' : 'arrival', received_at: feed.receivedAt,
    age_secs: Math.max(0, Math.floor((now.getTime() - Date.parse(feed.asOf)) / 1000)),
  };
}

function explanationJson(e: ItemExplanation): Record<string, unknown> {
  return {
    sku: e.sku, name: e.name, status: e.status, inventory_enabled: e.inventory, filter: e.filter, bundle: e.bundle,
    components: e.components.map((c) => ({
      fcp_sku: c.fcpSku, per_unit: c.perUnit, in_feed: c.inFeed,
      feed_rows: c.feedRows.map((r) => ({ warehouse: r.warehouse, good: r.good, hurt: r.hurt, allocated: r.allocated, counted: r.counted })),
      good: c.good,
      subtracted: c.subtracted.map((l) => ({ partner: l.partner, order_number: l.orderNumber, fcp_order_number: l.fcpOrderNumber, quantity: l.quantity, sent_at: l.sentAt, output: l.output })),
      subtracted_total: c.subtractedTotal, available: c.available, units: c.units,
    })),
    limiting: e.limiting, computed: e.computed, minimum_level: e.minimumLevel, below_minimum: e.belowMinimum,
    quantity: e.quantity, sent: e.sent, left_out: e.leftOut.map((l) => ({ reason: l.reason, message: l.message })),
  };
}

function printHuman(
  partner: string, e: ItemExplanation, feed: FeedRecord, now: Date, warehouse: string, bundles: string, duplicates: boolean,
  sync: { syncedAt: string; quantity: number; output: string } | undefined,
): void {
  const out = (label: string, text: string): void => { process.stdout.write(`${label.padEnd(10)} ${oneLine(text)}\n`); };
  process.stdout.write(`${partner} ${oneLine(e.sku)}${e.name === '' ? '' : ` (${oneLine(e.name)})`}: ${e.sent ? String(e.quantity) : 'not sent'}\n`);
  const filter = e.filter === null ? 'no item filter' : `item filter (${e.filter.mode}): ${e.filter.listed ? 'listed' : 'not listed'}, ${e.filter.passes ? 'passes' : 'filtered out'}`;
  out('item', `${e.status}, inventory ${e.inventory ? 'enabled' : 'disabled'}; ${filter}`);
  const one = e.components[0];
  const mapping = !e.bundle && e.components.length === 1 && one !== undefined
    ? (one.fcpSku === e.sku ? `FCP SKU ${one.fcpSku} (same text)` : `FCP SKU ${one.fcpSku}`)
    : `${e.components.length > 1 ? 'bundle' : 'multi-unit'}: ${e.components.map((c) => `${c.perUnit} × ${c.fcpSku}`).join(' + ')} (bundles: ${bundles})`;
  out('mapping', mapping);
  out('feed', `#${feed.id} ${JSON.stringify(feed.fileName)} as of ${shortTime(feed.asOf)} (${feed.asOfInFile ? 'from the file' : 'its arrival time; the file has no as_of'}), received ${shortTime(feed.receivedAt)}; ${describeAge(now.getTime() - Date.parse(feed.asOf))} old`);
  out('warehouse', warehouse === 'all' ? 'all (good summed over every warehouse)' : `${warehouse} only`);
  for (const c of e.components) describeComponent(c, e, out);
  if (e.components.length > 1 || e.bundle) {
    out('bundle', e.computed === null ? 'cannot be computed: a component is not in the feed' : `min(${e.components.map((c) => c.units).join(', ')}) = ${e.computed}, limited by ${e.limiting ?? '-'}`);
  }
  if (e.computed !== null) {
    out('minimum', e.minimumLevel === 0 ? 'minimum_level 0: no minimum' : `minimum_level ${e.minimumLevel}: ${e.computed} is ${e.belowMinimum ? 'below it → 0' : 'not below it'}`);
  }
  const result = e.sent ? `${String(e.quantity)} — in the next snapshot` : `left out of the snapshot: ${e.leftOut.map((l) => l.message).join('; ')}`;
  out('result', duplicates ? `${result} (but the whole sync fails now: duplicate SKUs in items.csv, see \`fcp-bridge items ${partner}\`)` : result);
  out('last sync', sync === undefined ? 'NEVER' : `${shortTime(sync.syncedAt)}: ${sync.quantity} (${sync.output})`);
}

function describeComponent(c: ComponentExplanation, e: ItemExplanation, out: (label: string, text: string) => void): void {
  const label = `${c.fcpSku} × ${c.perUnit}`;
  if (!c.inFeed) {
    out(label, 'not in the FCP feed');
    return;
  }
  const rows = c.feedRows.map((r) => `${r.warehouse} good ${r.good}${r.counted ? '' : ' (not counted)'}`).join(', ');
  const ignored = c.feedRows.filter((r) => r.counted).reduce((a, r) => ({ hurt: a.hurt + r.hurt, allocated: a.allocated + r.allocated }), { hurt: 0, allocated: 0 });
  out(label, `feed good ${c.good} (${rows}; hurt ${ignored.hurt} and allocated ${ignored.allocated} are never offered)`);
  if (c.subtracted.length === 0) out('', '− 0: no order with it was sent to the FCP after as_of');
  else {
    out('', `− ${c.subtractedTotal} sent to the FCP after as_of:`);
    for (const l of c.subtracted) out('', `    ${l.quantity} in order ${l.orderNumber} (${l.partner}, FCP ${l.fcpOrderNumber}) sent ${shortTime(l.sentAt)} in ${l.output}`);
  }
  const limits = e.limiting === c.fcpSku ? '   ← limits the bundle' : '';
  out('', `= available ${c.available} → floor(${c.available} / ${c.perUnit}) = ${c.units}${limits}`);
}
