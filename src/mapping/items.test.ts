import { describe, expect, it } from 'vitest';
import { readItems, readYesNo } from './items.js';
import type { StoredItemList } from './items.js';

function listOf(text: string): StoredItemList {
  const result = readItems(text, 'items.csv');
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

describe('readItems', () => {
  it('reads active and inventory flags with their defaults', () => {
    const text = '\uFEFFsku,name,active,inventory\r\n# items\r\n00123,Widget,Yes,NO\r\nB-2,Gadget,,\r\n\r\nC3,Gizmo,1,y\r\n';
    const result = readItems(text, 'items.csv');
    expect(result).toMatchObject({ ok: true, warnings: [] });
    const list = listOf(text);
    expect([...list.items]).toEqual([
      { sku: '00123', name: 'Widget', active: true, inventory: false, line: 3, repeat: false },
      { sku: 'B-2', name: 'Gadget', active: false, inventory: true, line: 4, repeat: false },
      { sku: 'C3', name: 'Gizmo', active: true, inventory: true, line: 6, repeat: false },
    ]);
    expect(list.duplicates).toEqual([]);
  });

  it('defaults absent columns: active no, inventory yes', () => {
    expect([...listOf('sku\nA\n').items]).toEqual([{ sku: 'A', name: '', active: false, inventory: true, line: 2, repeat: false }]);
  });

  it('lists duplicate and blank SKUs with all their lines instead of failing', () => {
    const text = 'sku,name,active\nA,one,yes\nB,two,yes\n,nameless,no\nA,again,no\nSKU-A,x,\nA,third,\n,also nameless,\n';
    const list = listOf(text);
    expect(list.duplicates).toEqual([{ sku: 'A', lines: [2, 5, 7] }, { sku: '', lines: [4, 8] }]);
    expect([...list.items].map((i) => [i.line, i.repeat])).toEqual([[2, false], [3, false], [5, true], [6, false], [7, true]]);
  });

  it('reports a single blank SKU as a duplicate too', () => {
    const list = listOf('sku,name\n,x\n');
    expect([...list.items]).toEqual([]);
    expect(list.duplicates).toEqual([{ sku: '', lines: [2] }]);
    expect([list.size, list.has('')]).toEqual([0, false]);
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

describe('the stored item list', () => {
  it('gives back every row as read, duplicates and blank names included, as often as it is walked', () => {
    const list = listOf('sku,name,active,inventory\nA,Apple,yes,no\nB,,no,yes\nA,Apple again,yes,yes\n,x,yes,yes\n');
    const rows = [
      { sku: 'A', name: 'Apple', active: true, inventory: false, line: 2, repeat: false },
      { sku: 'B', name: '', active: false, inventory: true, line: 3, repeat: false },
      { sku: 'A', name: 'Apple again', active: true, inventory: true, line: 4, repeat: true },
    ];
    expect([...list.items]).toEqual(rows);
    expect([...list.items]).toEqual(rows);
    expect(list.duplicates).toEqual([{ sku: 'A', lines: [2, 4] }, { sku: '', lines: [5] }]);
  });

  it('answers has and size from its SKUs: rows with a SKU, repeats counted', () => {
    const list = listOf('sku\nA\nB\nA\n\n"  "\nC\n');
    expect(list.size).toBe(4);
    expect(['A', 'B', 'C', 'D', '', 'a', ' A'].map((sku) => list.has(sku))).toEqual([true, true, true, false, false, false, false]);
  });

  it('orders duplicates by where their SKU first appears, the blank SKU included, as the row-by-row rule did', () => {
    // The rule as first written: a map of first lines in order of first appearance, lines kept once a SKU repeats.
    const expected = (skus: string[]): { sku: string; lines: number[] }[] => {
      const firstLine = new Map<string, number>();
      const repeated = new Map<string, number[]>();
      skus.forEach((sku, i) => {
        const line = i + 2;
        const first = firstLine.get(sku);
        if (first === undefined) firstLine.set(sku, line);
        else repeated.set(sku, [...(repeated.get(sku) ?? [first]), line]);
      });
      return [...firstLine].filter(([sku]) => sku === '' || repeated.has(sku)).map(([sku, line]) => ({ sku, lines: repeated.get(sku) ?? [line] }));
    };
    let seed = 11;
    const next = (n: number): number => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return (seed >>> 16) % n; };
    for (let round = 0; round < 500; round += 1) {
      const skus = Array.from({ length: next(30) }, () => ['', 'A', 'B', 'C', 'D', 'E', 'F', 'G'][next(8)] as string);
      // A name on every row, so that a blank SKU still makes a row.
      const list = listOf(`sku,name\n${skus.map((sku) => `${sku},n\n`).join('')}`);
      expect(list.duplicates, skus.join('|')).toEqual(expected(skus));
      expect([...list.items].map((i) => i.sku)).toEqual(skus.filter((sku) => sku !== ''));
    }
  });
});
