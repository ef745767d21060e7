import { describe, expect, it } from 'vitest';
import { ENVELOPE_00401, ENVELOPE_00501, expectGolden, expectReparsesCleanly, recount } from '../../../../test/fixtures/x12-outbound/check-output.js';
import { write945 } from './x12-945.js';
import type { X12WarehouseShippingAdvice } from './x12-945.js';

const ADVICE: X12WarehouseShippingAdvice = {
  depositorOrderNumber: 'ORD-5521',
  purchaseOrder: 'PO-778899',
  shipmentId: 'SHP-000042',
  shipDate: '20261121',
  shipTo: { name: 'Ada Lovelace', address1: '12 Example Street', address2: 'Suite 5', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' },
  carrierScac: 'UPSN',
  service: 'UPS Ground',
  packages: [
    { trackingNumber: '1Z999AA10123456784', weightLbs: 3.25, items: [{ sku: '101BC', quantity: 2, skuQualifier: 'SK', orderedQuantity: 2 }, { sku: '102NR/B', quantity: 1, skuQualifier: 'SK', orderedQuantity: 3 }] },
    { trackingNumber: '1Z999AA10123456791', weightLbs: 1.5, items: [{ sku: '102NR/B', quantity: 2, skuQualifier: 'SK' }] },
  ],
};

const segmentsOf = (text: string): string[][] => recount(text).sets[0]?.segments ?? [];

describe('write945', () => {
  it('golden: W06, N1*ST loop, G62, W27, LX/MAN/W12 per package, W03, 00401', () => {
    const { text, adjustments } = write945(ADVICE, ENVELOPE_00401);
    expectGolden('945-00401.edi', text);
    expect(adjustments).toEqual([]);
    expectReparsesCleanly(text);
  });

  it('W03 totals the W12 shipped units and the package weights; LX counts 1, 2, …', () => {
    const segments = segmentsOf(write945(ADVICE, ENVELOPE_00501).text);
    const shipped = segments.filter((s) => s[0] === 'W12').reduce((sum, s) => sum + Number(s[3]), 0);
    expect(shipped).toBe(5);
    expect(segments.find((s) => s[0] === 'W03')).toEqual(['W03', '5', '4.75', 'LB']);
    expect(segments.filter((s) => s[0] === 'LX').map((s) => s[1])).toEqual(['1', '2']);
  });

  it('W12: CC when complete, CP with the difference when short, no invented ordered quantity', () => {
    const w12 = segmentsOf(write945(ADVICE, ENVELOPE_00401).text).filter((s) => s[0] === 'W12').map((s) => s.join('*'));
    expect(w12).toEqual(['W12*CC*2*2*0*EA**SK*101BC', 'W12*CP*3*1*2*EA**SK*102NR/B', 'W12*CC**2**EA**SK*102NR/B']);
  });

  it('W06-02 carries the 940 W05-02; optional parts are left out cleanly', () => {
    const { text } = write945({ depositorOrderNumber: 'ORD-1', shipDate: '20261121', carrierScac: 'FDEG', transportationMethod: 'U', packages: [{ trackingNumber: '7946', items: [{ sku: 'A', quantity: 1, skuQualifier: 'VN' }] }] }, ENVELOPE_00401);
    expect(segmentsOf(text).map((s) => s.join('*'))).toEqual([
      'ST*945*0007', 'W06*F*ORD-1*20261121', 'G62*11*20261121', 'W27*U*FDEG', 'LX*1', 'MAN*CP*7946', 'W12*CC**1**EA**VN*A', 'W03*1', 'SE*9*0007',
    ]);
    expectReparsesCleanly(text);
  });

  it('one 945 per order, several in one GS*SW group', () => {
    const { text } = write945([ADVICE, { ...ADVICE, depositorOrderNumber: 'ORD-5522' }], { ...ENVELOPE_00401, controlNumbers: { isa: 42, gs: 17, st: [7, 8] } });
    const { sets, segments } = recount(text);
    expect(segments[1]?.[1]).toBe('SW');
    expect(sets.map((s) => s.segments[1]?.[2])).toEqual(['ORD-5521', 'ORD-5522']);
    expectReparsesCleanly(text);
  });
});
