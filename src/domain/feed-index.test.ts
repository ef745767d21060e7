import { describe, expect, it } from 'vitest';
import { feedColumns, FeedIndex } from './feed-index.js';

const indexOf = (rows: Parameters<typeof feedColumns>[0]): FeedIndex => new FeedIndex(feedColumns(rows));

const ROWS = [
  { sku: 'A', warehouse: 'EAST', good: 6, hurt: 3, allocated: 4 },
  { sku: 'B', warehouse: 'EAST', good: 7, hurt: 0, allocated: 0 },
  { sku: 'A', warehouse: 'WEST', good: 4, hurt: 1, allocated: 2 },
  { sku: 'A', warehouse: 'NORTH', good: 1, hurt: 0, allocated: 0 },
];

describe('FeedIndex', () => {
  it('sums good per SKU over every warehouse, or takes one; hurt and allocated are never counted', () => {
    const index = indexOf(ROWS);
    expect(index.goodOf('A', 'all')).toBe(11);
    expect(index.goodOf('A', 'WEST')).toBe(4);
    expect(index.goodOf('B', 'WEST')).toBe(0); // in the feed, not in that warehouse
    expect(index.goodOf('NOPE', 'all')).toBeUndefined();
  });

  it('keeps every row of a SKU in file order, and knows its SKUs and warehouses', () => {
    const index = indexOf(ROWS);
    expect(index.rowsOf('A').map((r) => [r.warehouse, r.good, r.hurt, r.allocated])).toEqual([['EAST', 6, 3, 4], ['WEST', 4, 1, 2], ['NORTH', 1, 0, 0]]);
    expect(index.rowsOf('NOPE')).toEqual([]);
    expect([index.size, [...index], index.has('B'), index.has('b')]).toEqual([2, ['A', 'B'], true, false]);
    expect([index.warehouses(), index.hasWarehouse('WEST'), index.hasWarehouse('SOUTH')]).toEqual([['EAST', 'WEST', 'NORTH'], true, false]);
  });

  it('is empty for a feed without rows', () => {
    expect([indexOf([]).size, indexOf([]).goodOf('A', 'all'), indexOf([]).warehouses()]).toEqual([0, undefined, []]);
  });
});
