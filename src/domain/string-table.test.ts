import { describe, expect, it } from 'vitest';
import { StringList, StringTable } from './string-table.js';

describe('StringTable', () => {
  it('gives each distinct string one dense id, in the order first added, and finds it again', () => {
    const table = new StringTable();
    expect(['A', 'B', 'A', '', 'ä€😀', 'B'].map((s) => table.add(s))).toEqual([0, 1, 0, 2, 3, 1]);
    expect([table.get('A'), table.get('ä€😀'), table.get(''), table.get('a'), table.get('AB')]).toEqual([0, 3, 2, -1, -1]);
    expect([table.size, [...table], table.at(3), table.has('B'), table.has('C')]).toEqual([4, ['A', 'B', '', 'ä€😀'], 'ä€😀', true, false]);
  });

  it('agrees with a Map over many keys, across chunk boundaries and table growth, prefixes included', () => {
    const table = new StringTable();
    const map = new Map<string, number>();
    for (let i = 0; i < 20_000; i += 1) {
      // Keys that are prefixes of one another, and repeats.
      const key = i % 3 === 0 ? `SKU${i}` : i % 3 === 1 ? `SKU${i}-X` : `SKU${Math.floor(i / 7)}`;
      if (!map.has(key)) map.set(key, map.size);
      expect(table.add(key)).toBe(map.get(key));
    }
    for (const [key, id] of map) {
      expect(table.get(key)).toBe(id);
      expect(table.at(id)).toBe(key);
    }
    expect([table.get('SKU'), table.get('SKU1-'), table.size]).toEqual([-1, -1, map.size]);
  });
});

describe('StringList', () => {
  it('keeps repeats and reads every string back by position, also while a chunk is being filled', () => {
    const list = new StringList();
    const values = Array.from({ length: 10_000 }, (_, i) => (i % 5 === 0 ? '' : `name ${i % 777}`));
    values.forEach((v, i) => expect(list.push(v)).toBe(i));
    expect(list.length).toBe(values.length);
    values.forEach((v, i) => {
      expect(list.at(i)).toBe(v);
      expect(list.equals(i, v)).toBe(true);
    });
    expect([list.equals(1, 'name 2'), list.equals(1, 'name 1 ')]).toEqual([false, false]);
  });
});


describe('reserve', () => {
  it('changes no answer of a table, whether called empty, part-filled or with less than it holds', () => {
    const keys = Array.from({ length: 5000 }, (_, i) => `SKU${i % 3 === 0 ? i : i * 7}`);
    const plain = new StringTable();
    const reserved = new StringTable();
    reserved.reserve(100);
    keys.forEach((key, i) => {
      if (i === 50) reserved.reserve(6000);
      if (i === 60) reserved.reserve(10);
      expect(reserved.add(key)).toBe(plain.add(key));
    });
    expect([...reserved]).toEqual([...plain]);
    for (const key of [...keys, 'SKU', 'x']) expect(reserved.get(key)).toBe(plain.get(key));
  });

  it('changes no string of a list, before or after its first chunk', () => {
    const values = Array.from({ length: 9000 }, (_, i) => `name ${i}`);
    const list = new StringList();
    values.forEach((v, i) => {
      if (i === 0) list.reserve(3);
      if (i === 5000) list.reserve(20_000);
      list.push(v);
    });
    values.forEach((v, i) => expect(list.at(i)).toBe(v));
  });
});

describe('detach', () => {
  it('changes no string, in the chunk being filled or before it, and pushing goes on after it', () => {
    const text = Array.from({ length: 6000 }, (_, i) => `a rather long value number ${i}`).join('\n');
    const values = text.split('\n');
    const list = new StringList();
    const table = new StringTable();
    values.slice(0, 5000).forEach((v) => { list.push(v); table.add(v); });
    list.detach();
    table.detach();
    values.slice(5000).forEach((v) => { list.push(v); table.add(v); });
    values.forEach((v, i) => {
      expect(list.at(i)).toBe(v);
      expect(list.equals(i, v)).toBe(true);
      expect(table.get(v)).toBe(i);
    });
    expect(() => new StringList().detach()).not.toThrow();
  });
});
