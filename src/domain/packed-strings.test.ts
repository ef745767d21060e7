import { describe, expect, it } from 'vitest';
import { PackedCursor, packItems, packStrings, unpackItems, unpackStrings } from './packed-strings.js';

describe('packed strings', () => {
  const values = ['A', '', 'Bé😀', 'A', 'long-sku-0000000000000001', '\n,"'];

  it('reads every part back in order, through JSON, empty strings and surrogate pairs included', () => {
    const packed = JSON.parse(JSON.stringify(packStrings(values))) as ReturnType<typeof packStrings>;
    expect([...unpackStrings(packed)]).toEqual(values);
    expect([...unpackStrings(packStrings([]))]).toEqual([]);
  });

  it('compares the current part without confusing a prefix or a neighbour', () => {
    const cursor = new PackedCursor(packStrings(['AB', 'C']));
    expect([cursor.equals('AB'), cursor.equals('A'), cursor.equals('ABC')]).toEqual([true, false, false]);
    cursor.next();
    expect([cursor.equals('C'), cursor.equals('B'), cursor.done]).toEqual([true, false, false]);
    cursor.next();
    expect(cursor.done).toBe(true);
  });

  it('keeps items with their quantities', () => {
    expect([...unpackItems(packItems([{ sku: 'X', quantity: 3 }, { sku: 'Y😀', quantity: 0 }]))]).toEqual([['X', 3], ['Y😀', 0]]);
  });
});
