import { describe, expect, it } from 'vitest';
import { EMPTY_SHIP_TO } from '../../domain/order.js';
import { isOrderComplete, partnerLinesOf, reportOrder, shippedUnits, type OrderToReport, type PartnerLine, type PlanPackage } from './plan.js';

const one = (sku: string, quantity: number): PartnerLine => ({ sku, quantity, components: [{ fcpSku: sku, quantity: 1 }] });
const GIFTSET = (quantity: number): PartnerLine => ({ sku: 'GIFTSET', quantity, components: [{ fcpSku: '101BC', quantity: 1 }, { fcpSku: '102NR/B', quantity: 2 }] });

let nextId = 1;
function pkg(tracking: string, lines: [string, number][]): PlanPackage {
  return { id: nextId++, trackingNumber: tracking, shipDate: '2026-11-21', carrier: 'FEDEX', service: 'Ground', weightLbs: null, lines: lines.map(([sku, quantity]) => ({ sku, quantity })) };
}

function order(lines: PartnerLine[], reported: PlanPackage[], pending: PlanPackage[]): OrderToReport {
  return { orderId: 1, orderNumber: '1001', referenceNumber: 'R1', fcpOrderNumber: 'AC-1001', orderDate: '2026-11-20', shipTo: EMPTY_SHIP_TO, lines, reported, pending };
}

/** Each package's reported lines as [tracking, [[sku, quantity, ordered, shippedBefore]…]]. */
function view(o: OrderToReport): [string, [string, number, number | null, number][]][] {
  return reportOrder(o).packages.map((p) => [p.package.trackingNumber, p.lines.map((l) => [l.sku, l.quantity, l.ordered, l.shippedBefore])]);
}

describe('reportOrder: each package reports what it adds, once', () => {
  const lines = [one('A', 1), one('B', 2), one('C', 1)];
  const p1 = pkg('T1', [['A', 1], ['B', 1]]);
  const p2 = pkg('T2', [['B', 1], ['C', 1]]);

  it('reports a partial shipment as it comes, then the rest in the next file', () => {
    expect(view(order(lines, [], [p1]))).toEqual([['T1', [['A', 1, 1, 0], ['B', 1, 2, 0]]]]);
    // Later: T1 was reported by an earlier output, only T2 is new.
    expect(view(order(lines, [p1], [p2]))).toEqual([['T2', [['B', 1, 2, 1], ['C', 1, 1, 0]]]]);
  });

  it('gives the same lines per package when both arrive before one file', () => {
    expect(view(order(lines, [], [p1, p2]))).toEqual([
      ['T1', [['A', 1, 1, 0], ['B', 1, 2, 0]]],
      ['T2', [['B', 1, 2, 1], ['C', 1, 1, 0]]],
    ]);
  });

  it('reports nothing for packages already reported', () => {
    expect(reportOrder(order(lines, [p1, p2], [])).packages).toEqual([]);
  });
});

describe('bundle roll-up: the partner sees its bundle SKU', () => {
  it('reports a bundle shipped as its FCP components as the bundle line', () => {
    const p = pkg('T1', [['101BC', 2], ['102NR/B', 4]]);
    expect(view(order([GIFTSET(2)], [], [p]))).toEqual([['T1', [['GIFTSET', 2, 2, 0]]]]);
  });

  it('counts a bundle unit only when all of its parts have shipped: floor(shipped / per bundle), min over parts', () => {
    const p1 = pkg('T1', [['101BC', 2], ['102NR/B', 3]]);
    const p2 = pkg('T2', [['102NR/B', 1]]);
    // 102NR/B: 3 of 4 → floor(3/2) = 1 bundle; 101BC: 2 → 2; min = 1.
    expect(view(order([GIFTSET(2)], [], [p1, p2]))).toEqual([
      ['T1', [['GIFTSET', 1, 2, 0]]],
      ['T2', [['GIFTSET', 1, 2, 1]]],
    ]);
  });

  it('lists a package that carries only part of a bundle with 0 units', () => {
    const p1 = pkg('T1', [['101BC', 1]]);
    const p2 = pkg('T2', [['102NR/B', 2]]);
    expect(view(order([GIFTSET(1)], [], [p1, p2]))).toEqual([
      ['T1', [['GIFTSET', 0, 1, 0]]],
      ['T2', [['GIFTSET', 1, 1, 0]]],
    ]);
  });

  it('fills two lines that share an FCP SKU one after the other', () => {
    const lines: PartnerLine[] = [one('101BC', 1), GIFTSET(1)];
    expect(shippedUnits(lines, [pkg('T', [['101BC', 2], ['102NR/B', 2]])]).perLine).toEqual([1, 1]);
    expect(shippedUnits(lines, [pkg('T', [['101BC', 1], ['102NR/B', 2]])]).perLine).toEqual([1, 0]);
  });

  it('merges lines with the same partner SKU into one reported line', () => {
    expect(view(order([one('A', 1), one('A', 2)], [], [pkg('T', [['A', 3]])]))).toEqual([['T', [['A', 3, 3, 0]]]]);
  });
});

describe('units the order does not explain', () => {
  it('reports an FCP SKU that no line has under the FCP SKU, with no ordered quantity', () => {
    expect(view(order([one('A', 1)], [], [pkg('T', [['A', 1], ['FREEBIE', 1]])]))).toEqual([['T', [['A', 1, 1, 0], ['FREEBIE', 1, null, 0]]]]);
  });

  it('reports an over-shipment on the first line with that SKU, as the FCP said', () => {
    expect(view(order([one('A', 1)], [], [pkg('T', [['A', 3]])]))).toEqual([['T', [['A', 3, 1, 0]]]]);
  });
});

describe('partnerLinesOf', () => {
  const resolve = (sku: string) => (sku === 'GIFTSET' ? GIFTSET(1).components.map((c) => ({ ...c })) : [{ fcpSku: sku, quantity: 1 }]);

  it('keeps the lines that went to the FCP, with their bundle components', () => {
    const inbound = [
      { sku: 'WIDGET', quantity: '2' }, { sku: 'GIFTSET', quantity: '1' },
      { sku: 'FILTERED', quantity: '1' }, { sku: '', quantity: '1' }, { sku: 'WIDGET', quantity: '1.5' },
    ];
    expect(partnerLinesOf(inbound, new Set(['WIDGET', '101BC', '102NR/B']), resolve)).toEqual([one('WIDGET', 2), GIFTSET(1)]);
  });
});

describe('isOrderComplete: every ordered FCP unit is in a delivered package', () => {
  const fcpLines = [{ sku: '101BC', quantity: 1 }, { sku: '102NR/B', quantity: 2 }, { sku: 'WIDGET', quantity: 1 }];
  it('is false while a unit is missing, true once all are in', () => {
    const p1 = { lines: [{ sku: '101BC', quantity: 1 }, { sku: '102NR/B', quantity: 1 }] };
    const p2 = { lines: [{ sku: '102NR/B', quantity: 1 }, { sku: 'WIDGET', quantity: 1 }] };
    expect(isOrderComplete(fcpLines, [p1])).toBe(false);
    expect(isOrderComplete(fcpLines, [p1, p2])).toBe(true);
    expect(isOrderComplete(fcpLines, [p2, p1, p1])).toBe(true);
  });

  it('never completes an order with no lines', () => {
    expect(isOrderComplete([], [])).toBe(false);
  });
});
