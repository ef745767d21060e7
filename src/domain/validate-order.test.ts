import { describe, expect, it } from 'vitest';
import { EMPTY_SHIP_TO, type InboundOrder } from './order.js';
import { orderProblem } from './problems.js';
import { validateOrder, type OrderRules } from './validate-order.js';

const CODES: Record<string, { code: string; carrier: string }> = {
  UPSGRD: { code: 'UPSGRD', carrier: 'UPS' }, FDXHD: { code: 'FDXHD', carrier: 'FEDEX' }, USPSPRI: { code: 'USPSPRI', carrier: 'USPS' },
};
const METHODS: Record<string, string> = { Ground: 'UPSGRD', Home: 'FDXHD', Post: 'USPSPRI' };
const BUNDLES: Record<string, { fcpSku: string; quantity: number }[]> = {
  GIFT: [{ fcpSku: 'A', quantity: 1 }, { fcpSku: 'B', quantity: 2 }],
  PACK3: [{ fcpSku: 'A', quantity: 3 }],
};

function rules(over: Partial<OrderRules> = {}): OrderRules {
  return {
    orderNumberPrefix: '', maxOrderAgeDays: 30, shipMethodsAreFcpCodes: false,
    shipCodes: { get: (c) => CODES[c] },
    shipMethods: { lookup: (m) => METHODS[m] },
    skus: { resolve: (s) => BUNDLES[s] ?? [{ fcpSku: s, quantity: 1 }] },
    itemFilter: null, fcpSkus: null, today: '2026-11-22', ...over,
  };
}

function order(over: Partial<InboundOrder> = {}, shipTo: Partial<InboundOrder['shipTo']> = {}): InboundOrder {
  return {
    orderNumber: '1', referenceNumber: '', orderDate: '2026-11-20', shipMethod: 'Ground', notes: '', sourceLine: 2, cancel: false, problems: [],
    shipTo: { ...EMPTY_SHIP_TO, firstName: 'Ada', lastName: 'Lovelace', address1: '1 Main', city: 'Portland', state: 'OR', postalCode: '97201', country: 'US', ...shipTo },
    lines: [{ sku: 'A', quantity: '1', unitPrice: '', description: '', sourceLine: 2 }],
    ...over,
  };
}

const messages = (o: InboundOrder, r: OrderRules = rules()): string[] => validateOrder(o, r).problems.map((p) => p.message);

