import type { Config, PartnerConfig } from '../../config/types.js';
import { scheduleInterval } from '../../daemon/scheduler.js';
import { FCP_PARTNER } from '../../jobs/fcp-feeds/inventory-feed-file.js';
import { INVENTORY_KIND, lastRunKey } from '../../jobs/inventory-snapshot/run.js';
import type { Ledger } from '../../ledger/ledger.js';
import { describeAge, shortTime } from './inventory-inputs.js';

/**
 * The inventory part of `status` (SPEC §11): per partner the last snapshot and whether it is
 * overdue (older than twice its schedule's interval), the last run, snapshots held back by the
 * max_zeroed_pct guard; and the FCP feed in force with its age and any quarantined feed files.
 */
export interface PartnerInventoryStatus {
  schedule: string;
  format: string;
  last_snapshot: { output: string | null; status: string; at: string; items: number; feed_id: number | null } | null;
  overdue: boolean;
  last_run: { at: string; trigger: string; status: string; message: string } | null;
  held_back: { at: string; feed_id: number | null; message: string | null }[];
}

export function partnerInventoryStatus(ledger: Ledger, partner: PartnerConfig, timezone: string, now: Date): PartnerInventoryStatus | null {
  const inv = partner.inventory;
  if (inv === null) return null;
  const last = ledger.inventory.lastWritten(partner.id, INVENTORY_KIND);
  const runText = ledger.getState(lastRunKey(partner.id));
  const lastRun = runText === undefined ? null : (JSON.parse(runText) as PartnerInventoryStatus['last_run']);
  const interval = scheduleInterval(inv.schedule, timezone, now);
  const lastAt = last === undefined ? null : last.deliveredAt ?? last.createdAt;
  // Never written: overdue once a run has been tried and did not just find nothing to send.
  const overdue = lastAt === null
    ? lastRun !== null && lastRun.status !== 'SKIPPED'
    : interval !== null && now.getTime() - Date.parse(lastAt) > 2 * interval;
  return {
    schedule: inv.schedule,
    format: inv.format,
    last_snapshot: last === undefined ? null : { output: last.outputName, status: last.status, at: lastAt as string, items: last.itemCount, feed_id: last.feedId },
    overdue,
    last_run: lastRun,
    held_back: ledger.inventory.heldSinceLastWritten(partner.id, INVENTORY_KIND).map((h) => ({ at: h.createdAt, feed_id: h.feedId, message: h.message })),
  };
}

export interface FeedStatus {
  latest: { id: number; file: string; as_of: string; received_at: string; rows: number; age_mins: number } | null;
  quarantined_files: { name: string; code: string | null; reason: string | null; at: string; stored_at: string | null }[];
}

export function feedStatus(ledger: Ledger, config: Config, now: Date): FeedStatus | null {
  if (config.fcp.inventory === null) return null;
  const feed = ledger.inventory.latestFeed();
  return {
    latest: feed === undefined ? null : {
      id: feed.id, file: feed.fileName, as_of: feed.asOf, received_at: feed.receivedAt, rows: feed.rowCount,
      age_mins: Math.max(0, Math.floor((now.getTime() - Date.parse(feed.asOf)) / 60_000)),
    },
    quarantined_files: ledger.filesWithStatus('QUARANTINED').filter((f) => f.partner === FCP_PARTNER && f.source === 'inventory-feed')
      .map((f) => ({ name: f.name, code: f.reasonCode, reason: f.reason, at: f.receivedAt, stored_at: f.storedPath })),
  };
}

/** The human lines of the same facts. */
export function describeInventoryStatus(partners: { partner: string; inventory: PartnerInventoryStatus | null }[], feed: FeedStatus | null): string {
  const lines: string[] = [];
  if (feed !== null) {
    const f = feed.latest;
    lines.push(f === null ? 'FCP inventory feed: none received yet'
      : `FCP inventory feed: #${f.id} ${JSON.stringify(f.file)} as of ${shortTime(f.as_of)} (${describeAge(f.age_mins * 60_000)} old), received ${shortTime(f.received_at)}, ${f.rows} row(s)`);
    for (const q of feed.quarantined_files) lines.push(`quarantined FCP feed: ${JSON.stringify(q.name)} ${q.code}: ${q.reason} → ${q.stored_at}`);
  }
  for (const { partner, inventory: s } of partners) {
    if (s === null) continue;
    const last = s.last_snapshot === null ? 'never written' : `last ${s.last_snapshot.output ?? '-'} ${s.last_snapshot.status === 'SENT' ? 'delivered' : 'recorded, not yet delivered'} ${shortTime(s.last_snapshot.at)} (${s.last_snapshot.items} items)`;
    lines.push(`inventory ${partner} (${s.schedule}, ${s.format}): ${last}${s.overdue ? ' — OVERDUE' : ''}`);
    if (s.last_run !== null && s.last_run.status !== 'WRITTEN') lines.push(`  last run ${shortTime(s.last_run.at)} ${s.last_run.status}: ${s.last_run.message}`);
    for (const h of s.held_back) lines.push(`  held back ${shortTime(h.at)}: ${h.message ?? ''}`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
