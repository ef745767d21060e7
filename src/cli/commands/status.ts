import type { Config } from '../../config/types.js';
import { EXIT } from '../context.js';
import { printJson, renderTable } from '../table.js';
import { openLedger } from './orders.js';

/** `status [--json]`: per partner, the last order file, orders by status, quarantined files, last error. */
export function statusCommand(config: Config, json: boolean): number {
  const ledger = openLedger(config);
  try {
    const counts = ledger.orders.countsByStatus();
    const quarantined = ledger.filesWithStatus('QUARANTINED');
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
      };
    });
    const pending = ledger.pendingOutputs().map((o) => ({ name: o.name, attempts: o.attempts, last_error: o.lastError }));
    const mappingError = ledger.lastError(null);
    if (json) {
      printJson({ config: config.file, partners, pending_outputs: pending, last_error: mappingError === undefined ? null : { at: mappingError.at, message: mappingError.message } });
      return EXIT.OK;
    }
    process.stdout.write(renderTable(['PARTNER', 'LAST ORDER FILE', 'NEW', 'ACCEPTED', 'IMPORT ERROR', 'CANCELLED', 'COMPLETED', 'QUARANTINED', 'LAST ERROR'],
      partners.map((p) => [
        p.partner, p.last_order_file === null ? '-' : `${p.last_order_file.name} (${p.last_order_file.at})`,
        ...['NEW', 'ACCEPTED', 'IMPORT ERROR', 'CANCELLED', 'COMPLETED'].map((s) => String(p.orders[s] ?? 0)),
        String(p.quarantined_files.length), p.last_error?.message ?? '-',
      ])));
    for (const p of partners) for (const q of p.quarantined_files) process.stdout.write(`quarantined ${p.partner}: ${JSON.stringify(q.name)} ${q.code}: ${q.reason} → ${q.stored_at}\n`);
    for (const o of pending) process.stdout.write(`pending output ${o.name} (${o.attempts} failed attempt(s)${o.last_error === null ? '' : `: ${o.last_error}`})\n`);
    return EXIT.OK;
  } finally {
    ledger.close();
  }
}
