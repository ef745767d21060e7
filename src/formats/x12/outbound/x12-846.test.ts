import { describe, expect, it } from 'vitest';
import { ENVELOPE_00401, ENVELOPE_00501, expectGolden, expectReparsesCleanly, recount } from '../../../../test/fixtures/x12-outbound/check-output.js';
import { write846 } from './x12-846.js';
import type { X12InventoryAdvice } from './x12-846.js';

const SNAPSHOT: X12InventoryAdvice = {
  referenceId: 'INV-000042',
  date: '20261122',
  time: '1815',
  skuQualifier: 'SK',
  items: [
    { sku: '101BC', quantity: 25 },
    { sku: '102NR/B', quantity: 0 },
    { sku: '00123', quantity: 999999 },
  ],
};

describe('write846', () => {
  it('golden: BIA, one LIN/QTY per item, CTT, 00401', () => {
    const { text, adjustments } = write846(SNAPSHOT, ENVELOPE_00401);
    expectGolden('846-00401.edi', text);
    expect(adjustments).toEqual([]);
    expectReparsesCleanly(text);
  });

  it('CTT01 equals the number of LIN segments, recounted', () => {
    const items = Array.from({ length: 250 }, (_, i) => ({ sku: `SKU-${i}`, quantity: i }));
    const { text } = write846({ ...SNAPSHOT, items }, ENVELOPE_00501);
    const [set] = recount(text).sets;
    const lin = set?.segments.filter((s) => s[0] === 'LIN') ?? [];
    expect(lin).toHaveLength(250);
    expect(set?.segments.filter((s) => s[0] === 'QTY')).toHaveLength(250);
    expect(set?.segments.find((s) => s[0] === 'CTT')).toEqual(['CTT', '250']);
    expect(set?.segments.at(-1)).toEqual(['SE', String(2 + 1 + 250 * 2 + 1), '0007']);
    expectReparsesCleanly(text);
  });

  it('uses the partner SKU qualifier and keeps SKUs as text (leading zeros stay)', () => {
    const { text } = write846({ ...SNAPSHOT, skuQualifier: 'VP', time: undefined }, ENVELOPE_00401);
    expect(text).toContain('BIA*00*SI*INV-000042*20261122~');
    expect(text).toContain('LIN**VP*00123~\nQTY*33*999999*EA~');
  });

  it('sanitises a SKU that carries delimiters and reports it', () => {
    const { text, adjustments } = write846({ ...SNAPSHOT, items: [{ sku: 'BAD*SKU~1', quantity: 3 }] }, ENVELOPE_00401);
    expect(text).toContain('LIN**SK*BAD SKU 1~');
    expect(adjustments.map((a) => a.element)).toEqual(['LIN03']);
    expectReparsesCleanly(text);
  });

  it.each([-1, 1.5, Number.NaN])('refuses quantity %s (the snapshot planner gives whole numbers ≥ 0)', (quantity) => {
    expect(() => write846({ ...SNAPSHOT, items: [{ sku: 'A', quantity }] }, ENVELOPE_00401)).toThrow('whole number');
  });

  it('refuses a malformed date', () => {
    expect(() => write846({ ...SNAPSHOT, date: '2026-11-22' }, ENVELOPE_00401)).toThrow('CCYYMMDD');
  });
});
