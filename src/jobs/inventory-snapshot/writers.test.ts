import { describe, expect, it } from 'vitest';
import { renderInventorySnapshot } from './writers.js';

describe('inventory CSV writer', () => {
  it('writes every row once, in order, across its internal chunks, with CRLF ends and safe cells', () => {
    const rows = Array.from({ length: 10_001 }, (_, i) => ({ sku: i === 5000 ? '=HYPERLINK("x")' : `SKU-${i}`, quantity: i % 7 }));
    const doc = { rows, asOf: '2026-11-22T10:00:00.000Z', at: new Date('2026-11-22T10:05:00Z'), timezone: 'UTC', x12: null };
    const text = renderInventorySnapshot('csv', doc).content.toString('utf8');
    const lines = text.split('\r\n');
    expect(lines.length).toBe(rows.length + 2); // header, rows, and the empty string after the last CRLF
    expect([lines[0], lines[1], lines[4097], lines[10_001], lines.at(-1)]).toEqual(['sku,quantity,as_of', 'SKU-0,0,2026-11-22T10:00:00Z', 'SKU-4096,1,2026-11-22T10:00:00Z', 'SKU-10000,4,2026-11-22T10:00:00Z', '']);
    expect(lines[5001]).toBe(`"'=HYPERLINK(""x"")",2,2026-11-22T10:00:00Z`);
    expect(renderInventorySnapshot('csv', { ...doc, rows: [] }).content.toString()).toBe('sku,quantity,as_of\r\n');
  });
});
