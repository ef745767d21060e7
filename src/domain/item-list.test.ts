import { describe, expect, it } from 'vitest';
import { SkuMap } from '../mapping/sku-map.js';
import { readItems } from '../mapping/items.js';
import { buildItemList, describeDuplicates, type ItemListInput } from './item-list.js';

const skus = new SkuMap([{ partnerSku: 'KIT', components: [{ fcpSku: 'A', quantity: 1 }, { fcpSku: 'B', quantity: 2 }] }]);
/** items.csv read for real: `rows` are `sku,active[,inventory]`, one per line from line 2. */
function itemsCsv(...rows: string[]): NonNullable<ItemListInput['items']> {
  const read = readItems(`sku,active,inventory\n${rows.join('\n')}\n`, 'items.csv');
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return read.value;
}

describe('buildItemList', () => {
  it('gives NEW / ACTIVE / NO MATCH from items.csv, the catalog and the orders', () => {
    const list = buildItemList({
      items: itemsCsv('A,yes', 'B,no', 'KIT,yes,no', 'GONE,yes'),
      catalog: [{ sku: 'A', name: '' }, { sku: 'B', name: '' }, { sku: 'KIT', name: '' }, { sku: 'CAT', name: 'From the cart' }],
      orderSkus: ['ORD', 'A'],
      skus,
      fcpSkus: new Set(['A', 'B']),
    });
    expect(list.items.map((i) => [i.sku, i.status, i.inventory, i.fcpMatch, i.inItems, i.inCatalog, i.inOrders])).toEqual([
      ['A', 'ACTIVE', true, true, true, true, true],
      ['B', 'NEW', true, true, true, true, false],
      ['KIT', 'ACTIVE', false, true, true, true, false],
      ['GONE', 'NO MATCH', true, false, true, false, false],
      ['CAT', 'NEW', true, false, false, true, false],
      ['ORD', 'NEW', true, false, false, false, true],
    ]);
    expect(list.items[2]).toMatchObject({ mapped: true, mapping: [{ fcpSku: 'A', quantity: 1 }, { fcpSku: 'B', quantity: 2 }] });
    expect(list.items[4]?.name).toBe('From the cart');
  });

  it('is ACTIVE without a catalog, and FCP match is unknown before any feed', () => {
    const list = buildItemList({ items: itemsCsv('A,yes'), catalog: null, orderSkus: [], skus, fcpSkus: null });
    expect(list.items).toMatchObject([{ sku: 'A', status: 'ACTIVE', fcpMatch: null, mapped: false, mapping: [{ fcpSku: 'A', quantity: 1 }] }]);
  });

  it('flags duplicate SKUs with every line, and keeps blank ones in the duplicate list', () => {
    const list = buildItemList({
      items: itemsCsv('A,yes', ',no', 'A,no', ',yes'),
      catalog: null, orderSkus: [], skus, fcpSkus: null,
    });
    // The first row speaks for a repeated SKU.
    expect(list.items).toMatchObject([{ sku: 'A', status: 'ACTIVE', duplicateLines: [2, 4] }]);
    expect(describeDuplicates('mappings/acme/items.csv', list.duplicates)).toBe("duplicate SKUs in mappings/acme/items.csv: 'A' at lines 2, 4; blank SKU at lines 3, 5");
  });
});
