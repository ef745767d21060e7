import { dayIn } from '../../domain/calendar.js';
import { validateOrder, type OrderRules } from '../../domain/validate-order.js';
import type { Ledger } from '../../ledger/ledger.js';
import type { Clock, Log } from '../ports.js';
import { statusOf } from '../intake/plan.js';

export interface RetryContext {
  ledger: Ledger;
  clock: Clock;
  log: Log;
  timezone: string;
}

export interface RetryRequest {
  partner: string;
  rules: OrderRules;
  /** Only this order number (the CLI's `retry P N`). */
  orderNumber?: string | undefined;
  /** Orders received longer ago than this are left alone; null = no limit (an operator's retry). */
  maxAgeDays: number | null;
  cause: string;
}

/**
 * Runs the checks again on IMPORT ERROR orders with the mappings in force now (SPEC §5.4).
 * An order's age is judged against the day it was received, so a retry days later does not
 * turn a good order into ORDER_TOO_OLD. Rejected duplicates stay as they are: their number is
 * taken by an order the FCP already has.
 */
export function retryImportErrors(ctx: RetryContext, req: RetryRequest): { accepted: number; stillFailing: number } {
  const now = ctx.clock.now();
  let accepted = 0;
  let stillFailing = 0;
  ctx.ledger.transaction(() => {
    for (const order of ctx.ledger.orders.withStatus('IMPORT ERROR', req.partner)) {
      if (order.duplicateOf !== null) continue;
      if (req.orderNumber !== undefined && order.orderNumber !== req.orderNumber) continue;
      if (req.maxAgeDays !== null && now.getTime() - Date.parse(order.receivedAt) > req.maxAgeDays * 86_400_000) continue;
      const rules = { ...req.rules, today: dayIn(ctx.timezone, new Date(order.receivedAt)) };
      const verdict = validateOrder(order.inbound, rules);
      const status = statusOf(verdict);
      const at = now.toISOString();
      ctx.ledger.orders.setOutcome(order.id, verdict.problems, verdict.fcpOrder, at);
      if (status === 'IMPORT ERROR') {
        stillFailing += 1;
        continue;
      }
      ctx.ledger.orders.setStatus(order.id, status, req.cause, at);
      accepted += 1;
      ctx.log.info(`order ${status} on retry`, { partner: req.partner, order: order.orderNumber, cause: req.cause });
    }
  });
  return { accepted, stillFailing };
}
