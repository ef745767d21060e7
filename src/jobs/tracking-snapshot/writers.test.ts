import { describe, expect, it } from 'vitest';
import { expectReparsesCleanly, recount } from '../../../test/fixtures/x12-outbound/check-output.js';
import { EMPTY_SHIP_TO } from '../../domain/order.js';
import { reportOrder, type OrderToReport, type PlanPackage } from './plan.js';
import { renderTracking, type TrackingDocument } from './writers.js';

const CARRIERS: Record<string, { name: string; scac: string }> = { FEDEX: { name: 'FedEx', scac: 'FDEG' }, UPS: { name: 'UPS', scac: 'UPSN' } };

function pkg(id: number, tracking: string, carrier: string, lines: [string, number][], weightLbs: number | null = null): PlanPackage {
  return { id, trackingNumber: tracking, shipDate: '2026-11-21', carrier, service: 'Ground', weightLbs, lines: lines.map(([sku, quantity]) => ({ sku, quantity })) };
}

const ORDER: OrderToReport = {
  orderId: 1, orderNumber: '1001', referenceNumber: '=PO7', fcpOrderNumber: 'AC-1001', orderDate: '2026-11-20',
  shipTo: { ...EMPTY_SHIP_TO, firstName: 'Ada', lastName: 'Lovelace', address1: '12 Main St', city: 'Portland', state: 'OR', postalCode: '97201', country: 'US' },
  lines: [
    { sku: 'WIDGET', quantity: 2, components: [{ fcpSku: 'WIDGET', quantity: 1 }] },
    { sku: 'GIFTSET', quantity: 1, components: [{ fcpSku: '101BC', quantity: 1 }, { fcpSku: '102NR/B', quantity: 2 }] },
  ],
  reported: [],
  pending: [pkg(11, '794600000001', 'FEDEX', [['WIDGET', 2]], 2.5), pkg(12, 'ZZ9', 'Acme Freight', [['101BC', 1], ['102NR/B', 2]], 1)],
};

function doc(x12: boolean): TrackingDocument {
  return {
    reports: [reportOrder(ORDER)], carriers: (c) => CARRIERS[c] ?? null, date: '20261122', time: '1015', reference: '000007',
    x12: x12 ? { ourQualifier: 'ZZ', ourId: 'EFSBRIDGE', partnerQualifier: 'ZZ', partnerId: 'BETA', version: '00401', skuQualifier: 'SK', controlNumbers: { isa: 5, gs: 6, st: [7] } } : null,
  };
}

describe('renderTracking', () => {
  it('csv: one row per package line, carriers named through carriers.csv, unknown carriers passed through, formulas neutralised', () => {
    const out = renderTracking('csv', doc(false));
    expect(out.content.toString('utf8')).toBe([
      'order_number,reference_number,ship_date,carrier,service,tracking_number,sku,quantity',
      "1001,'=PO7,2026-11-21,FedEx,Ground,794600000001,WIDGET,2",
      "1001,'=PO7,2026-11-21,Acme Freight,Ground,ZZ9,GIFTSET,1",
      '',
    ].join('\r\n'));
    expect(out.unknownCarriers).toEqual(['Acme Freight']);
  });

  it('xml: one Package per package with the partner SKUs', () => {
    const text = renderTracking('xml', doc(false)).content.toString('utf8');
    expect(text).toContain('<Package trackingNumber="794600000001" orderNumber="1001" referenceNumber="=PO7" shipDate="2026-11-21" carrier="FedEx" service="Ground">');
    expect(text).toContain('<Item sku="GIFTSET" quantity="1"/>');
  });

  it('x12-856: S/O/P/I with TD5 SCAC, REF*CN and MAN*CP per package, SN1 per item; counts re-check', () => {
    const out = renderTracking('x12-856', doc(true));
    const text = out.content.toString('utf8');
    expectReparsesCleanly(text);
    const segs = recount(text).sets[0]?.segments.map((s) => s.join('*')) ?? [];
    expect(segs).toEqual([
      'ST*856*0007',
      'BSN*00*000007-1*20261122*1015*0001',
      'HL*1**S*1',
      'TD1*CTN25*2****G*3.5*LB',
      'TD5**2*FDEG**Ground',
      'REF*CN*794600000001',
      'DTM*011*20261121',
      'N1*ST*Ada Lovelace',
      'N3*12 Main St',
      'N4*Portland*OR*97201*US',
      'HL*2*1*O*1',
      'PRF*1001***20261120',
      'HL*3*2*P*1',
      'REF*CN*794600000001',
      'MAN*CP*794600000001',
      'HL*4*3*I*0',
      'LIN**SK*WIDGET',
      'SN1**2*EA**2*EA',
      'HL*5*2*P*1',
      'TD5**2*Acme Freight**Ground',
      'REF*CN*ZZ9',
      'MAN*CP*ZZ9',
      'HL*6*5*I*0',
      'LIN**SK*GIFTSET',
      'SN1**1*EA**1*EA',
      'CTT*6',
      'SE*27*0007',
    ]);
  });

  it('x12-945: one set per order, W12 per partner line, the SCAC cut to 4 for an unknown carrier is reported', () => {
    const d = doc(true);
    const first = d.reports[0];
    const swapped = { ...d, reports: first === undefined ? [] : [{ ...first, packages: [...first.packages].reverse() }] };
    const out = renderTracking('x12-945', swapped);
    const text = out.content.toString('utf8');
    expectReparsesCleanly(text);
    expect(text).toContain('W06*F*1001*20261121*000007-1**=PO7~');
    expect(text).toContain('W27*M*Acme*Ground~');
    expect(text).toContain('W12*CC*1*1*0*EA**SK*GIFTSET~');
    expect(text).toContain('W12*CC*2*2*0*EA**SK*WIDGET~');
    expect(out.adjustments).toEqual(['W2702: "Acme Freight" written as "Acme"']);
  });
});
