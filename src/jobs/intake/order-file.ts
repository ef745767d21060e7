import type { InboundOrder, OrderStatus, ReadResult } from '../../domain/order.js';
import type { OrderRules } from '../../domain/validate-order.js';
import type { Ledger } from '../../ledger/ledger.js';
import type { Clock, Log } from '../ports.js';
import { planOrders, type LedgerView, type OrderDecision } from './plan.js';
import type { FileVerdict } from './take-files.js';

export interface OrderFileContext {
  partner: string;
  /** order_number_prefix: the FCP order number is prefix + the partner's number. */
  prefix: string;
  ledger: Ledger;
  clock: Clock;
  log: Log;
  read: (content: Buffer) => ReadResult;
  /** The mappings and rules in force right now (one immutable snapshot per file). */
  rules: () => OrderRules;
}

/** Judges an order file: read it, plan each order, and return the ledger change to apply. */
export function judgeOrderFile(ctx: OrderFileContext, content: Buffer, fileName: string): FileVerdict {
  const result = ctx.read(content);
  if (!result.ok) return { ok: false, problem: result.problem };
  for (const warning of result.warnings) ctx.log.debug('reader note', { partner: ctx.partner, file: fileName, code: warning.code, note: warning.message });
  const decisions = planOrders(result.orders, ctx.rules(), ledgerView(ctx.ledger, ctx.partner));
  return { ok: true, apply: (fileId) => applyDecisions(ctx, decisions, fileId, fileName) };
}

export function ledgerView(ledger: Ledger, partner: string): LedgerView {
  return {
    live(orderNumber) {
      const order = ledger.orders.live(partner, orderNumber);
      if (order === undefined) return undefined;
      const duplicateHashes = ledger.orders.duplicatesOf(order.id).map((d) => ({ id: d.id, contentHash: d.contentHash }));
      return { id: order.id, status: order.status, contentHash: order.contentHash, duplicateHashes };
    },
  };
}

/** What writing decisions needs (X12 files reuse it: jobs/intake/x12-file.ts). */
export type ApplyOrdersContext = Pick<OrderFileContext, 'partner' | 'prefix' | 'ledger' | 'clock' | 'log'>;

