import { describe, expect, it } from 'vitest';
import { EMPTY_SHIP_TO, type FcpOrder } from '../../domain/order.js';
import { encodeTextCell } from '../csv-output.js';
import { writeFcpCsv } from './fcp-csv.js';

const order: FcpOrder = {
  fcpOrderNumber: 'P-1', referenceNumber: 'R', orderDate: '2026-11-20', shipCode: 'UPSGRD', notes: 'a, "b"',
  shipTo: { ...EMPTY_SHIP_TO, firstName: 'Ada', lastName: '-L', address1: '1 Main', city: 'X', state: 'OR', postalCode: '02139', country: 'US' },
  lines: [{ sku: '00123', quantity: 2 }, { sku: '=cmd', quantity: 1 }],
};

describe('fcp-csv', () => {
  it('writes the SPEC §6 columns, one row per line, CRLF, text neutralised and numbers plain', () => {
    expect(writeFcpCsv([{ action: 'SUBMIT', order }])).toBe([
      'Order Number,Reference Number,Order Date,Ship Method,First Name,Last Name,Company,Address 1,Address 2,City,State,Postal Code,Country,Phone,Email,SKU,Quantity,Notes,Action',
      `P-1,R,2026-11-20,UPSGRD,Ada,'-L,,1 Main,,X,OR,02139,US,,,00123,2,"a, ""b""",`,
      `P-1,R,2026-11-20,UPSGRD,Ada,'-L,,1 Main,,X,OR,02139,US,,,'=cmd,1,"a, ""b""",`,
      '',
    ].join('\r\n'));
  });

  it('re-orders columns and writes a cancellation as one row with Action CANCEL', () => {
    expect(writeFcpCsv([{ action: 'CANCEL', order }], ['Action', 'Order Number', 'SKU'])).toBe('Action,Order Number,SKU\r\nCANCEL,P-1,\r\n');
  });

  it.each([['=1+1', "'=1+1"], ['+1', "'+1"], ['@SUM(A1)', "'@SUM(A1)"], ['\tx', "'\tx"], [' =1', "' =1"], ['＝1', "'＝1"], ['plain', 'plain']])(
    'neutralises %j', (input, expected) => { expect(encodeTextCell(input)).toBe(expected); });
});
