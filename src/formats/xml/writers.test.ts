import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { EMPTY_SHIP_TO, type FcpOrder } from '../../domain/order.js';
import { writeFcpXmlCancel, writeFcpXmlOrder } from './fcp-xml.js';
import { writeInventoryXml } from './inventory-xml.js';
import { readXmlOrders } from './orders.js';
import { writeTrackingXml, type TrackingRow } from './tracking-xml.js';

const ORDER: FcpOrder = {
  fcpOrderNumber: 'ACME-PO-1',
  referenceNumber: 'R-1',
  orderDate: '2026-03-01',
  shipCode: 'UPSGND',
  shipTo: { ...EMPTY_SHIP_TO, firstName: 'Ada', lastName: 'Lovelace', company: 'Smith & Sons', address1: '1 Main St', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' },
  notes: '',
  lines: [{ sku: '00123', quantity: 2 }, { sku: 'B', quantity: 1 }],
};

/** Every value a writer can be handed, the nasty ones included. */
const AWKWARD = `  Smith & Sons <b> "q" 'a' \t tab\nline\r\nCRLF ctl:\u0001 ]]> &amp;  `;
/** What AWKWARD reads back as: the one character XML cannot carry became U+FFFD, nothing else changed. */
const AWKWARD_READ_BACK = AWKWARD.replace('\u0001', '\uFFFD');

/** A plain fast-xml-parser, keeping whitespace and decoding numeric references, to prove the output is ordinary XML. */
function parse(xml: string, arrays: readonly string[] = []): Record<string, any> {
  return new XMLParser({
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    htmlEntities: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => arrays.includes(name),
  }).parse(xml) as Record<string, any>;
}

describe('writeFcpXmlOrder', () => {
  it('writes the golden document', () => {
    expect(writeFcpXmlOrder(ORDER, 'M-7')).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<OrderSubmitRequest>
  <Version>1.0</Version>
  <MerchantId>M-7</MerchantId>
  <OrderList>
    <Order>
      <OrderNumber>ACME-PO-1</OrderNumber>
      <ReferenceNumber>R-1</ReferenceNumber>
      <OrderDate>2026-03-01</OrderDate>
      <ShippingMethod>UPSGND</ShippingMethod>
      <ShippingAddress>
        <FirstName>Ada</FirstName>
        <LastName>Lovelace</LastName>
        <Company>Smith &amp; Sons</Company>
        <Address1>1 Main St</Address1>
        <Address2></Address2>
        <City>Springfield</City>
        <State>IL</State>
        <PostalCode>62701</PostalCode>
        <Country>US</Country>
        <Phone></Phone>
        <Email></Email>
      </ShippingAddress>
      <Notes></Notes>
      <ItemList>
        <Item>
          <Sku>00123</Sku>
          <Quantity>2</Quantity>
        </Item>
        <Item>
          <Sku>B</Sku>
          <Quantity>1</Quantity>
        </Item>
      </ItemList>
    </Order>
  </OrderList>
</OrderSubmitRequest>
`);
  });

  it('re-parses to the same values, awkward characters included', () => {
    const order: FcpOrder = { ...ORDER, notes: AWKWARD, shipTo: { ...ORDER.shipTo, company: AWKWARD }, lines: [{ sku: AWKWARD, quantity: 3 }] };
    const parsed = parse(writeFcpXmlOrder(order, AWKWARD))['OrderSubmitRequest'];
    expect(parsed.MerchantId).toBe(AWKWARD_READ_BACK);
    expect(parsed.OrderList.Order.Notes).toBe(AWKWARD_READ_BACK);
    expect(parsed.OrderList.Order.ShippingAddress.Company).toBe(AWKWARD_READ_BACK);
    expect(parsed.OrderList.Order.ItemList.Item.Sku).toBe(AWKWARD_READ_BACK);
    expect(parsed.OrderList.Order.ItemList.Item.Quantity).toBe('3');
  });

  it('is read back by readXmlOrders, which takes the same OrderSubmitRequest shape', () => {
    const order: FcpOrder = { ...ORDER, notes: 'two\nlines & <more>' };
    const result = readXmlOrders(Buffer.from(writeFcpXmlOrder(order, 'M-7')), { maxBytes: 1 << 20 });
    expect(result.ok && result.warnings).toEqual([]);
    const [read] = result.ok ? result.orders : [];
    expect(read).toMatchObject({ orderNumber: 'ACME-PO-1', referenceNumber: 'R-1', orderDate: '2026-03-01', shipMethod: 'UPSGND', notes: 'two\nlines & <more>', sourceLine: 6 });
    expect(read?.shipTo).toEqual(ORDER.shipTo);
    expect(read?.lines.map((line) => [line.sku, line.quantity, line.sourceLine])).toEqual([['00123', '2', 26], ['B', '1', 30]]);
  });

  it('refuses to write a quantity that is not a whole number', () => {
    for (const quantity of [1.5, -2, Number.NaN, 1e21]) {
      expect(() => writeFcpXmlOrder({ ...ORDER, lines: [{ sku: 'A', quantity }] }, 'M')).toThrow(RangeError);
    }
  });
});

describe('writeFcpXmlCancel', () => {
  it('writes the golden document', () => {
    expect(writeFcpXmlCancel('ACME-PO-1', 'M-7')).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<OrderCancelRequest>
  <Version>1.0</Version>
  <MerchantId>M-7</MerchantId>
  <OrderNumber>ACME-PO-1</OrderNumber>
</OrderCancelRequest>
`);
  });

  it('re-parses to the same values', () => {
    expect(parse(writeFcpXmlCancel(AWKWARD, AWKWARD))['OrderCancelRequest']).toMatchObject({ Version: '1.0', MerchantId: AWKWARD_READ_BACK, OrderNumber: AWKWARD_READ_BACK });
  });
});