describe('validateOrder (SPEC §5.4)', () => {
  it('expands bundles with multiplied quantities and sums the same FCP SKU', () => {
    const v = validateOrder(order({ lines: [
      { sku: 'GIFT', quantity: '2', unitPrice: '', description: '', sourceLine: 2 },
      { sku: 'A', quantity: '1', unitPrice: '', description: '', sourceLine: 3 },
      { sku: 'PACK3', quantity: '1', unitPrice: '', description: '', sourceLine: 4 },
    ] }), rules({ orderNumberPrefix: 'P-' }));
    expect(v.problems).toEqual([]);
    expect(v.fcpOrder).toMatchObject({ fcpOrderNumber: 'P-1', shipCode: 'UPSGRD', lines: [{ sku: 'A', quantity: 6 }, { sku: 'B', quantity: 4 }] });
  });

  it('reports every failing check, in the SPEC order, with the FCP prefixes', () => {
    const o = order({ shipMethod: 'Teleport', orderDate: '2020-01-01', lines: [{ sku: 'A', quantity: '1.5', unitPrice: '', description: '', sourceLine: 2 }] },
      { firstName: '', lastName: '', company: '', city: '', postalCode: '1234' });
    expect(messages(o)).toEqual([
      'Customer information missing: no ship-to name or company',
      "Address validation failed: city is missing; US ZIP '1234' is not 12345 or 12345-6789",
      "Invalid quantity: '1.5' for SKU 'A' is not a whole number from 1 to 999999",
      "Ship method not mapped: 'Teleport' (add a row to ship-methods.csv, or a '*' default)",
      'Order older than history window: order date 2020-01-01 is more than 30 days before 2026-11-22',
    ]);
  });

  it.each([['1.5'], ['-2'], ['1e3'], [''], ['0'], ['1000000'], ['٣'], [' 1']])('refuses quantity %j', (qty) => {
    const v = validateOrder(order({ lines: [{ sku: 'A', quantity: qty, unitPrice: '', description: '', sourceLine: 5 }] }), rules());
    expect(v.problems.map((p) => [p.code, p.line])).toEqual([['INVALID_QUANTITY', 5]]);
  });

  it('needs a state for US and CA only, and accepts ZIP+4', () => {
    expect(messages(order({}, { state: '', country: 'Canada', postalCode: 'K1A 0B1' }))).toEqual(['Address validation failed: state is missing for CA']);
    expect(messages(order({}, { state: '', country: 'DE', postalCode: '10115' }))).toEqual([]);
    expect(messages(order({}, { postalCode: '97201-1234' }))).toEqual([]);
  });

  it('refuses a PO Box only when the carrier of the FCP code is FedEx or UPS', () => {
    expect(messages(order({ shipMethod: 'Home' }, { address1: 'P.O. Box 12' }))).toEqual(['Address validation failed: FEDEX does not deliver to PO Boxes']);
    expect(messages(order({ shipMethod: 'Post' }, { address1: 'PO Box 12' }))).toEqual([]);
  });

  it('checks field lengths (first + last joined) and control characters', () => {
    expect(messages(order({}, { firstName: 'A'.repeat(20), lastName: 'B'.repeat(15) }))).toEqual(['Malformed address: ship-to name is longer than 35 characters']);
    expect(messages(order({}, { city: 'Port\u0007land' }))).toEqual(['Malformed address: city has control characters']);
  });

  it('checks FCP codes when the partner sends them itself', () => {
    const r = rules({ shipMethodsAreFcpCodes: true });
    expect(messages(order({ shipMethod: 'UPSGRD' }), r)).toEqual([]);
    expect(messages(order({ shipMethod: 'Ground' }), r)).toEqual(["Invalid ship method code: 'Ground' is not in fcp-ship-codes.csv"]);
  });

  it('checks mapped SKUs against the FCP feed once one exists', () => {
    const v = validateOrder(order({ lines: [{ sku: 'GIFT', quantity: '1', unitPrice: '', description: '', sourceLine: 7 }] }), rules({ fcpSkus: new Set(['A']) }));
    expect(v.problems.map((p) => p.message)).toEqual(["Invalid SKU: 'GIFT' (FCP SKU 'B') is not in the FCP inventory feed"]);
    expect(v.fcpOrder).toBeNull();
  });

  it('keeps reader problems (inconsistent rows) and refuses blank numbers, no lines and bad dates', () => {
    const inconsistent = order({ problems: [orderProblem('INCONSISTENT_ORDER', 'city differs between line 2 and line 3', 3)] });
    expect(messages(inconsistent)).toEqual(['Order rows disagree: city differs between line 2 and line 3']);
    expect(messages(order({ orderNumber: '', lines: [], orderDate: '13/45/2026' }))).toEqual([
      'Invalid order number: the order number is blank', 'Invalid SKU: the order has no lines', "Invalid order date: '13/45/2026' is not a date",
    ]);
  });

  it('refuses an ISO date that is no calendar day (V8 would roll 2026-11-31 over to December 1)', () => {
    expect(messages(order({ orderDate: '2026-11-31' }))).toEqual(["Invalid order date: '2026-11-31' is not a date"]);
    expect(messages(order({ orderDate: '2026-02-29' }))).toEqual(["Invalid order date: '2026-02-29' is not a date"]);
    expect(messages(order({ orderDate: '2028-02-29' }))).toEqual([]);
  });

  it('drops filtered lines (level item) and refuses the whole order (level order) without an error', () => {
    const lines = [{ sku: 'A', quantity: '1', unitPrice: '', description: '', sourceLine: 2 }, { sku: 'B', quantity: '1', unitPrice: '', description: '', sourceLine: 3 }];
    const item = validateOrder(order({ lines }), rules({ itemFilter: { mode: 'deny', level: 'item', skus: new Set(['B']) } }));
    expect(item.fcpOrder?.lines).toEqual([{ sku: 'A', quantity: 1 }]);
    expect(item.filteredSkus).toEqual(['B']);
    const whole = validateOrder(order({ lines }), rules({ itemFilter: { mode: 'allow', level: 'order', skus: new Set(['A']) } }));
    expect(whole).toMatchObject({ fcpOrder: null, filteredOut: true, problems: [] });
  });
});
