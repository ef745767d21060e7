import { createHash } from 'node:crypto';
import type { InboundOrder, OrderStatus } from '../../domain/order.js';
import { orderProblem, type Problem } from '../../domain/problems.js';
import { validateOrder, type OrderRules, type OrderVerdict } from '../../domain/validate-order.js';

/** What the plan needs to know of orders already in the ledger. */
export interface KnownOrder {
  id: number;
  status: OrderStatus;
  contentHash: string;
  /** Content hashes of rejected duplicates already recorded against it. */
  duplicateHashes: { id: number; contentHash: string }[];
}

export interface LedgerView {
  live(orderNumber: string): KnownOrder | undefined;
}

/** What to do with one order of a file; applied to the ledger in one transaction by run.ts. */
export type OrderDecision =
  | { kind: 'new'; order: InboundOrder; contentHash: string; status: OrderStatus; verdict: OrderVerdict }
  | { kind: 'replace'; orderId: number; from: OrderStatus; order: InboundOrder; contentHash: string; status: OrderStatus; verdict: OrderVerdict }
  | { kind: 'redelivery'; orderId: number; order: InboundOrder }
  | { kind: 'duplicate'; liveId: number; order: InboundOrder; contentHash: string; problems: Problem[] }
  | { kind: 'cancel'; orderId: number | null; from: OrderStatus | null; order: InboundOrder };

/**
 * Decides, order by order, what a file means against what the ledger knows (SPEC §5.4):
 * new, a corrected re-send (replaces a NEW/IMPORT ERROR order), a re-delivery (same content:
 * counted, nothing sent), or a duplicate number (other content after ACCEPTED).
 * Orders earlier in the same file count as known, so a number repeated in one file is caught too.
 */
export function planOrders(orders: InboundOrder[], rules: OrderRules, view: LedgerView): OrderDecision[] {
  const decisions: OrderDecision[] = [];
  const seenInFile = new Map<string, { hash: string; line: number }>();
  for (const order of orders) {
    const hash = orderContentHash(order);
    const earlier = seenInFile.get(order.orderNumber);
    if (order.orderNumber !== '' && earlier !== undefined) {
      decisions.push(earlier.hash === hash
        ? { kind: 'redelivery', orderId: -1, order }
        : { kind: 'duplicate', liveId: -1, order, contentHash: hash,
            problems: [orderProblem('DUPLICATE_ORDER_NUMBER', `'${order.orderNumber}' appears twice in this file (line ${earlier.line}) with other content`, order.sourceLine)] });
      continue;
    }
    if (order.orderNumber !== '') seenInFile.set(order.orderNumber, { hash, line: order.sourceLine });
    const known = order.orderNumber === '' ? undefined : view.live(order.orderNumber);

    if (order.cancel) {
      decisions.push({ kind: 'cancel', orderId: known?.id ?? null, from: known?.status ?? null, order });
      continue;
    }
    if (known === undefined) {
      const verdict = validateOrder(order, rules);
      decisions.push({ kind: 'new', order, contentHash: hash, status: statusOf(verdict), verdict });
      continue;
    }
    if (known.contentHash === hash) {
      decisions.push({ kind: 'redelivery', orderId: known.id, order });
      continue;
    }
    if (known.status === 'NEW' || known.status === 'IMPORT ERROR') {
      const verdict = validateOrder(order, rules);
      decisions.push({ kind: 'replace', orderId: known.id, from: known.status, order, contentHash: hash, status: statusOf(verdict), verdict });
      continue;
    }
    const earlierDuplicate = known.duplicateHashes.find((d) => d.contentHash === hash);
    if (earlierDuplicate !== undefined) {
      decisions.push({ kind: 'redelivery', orderId: earlierDuplicate.id, order });
      continue;
    }
    decisions.push({ kind: 'duplicate', liveId: known.id, order, contentHash: hash,
      problems: [orderProblem('DUPLICATE_ORDER_NUMBER', `'${order.orderNumber}' is already ${known.status} with other content`, order.sourceLine)] });
  }
  return decisions;
}

/** NEW when it can go to the FCP; CANCELLED when the item filter refuses it; IMPORT ERROR otherwise. */
export function statusOf(verdict: OrderVerdict): OrderStatus {
  if (verdict.fcpOrder !== null) return 'NEW';
  if (verdict.filteredOut && verdict.problems.length === 0) return 'CANCELLED';
  return 'IMPORT ERROR';
}

/**
 * Identity of an order's content: the partner's values, without where they stood in the file
 * (the same order re-sent in another file is the same order).
 */
export function orderContentHash(order: InboundOrder): string {
  const canonical = {
    orderNumber: order.orderNumber, referenceNumber: order.referenceNumber, orderDate: order.orderDate,
    shipMethod: order.shipMethod,
    shipTo: Object.entries(order.shipTo).sort(([a], [b]) => (a < b ? -1 : 1)), notes: order.notes, cancel: order.cancel,
    lines: order.lines.map((l) => [l.sku, l.quantity, l.unitPrice, l.description]),
    problems: order.problems.map((p) => p.code),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
