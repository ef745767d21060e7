import { describe, expect, it } from 'vitest';
import { setOf } from '../../../../test/fixtures/x12/transaction-set.js';
import { mapPurchaseOrder850 } from './purchase-order-850.js';
import type { X12OrderMappingOptions } from './mapping-options.js';

const OPTIONS: X12OrderMappingOptions = {
  productQualifiers: ['SK', 'VP', 'IN', 'BP', 'UP', 'EN'],
  knowsShipMethod: (m) => m === 'Ground' || m === 'UPSN',
};

const FULL = [
  'BEG*00*DS*PO-1001**20261120',
  'REF*DP*038',
  'PER*OC*Buyer Desk*TE*800-555-0000*EM*buyer@example.com',
  'TD5*B*2*ZZZZ*M*Ground',
  'N1*BT*ACME ACCOUNTS',
  'N3*1 Billing Rd',
  'N4*Nowhere*NV*89001',
  'N1*ST*Ada Lovelace*92*0042',
  'N2*Analytical Engines*Ltd',
  'N3*12 Main St*Suite 4',
  'N4*Portland*OR*97201*CA',
  'PER*IC*Ada*TE*503-555-0100*EM*ada@example.com',
  'PO1*1*2*EA*9.99*PE*VP*V-100*SK*WIDGET',
  'PID*F****Blue widget',
  'PID*F****second description is ignored',
  'PO4*4*4*EA',
  'PO1*2*0003*EA*1.5**UP*012345678905*BP*B-9',
  'SLN*1**I*1*EA',
  'PID*F****sub-line description, not the PO1 one',
  'CTT*2',
];

describe('850 → InboundOrder', () => {
  it('maps every field SPEC §5.3 names, keeping the partner text', () => {
    const order = mapPurchaseOrder850({ set: setOf('850', FULL), stNumber: 3 }, OPTIONS);
    expect(order).toEqual({
      orderNumber: 'PO-1001',
      referenceNumber: '',
      orderDate: '2026-11-20',
      shipMethod: 'Ground',
      shipTo: {
        firstName: 'Ada Lovelace', lastName: '', company: 'Analytical Engines Ltd',
        address1: '12 Main St', address2: 'Suite 4', city: 'Portland', state: 'OR', postalCode: '97201', country: 'CA',
        phone: '503-555-0100', email: 'ada@example.com',
      },
      lines: [
        // Segment numbers in the interchange: ST is segment 3, the first PO1 is 14th in the set → 16.
        { sku: 'WIDGET', quantity: '2', unitPrice: '9.99', description: 'Blue widget', sourceLine: 16 },
        { sku: 'B-9', quantity: '0003', unitPrice: '1.5', description: '', sourceLine: 20 },
      ],
      notes: '',
      sourceLine: 3,
      cancel: false,
      problems: [],
    });
  });

  it('prefers the partner\'s qualifier order over the order on the line', () => {
    const body = ['BEG*00*SA*P1**20261120', 'PO1*1*1*EA*1**EN*5012345678900*UP*012345678905*VP*V-1'];
    const line = (qualifiers: string[]) => mapPurchaseOrder850({ set: setOf('850', body), stNumber: 1 }, { ...OPTIONS, productQualifiers: qualifiers }).lines[0]?.sku;
    expect(line(['SK', 'VP', 'IN', 'BP', 'UP', 'EN'])).toBe('V-1');
    expect(line(['UP', 'VP'])).toBe('012345678905');
    expect(line(['EN'])).toBe('5012345678900');
  });

  it('gives a line without any wanted qualifier a blank SKU and the order `Invalid SKU: no product id`', () => {
    const body = ['BEG*00*SA*P1**20261120', 'PO1*7*1*EA*1**CB*065322-117*VN*AB3542', 'PO1**2*EA'];
    const order = mapPurchaseOrder850({ set: setOf('850', body), stNumber: 4 }, OPTIONS);
    expect(order.lines.map((l) => l.sku)).toEqual(['', '']);
    expect(order.problems).toEqual([
      { code: 'INVALID_SKU', line: 6, message: 'Invalid SKU: no product id: PO1 line 7 (segment 6) has only CB, VN; product_qualifiers are SK, VP, IN, BP, UP, EN' },
      { code: 'INVALID_SKU', line: 7, message: 'Invalid SKU: no product id: PO1 at segment 7 has no qualified ids; product_qualifiers are SK, VP, IN, BP, UP, EN' },
    ]);
  });

  it('reads BEG01 01 as a cancellation of the PO', () => {
    const order = mapPurchaseOrder850({ set: setOf('850', ['BEG*01*SA*PO-9**20261120', 'PO1*1*1*EA*1**SK*W']), stNumber: 1 }, OPTIONS);
    expect(order.cancel).toBe(true);
    expect(order.orderNumber).toBe('PO-9');
    for (const purpose of ['00', '05', '06']) {
      expect(mapPurchaseOrder850({ set: setOf('850', [`BEG*${purpose}*SA*PO-9**20261120`]), stNumber: 1 }, OPTIONS).cancel).toBe(false);
    }
  });

  it('defaults the country to US when N404 is absent, and falls back to the header PER', () => {
    const body = ['BEG*00*DS*P1**20261120', 'PER*OC*Desk*EM*desk@example.com*TE*555-0101', 'N1*ST*Jo', 'N3*1 A St', 'N3*Dock 4', 'N4*Salem*OR*97301'];
    const { shipTo } = mapPurchaseOrder850({ set: setOf('850', body), stNumber: 1 }, OPTIONS);
    expect(shipTo).toMatchObject({ country: 'US', address1: '1 A St', address2: 'Dock 4', phone: '555-0101', email: 'desk@example.com', company: '' });
  });

  it('takes the first TD503/TD505/TD512 the map knows, else the first given, else nothing', () => {
    const method = (...td5: string[]) => mapPurchaseOrder850({ set: setOf('850', ['BEG*00*SA*P1**20261120', ...td5]), stNumber: 1 }, OPTIONS).shipMethod;
    expect(method('TD5*O*2*UPSN*M*Ground')).toBe('UPSN');
    expect(method('TD5*O*2*XXXX*M*Ground')).toBe('Ground');
    expect(method('TD5*O*2*XXXX*M*Teleport*******Ground')).toBe('Ground');
    expect(method('TD5*O*2*XXXX*M*Teleport')).toBe('XXXX');
    expect(method('TD5****M**', 'TD5*****Ground')).toBe('Ground');
    expect(method()).toBe('');
    // A TD5 in the detail (after PO1) is a line's routing, not the order's.
    expect(method('PO1*1*1*EA*1**SK*W', 'TD5*****Ground')).toBe('');
  });

  it('keeps a date that is not CCYYMMDD as sent, so validation names it', () => {
    const date = (beg: string) => mapPurchaseOrder850({ set: setOf('850', [beg]), stNumber: 1 }, OPTIONS).orderDate;
    expect(date('BEG*00*SA*P1**261120')).toBe('261120');
    expect(date('BEG*00*SA*P1')).toBe('');
  });

  it('only reads the first ship-to loop and ignores other parties', () => {
    const body = ['BEG*00*SA*P1**20261120', 'N1*BY*Buyer', 'N3*Buyer St', 'N1*ST*First', 'N3*1 First St', 'N1*ST*Second', 'N3*2 Second St'];
    const { shipTo } = mapPurchaseOrder850({ set: setOf('850', body), stNumber: 1 }, OPTIONS);
    expect(shipTo).toMatchObject({ firstName: 'First', address1: '1 First St' });
  });
});
