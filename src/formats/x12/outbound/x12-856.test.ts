import { describe, expect, it } from 'vitest';
import { ENVELOPE_00401, ENVELOPE_00501, expectGolden, expectReparsesCleanly, recount } from '../../../../test/fixtures/x12-outbound/check-output.js';
import { write856 } from './x12-856.js';
import type { X12ShipNotice } from './x12-856.js';

const NOTICE: X12ShipNotice = {
  shipmentId: 'SHP-000042',
  shipDate: '20261121',
  time: '1630',
  shipFrom: { name: 'EFS Warehouse 1', address1: '500 Dock Road', city: 'Reno', state: 'NV', postalCode: '89502', country: 'US' },
  shipTo: { name: 'Ada Lovelace', idQualifier: '92', id: 'STORE-7', address1: '12 Example Street', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' },
  orders: [
    {
      purchaseOrder: 'PO-1001',
      orderDate: '20261120',
      packages: [
        { trackingNumber: '1Z999AA10123456784', carrierScac: 'UPSN', service: 'UPS Ground', weightLbs: 3.25, items: [{ sku: '101BC', quantity: 2, skuQualifier: 'SK', orderedQuantity: 2 }, { sku: '102NR/B', quantity: 1, skuQualifier: 'SK' }] },
        { trackingNumber: '1Z999AA10123456791', carrierScac: 'UPSN', service: 'UPS Ground', weightLbs: 1.5, items: [{ sku: '102NR/B', quantity: 2, skuQualifier: 'SK' }] },
      ],
    },
    {
      purchaseOrder: 'PO-1002',
      packages: [{ trackingNumber: '794612345678', carrierScac: 'FDEG', service: 'FedEx Ground', weightLbs: 10, items: [{ sku: '00123', quantity: 6, skuQualifier: 'UP' }] }],
    },
  ],
};

interface Hl {
  id: string;
  parent: string;
  level: string;
  childFlag: string;
}

/**
 * Checks the HL tree from the segments alone: HL01 = 1, 2, 3…; HL02 names an earlier HL one
 * level up (S → O → P → I); HL04 is 1 exactly when a later HL names this one as parent.
 */
function hierarchyProblems(segments: string[][]): string[] {
  const hls: Hl[] = segments.filter((s) => s[0] === 'HL').map((s) => ({ id: s[1] ?? '', parent: s[2] ?? '', level: s[3] ?? '', childFlag: s[4] ?? '' }));
  const parentLevel: Record<string, string> = { S: '', O: 'S', P: 'O', I: 'P' };
  const problems: string[] = [];
  hls.forEach((hl, i) => {
    if (hl.id !== String(i + 1)) problems.push(`HL01 ${hl.id} at index ${i}`);
    const parent = hls.find((p) => p.id === hl.parent);
    const expectedParentLevel = parentLevel[hl.level];
    if (expectedParentLevel === undefined) problems.push(`HL03 ${hl.level}`);
    else if (expectedParentLevel === '' ? hl.parent !== '' : parent?.level !== expectedParentLevel || hls.indexOf(parent) >= i) problems.push(`HL ${hl.id} parent ${hl.parent}`);
    const hasChildren = hls.some((c) => c.parent === hl.id);
    if (hl.childFlag !== (hasChildren ? '1' : '0')) problems.push(`HL04 of ${hl.id} is ${hl.childFlag}`);
  });
  return problems;
}

const setSegments = (text: string): string[][] => recount(text).sets[0]?.segments ?? [];

describe('write856', () => {
  it('golden: S/O/P/I with TD1, TD5, REF*CN, DTM, N1 loops, PRF, MAN*CP, LIN, SN1, CTT, 00401', () => {
    const { text, adjustments } = write856(NOTICE, ENVELOPE_00401);
    expectGolden('856-00401.edi', text);
    expect(adjustments).toEqual([]);
    expectReparsesCleanly(text);
  });

  it('golden: the same notice on one line in 00501 (newline: false)', () => {
    const { text } = write856(NOTICE, { ...ENVELOPE_00501, newline: false });
    expectGolden('856-00501-single-line.edi', text);
    expect(text).not.toContain('\n');
    expectReparsesCleanly(text);
  });

  it('numbers the HL tree correctly and CTT01 = number of HL, recounted', () => {
    const segments = setSegments(write856(NOTICE, ENVELOPE_00401).text);
    expect(hierarchyProblems(segments)).toEqual([]);
    const hlCount = segments.filter((s) => s[0] === 'HL').length;
    expect(hlCount).toBe(1 + 2 + 3 + 4);
    expect(segments.find((s) => s[0] === 'CTT')).toEqual(['CTT', String(hlCount)]);
    expect(segments.filter((s) => s[0] === 'HL').map((s) => s[3]).join('')).toBe('SOPIIPIOPI');
  });

  it('a large, uneven tree keeps HL numbering, parents and child flags right', () => {
    const orders = Array.from({ length: 7 }, (_, o) => ({
      purchaseOrder: `PO-${o}`,
      packages: Array.from({ length: o % 3 }, (_, p) => ({
        trackingNumber: `T${o}-${p}`, carrierScac: 'UPSN',
        items: Array.from({ length: (o + p) % 4 }, (_, i) => ({ sku: `S${i}`, quantity: i + 1, skuQualifier: 'SK' })),
      })),
    }));
    const { text } = write856({ shipmentId: 'X', shipDate: '20261121', orders }, ENVELOPE_00401);
    const segments = setSegments(text);
    expect(hierarchyProblems(segments)).toEqual([]);
    expect(segments.find((s) => s[0] === 'CTT')?.[1]).toBe(String(segments.filter((s) => s[0] === 'HL').length));
    expectReparsesCleanly(text);
  });

  it('BSN03/04 are the creation date/time (envelope); the ship date and time go to DTM*011', () => {
    const segments = setSegments(write856(NOTICE, ENVELOPE_00401).text).map((s) => s.join('*'));
    expect(segments[1]).toBe('BSN*00*SHP-000042*20261122*1815*0001');
    expect(segments).toContain('DTM*011*20261121*1630');
  });

  it('shipment level: carrier and first tracking from the first package; another carrier gets its own TD5 in its package', () => {
    const segments = setSegments(write856(NOTICE, ENVELOPE_00401).text).map((s) => s.join('*'));
    expect(segments.slice(2, 6)).toEqual(['HL*1**S*1', 'TD1*CTN25*3****G*14.75*LB', 'TD5**2*UPSN**UPS Ground', 'REF*CN*1Z999AA10123456784']);
    expect(segments.filter((s) => s.startsWith('TD5'))).toEqual(['TD5**2*UPSN**UPS Ground', 'TD5**2*FDEG**FedEx Ground']);
    const fedexPackage = segments.indexOf('TD5**2*FDEG**FedEx Ground');
    expect(segments.slice(fedexPackage - 1, fedexPackage + 2)).toEqual(['HL*9*8*P*1', 'TD5**2*FDEG**FedEx Ground', 'MAN*CP*794612345678']);
  });

  it('TD1 leaves the weight out when a package has none; packageReferenceNumbers adds REF*CN per package', () => {
    const notice: X12ShipNotice = { ...NOTICE, orders: [{ purchaseOrder: 'PO-9', packages: [{ trackingNumber: 'T1', carrierScac: 'USPS', weightLbs: 2, items: [] }, { trackingNumber: 'T2', carrierScac: 'USPS', items: [] }] }] };
    const { text } = write856(notice, ENVELOPE_00401, { packageReferenceNumbers: true });
    const segments = setSegments(text).map((s) => s.join('*'));
    expect(segments).toContain('TD1*CTN25*2');
    expect(segments.slice(-8, -1)).toEqual(['HL*3*2*P*0', 'REF*CN*T1', 'MAN*CP*T1', 'HL*4*2*P*0', 'REF*CN*T2', 'MAN*CP*T2', 'CTT*4']);
    expect(hierarchyProblems(setSegments(text))).toEqual([]);
    expectReparsesCleanly(text);
  });

  it('sanitises partner values (PO, SKU, names) and reports each one', () => {
    const notice: X12ShipNotice = { ...NOTICE, shipTo: { name: 'Smith*Sons\r\nLtd' }, orders: [{ purchaseOrder: 'PO~1>2', packages: [{ trackingNumber: '1Z^9', carrierScac: 'UPSN', items: [{ sku: 'A*B', quantity: 1, skuQualifier: 'SK' }] }] }] };
    const { text, adjustments } = write856(notice, ENVELOPE_00401);
    expect(text).toContain('N1*ST*Smith Sons  Ltd~');
    expect(text).toContain('PRF*PO 1 2~');
    expect(text).toContain('MAN*CP*1Z 9~');
    expect(text).toContain('LIN**SK*A B~');
    expect(adjustments.map((a) => a.element)).toEqual(['REF02', 'N102', 'PRF01', 'MAN02', 'LIN03']);
    expectReparsesCleanly(text);
  });
});
