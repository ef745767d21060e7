import { describe, expect, it } from 'vitest';
import { readItems, readYesNo, storeItemList } from './items.js';

describe('readItems', () => {
  it('reads active and inventory flags with their defaults', () => {
    const text = '\uFEFFsku,name,active,inventory\r\n# items\r\n00123,Widget,Yes,NO\r\nB-2,Gadget,,\r\n\r\nC3,Gizmo,1,y\r\n';
    expect(readItems(text, 'items.csv')).toEqual({
      ok: true,
      warnings: [],
      value: {
        items: [
          { sku: '00123', name: 'Widget', active: true, inventory: false, line: 3 },
          { sku: 'B-2', name: 'Gadget', active: false, inventory: true, line: 4 },
          { sku: 'C3', name: 'Gizmo', active: true, inventory: true, line: 6 },
        ],
        duplicates: [],
      },
    });
  });

  it('defaults absent columns: active no, inventory yes', () => {
    expect(readItems('sku\nA\n', 'items.csv')).toMatchObject({ ok: true, value: { items: [{ sku: 'A', name: '', active: false, inventory: true, line: 2 }] } });
  });

  it('lists duplicate and blank SKUs with all their lines instead of failing', () => {
    const text = 'sku,name,active\nA,one,yes\nB,two,yes\n,nameless,no\nA,again,no\nSKU-A,x,\nA,third,\n,also nameless,\n';
    const result = readItems(text, 'items.csv');
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(result.value.duplicates).toEqual([{ sku: 'A', lines: [2, 5, 7] }, { sku: '', lines: [4, 8] }]);
    expect(result.value.items.map((i) => i.line)).toEqual([2, 3, 5, 6, 7]);
  });

  it('reports a single blank SKU as a duplicate too', () => {
    expect(readItems('sku,name\n,x\n', 'items.csv')).toMatchObject({ ok: true, value: { items: [], duplicates: [{ sku: '', lines: [2] }] } });
  });

  it('rejects flags that are not yes or no, with their lines', () => {
    expect(readItems('sku,active,inventory\nA,maybe,yes\nB,yes,2\n', 'items.csv')).toEqual({
      ok: false,
      problems: [
        { file: 'items.csv', line: 2, message: "active 'maybe' is not yes or no" },
        { file: 'items.csv', line: 3, message: "inventory '2' is not yes or no" },
      ],
    });
  });
});

describe('readYesNo', () => {
  it.each([['YES', true], ['y', true], ['True', true], ['1', true], ['no', false], ['N', false], ['FALSE', false], ['0', false]] as const)(
    '%s is %s', (text, expected) => { expect(readYesNo(text, false)).toBe(expected); },
  );
  it('uses the default for blank and refuses other text', () => {
    expect(readYesNo('', true)).toBe(true);
    expect(readYesNo('', false)).toBe(false);
    expect(readYesNo('yes please', false)).toBeUndefined();
  });
});

describe('storeItemList', () => {
  it('gives back every row as read, duplicates and blank names included, as often as it is walked', () => {
    const read = readItems('sku,name,active,inventory\nA,Apple,yes,no\nB,,no,yes\nA,Apple again,yes,yes\n,x,yes,yes\n', 'items.csv');
    if (!read.ok) throw new Error('items.csv refused');
    const stored = storeItemList(read.value);
    expect([...stored.items]).toEqual(read.value.items);
    expect([...stored.items]).toEqual(read.value.items);
    expect(stored.duplicates).toEqual([{ sku: 'A', lines: [2, 4] }, { sku: '', lines: [5] }]);
  });
});
