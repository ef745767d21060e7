import { readShipmentsFeed } from '../../formats/fcp/shipments-feed.js';
import type { Ledger } from '../../ledger/ledger.js';
import type { FileVerdict } from '../intake/take-files.js';
import type { Clock, Log } from '../ports.js';
import { FCP_PARTNER } from './inventory-feed-file.js';

export interface ShipmentsFileContext {
  ledger: Ledger;
  clock: Clock;
  log: Log;
}

/**
 * Judges an FCP shipment export (SPEC §7): a bad row refuses the whole file (quarantined with its
 * line). A good file's packages are stored — a package already stored from another file (same
 * order, tracking number and lines) is not stored again — and matched to their orders at once
 * when those are known; the others wait, unmatched, for `matchUnmatchedPackages`.
 */
export function judgeShipmentsFeed(ctx: ShipmentsFileContext, content: Buffer, fileName: string): FileVerdict {
  const result = readShipmentsFeed(content);
  if (!result.ok) return { ok: false, problem: result.problem };
  const { packages } = result;
  return {
    ok: true,
    apply: (fileId) => {
      const receivedAt = ctx.clock.now().toISOString();
      let stored = 0;
      for (const pkg of packages) {
        const r = ctx.ledger.shipments.insert({
          fileId, fcpOrderNumber: pkg.fcpOrderNumber, trackingNumber: pkg.trackingNumber, shipDate: pkg.shipDate, carrier: pkg.carrier,
          service: pkg.service, weightLbs: pkg.weightLbs, line: pkg.line, receivedAt, lines: pkg.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
        });
        if (r.duplicateOfFile === null) stored += 1;
        else ctx.log.info('package already received: not stored again', { partner: FCP_PARTNER, file: fileName, line: pkg.line, tracking: pkg.trackingNumber, order: pkg.fcpOrderNumber, first_file_id: r.duplicateOfFile });
      }
      const matched = matchUnmatchedPackages(ctx);
      ctx.log.info('FCP shipment feed stored', { partner: FCP_PARTNER, file: fileName, packages: packages.length, new_packages: stored, matched: matched.matched });
      // Feeds carry no orders: the file's order count stays 0.
      return 0;
    },
  };
}

/**
 * Matches every unmatched package whose FCP order number now belongs to exactly one order the
 * bridge sent to the FCP (any partner). Run when a feed arrives and after every cycle, so a
 * package whose order came later is matched then. Two orders with one FCP number (two partners
 * without order_number_prefix) are ambiguous: the packages wait, and it is reported once.
 */
export function matchUnmatchedPackages(ctx: ShipmentsFileContext): { matched: number; ambiguous: string[] } {
  const at = ctx.clock.now().toISOString();
  let matched = 0;
  const ambiguous: string[] = [];
  for (const number of ctx.ledger.shipments.unmatchedOrderNumbers()) {
    const candidates = ctx.ledger.shipments.candidateOrders(number);
    const only = candidates[0];
    if (candidates.length === 1 && only !== undefined) {
      const n = ctx.ledger.shipments.matchAll(number, only.id, at);
      matched += n;
      ctx.log.info('packages matched to their order', { partner: only.partner, order: only.orderNumber, fcp_order: number, packages: n });
    } else if (candidates.length > 1) {
      ambiguous.push(number);
      const key = `shipments:ambiguous:${number}`;
      if (ctx.ledger.getState(key) === undefined) {
        ctx.ledger.setState(key, at);
        const message = `packages for FCP order '${number}' wait: ${candidates.length} orders have that FCP number (${candidates.map((c) => `${c.partner} '${c.orderNumber}'`).join(', ')}); give the partners distinct order_number_prefix values`;
        ctx.ledger.addEvent(at, FCP_PARTNER, 'shipments-error', message);
        ctx.log.warn('ambiguous FCP order number in the shipment feed', { fcp_order: number, orders: candidates.length });
      }
    }
  }
  return { matched, ambiguous };
}
