import type { Config, PartnerConfig } from '../../config/types.js';
import { scheduleInterval } from '../../daemon/scheduler.js';
import { FCP_PARTNER } from '../../jobs/fcp-feeds/inventory-feed-file.js';
import { TRACKING_KIND, trackingLastRunKey } from '../../jobs/tracking-snapshot/run.js';
import type { Ledger } from '../../ledger/ledger.js';
import { shortTime } from './inventory-inputs.js';

/**
 * The tracking part of `status` (SPEC §11): per partner the last tracking file and the last run,
 * and whether the job is overdue; for the FCP shipment feed, the last file, quarantined ones and
 * the packages whose order is not known yet (SPEC §7: kept, listed, matched later).
 *
 * A tracking run with no new package writes no file, so "overdue" is judged on the last run that
 * did its job (wrote a file or found nothing new), not on the last file: older than twice the
 * schedule's interval.
 */
export interface PartnerTrackingStatus {
  schedule: string;
  format: string;
  last_snapshot: { output: string | null; status: string; at: string; packages: string | null } | null;
  overdue: boolean;
  last_run: { at: string; trigger: string; status: string; message: string; ok_at: string | null } | null;
}

export function partnerTrackingStatus(ledger: Ledger, partner: PartnerConfig, timezone: string, now: Date): PartnerTrackingStatus | null {
  const t = partner.tracking;
  if (t === null) return null;
  const last = ledger.inventory.lastWritten(partner.id, TRACKING_KIND);
  const runText = ledger.getState(trackingLastRunKey(partner.id));
  const lastRun = runText === undefined ? null : (JSON.parse(runText) as PartnerTrackingStatus['last_run']);
  const interval = scheduleInterval(t.schedule, timezone, now);
  const okAt = lastRun?.ok_at ?? null;
  const overdue = okAt === null ? lastRun !== null : interval !== null && now.getTime() - Date.parse(okAt) > 2 * interval;
  return {
    schedule: t.schedule,
    format: t.format,
    last_snapshot: last === undefined ? null : { output: last.outputName, status: last.status, at: last.deliveredAt ?? last.createdAt, packages: last.message },
    overdue,
    last_run: lastRun,
  };
}

export interface ShipmentsStatus {
  last_file: { name: string; status: string; at: string } | null;
  unmatched_packages: { count: number; oldest_received_at: string | null; fcp_order_numbers: string[] };
  quarantined_files: { name: string; code: string | null; reason: string | null; at: string; stored_at: string | null }[];
}

export function shipmentsStatus(ledger: Ledger, config: Config): ShipmentsStatus | null {
  if (config.fcp.shipments === null) return null;
  const last = ledger.lastFile(FCP_PARTNER, 'shipments-feed');
  const unmatched = ledger.shipments.unmatchedSummary();
  return {
    last_file: last === undefined ? null : { name: last.name, status: last.status, at: last.receivedAt },
    unmatched_packages: { count: unmatched.count, oldest_received_at: unmatched.oldestReceivedAt, fcp_order_numbers: ledger.shipments.unmatchedOrderNumbers() },
    quarantined_files: ledger.filesWithStatus('QUARANTINED').filter((f) => f.partner === FCP_PARTNER && f.source === 'shipments-feed')
      .map((f) => ({ name: f.name, code: f.reasonCode, reason: f.reason, at: f.receivedAt, stored_at: f.storedPath })),
  };
}

/** The human lines of the same facts. */
export function describeTrackingStatus(partners: { partner: string; tracking: PartnerTrackingStatus | null }[], shipments: ShipmentsStatus | null): string {
  const lines: string[] = [];
  if (shipments !== null) {
    const f = shipments.last_file;
    const u = shipments.unmatched_packages;
    lines.push(`FCP shipment feed: ${f === null ? 'none received yet' : `last ${JSON.stringify(f.name)} ${f.status} ${shortTime(f.at)}`}; `
      + `${u.count} unmatched package(s)${u.count === 0 ? '' : ` since ${shortTime(u.oldest_received_at ?? '')} for FCP order(s) ${u.fcp_order_numbers.slice(0, 10).map((n) => JSON.stringify(n)).join(', ')}`}`);
    for (const q of shipments.quarantined_files) lines.push(`quarantined FCP shipment feed: ${JSON.stringify(q.name)} ${q.code}: ${q.reason} → ${q.stored_at}`);
  }
  for (const { partner, tracking: s } of partners) {
    if (s === null) continue;
    const last = s.last_snapshot === null ? 'no tracking file yet'
      : `last ${s.last_snapshot.output ?? '-'} ${s.last_snapshot.status === 'SENT' ? 'delivered' : 'recorded, not yet delivered'} ${shortTime(s.last_snapshot.at)} (${s.last_snapshot.packages ?? ''})`;
    lines.push(`tracking ${partner} (${s.schedule}, ${s.format}): ${last}${s.overdue ? ' — OVERDUE' : ''}`);
    if (s.last_run !== null && s.last_run.status !== 'WRITTEN') lines.push(`  last run ${shortTime(s.last_run.at)} ${s.last_run.status}: ${s.last_run.message}`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
