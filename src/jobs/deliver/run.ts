import { outputName } from '../../domain/output-name.js';
import type { Ledger } from '../../ledger/ledger.js';
import type { OutputRecord } from '../../ledger/records.js';
import { faultPoint } from '../fault-points.js';
import type { Clock, Log, OutboundChannel } from '../ports.js';
import { planFcpOutputs, type FcpFormat } from './plan.js';

export interface DeliverContext {
  ledger: Ledger;
  clock: Clock;
  log: Log;
  /** Outbound channels by the target names recorded on outputs (`fcp.orders`, …). */
  targets: ReadonlyMap<string, OutboundChannel>;
  /**
   * Runs inside the transaction that marks an output DELIVERED, so what follows from a delivery
   * commits with it (tracking: orders become COMPLETED, SPEC §9).
   */
  onDelivered?: (output: OutputRecord, at: string) => void;
}

export const FCP_ORDERS_TARGET = 'fcp.orders';

/**
 * Puts every unsent NEW order and pending cancellation of a partner into FCP output(s), in one
 * transaction with the links order → output (the transactional outbox). Nothing is written yet.
 */
export function queueFcpOutputs(ctx: DeliverContext, partner: string, fmt: FcpFormat): number {
  return ctx.ledger.transaction(() => {
    const submits = ctx.ledger.orders.unsent(partner).flatMap((o) => (o.fcpOrder === null ? [] : [{ orderId: o.id, order: o.fcpOrder }]));
    const cancels = ctx.ledger.orders.cancellationsUnsent(partner).flatMap((o) => (o.fcpOrder === null ? [] : [{ orderId: o.id, order: o.fcpOrder }]));
    const plans = planFcpOutputs(submits, cancels, fmt);
    const now = ctx.clock.now();
    for (const plan of plans) {
      const name = outputName('orders', partner, now, ctx.ledger.nextSequence(`output:orders:${partner}`), plan.ext);
      ctx.ledger.insertOutput({ kind: 'orders', partner, target: FCP_ORDERS_TARGET, name, content: plan.content, createdAt: now.toISOString() }, plan.links);
    }
    return plans.length;
  });
}

/**
 * Writes every pending output to its channel and marks it delivered; the orders it carries
 * become ACCEPTED (or CANCELLED) in the same transaction. A crash between the write and the mark
 * rewrites the same name with the same bytes on restart: the FCP never sees two files for one order.
 */
export async function deliverPending(ctx: DeliverContext): Promise<{ delivered: number; failed: number }> {
  let delivered = 0;
  let failed = 0;
  for (const output of ctx.ledger.pendingOutputs()) {
    const channel = ctx.targets.get(output.target);
    if (channel === undefined) {
      ctx.log.warn('output waits: its channel is not configured', { partner: output.partner, output: output.name, target: output.target });
      failed += 1;
      continue;
    }
    try {
      faultPoint('D1-before-write');
      await channel.writeAtomic(output.name, output.content);
      faultPoint('D2-written');
    } catch (error) {
      const message = (error as Error).message;
      ctx.ledger.recordOutputFailure(output.id, message);
      ctx.ledger.addEvent(ctx.clock.now().toISOString(), output.partner, 'channel-error', `writing ${output.name} to ${channel.label}: ${message}`);
      ctx.log.error('output not delivered; it will be retried', { partner: output.partner, output: output.name, channel: channel.label, error: message });
      failed += 1;
      continue;
    }
    markDelivered(ctx, output);
    delivered += 1;
  }
  return { delivered, failed };
}

function markDelivered(ctx: DeliverContext, output: OutputRecord): void {
  const at = ctx.clock.now().toISOString();
  ctx.ledger.transaction(() => {
    if (!ctx.ledger.markOutputDelivered(output.id, at)) return;
    for (const link of ctx.ledger.ordersOfOutput(output.id)) {
      if (link.action === 'SUBMIT') ctx.ledger.orders.setStatus(link.orderId, 'ACCEPTED', `delivered to the FCP in ${output.name}`, at);
      else ctx.ledger.orders.setStatus(link.orderId, 'CANCELLED', `cancellation delivered to the FCP in ${output.name}`, at);
    }
    ctx.onDelivered?.(output, at);
  });
  faultPoint('D3-marked');
  ctx.log.info('output delivered', { partner: output.partner, output: output.name, kind: output.kind });
}
