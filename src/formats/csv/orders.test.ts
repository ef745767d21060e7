import { describe, expect, it } from 'vitest';
import type { CsvOptions } from '../../config/types.js';
import type { InboundOrder, ReadResult } from '../../domain/order.js';
import { readCsvOrders } from './orders.js';

const STANDARD: CsvOptions = { preset: 'standard', columns: null, delimiter: ',', date_format: 'auto' };
const HEADER = 'order_number,order_date,ship_method,ship_name,company,address1,address2,city,state,postal_code,country,phone,email,sku,quantity,unit_price,notes';

function read(text: string | Buffer, options: Partial<CsvOptions> = {}): ReadResult {
  return readCsvOrders(typeof text === 'string' ? Buffer.from(text, 'utf8') : text, { ...STANDARD, ...options });
}

function ordersOf(result: ReadResult): InboundOrder[] {
  if (!result.ok) throw new Error(`expected orders, got ${JSON.stringify(result.problem)}`);
  return result.orders;
}

function problemOf(result: ReadResult) {
  if (result.ok) throw new Error('expected the file to be rejected');
  return result.problem;
}

describe('readCsvOrders, standard preset', () => {
  it('reads two orders with three lines', () => {
    const text = [
      HEADER,
      'PO-1,2024-03-05,UPS Ground,Ann Lee,,1 Main St,Apt 2,Springfield,IL,62701,US,555-1234,ann@example.com,00123,2,9.99,Leave at door',
      'PO-1,2024-03-05,UPS Ground,Ann Lee,,1 Main St,Apt 2,Springfield,IL,62701,US,555-1234,ann@example.com,ABC-9,1,,Leave at door',
      'PO-2,03/06/2024,FEDEX,Bo Chen,Acme Inc,2 Oak Ave,,Portland,OR,97201-1234,US,,,XYZ,5,1.50,',
    ].join('\n');
    const result = read(text);
    expect(result).toMatchObject({ ok: true, warnings: [] });
    const orders = ordersOf(result);
    expect(orders).toEqual([
      {
        orderNumber: 'PO-1', referenceNumber: '', orderDate: '2024-03-05', shipMethod: 'UPS Ground',
        shipTo: {
          firstName: 'Ann Lee', lastName: '', company: '', address1: '1 Main St', address2: 'Apt 2', city: 'Springfield',
          state: 'IL', postalCode: '62701', country: 'US', phone: '555-1234', email: 'ann@example.com',
        },
        lines: [
          { sku: '00123', quantity: '2', unitPrice: '9.99', description: '', sourceLine: 2 },
          { sku: 'ABC-9', quantity: '1', unitPrice: '', description: '', sourceLine: 3 },
        ],
        notes: 'Leave at door', sourceLine: 2, cancel: false, problems: [],
      },
      expect.objectContaining({
        orderNumber: 'PO-2', orderDate: '2024-03-06', sourceLine: 4,
        shipTo: expect.objectContaining({ firstName: 'Bo Chen', company: 'Acme Inc', postalCode: '97201-1234' }),
        lines: [{ sku: 'XYZ', quantity: '5', unitPrice: '1.50', description: '', sourceLine: 4 }],
      }),
    ]);
  });

  it('accepts a BOM, CRLF, quoted commas, quotes and line breaks, with the right line numbers after them', () => {
    const text = '\uFEFF' + [
      'order_number,ship_method,ship_name,address1,city,postal_code,country,sku,quantity,notes',
      'A1,Ground,"Lee, Ann","1 Main St, Suite ""B""",Springfield,62701,US,S1,1,"line one',
      'line two"',
      'A2,Ground,Bo,2 Oak,Portland,97201,US,S2,3,',
      '',
    ].join('\r\n');
    const orders = ordersOf(read(text));
    expect(orders.map((o) => [o.orderNumber, o.sourceLine, o.shipTo.firstName, o.shipTo.address1, o.notes])).toEqual([
      ['A1', 2, 'Lee, Ann', '1 Main St, Suite "B"', 'line one\nline two'],
      ['A2', 4, 'Bo', '2 Oak', ''],
    ]);
    expect(orders[1]?.lines[0]?.sourceLine).toBe(4);
  });

  it('rejects a ragged row at its own line, even after a multi-line field', () => {
    const text = 'order_number,ship_method,address1,city,postal_code,country,sku,quantity\n'
      + 'A1,G,"1\nMain",C,1,US,S,1\n'
      + 'A2,G,1 Main,C,1,US,S\n';
    expect(problemOf(read(text))).toEqual({
      code: 'CSV_RAGGED_ROW', message: 'Row at line 4 has 7 fields; the header (line 1) has 8', line: 4,
    });
  });

  it('rejects an unclosed quote with the line where it opens', () => {
    const text = 'order_number,ship_method,address1,city,postal_code,country,sku,quantity\n'
      + 'A1,G,1 Main,C,1,US,S,1\n'
      + 'A2,G,"1 Main,C,1,US,S,1\n'
      + 'A3,G,1 Main,C,1,US,S,1\n';
    expect(problemOf(read(text))).toMatchObject({ code: 'CSV_UNCLOSED_QUOTE', line: 3 });
  });

  it('rejects a file without a required column, naming every missing one', () => {
    const text = 'order_number,ship_method,address1,postal_code,country,sku\nA1,G,1 Main,1,US,S\n';
    expect(problemOf(read(text))).toEqual({
      code: 'CSV_MISSING_COLUMN', message: 'Missing required column(s): city, quantity', line: 1,
    });
  });

  it('rejects two header cells that name the same field', () => {
    const text = 'order_number,ship_method,address1,city,Zip,postal_code,country,sku,quantity\nA1,G,1 Main,C,1,1,US,S,1\n';
    expect(problemOf(read(text))).toEqual({
      code: 'CSV_DUPLICATE_HEADER',
      message: "Header columns 5 ('Zip') and 6 ('postal_code') both name the field postal_code",
      line: 1,
    });
  });

  it('matches headers ignoring case, spaces, _ and -, accepts aliases, and warns about unknown columns', () => {
    const text = 'PO Number,Shipping Method,First Name,LAST-NAME,Address_1,Address 2,Town,State,ZIP Code,Country,SKU,Qty,Gift Wrap,Reference,Item Name\n'
      + 'P9,Ground,Mary Ann,van Dyke,1 Main,Unit 4,Salem,OR,97301,US,W-1,2,yes,R-77,Widget\n';
    const result = read(text);
    expect(result).toMatchObject({
      ok: true,
      warnings: [{ code: 'CSV_UNKNOWN_COLUMN', message: "Ignored column(s) that name no order field: 'Gift Wrap'", line: 1 }],
    });
    expect(ordersOf(result)[0]).toMatchObject({
      orderNumber: 'P9', referenceNumber: 'R-77', shipMethod: 'Ground',
      shipTo: { firstName: 'Mary Ann', lastName: 'van Dyke', address1: '1 Main', address2: 'Unit 4', city: 'Salem', postalCode: '97301' },
      lines: [{ sku: 'W-1', quantity: '2', description: 'Widget' }],
    });
  });

  it('uses a partner columns mapping, and only that text for the mapped fields', () => {
    const columns = { order_number: 'Cust Ref', ship_method: 'Carrier', ship_name: 'Name' };
    const text = 'cust ref,CARRIER,name,Ship Method,address1,city,postal_code,country,sku,quantity\n'
      + 'C1,UPS,Ann Lee,ignored,1 Main,C,1,US,S,1\n';
    const result = read(text, { columns });
    expect(result).toMatchObject({ ok: true, warnings: [{ code: 'CSV_UNKNOWN_COLUMN', message: "Ignored column(s) that name no order field: 'Ship Method'" }] });
    expect(ordersOf(result)[0]).toMatchObject({ orderNumber: 'C1', shipMethod: 'UPS', shipTo: { firstName: 'Ann Lee' } });

    const missing = read('order_number,ship_method,address1,city,postal_code,country,sku,quantity\nC1,UPS,1,C,1,US,S,1\n', { columns });
    expect(problemOf(missing).message).toBe("Missing required column(s): order_number (header 'Cust Ref' per csv.columns), ship_method (header 'Carrier' per csv.columns)");
  });

  it('warns about a columns setting that names an unknown field', () => {
    const text = 'order_number,ship_method,address1,city,postal_code,country,sku,quantity\nA,G,1,C,1,US,S,1\n';
    expect(read(text, { columns: { colour: 'Color' } })).toMatchObject({ ok: true, warnings: [{ code: 'CSV_COLUMNS_SETTING' }] });
  });

  it('reports rows of one order that disagree on that order only, once per field', () => {
    const text = 'order_number,ship_method,address1,city,postal_code,country,sku,quantity\n'
      + 'A1,G,1 Main,Salem,1,US,S1,1\n'
      + 'B1,G,9 Elm,Eugene,2,US,S9,1\n'
      + 'A1,G,1 Main,Salam,1,US,S2,1\n'
      + 'A1,Air,1 Main,Salom,1,US,S3,1\n';
    const [a, b] = ordersOf(read(text));
    expect(a?.lines.map((l) => [l.sku, l.sourceLine])).toEqual([['S1', 2], ['S2', 4], ['S3', 5]]);
    expect(a?.problems).toEqual([
      { code: 'INCONSISTENT_ORDER', message: 'Order rows disagree: city differs between line 2 and line 4', line: 4 },
      { code: 'INCONSISTENT_ORDER', message: 'Order rows disagree: ship_method differs between line 2 and line 5', line: 5 },
    ]);
    expect(b?.problems).toEqual([]);
  });

  it('compares every row of an order with its first row, also when rows repeat or the order is interleaved', () => {
    const text = 'order_number,ship_method,address1,city,postal_code,country,sku,quantity\n'
      + 'A1,G,1 Main,Salem,1,US,S1,1\n'
      + 'A1,G,1 Main,Salam,1,US,S2,1\n'
      + 'A1,G,1 Main,Salam,1,US,S3,1\n'
      + 'B1,G,1 Main,Salam,1,US,S4,1\n'
      + 'A1,Air,1 Main,Salam,1,US,S5,1\n'
      + 'A1,Air,1 Main,Salem,1,US,S6,1\n';
    const [a, b] = ordersOf(read(text));
    expect(a?.lines.map((l) => [l.sku, l.sourceLine])).toEqual([['S1', 2], ['S2', 3], ['S3', 4], ['S5', 6], ['S6', 7]]);
    expect(a?.problems).toEqual([
      { code: 'INCONSISTENT_ORDER', message: 'Order rows disagree: city differs between line 2 and line 3', line: 3 },
      { code: 'INCONSISTENT_ORDER', message: 'Order rows disagree: ship_method differs between line 2 and line 6', line: 6 },
    ]);
    expect(b?.problems).toEqual([]);
  });

  it('reports broken quoting anywhere in the file ahead of an earlier ragged row or bad header', () => {
    const header = 'order_number,ship_method,address1,city,postal_code,country,sku,quantity\n';
    expect(problemOf(read(`${header}A1,G,1 Main,C,1,US,S\nA2,G,"1 Main,C,1,US,S,1\n`))).toMatchObject({ code: 'CSV_UNCLOSED_QUOTE', line: 3 });
    expect(problemOf(read('order_number,sku\nA1,S\nA2,S"\n'))).toMatchObject({ code: 'CSV_UNCLOSED_QUOTE', line: 3 });
    expect(problemOf(read(`${header}A1,G,1 Main,C,1,US,S\nA2,G,1 Main,C,1,US\n`))).toMatchObject({ code: 'CSV_RAGGED_ROW', line: 2 });
  });

  it('treats the same date written two ways as agreeing', () => {
    const text = 'order_number,order_date,ship_method,address1,city,postal_code,country,sku,quantity\n'
      + 'A1,2024-03-05,G,1,C,1,US,S1,1\nA1,03/05/24,G,1,C,1,US,S2,1\n';
    expect(ordersOf(read(text))[0]?.problems).toEqual([]);
  });

  it('keeps rows with a blank order number as orders of their own', () => {
    const text = 'order_number,ship_method,address1,city,postal_code,country,sku,quantity\n,G,1,C,1,US,S1,1\n,G,1,C,1,US,S2,1\n';
    expect(ordersOf(read(text)).map((o) => [o.orderNumber, o.sourceLine, o.lines.length])).toEqual([['', 2, 1], ['', 3, 1]]);
  });

  it('keeps values as text: leading zeros, decimals, padded values trimmed', () => {
    const text = 'order_number,ship_method,address1,city,postal_code,country,sku,quantity,unit_price\n'
      + ' 007 , G ,1,C,01234,US, 00123 ,1.5,1e3\n';
    expect(ordersOf(read(text))[0]).toMatchObject({
      orderNumber: '007', shipMethod: 'G', shipTo: { postalCode: '01234' },
      lines: [{ sku: '00123', quantity: '1.5', unitPrice: '1e3' }],
    });
  });

  it('rejects invalid UTF-8 with the line of the first bad byte', () => {
    const text = Buffer.concat([
      Buffer.from('order_number,ship_method,address1,city,postal_code,country,sku,quantity\nA1,G,1,Caf'),
      Buffer.from([0xe9]),
      Buffer.from(',1,US,S,1\n'),
    ]);
    expect(problemOf(read(text))).toMatchObject({ code: 'INVALID_UTF8', line: 2, column: 11 });
  });

  it('rejects a control character with its line', () => {
    const text = 'order_number,ship_method,address1,city,postal_code,country,sku,quantity\nA1,G,1,C,1,US,S,1\nA2,G,1\u0007,C,1,US,S,1\n';
    expect(problemOf(read(text))).toMatchObject({ code: 'CONTROL_CHARACTER', line: 3 });
  });

  it('treats a __proto__ header as just an unknown column', () => {
    const text = '__proto__,constructor,order_number,ship_method,address1,city,postal_code,country,sku,quantity\n'
      + '"{""polluted"":1}",x,A1,G,1,C,1,US,S,1\n';
    const result = read(text);
    expect(result).toMatchObject({ ok: true, warnings: [{ code: 'CSV_UNKNOWN_COLUMN' }] });
    expect(ordersOf(result)[0]?.orderNumber).toBe('A1');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('takes an empty file, a blank file and a header-only file as no orders', () => {
    expect(read('')).toEqual({ ok: true, orders: [], warnings: [] });
    expect(read('\uFEFF\r\n\r\n')).toEqual({ ok: true, orders: [], warnings: [] });
    expect(read(`${HEADER}\r\n`)).toEqual({ ok: true, orders: [], warnings: [] });
    expect(read('sku,qty\n')).toMatchObject({ ok: true, orders: [], warnings: [{ code: 'CSV_MISSING_COLUMN' }] });
  });

  it('skips blank and whitespace-only lines between rows', () => {
    const text = 'order_number,ship_method,address1,city,postal_code,country,sku,quantity\n\n   \nA1,G,1,C,1,US,S,1\n,,,,,,,\n';
    expect(ordersOf(read(text)).map((o) => o.sourceLine)).toEqual([4]);
  });

  it('reads a semicolon-delimited file', () => {
    const text = 'order_number;ship_method;address1;city;postal_code;country;sku;quantity;unit_price\nA1;G;"1; Main";C;1;DE;S;2;1,50\n';
    expect(ordersOf(read(text, { delimiter: ';' }))[0]).toMatchObject({
      shipTo: { address1: '1; Main', country: 'DE' }, lines: [{ quantity: '2', unitPrice: '1,50' }],
    });
  });
});

describe('readCsvOrders, extensiv-simple preset', () => {
  const options: Partial<CsvOptions> = { preset: 'extensiv-simple' };

  it('reads the 16 fixed columns without a header, MM/DD/YY dates included', () => {
    const text = 'X100,UPSGND,Acme,Ann,Lee,1 Main St,,Salem,OR,97301,US,555,ann@example.com,03/05/24,00123,2\r\n'
      + 'X100,UPSGND,Acme,Ann,Lee,1 Main St,,Salem,OR,97301,US,555,ann@example.com,03/05/24,00456,1\r\n';
    const result = read(text, options);
    expect(result).toMatchObject({ ok: true, warnings: [] });
    expect(ordersOf(result)).toEqual([{
      orderNumber: 'X100', referenceNumber: '', orderDate: '2024-03-05', shipMethod: 'UPSGND',
      shipTo: {
        firstName: 'Ann', lastName: 'Lee', company: 'Acme', address1: '1 Main St', address2: '', city: 'Salem',
        state: 'OR', postalCode: '97301', country: 'US', phone: '555', email: 'ann@example.com',
      },
      lines: [
        { sku: '00123', quantity: '2', unitPrice: '', description: '', sourceLine: 1 },
        { sku: '00456', quantity: '1', unitPrice: '', description: '', sourceLine: 2 },
      ],
      notes: '', sourceLine: 1, cancel: false, problems: [],
    }]);
  });

  it('rejects a row that does not have 16 fields', () => {
    const text = 'X1,G,,A,B,1,,C,OR,1,US,,,03/05/24,S,1\nX2,G,,A,B,1,,C,OR,1,US,,,03/05/24,S\n';
    expect(problemOf(read(text, options))).toEqual({
      code: 'CSV_RAGGED_ROW', message: 'Row at line 2 has 15 fields; the extensiv-simple layout has 16', line: 2,
    });
  });

  it('keeps an impossible date as written for validation to report', () => {
    const text = 'X1,G,,A,B,1,,C,OR,1,US,,,02/30/24,S,1\n';
    expect(ordersOf(read(text, options))[0]?.orderDate).toBe('02/30/24');
  });
});
