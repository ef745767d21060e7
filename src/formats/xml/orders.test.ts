import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { InboundOrder, ReadResult } from '../../domain/order.js';
import { readXmlOrders } from './orders.js';

const GOOD = fileURLToPath(new URL('../../../test/fixtures/xml/good/', import.meta.url));
const MAX_BYTES = 1024 * 1024;

function read(xml: string | Buffer, maxDepth?: number): ReadResult {
  const bytes = typeof xml === 'string' ? Buffer.from(xml, 'utf8') : xml;
  return readXmlOrders(bytes, maxDepth === undefined ? { maxBytes: MAX_BYTES } : { maxBytes: MAX_BYTES, maxDepth });
}
function ordersOf(result: ReadResult): InboundOrder[] {
  if (!result.ok) throw new Error(`expected ok, got ${result.problem.code}: ${result.problem.message}`);
  return result.orders;
}
function problemOf(result: ReadResult): { code: string; line?: number; column?: number } {
  if (result.ok) throw new Error('expected the file to be refused');
  const { code, line, column } = result.problem;
  return column === undefined ? { code, line } : { code, line, column };
}

// Line numbers matter here: the tests assert them.
const SUBMIT_REQUEST = `<?xml version="1.0" encoding="UTF-8"?>
<OrderSubmitRequest>
  <Version>1.0</Version>
  <MerchantId>M-7</MerchantId>
  <OrderList>
    <Order>
      <OrderNumber> PO-1 </OrderNumber>
      <OrderDate>2026-03-01T10:15:00Z</OrderDate>
      <ShippingMethod>UPS Ground</ShippingMethod>
      <ShippingAddress>
        <FirstName>Ada</FirstName>
        <City>Springfield</City>
        <Fax>555-0199</Fax>
      </ShippingAddress>
      <ItemList>
        <Item>
          <Sku>00123</Sku>
          <Quantity>2</Quantity>
          <UnitPrice>9.90</UnitPrice>
        </Item>
        <Item><Sku>1E5</Sku><Quantity>1</Quantity></Item>
      </ItemList>
    </Order>
    <Order>
      <OrderNumber>PO-2</OrderNumber>
      <ReferenceNumber>R&amp;D-2</ReferenceNumber>
      <OrderDate>03/01/2026</OrderDate>
      <ShippingAddress>
        <FirstName>Smith &amp; Sons</FirstName>
        <LastName>&amp;amp; once</LastName>
        <Company>Caf&#233; &#x4E2D; &lt;b&gt; &quot;q&quot; &apos;a&apos;</Company>
      </ShippingAddress>
      <ItemList><Item><Sku><![CDATA[=cmd|' /C calc'!A0]]></Sku><Quantity> 3 </Quantity></Item></ItemList>
      <Notes><![CDATA[a &amp; b]]></Notes>
      <GiftWrap>yes</GiftWrap>
    </Order>
    <!-- <Order> in a comment is not an order -->
    <Order><OrderNumber>PO-3</OrderNumber></Order>
  </OrderList>
</OrderSubmitRequest>
`;

