import { describe, expect, it } from 'vitest';
import { readCatalog } from './catalog.js';

describe('readCatalog', () => {
  it('reads sku and name, keeping # SKUs and ignoring extra columns with a warning', () => {
    const result = readCatalog('\uFEFFSKU,Name,Price\r\n#100,Widget,9.99\r\n\r\n00123,Gadget,1\r\n', 'acme-items.csv');
    expect(result).toEqual({
      ok: true,
      value: [{ sku: '#100', name: 'Widget' }, { sku: '00123', name: 'Gadget' }],
      warnings: [{ file: 'acme-items.csv', line: 1, message: "Unknown column(s) 'Price'; expected sku,name" }],
    });
  });

  it('works without a name column', () => {
    expect(readCatalog('sku\nA\n', 'c.csv')).toEqual({ ok: true, value: [{ sku: 'A', name: '' }], warnings: [] });
  });

  it('skips blank and repeated SKUs with warnings at their lines', () => {
    expect(readCatalog('sku,name\nA,x\n,y\nA,z\n', 'c.csv')).toEqual({
      ok: true,
      value: [{ sku: 'A', name: 'x' }],
      warnings: [
        { file: 'c.csv', line: 3, message: 'Blank sku; row skipped' },
        { file: 'c.csv', line: 4, message: "sku 'A' is already listed at line 2; row skipped" },
      ],
    });
  });

  it('fails without a sku column', () => {
    expect(readCatalog('name\nx\n', 'c.csv')).toMatchObject({ ok: false, problems: [{ line: 1, message: 'Missing required column(s) sku' }] });
  });
});
