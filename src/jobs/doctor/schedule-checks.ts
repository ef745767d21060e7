/**
 * Feed and snapshot checks of the doctor — the inventory-discrepancy checklist: is the FCP's
 * inventory arriving, and is each partner's snapshot going out on time (SPEC §7, §8, §11)?
 */
import { finding, plural, type Finding } from './finding.js';

/** An FCP inventory feed older than this no longer describes the warehouse. */
export const FEED_STALE_HOURS = 24;

export interface FeedView {
  kind: 'inventory' | 'shipments';
  /** The inbox it arrives in (fcp.<kind>.channel), or null when the config has none. */
  channel: string | null;
  last: { file: string; asOf: string; receivedAt: string } | null;
}

/** Which feeds some partner depends on: inventory snapshots need inventory, tracking needs shipments. */
export function feedFindings(feeds: readonly FeedView[], now: Date, needed: { inventory: boolean; shipments: boolean }): Finding[] {
  const out: Finding[] = [];
  for (const f of feeds) {
    if (f.channel === null) {
      if (needed[f.kind]) {
        const uses = f.kind === 'inventory' ? 'inventory snapshots' : 'tracking snapshots';
        out.push(finding('error', 'feeds', null, `partners have ${uses}, but fcp.${f.kind}.channel is not configured: no FCP ${f.kind} export can arrive`,
          `add  fcp: { ${f.kind}: { channel: { type: local, path: <folder the FCP exports into> } } }  to the config, then reload`));
      }
      continue;
    }
    if (f.last === null) {
      out.push(finding('warning', 'feeds', null, `no FCP ${f.kind} export has arrived yet in ${f.channel}${f.kind === 'inventory' ? ': inventory snapshots wait for one, and the INVALID_SKU check is skipped' : ''}`,
        `check that the FCP's scheduled ${f.kind} export writes into ${f.channel} (and that the files are not quarantined: see "Quarantined files")`));
      continue;
    }
    const ageHours = (now.getTime() - Date.parse(f.last.asOf)) / 3_600_000;
    if (ageHours > FEED_STALE_HOURS) {
      out.push(finding('warning', 'feeds', null,
        `the latest FCP ${f.kind} export '${f.last.file}' is ${Math.floor(ageHours)} h old (as of ${f.last.asOf}, received ${f.last.receivedAt}); stale after ${FEED_STALE_HOURS} h`,
        `check the FCP's scheduled ${f.kind} export into ${f.channel}; until a newer one arrives partners get its quantities minus the orders sent since`));
    }
  }
  return out;
}

/**
 * SPEC §7: shipment rows whose order is unknown are kept and matched if the order arrives later.
 * Many, or old ones, usually mean an order that never came through the bridge or a prefix mismatch.
 */
export function unmatchedPackageFindings(unmatched: { count: number; oldestReceivedAt: string | null; fcpOrderNumbers: readonly string[] }): Finding[] {
  if (unmatched.count === 0) return [];
  const numbers = unmatched.fcpOrderNumbers.slice(0, 10).map((n) => `'${n}'`).join(', ') + (unmatched.fcpOrderNumbers.length > 10 ? ', …' : '');
  return [finding('warning', 'feeds', null,
    `${plural(unmatched.count, 'shipped package')} in FCP shipment exports match no order in the ledger (oldest received ${unmatched.oldestReceivedAt ?? '?'}): FCP order(s) ${numbers}`,
    'they are kept and matched as soon as the order arrives. If it never will, the order did not come through the bridge (entered in the FCP by hand?) or the partner\'s order_number_prefix differs from the one the FCP shows; check with: fcp-bridge orders --json')];
}

export interface SnapshotView {
  partner: string;
  kind: 'inventory' | 'tracking';
  schedule: string;
  /** As `status` judges it (SPEC §11): the last good run or file is older than twice the schedule. */
  overdue: boolean;
  /** The last snapshot written out, or null. */
  lastAt: string | null;
  lastRun: { at: string; status: string; message: string } | null;
  /** Snapshots the max_zeroed_pct guard held back since the last one written. */
  held: readonly { at: string; message: string | null }[];
  /** True while no FCP feed exists: an inventory snapshot cannot run yet, which is not its fault. */
  waitingForFeed: boolean;
}

export function snapshotFindings(snapshots: readonly SnapshotView[]): Finding[] {
  const out: Finding[] = [];
  for (const s of snapshots) {
    const sync = `fcp-bridge sync ${s.partner} ${s.kind}`;
    for (const h of s.held.slice(-1)) {
      out.push(finding('warning', 'snapshots', s.partner,
        `${plural(s.held.length, `${s.kind} snapshot`)} held back by the max_zeroed_pct guard, the last at ${h.at}: ${h.message ?? 'too many items would drop to 0'}`,
        `check the latest FCP inventory export (a truncated file zeroes items); if the drop is real, send it: ${sync} --force`));
    }
    if (s.lastRun?.status === 'FAILED') {
      out.push(finding('error', 'snapshots', s.partner, `the last ${s.kind} run (${s.lastRun.at}) failed: ${s.lastRun.message}`,
        `fix what the message names, then send one now: ${sync}`));
    } else if (s.overdue) {
      out.push(finding('warning', 'snapshots', s.partner,
        `${s.kind} snapshot overdue (schedule "${s.schedule}"): the last one ${s.lastAt === null ? 'was never written' : `was written ${s.lastAt}`}, more than twice the schedule ago`,
        `is the daemon running? (systemctl status fcp-bridge; journalctl -u fcp-bridge); to send one now: ${sync}`));
    } else if (s.lastRun === null && s.lastAt === null && !s.waitingForFeed) {
      out.push(finding('info', 'snapshots', s.partner, `no ${s.kind} snapshot has run yet (schedule "${s.schedule}"; the first runs at the first slot after the daemon starts)`,
        `to send one now: ${sync}`));
    }
  }
  return out;
}
