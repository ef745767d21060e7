import type { Config } from '../../config/types.js';
import { EXIT } from '../context.js';
import { printJson, renderTable } from '../table.js';
import type { Ledger } from '../../ledger/ledger.js';
import { systemClock } from '../../daemon/clock.js';
import { describeInventoryStatus, feedStatus, partnerInventoryStatus } from './inventory-status.js';
import { openLedger } from './orders.js';
import { describeTrackingStatus, partnerTrackingStatus, shipmentsStatus } from './tracking-status.js';
import { daemonStatus } from './daemon-status.js';

/** `status [--json]`: per partner, the last order file, orders by status, quarantined files, last error. */
export function statusCommand(config: Config, json: boolean): number {
  const ledger = openLedger(config);
  try {
    const counts = ledger.orders.countsByStatus();
    const quarantined = ledger.filesWithStatus('QUARANTINED');
    const now = systemClock().now();
    const feed = feedStatus(ledger, config, now);
    const shipments = shipmentsStatus(ledger, config);
    const partners = config.partners.map((p) => {
      const last = ledger.lastFile(p.id, 'orders');
      const byStatus: Record<string, number> = {};
      for (const c of counts.filter((c) => c.partner === p.id)) byStatus[c.status] = c.n;
      const error = ledger.lastError(p.id);
      return {
        partner: p.id,
        name: p.name,
        last_order_file: last === undefined ? null : { name: last.name, status: last.status, at: last.receivedAt, orders: last.orderCount },
        orders: byStatus,
        quarantined_files: quarantined.filter((f) => f.partner === p.id).map((f) => ({ name: f.name, code: f.reasonCode, reason: f.reason, at: f.receivedAt, stored_at: f.storedPath })),
        last_error: error === undefined ? null : { at: error.at, message: error.message },
        x12: p.x12 === null ? null : x12Status(ledger, p.id),
        inventory: partnerInventoryStatus(ledger, p, config.timezone, now),
        tracking: partnerTrackingStatus(ledger, p, config.timezone, now),
      };
    });
    const pending = ledger.pendingOutputs().map((o) => ({ name: o.name, attempts: o.attempts, last_error: o.lastError }));
    const mappingError = ledger.lastError(null);
    const daemon = daemonStatus(ledger, config);
    if (json) {
      printJson({ config: config.file, daemon, partners, fcp_inventory_feed: feed, fcp_shipments: shipments, pending_outputs: pending, last_error: mappingError === undefined ? null : { at: mappingError.at, message: mappingError.message } });
      return EXIT.OK;
    }
    process.stdout.write(`daemon: ${daemon.summary}\n`);
    process.stdout.write(renderTable(['PARTNER', 'LAST ORDER FILE', 'NEW', 'ACCEPTED', 'IMPORT ERROR', 'CANCELLED', 'COMPLETED', 'QUARANTINED', 'LAST ERROR'],
      partners.map((p) => [
        p.partner, p.last_order_file === null ? '-' : `${p.last_order_file.name} (${p.last_order_file.at})`,
        ...['NEW', 'ACCEPTED', 'IMPORT ERROR', 'CANCELLED', 'COMPLETED'].map((s) => String(p.orders[s] ?? 0)),
        String(p.quarantined_files.length), p.last_error?.message ?? '-',
      ])));
    for (const p of partners) for (const q of p.quarantined_files) process.stdout.write(`quarantined ${p.partner}: ${JSON.stringify(q.name)} ${q.code}: ${q.reason} → ${q.stored_at}\n`);
    for (const p of partners) if (p.x12 !== null) process.stdout.write(`x12 ${p.partner}: ${describeX12(p.x12)}\n`);
    process.stdout.write(describeInventoryStatus(partners, feed));
    process.stdout.write(describeTrackingStatus(partners, shipments));
    for (const o of pending) process.stdout.write(`pending output ${o.name} (${o.attempts} failed attempt(s)${o.last_error === null ? '' : `: ${o.last_error}`})\n`);
    return EXIT.OK;
  } finally {
    ledger.close();
  }
}

/** X12 interchanges received (SPEC §5.3): counts by outcome, the newest ones (test ones show as TEST). */
function x12Status(ledger: Ledger, partner: string): { interchanges: Record<string, number>; latest: Record<string, unknown>[] } {
  const counts = ledger.x12Interchanges.countsByStatus(partner);
  return {
    interchanges: { PROCESSED: counts.PROCESSED ?? 0, TEST: counts.TEST ?? 0, REJECTED: counts.REJECTED ?? 0, DUPLICATE: counts.DUPLICATE ?? 0 },
    latest: ledger.x12Interchanges.latest(partner, 5).map((i) => ({
      isa13: i.controlNumber, sender: i.senderId, status: i.status, test: i.test, file_id: i.fileId, received_at: i.receivedAt,
      sets: i.setsReceived, sets_accepted: i.setsAccepted, orders: i.orders, reason: i.reason,
    })),
  };
}

function describeX12(x12: ReturnType<typeof x12Status>): string {
  const counts = Object.entries(x12.interchanges).map(([status, n]) => `${n} ${status.toLowerCase()}`).join(', ');
  const last = x12.latest[0];
  return last === undefined ? `${counts}` : `${counts}; last interchange ${String(last.isa13)} from ${JSON.stringify(last.sender)} ${String(last.status)} at ${String(last.received_at)}`;
}
