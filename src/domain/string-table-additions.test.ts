// StringTable/StringList.reserve and detach (added for the mapping loads), apart from string-table.test.ts while that is reworked elsewhere.
import { describe, expect, it } from 'vitest';
import { StringList, StringTable } from './string-table.js';

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
