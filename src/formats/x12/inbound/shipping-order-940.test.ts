import { describe, expect, it } from 'vitest';
import type { X12OrderMappingOptions } from './mapping-options.js';
import { setOf } from '../../../../test/fixtures/x12/transaction-set.js';
import { mapShippingOrder940 } from './shipping-order-940.js';

const OPTIONS: X12OrderMappingOptions = {
  productQualifiers: ['SK', 'VP', 'IN', 'BP', 'UP', 'EN'],
  knowsShipMethod: (m) => m === 'UPS Ground',
};

const FULL = [
  'W05*N*ORD-77*PO-555',
  'N1*SF*ACME WAREHOUSE',
  'N1*ST*Grace Hopper',
  'N2*US Navy',
  'N3*1 Navy Way*Bldg 2',
  'N4*Arlington*VA*22202',
  'G61*IC*Grace*TE*703-555-0100',
  'G61*IC*Grace*EM*grace@example.com',
  'N9*DP*12',
  'G62*10*20261125',
  'G62*04*20261119',
  'NTE*WHI*Leave at door',
  'W66*PP*M***UPS Ground*****UPSN',
  'LX*1',
  'W01*3*EA*000123456789*VN*V-1*SK*WIDGET',
  'G69*Blue widget',
  'LX*2',
  'W01*1*EA**UP*012345678905',
  'W76*4',
];

describe('940 → InboundOrder', () => {
  it('maps W05, the ship-to loop, G62, W66 and the LX/W01 lines', () => {
    const order = mapShippingOrder940({ set: setOf('940', FULL), stNumber: 3 }, OPTIONS);
    expect(order).toEqual({
      orderNumber: 'ORD-77',
      referenceNumber: 'PO-555',
      orderDate: '2026-11-19',
      // W66-10 (UPSN) is not in the map, W66-05 is.
      shipMethod: 'UPS Ground',
      shipTo: {
        firstName: 'Grace Hopper', lastName: '', company: 'US Navy', address1: '1 Navy Way', address2: 'Bldg 2',
        city: 'Arlington', state: 'VA', postalCode: '22202', country: 'US', phone: '703-555-0100', email: 'grace@example.com',
      },
      lines: [
        { sku: 'WIDGET', quantity: '3', unitPrice: '', description: 'Blue widget', sourceLine: 18 },
        { sku: '012345678905', quantity: '1', unitPrice: '', description: '', sourceLine: 21 },
      ],
      notes: '',
      sourceLine: 3,
      cancel: false,
      problems: [],
    });
  });

  it('prefers the W66 SCAC when the map knows it, and takes the first G62 without a PO date', () => {
    const order = mapShippingOrder940({ set: setOf('940', ['W05*N*O1*P1', 'G62*10*20261125', 'W66*PP*M***Best Way*****UPSN']), stNumber: 1 },
      { ...OPTIONS, knowsShipMethod: (m) => m === 'UPSN' });
    expect(order.shipMethod).toBe('UPSN');
    expect(order.orderDate).toBe('2026-11-25');
    // W66-01 (PP, the freight payment) is never a ship method.
    expect(mapShippingOrder940({ set: setOf('940', ['W05*N*O1', 'W66*PP*M']), stNumber: 1 }, OPTIONS).shipMethod).toBe('');
  });

  it('gives a W01 without a wanted qualifier `Invalid SKU: no product id`', () => {
    const order = mapShippingOrder940({ set: setOf('940', ['W05*N*O1', 'LX*1', 'W01*2*EA*000123456789*CB*77']), stNumber: 1 }, OPTIONS);
    expect(order.lines).toEqual([{ sku: '', quantity: '2', unitPrice: '', description: '', sourceLine: 4 }]);
    expect(order.problems.map((p) => p.message)).toEqual(['Invalid SKU: no product id: W01 line 1 (segment 4) has only CB; product_qualifiers are SK, VP, IN, BP, UP, EN']);
  });
});