describe('writeInventoryXml', () => {
  it('writes the golden document', () => {
    expect(writeInventoryXml('2026-03-01T12:00:00Z', [{ sku: '00123', quantity: 5 }, { sku: 'B&C', quantity: 0 }])).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<Inventory asOf="2026-03-01T12:00:00Z">
  <Item sku="00123" quantity="5"/>
  <Item sku="B&amp;C" quantity="0"/>
</Inventory>
`);
  });

  it('re-parses to the same values, and writes an empty list as an empty element', () => {
    const parsed = parse(writeInventoryXml(AWKWARD, [{ sku: AWKWARD, quantity: 7 }]), ['Item'])['Inventory'];
    expect(parsed.asOf).toBe(AWKWARD_READ_BACK);
    expect(parsed.Item).toEqual([{ sku: AWKWARD_READ_BACK, quantity: '7' }]);
    expect(parse(writeInventoryXml('t', []))['Inventory']).toEqual({ '#text': '\n', asOf: 't' });
  });
});

describe('writeTrackingXml', () => {
  const row = (trackingNumber: string, orderNumber: string, sku: string, quantity: number): TrackingRow => ({
    orderNumber, referenceNumber: `R-${orderNumber}`, shipDate: '2026-03-02', carrier: 'UPS', service: 'Ground', trackingNumber, sku, quantity,
  });

  it('writes the golden document, one Package per run of rows with the same tracking and order number', () => {
    const rows = [row('1Z1', 'PO-1', 'A', 2), row('1Z1', 'PO-1', 'B', 1), row('1Z2', 'PO-1', 'A', 1), row('1Z2', 'PO-2', 'C', 4)];
    expect(writeTrackingXml(rows)).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<Tracking>
  <Package trackingNumber="1Z1" orderNumber="PO-1" referenceNumber="R-PO-1" shipDate="2026-03-02" carrier="UPS" service="Ground">
    <Item sku="A" quantity="2"/>
    <Item sku="B" quantity="1"/>
  </Package>
  <Package trackingNumber="1Z2" orderNumber="PO-1" referenceNumber="R-PO-1" shipDate="2026-03-02" carrier="UPS" service="Ground">
    <Item sku="A" quantity="1"/>
  </Package>
  <Package trackingNumber="1Z2" orderNumber="PO-2" referenceNumber="R-PO-2" shipDate="2026-03-02" carrier="UPS" service="Ground">
    <Item sku="C" quantity="4"/>
  </Package>
</Tracking>
`);
  });

  it('groups only consecutive rows', () => {
    const parsed = parse(writeTrackingXml([row('1Z1', 'PO-1', 'A', 1), row('1Z2', 'PO-1', 'B', 1), row('1Z1', 'PO-1', 'C', 1)]), ['Package', 'Item']);
    expect(parsed['Tracking'].Package.map((pkg: { trackingNumber: string }) => pkg.trackingNumber)).toEqual(['1Z1', '1Z2', '1Z1']);
  });

  it('re-parses to the same values', () => {
    const awkward: TrackingRow = {
      orderNumber: AWKWARD, referenceNumber: AWKWARD, shipDate: AWKWARD, carrier: AWKWARD, service: AWKWARD, trackingNumber: AWKWARD, sku: AWKWARD, quantity: 3,
    };
    const pkg = parse(writeTrackingXml([awkward]), ['Package', 'Item'])['Tracking'].Package[0];
    for (const name of ['trackingNumber', 'orderNumber', 'referenceNumber', 'shipDate', 'carrier', 'service']) expect(pkg[name], name).toBe(AWKWARD_READ_BACK);
    expect(pkg.Item).toEqual([{ sku: AWKWARD_READ_BACK, quantity: '3' }]);
  });
});