describe('readXmlOrders: an OrderSubmitRequest with three orders', () => {
  const result = read(SUBMIT_REQUEST);
  const orders = ordersOf(result);
  const [first, second, third] = orders;

  it('reads every order with the line where its <Order> starts', () => {
    expect(orders.map((order) => [order.orderNumber, order.sourceLine])).toEqual([['PO-1', 6], ['PO-2', 24], ['PO-3', 38]]);
    expect(orders.every((order) => !order.cancel && order.problems.length === 0)).toBe(true);
  });

  it('keeps values as trimmed strings: SKU 00123 and 1E5 stay as written', () => {
    expect(first?.lines.map((line) => [line.sku, line.quantity, line.unitPrice, line.sourceLine])).toEqual([
      ['00123', '2', '9.90', 16],
      ['1E5', '1', '', 21],
    ]);
    expect(second?.lines[0]).toEqual({ sku: "=cmd|' /C calc'!A0", quantity: '3', unitPrice: '', description: '', sourceLine: 33 });
  });

  it('decodes &amp; and the other references exactly once, and leaves CDATA alone', () => {
    expect(second?.shipTo.firstName).toBe('Smith & Sons');
    expect(second?.shipTo.lastName).toBe('&amp; once');
    expect(second?.referenceNumber).toBe('R&D-2');
    expect(second?.shipTo.company).toBe('Café 中 <b> "q" \'a\'');
    expect(second?.notes).toBe('a &amp; b');
  });

  it('keeps the date part of an ISO order date and any other date text as it is', () => {
    expect(first?.orderDate).toBe('2026-03-01');
    expect(second?.orderDate).toBe('03/01/2026');
    expect(third?.orderDate).toBe('');
  });

  it('fills absent fields with empty strings', () => {
    expect(third).toMatchObject({ referenceNumber: '', shipMethod: '', notes: '', lines: [] });
    expect(Object.values(third?.shipTo ?? {}).every((value) => value === '')).toBe(true);
    expect(first?.shipTo).toMatchObject({ firstName: 'Ada', lastName: '', city: 'Springfield' });
  });

  it('ignores unknown elements and lists them in one warning; Version and MerchantId are known', () => {
    expect(result.ok && result.warnings).toEqual([{
      code: 'XML_UNKNOWN_ELEMENT',
      message: 'Ignored unknown elements: ShippingAddress/Fax (line 13), Order/GiftWrap (line 35).',
      line: 13,
      column: 9,
    }]);
  });
});

describe('readXmlOrders: Orders root and input variations', () => {
  it('reads <Orders><Order> the same way, with CRLF line ends and a UTF-8 BOM', () => {
    const xml = '\uFEFF<?xml version="1.0"?>\r\n<Orders>\r\n\r\n  <Order>\r\n    <OrderNumber>A-1</OrderNumber>\r\n'
      + '    <ItemList>\r\n      <Item><Sku>00123</Sku><Quantity>1</Quantity></Item>\r\n    </ItemList>\r\n  </Order>\r\n</Orders>\r\n';
    const [order] = ordersOf(read(xml));
    expect(order?.orderNumber).toBe('A-1');
    expect(order?.sourceLine).toBe(4);
    expect(order?.lines[0]?.sourceLine).toBe(7);
  });

  it('accepts a root with no orders, and a single order as well as many (stable arrays)', () => {
    expect(ordersOf(read('<Orders/>'))).toEqual([]);
    expect(ordersOf(read('<OrderSubmitRequest><OrderList/></OrderSubmitRequest>'))).toEqual([]);
    expect(ordersOf(read('<Orders><Order><ItemList><Item><Sku>X</Sku></Item></ItemList></Order></Orders>'))[0]?.lines).toHaveLength(1);
  });

  it('concatenates the items of repeated <ItemList> elements and the orders of repeated <OrderList> elements', () => {
    const orders = ordersOf(read('<OrderSubmitRequest><OrderList><Order><OrderNumber>1</OrderNumber></Order></OrderList>'
      + '<OrderList><Order><OrderNumber>2</OrderNumber><ItemList><Item><Sku>A</Sku></Item></ItemList>'
      + '<ItemList><Item><Sku>B</Sku></Item></ItemList></Order></OrderList></OrderSubmitRequest>'));
    expect(orders.map((order) => [order.orderNumber, order.lines.map((line) => line.sku)])).toEqual([['1', []], ['2', ['A', 'B']]]);
  });

  it('marks an order whose field is given twice with different values, and only that order', () => {
    const orders = ordersOf(read('<Orders>\n<Order><OrderNumber>1</OrderNumber><Notes>a</Notes><Notes>b</Notes></Order>\n'
      + '<Order><OrderNumber>2</OrderNumber><Notes>same</Notes><Notes>same</Notes></Order>\n</Orders>'));
    expect(orders[0]?.problems).toEqual([{ code: 'INCONSISTENT_ORDER', message: 'Order rows disagree: <Notes> is given 2 times with different values.', line: 2 }]);
    expect(orders[0]?.notes).toBe('a');
    expect(orders[1]?.problems).toEqual([]);
  });

  it('is case-sensitive about element names', () => {
    const result = read('<Orders><Order><orderNumber>1</orderNumber></Order></Orders>');
    expect(ordersOf(result)[0]?.orderNumber).toBe('');
    expect(result.ok && result.warnings[0]?.message).toBe('Ignored unknown elements: Order/orderNumber (line 1).');
    expect(problemOf(read('<orders/>')).code).toBe('XML_UNKNOWN_ROOT');
  });

  it('keeps numeric-looking values exactly (good/numeric-skus.xml)', () => {
    const orders = ordersOf(readXmlOrders(readFileSync(`${GOOD}numeric-skus.xml`), { maxBytes: MAX_BYTES }));
    expect(orders.map((order) => [order.orderNumber, order.lines[0]?.sku])).toEqual([['000042', '00123'], ['1E5', '0x10'], ['-0', '007']]);
  });

  it('lets JavaScript-ish element names through as unknown elements without touching any prototype', () => {
    const result = read('<Orders><Order><OrderNumber>1</OrderNumber><toString>x</toString><hasOwnProperty>y</hasOwnProperty>'
      + '<__defineGetter__>z</__defineGetter__></Order></Orders>');
    expect(ordersOf(result)[0]?.orderNumber).toBe('1');
    expect(result.ok && result.warnings[0]?.message).toContain('Order/toString');
    expect(Object.prototype.hasOwnProperty.call({}, 'x')).toBe(false);
  });
});