/** Writes the decisions; runs inside the transaction that finishes the file. Returns the order count. */
export function applyDecisions(ctx: ApplyOrdersContext, decisions: OrderDecision[], fileId: number, fileName: string): number {
  const { ledger, partner } = ctx;
  const at = ctx.clock.now().toISOString();
  const where = (line: number): string => `file #${fileId} '${fileName}' line ${line}`;
  const fields = (number: string): Record<string, unknown> => ({ partner, file: fileName, order: number });

  for (const d of decisions) {
    const number = d.order.orderNumber;
    switch (d.kind) {
      case 'new': {
        const id = ledger.orders.insert({
          partner, orderNumber: number, fcpOrderNumber: ctx.prefix + number, status: d.status,
          problems: d.verdict.problems, fileId, sourceLine: d.order.sourceLine, contentHash: d.contentHash,
          inbound: d.order, fcpOrder: d.verdict.fcpOrder, duplicateOf: null, cause: `received in ${where(d.order.sourceLine)}`, at,
        });
        noteFiltered(ctx, id, d.status, d.verdict.filteredSkus, at);
        logOutcome(ctx, d.status, d.verdict.problems.map((p) => p.message), fields(number));
        break;
      }
      case 'replace': {
        ledger.orders.replace(d.orderId, {
          partner, fcpOrderNumber: ctx.prefix + number, problems: d.verdict.problems, fileId,
          sourceLine: d.order.sourceLine, contentHash: d.contentHash, inbound: d.order, fcpOrder: d.verdict.fcpOrder, at,
        });
        const cause = `corrected re-send in ${where(d.order.sourceLine)}`;
        if (d.from === d.status) ledger.orders.note(d.orderId, d.status, cause, at);
        else ledger.orders.setStatus(d.orderId, d.status, cause, at);
        noteFiltered(ctx, d.orderId, d.status, d.verdict.filteredSkus, at);
        logOutcome(ctx, d.status, d.verdict.problems.map((p) => p.message), { ...fields(number), replaced: true });
        break;
      }
      case 'redelivery': {
        const id = d.orderId === -1 ? ledger.orders.live(partner, number)?.id : d.orderId;
        if (id !== undefined) {
          ledger.orders.countRedelivery(id, at);
          const current = ledger.orders.get(id);
          if (current !== undefined) ledger.orders.note(id, current.status, `re-delivered with identical content in ${where(d.order.sourceLine)}`, at);
        }
        ctx.log.info('order re-delivered with identical content: nothing sent', fields(number));
        break;
      }
      case 'duplicate': {
        const liveId = d.liveId === -1 ? ledger.orders.live(partner, number)?.id ?? null : d.liveId;
        ledger.orders.insert({
          partner, orderNumber: number, fcpOrderNumber: ctx.prefix + number, status: 'IMPORT ERROR', problems: d.problems, fileId,
          sourceLine: d.order.sourceLine, contentHash: d.contentHash, inbound: d.order, fcpOrder: null,
          duplicateOf: liveId, cause: `received in ${where(d.order.sourceLine)}`, at,
        });
        logOutcome(ctx, 'IMPORT ERROR', d.problems.map((p) => p.message), fields(number));
        break;
      }
      case 'cancel':
        applyCancel(ctx, d.orderId, d.from, d.order.orderNumber, `cancelled by the partner in ${where(d.order.sourceLine)}`, at, fileId, d.order);
        break;
    }
  }
  return decisions.length;
}

/**
 * SPEC §5.4 cancellation: NEW / IMPORT ERROR → CANCELLED at once; ACCEPTED → a cancellation
 * request goes in the next FCP file and the order becomes CANCELLED when that file is delivered.
 */
export function applyCancel(
  ctx: Pick<OrderFileContext, 'ledger' | 'partner' | 'log'>, orderId: number | null, from: string | null, number: string,
  cause: string, at: string, fileId: number | null = null, inbound: InboundOrder | null = null,
): void {
  const { ledger, partner } = ctx;
  if (orderId === null) {
    if (inbound === null) return;
    ledger.orders.insert({
      partner, orderNumber: number, fcpOrderNumber: number, status: 'CANCELLED', problems: [], fileId,
      sourceLine: inbound.sourceLine, contentHash: '', inbound, fcpOrder: null, duplicateOf: null,
      cause: `${cause} (no order of that number was known)`, at,
    });
  } else if (from === 'NEW' || from === 'IMPORT ERROR') {
    ledger.orders.setStatus(orderId, 'CANCELLED', cause, at);
  } else if (from === 'ACCEPTED') {
    ledger.orders.requestCancel(orderId, at);
    ledger.orders.note(orderId, 'ACCEPTED', `${cause}: a cancellation request goes in the next FCP file`, at);
  } else {
    const current = ledger.orders.get(orderId);
    if (current !== undefined) ledger.orders.note(orderId, current.status, `${cause}: ignored, the order is ${current.status}`, at);
  }
  ctx.log.info('order cancellation', { partner, order: number, was: from });
}

function noteFiltered(ctx: ApplyOrdersContext, id: number, status: OrderStatus, skus: string[], at: string): void {
  if (skus.length === 0) return;
  ctx.ledger.orders.note(id, status, `Filtered by item filter: ${skus.map((s) => `'${s}'`).join(', ')}`, at);
}

function logOutcome(ctx: ApplyOrdersContext, status: string, errors: string[], fields: Record<string, unknown>): void {
  if (status === 'IMPORT ERROR') ctx.log.warn('order IMPORT ERROR', { ...fields, errors });
  else ctx.log.info(`order ${status}`, fields);
}
