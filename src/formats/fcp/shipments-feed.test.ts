import { describe, expect, it } from 'vitest';
import { readShipDate, readShipmentsFeed } from './shipments-feed.js';

const HEADER = 'order_number,ship_date,carrier,service,tracking_number,sku,quantity';

describe('readShipmentsFeed', () => {
  it('groups rows into packages by order and tracking number, with BOM, CRLF, extra columns and weights', () => {
    const text = '\uFEFFOrder_Number,Ship Date,Carrier,Service,Tracking_Number,SKU,Quantity,Weight_Lbs,Bin\r\n'
      + 'AC-1001,2026-11-21,FEDEX,Ground,794600000001,101BC,1,3.5,x\r\n'
      + 'AC-1001,2026-11-21,FEDEX,Ground,794600000001,00123,2,,\r\n'
      + '\r\n'
      + 'AC-1001,2026-11-22,UPS,2nd Day,1Z0002,WIDGET,1,1,\r\n';
    expect(readShipmentsFeed(Buffer.from(text, 'utf8'))).toEqual({
      ok: true,
      packages: [
        {
          fcpOrderNumber: 'AC-1001', trackingNumber: '794600000001', shipDate: '2026-11-21', carrier: 'FEDEX', service: 'Ground', weightLbs: 3.5, line: 2,
          lines: [{ sku: '101BC', quantity: 1, line: 2 }, { sku: '00123', quantity: 2, line: 3 }],
        },
        {
          fcpOrderNumber: 'AC-1001', trackingNumber: '1Z0002', shipDate: '2026-11-22', carrier: 'UPS', service: '2nd Day', weightLbs: 1, line: 5,
          lines: [{ sku: 'WIDGET', quantity: 1, line: 5 }],
        },
      ],
    });
  });

  it('keeps one tracking number on two orders as two packages', () => {
    const r = readShipmentsFeed(`${HEADER}\nA,2026-11-21,UPS,,T1,X,1\nB,2026-11-21,UPS,,T1,X,1\n`);
    expect(r.ok && r.packages.map((p) => [p.fcpOrderNumber, p.trackingNumber, p.weightLbs])).toEqual([['A', 'T1', null], ['B', 'T1', null]]);
  });

  it('takes an empty or header-only export as no shipments', () => {
    expect(readShipmentsFeed('')).toEqual({ ok: true, packages: [] });
    expect(readShipmentsFeed(`${HEADER}\n`)).toEqual({ ok: true, packages: [] });
  });

  it.each([
    ['blank order number', ',2026-11-21,UPS,Ground,T2,X,1', 'SHIPMENT_BAD_VALUE', 'Blank order_number at line 3'],
    ['blank tracking number', 'A,2026-11-21,UPS,Ground,,X,1', 'SHIPMENT_BAD_VALUE', "Blank tracking_number for order 'A' at line 3"],
    ['blank sku', 'A,2026-11-21,UPS,Ground,T2,,1', 'SHIPMENT_BAD_VALUE', "Blank sku for order 'A' at line 3"],
    ['blank carrier', 'A,2026-11-21,,Ground,T2,X,1', 'SHIPMENT_BAD_VALUE', "Blank carrier for order 'A' at line 3"],
    ['bad ship date', 'A,2026-02-30,UPS,Ground,T2,X,1', 'SHIPMENT_BAD_VALUE', "ship_date '2026-02-30' for order 'A' at line 3 is not a date (yyyy-mm-dd)"],
    ['text ship date', 'A,tomorrow,UPS,Ground,T2,X,1', 'SHIPMENT_BAD_VALUE', "ship_date 'tomorrow' for order 'A' at line 3 is not a date (yyyy-mm-dd)"],
    ['fractional quantity', 'A,2026-11-21,UPS,Ground,T2,X,1.5', 'SHIPMENT_BAD_VALUE', "quantity '1.5' for sku 'X' at line 3 is not a whole number from 1 to 999999"],
    ['zero quantity', 'A,2026-11-21,UPS,Ground,T2,X,0', 'SHIPMENT_BAD_VALUE', "quantity '0' for sku 'X' at line 3 is not a whole number from 1 to 999999"],
    ['negative quantity', 'A,2026-11-21,UPS,Ground,T2,X,-1', 'SHIPMENT_BAD_VALUE', "quantity '-1' for sku 'X' at line 3 is not a whole number from 1 to 999999"],
    ['blank quantity', 'A,2026-11-21,UPS,Ground,T2,X,', 'SHIPMENT_BAD_VALUE', "quantity '' for sku 'X' at line 3 is not a whole number from 1 to 999999"],
    ['short row', 'A,2026-11-21,UPS,Ground,T2,X', 'CSV_RAGGED_ROW', 'Row at line 3 has 6 fields, the header has 7: quantity missing'],
    ['long row', 'A,2026-11-21,UPS,Ground,T2,X,1,9', 'CSV_RAGGED_ROW', 'Row at line 3 has 8 fields, the header has 7'],
    ['duplicate sku in a package', 'OK,2026-11-21,UPS,Ground,T1,X,2', 'SHIPMENT_DUPLICATE_ROW', "sku 'X' in package 'T1' of order 'OK' at line 3 is already listed at line 2"],
    ['package rows that disagree', 'OK,2026-11-21,FEDEX,Ground,T1,Y,1', 'SHIPMENT_INCONSISTENT_PACKAGE', "Package 'T1' of order 'OK': carrier 'FEDEX' at line 3 differs from line 2"],
    ['unclosed quote', 'A,2026-11-21,UPS,"Ground,T2,X,1', 'CSV_UNCLOSED_QUOTE', 'Unclosed quote in the row starting at line 3'],
  ])('quarantines the whole file for a %s, naming the line', (_kind, row, code, message) => {
    // The bad row is line 3, after a good one: the whole file is refused for it.
    expect(readShipmentsFeed(`${HEADER}\nOK,2026-11-21,UPS,Ground,T1,X,1\n${row}\n`)).toEqual({ ok: false, problem: { code, line: 3, message } });
  });

  it('rejects a bad weight and weights that disagree within a package', () => {
    const h = `${HEADER},weight_lbs`;
    expect(readShipmentsFeed(`${h}\nA,2026-11-21,UPS,,T1,X,1,-2\n`)).toMatchObject({ ok: false, problem: { code: 'SHIPMENT_BAD_VALUE', line: 2 } });
    expect(readShipmentsFeed(`${h}\nA,2026-11-21,UPS,,T1,X,1,2\nA,2026-11-21,UPS,,T1,Y,1,3\n`)).toMatchObject({ ok: false, problem: { code: 'SHIPMENT_INCONSISTENT_PACKAGE', line: 3 } });
  });

  it('rejects a missing or duplicated header column, invalid UTF-8 and control characters', () => {
    expect(readShipmentsFeed('order_number,ship_date,carrier,tracking_number,sku,quantity\n')).toEqual({
      ok: false, problem: { code: 'CSV_MISSING_COLUMN', line: 1, message: 'Missing required column(s) service in the header' },
    });
    expect(readShipmentsFeed(`${HEADER},SKU\n`)).toMatchObject({ ok: false, problem: { code: 'CSV_DUPLICATE_HEADER', line: 1 } });
    expect(readShipmentsFeed(Buffer.concat([Buffer.from(`${HEADER}\nA,2026-11-21,UPS,,T1,`), Buffer.from([0xff]), Buffer.from(',1\n')])))
      .toMatchObject({ ok: false, problem: { code: 'INVALID_UTF8', line: 2 } });
    expect(readShipmentsFeed(`${HEADER}\nA,2026-11-21,UPS,,T\u00001,X,1\n`)).toMatchObject({ ok: false, problem: { code: 'CONTROL_CHARACTER', line: 2 } });
  });
});

describe('readShipDate', () => {
  it.each([
    ['2026-11-21', '2026-11-21'],
    ['2026-11-21T23:10:00Z', '2026-11-21'],
    ['2026-11-21 08:00', '2026-11-21'],
    ['11/21/2026', '2026-11-21'],
    ['2/3/2026', '2026-02-03'],
    ['2026-13-01', null],
    ['21.11.2026', null],
    ['', null],
  ])('%s → %s', (text, day) => expect(readShipDate(text)).toBe(day));
});