describe('readXmlOrders: refusals and where they point', () => {
  const body = '<Orders><Order><OrderNumber>1</OrderNumber></Order></Orders>';

  it('refuses __proto__, constructor and prototype elements and pollutes nothing', () => {
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      const result = read(`<Orders>\n<Order><${name}><polluted>yes</polluted></${name}></Order>\n</Orders>`);
      expect(problemOf(result)).toEqual({ code: 'XML_RESERVED_NAME', line: 2, column: 8 });
    }
    expect((Object.prototype as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('points at the DOCTYPE or ENTITY line', () => {
    expect(problemOf(read(`<?xml version="1.0"?>\n\n<!DOCTYPE Orders>\n${body}`))).toEqual({ code: 'XML_DOCTYPE', line: 3, column: 1 });
    expect(problemOf(read(`<Orders>\n<!ENTITY x "y"></Orders>`)).code).toBe('XML_DOCTYPE');
  });

  it('reports a too-large file, with the line where the cap is passed', () => {
    expect(problemOf(readXmlOrders(Buffer.from('<Orders>\n\n</Orders>'), { maxBytes: 9 }))).toEqual({ code: 'TOO_LARGE', line: 2 });
    expect(readXmlOrders(Buffer.from('<Orders/>'), { maxBytes: 9 }).ok).toBe(true);
  });

  it('honours maxDepth, counting the root as level 1', () => {
    const sixLevels = '<Orders><Order><ItemList><Item><Sku>A</Sku></Item></ItemList></Order></Orders>';
    expect(read(sixLevels, 5).ok).toBe(true);
    expect(problemOf(read(sixLevels, 4))).toEqual({ code: 'XML_TOO_DEEP', line: 1, column: 32 });
  });

  it('refuses 100,000 nested elements quickly, without recursion', () => {
    const started = performance.now();
    expect(problemOf(read(`<Orders>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</Orders>`)).code).toBe('XML_TOO_DEEP');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses undeclared entities and references to characters XML does not allow', () => {
    expect(problemOf(read('<Orders>&copy;</Orders>'))).toEqual({ code: 'XML_NOT_WELL_FORMED', line: 1, column: 9 });
    expect(problemOf(read('<Orders>&#0;</Orders>')).code).toBe('CONTROL_CHARACTER');
    expect(problemOf(read('<Orders>&#x7F;</Orders>')).code).toBe('CONTROL_CHARACTER');
    expect(problemOf(read('<Orders>&#xD800;</Orders>')).code).toBe('XML_NOT_WELL_FORMED');
    expect(problemOf(read('<Orders>&#x110000;</Orders>')).code).toBe('XML_NOT_WELL_FORMED');
    expect(problemOf(read('<Orders>&#99999999999999999999;</Orders>')).code).toBe('XML_NOT_WELL_FORMED');
  });

  it('refuses raw control characters (C0 but TAB/CR/LF, DEL, C1) and U+FFFE with their position', () => {
    expect(problemOf(read('<Orders>\n<Order>\t<Notes>a\u0000b</Notes></Order></Orders>'))).toEqual({ code: 'CONTROL_CHARACTER', line: 2, column: 17 });
    expect(problemOf(read('<Orders>\u0085</Orders>')).code).toBe('CONTROL_CHARACTER');
    expect(problemOf(read('<Orders>\u007F</Orders>')).code).toBe('CONTROL_CHARACTER');
    expect(problemOf(read('<Orders>\uFFFE</Orders>')).code).toBe('XML_NOT_WELL_FORMED');
    expect(read('<Orders>\t\r\n</Orders>').ok).toBe(true);
  });

  it('accepts UTF-8 and US-ASCII declarations in any case, and refuses other encodings', () => {
    for (const encoding of ['UTF-8', 'utf-8', 'US-ASCII', 'us-ascii']) {
      expect(read(`<?xml version="1.0" encoding='${encoding}'?>${body}`).ok, encoding).toBe(true);
    }
    for (const encoding of ['ISO-8859-1', 'windows-1252', 'UTF-16', 'Shift_JIS']) {
      expect(problemOf(read(`<?xml version="1.0" encoding="${encoding}"?>${body}`)), encoding).toEqual({ code: 'XML_ENCODING', line: 1, column: 31 });
    }
  });

  it('points at the first byte that is not UTF-8, counting characters for the column', () => {
    const bytes = Buffer.concat([Buffer.from('<Orders>\n<Order><Notes>é'), Buffer.from([0xc3, 0x28]), Buffer.from('</Notes></Order></Orders>')]);
    expect(problemOf(readXmlOrders(bytes, { maxBytes: MAX_BYTES }))).toEqual({ code: 'INVALID_UTF8', line: 2, column: 16 });
    // Encoded surrogates and overlong forms are not UTF-8 either.
    expect(problemOf(readXmlOrders(Buffer.from([0x3c, 0x61, 0x3e, 0xed, 0xa0, 0x80, 0x3c, 0x2f, 0x61, 0x3e]), { maxBytes: MAX_BYTES })).code).toBe('INVALID_UTF8');
    expect(problemOf(readXmlOrders(Buffer.from([0x3c, 0x61, 0x3e, 0xc0, 0xbc, 0x3c, 0x2f, 0x61, 0x3e]), { maxBytes: MAX_BYTES })).code).toBe('INVALID_UTF8');
  });

  it('refuses UTF-16 and UTF-32 however they start', () => {
    const utf16 = Buffer.from(body, 'utf16le');
    expect(problemOf(readXmlOrders(utf16, { maxBytes: MAX_BYTES }))).toEqual({ code: 'XML_ENCODING', line: 1, column: 1 });
    expect(problemOf(readXmlOrders(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(utf16).swap16()]), { maxBytes: MAX_BYTES })).code).toBe('XML_ENCODING');
    expect(problemOf(readXmlOrders(Buffer.from([0, 0, 0xfe, 0xff, 0, 0, 0, 0x3c]), { maxBytes: MAX_BYTES })).code).toBe('XML_ENCODING');
  });

  it('reports a truncated file after its last character', () => {
    expect(problemOf(read('<Orders>\n  <Order>\n    <OrderNumber>12\n\n'))).toEqual({ code: 'XML_NOT_WELL_FORMED', line: 3, column: 20 });
  });
});
