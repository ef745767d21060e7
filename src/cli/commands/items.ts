import type { Config } from '../../config/types.js';
import { describeDuplicates, type ListedItem } from '../../domain/item-list.js';
import { itemListFor } from '../../jobs/inventory-snapshot/inputs.js';
import { EXIT } from '../context.js';
import { printJson, renderTable } from '../table.js';
import { partnerOrUsage, partnerMappingsOrReport } from './inventory-inputs.js';
import { openLedger } from './orders.js';

/** `items P [--json]`: the partner's item list (SPEC §11): status, mapping, FCP match, duplicates. */
export function itemsCommand(config: Config, partnerId: string, json: boolean): number {
  const partner = partnerOrUsage(config, partnerId);
  const mappings = partnerMappingsOrReport(config, partner.id);
  if (mappings === null) return EXIT.FAILED;
  const ledger = openLedger(config);
  try {
    const list = itemListFor(ledger, partner.id, mappings);
    const feedKnown = ledger.inventory.latestFeed() !== undefined;
    const blanks = list.duplicates.filter((d) => d.sku === '');
    if (json) {
      printJson([
        ...list.items.map(itemJson),
        // A blank SKU is a duplicate too (SPEC §4): listed so a script sees every line to fix.
        ...blanks.map((d) => ({ sku: '', name: '', status: null, inventory_enabled: null, mapping: [], fcp_match: null, duplicate_lines: d.lines, in_items_csv: true, in_catalog: false, in_orders: false })),
      ]);
      return EXIT.OK;
    }
    const rows = list.items.map((i) => [
      i.sku, i.name, describeMapping(i), i.status, i.inventory ? 'yes' : 'no',
      i.fcpMatch === null ? '-' : i.fcpMatch ? 'yes' : 'no', i.duplicateLines === null ? '' : `DUPLICATE lines ${i.duplicateLines.join(', ')}`,
    ]);
    for (const d of blanks) rows.push(['(blank)', '', '', '', '', '', `DUPLICATE lines ${d.lines.join(', ')}`]);
    process.stdout.write(renderTable(['SKU', 'NAME', 'MAPPING', 'STATUS', 'INVENTORY', 'FCP MATCH', 'DUPLICATE'], rows));
    const counts = (['ACTIVE', 'NEW', 'NO MATCH'] as const).map((s) => `${list.items.filter((i) => i.status === s).length} ${s}`).join(', ');
    process.stdout.write(`${list.items.length} item(s): ${counts}\n`);
    if (!feedKnown) process.stdout.write('no FCP inventory feed has arrived yet: FCP MATCH is unknown\n');
    if (list.duplicates.length > 0) {
      process.stdout.write(`inventory sync for ${partner.id} fails until fixed: ${describeDuplicates(partner.mappings.items ?? 'items.csv', list.duplicates)}\n`);
    }
    return EXIT.OK;
  } finally {
    ledger.close();
  }
}

function itemJson(i: ListedItem): Record<string, unknown> {
  return {
    sku: i.sku, name: i.name, status: i.status, inventory_enabled: i.inventory,
    mapping: i.mapping.map((c) => ({ fcp_sku: c.fcpSku, quantity: c.quantity })),
    fcp_match: i.fcpMatch, duplicate_lines: i.duplicateLines, in_items_csv: i.inItems, in_catalog: i.inCatalog, in_orders: i.inOrders,
  };
}

/** `(same)` for an unmapped SKU, `→ 101BC` for a rename, `1 × A + 2 × B` for a bundle or multi-pack. */
export function describeMapping(i: Pick<ListedItem, 'mapped' | 'mapping'>): string {
  if (!i.mapped) return '(same)';
  if (i.mapping.length === 1 && i.mapping[0]?.quantity === 1) return `→ ${i.mapping[0].fcpSku}`;
  return i.mapping.map((c) => `${c.quantity} × ${c.fcpSku}`).join(' + ');
}
