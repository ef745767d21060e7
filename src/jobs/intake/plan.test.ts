import { describe, expect, it } from 'vitest';
import { EMPTY_SHIP_TO, type InboundOrder } from '../../domain/order.js';
import type { OrderRules } from '../../domain/validate-order.js';
import { orderContentHash, planOrders, type KnownOrder } from './plan.js';

const rules: OrderRules = {
  orderNumberPrefix: '', maxOrderAgeDays: 30, shipMethodsAreFcpCodes: false,
  shipCodes: { get: (c) => (c === 'G' ? { code: 'G', carrier: 'UPS' } : undefined) },
  shipMethods: { lookup: () => 'G' }, skus: { resolve: (s) => [{ fcpSku: s, quantity: 1 }] },
  itemFilter: null, fcpSkus: null, today: '2026-11-22',
};

const order = (number: string, qty = '1', line = 2): InboundOrder => ({
  orderNumber: number, referenceNumber: '', orderDate: '', shipMethod: 'Ground', notes: '', sourceLine: line, cancel: false, problems: [],
  shipTo: { ...EMPTY_SHIP_TO, firstName: 'A', address1: '1 Main', city: 'X', state: 'OR', postalCode: '97201', country: 'US' },
  lines: [{ sku: 'S', quantity: qty, unitPrice: '', description: '', sourceLine: line }],
});

const view = (known: Record<string, KnownOrder>) => ({ live: (n: string) => known[n] });

describe('planOrders', () => {
  it('ignores where an order stood in its file when comparing content', () => {
    expect(orderContentHash(order('1', '1', 2))).toBe(orderContentHash(order('1', '1', 40)));
    expect(orderContentHash(order('1', '1'))).not.toBe(orderContentHash(order('1', '2')));
  });

  it('decides new / re-delivery / corrected re-send / duplicate against the ledger', () => {
    const accepted = { id: 7, status: 'ACCEPTED' as const, contentHash: orderContentHash(order('A')), duplicateHashes: [] };
    const failed = { id: 8, status: 'IMPORT ERROR' as const, contentHash: orderContentHash(order('B', '0')), duplicateHashes: [] };
    const kinds = planOrders([order('N'), order('A'), order('A', '5'), order('B', '3')], rules, view({ A: accepted, B: failed })).map((d) => d.kind);
    expect(kinds).toEqual(['new', 'redelivery', 'duplicate', 'replace']);
  });

  it('catches a number repeated inside one file', () => {
    const kinds = planOrders([order('1', '1', 2), order('1', '1', 3), order('1', '2', 4)], rules, view({})).map((d) => d.kind);
    expect(kinds).toEqual(['new', 'redelivery', 'duplicate']);
  });

  it('counts a duplicate sent again as a re-delivery of that duplicate', () => {
    const dup = orderContentHash(order('A', '5'));
    const known = { id: 7, status: 'ACCEPTED' as const, contentHash: orderContentHash(order('A')), duplicateHashes: [{ id: 9, contentHash: dup }] };
    expect(planOrders([order('A', '5')], rules, view({ A: known }))).toMatchObject([{ kind: 'redelivery', orderId: 9 }]);
  });
});
