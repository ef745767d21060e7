import type { Config } from '../../config/types.js';
import { inventoryView } from '../../jobs/inventory-snapshot/inputs.js';
import { explainInventory } from '../../jobs/inventory-snapshot/plan.js';
import { EXIT } from '../context.js';
import { printJson, renderTable } from '../table.js';
import { partnerOrUsage, partnerMappingsOrReport, shortTime } from './inventory-inputs.js';
import { openLedger } from './orders.js';

/**
 * `product-sync P [--json]` (the seeds' "View Product Sync"): per SKU, inventory enabled, the last
 * time a snapshot carrying it was delivered (NEVER if none) and the quantity it said; for NEVER,
 * why the item is not sent.
 */
export function productSyncCommand(config: Config, partnerId: string, json: boolean): number {
  const partner = partnerOrUsage(config, partnerId);
  const mappings = partnerMappingsOrReport(config, partner.id);
  if (mappings === null) return EXIT.FAILED;
  const ledger = openLedger(config);
  try {
    const inv = partner.inventory;
    const rules = { warehouse: inv?.warehouse ?? 'all', minimumLevel: inv?.minimum_level ?? 0, bundles: inv?.bundles ?? 'compute' };
    const view = inventoryView(ledger, partner.id, mappings, rules);
    const synced = ledger.inventory.itemSync(partner.id);
    const explained = view.inputs === undefined ? undefined : explainInventory(view.inputs);
    const why = new Map(explained?.ok === true ? explained.items.map((e) => [e.sku, e.leftOut.map((l) => l.message).join('; ')]) : []);
    const globalNote = inv === null ? 'the partner has no inventory: section'
      : explained === undefined ? 'no FCP inventory feed has arrived yet'
        : !explained.ok ? explained.error : view.duplicates.length > 0 ? 'inventory sync fails: duplicate SKUs in items.csv' : '';
    const listedItems = [...view.items];
    const rows = listedItems.map((i) => {
      const s = synced.get(i.sku);
      return {
        sku: i.sku, inventory_enabled: i.inventory, last_sync: s?.syncedAt ?? null, last_quantity: s?.quantity ?? null, output: s?.output ?? null,
        note: (why.get(i.sku) ?? '') || (s === undefined ? globalNote : ''),
      };
    });
    // SKUs once sent but no longer on the list keep their last values (the partner still shows them).
    const listed = new Set(listedItems.map((i) => i.sku));
    for (const [sku, s] of [...synced].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (!listed.has(sku)) rows.push({ sku, inventory_enabled: true, last_sync: s.syncedAt, last_quantity: s.quantity, output: s.output, note: 'no longer in the item list' });
    }
    if (json) {
      printJson(rows);
      return EXIT.OK;
    }
    process.stdout.write(renderTable(['SKU', 'INVENTORY ENABLED', 'LAST SYNC', 'LAST QUANTITY', 'NOTE'], rows.map((r) => [
      r.sku, r.inventory_enabled ? 'yes' : 'no', r.last_sync === null ? 'NEVER' : shortTime(r.last_sync), r.last_quantity === null ? '-' : String(r.last_quantity), r.note,
    ])));
    process.stdout.write(`${rows.length} SKU(s), ${rows.filter((r) => r.last_sync === null).length} never synced\n`);
    return EXIT.OK;
  } finally {
    ledger.close();
  }
}
