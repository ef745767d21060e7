import type { Config } from '../../config/types.js';
import { systemClock } from '../../daemon/clock.js';
import { acquireInstanceLock } from '../../daemon/instance-lock.js';
import { createLogger } from '../../daemon/logger.js';
import { Bridge } from '../../daemon/main.js';
import { EXIT, UsageError } from '../context.js';
import { partnerOrUsage } from './inventory-inputs.js';

/**
 * `sync P orders|inventory|tracking [--force]` ("Sync Now"): run that job for that partner at once.
 * Log lines go to stderr so that stdout carries only the answer.
 */
export async function syncCommand(config: Config, partnerId: string, job: string, force: boolean): Promise<number> {
  const partner = partnerOrUsage(config, partnerId);
  if (force && job !== 'inventory') throw new UsageError('--force applies to sync P inventory only');
  switch (job) {
    case 'inventory':
      return syncInventory(config, partner.id, force);
    case 'orders':
      return syncOrders(config, partner.id);
    case 'tracking':
      return syncTracking(config, partner.id);
    default:
      throw new UsageError(`sync takes orders, inventory or tracking, not '${job}'`);
  }
}

/**
 * Reads the FCP inventory inbox first (when no daemon holds the lock; a running daemon reads it
 * itself), then computes and sends the snapshot from the latest feed. It sends even with
 * `send: when-new-feed`, because the operator asked, and with --force even what the
 * max_zeroed_pct guard held back.
 */
async function syncInventory(config: Config, partnerId: string, force: boolean): Promise<number> {
  const lock = tryInstanceLock(config, 'inventory');
  const bridge = new Bridge(config, systemClock(), createLogger('warn', config.log.file, process.stderr));
  try {
    const partner = bridge.partner(partnerId);
    if (partner?.inventory === null || partner === undefined) {
      process.stderr.write(`partner ${partnerId} has no inventory: section\n`);
      return EXIT.FAILED;
    }
    const report = { files: { taken: 0, quarantined: 0, duplicates: 0, waiting: 0, nextCheckMs: null }, failures: [] as { partner: string; what: string; error: string }[] };
    if (lock !== null) {
      await bridge.recover();
      await bridge.inventory.takeInbound(report);
    } else {
      bridge.mappings.refresh();
    }
    for (const failure of report.failures) process.stderr.write(`failed: ${failure.partner} ${failure.what}: ${failure.error}\n`);
    const outcome = await bridge.inventory.runSnapshot(partner, { trigger: 'sync', force });
    const text = `inventory ${partnerId}: ${outcome.status} — ${outcome.message}\n`;
    if (outcome.status === 'WRITTEN' || outcome.status === 'SKIPPED') {
      process.stdout.write(text);
      return (outcome.status === 'WRITTEN' && !outcome.delivered) || report.failures.length > 0 ? EXIT.FAILED : EXIT.OK;
    }
    process.stderr.write(text);
    return EXIT.FAILED;
  } finally {
    await bridge.close();
    lock?.release();
  }
}

/** The instance lock when no daemon holds it (then this command may read the FCP inbox itself). */
function tryInstanceLock(config: Config, feed: string): { release(): void } | null {
  try {
    return acquireInstanceLock(config.data_dir);
  } catch {
    process.stderr.write(`a daemon is running: it takes the FCP ${feed} inbox itself; using what the ledger already has\n`);
    return null;
  }
}

/**
 * Reads the FCP shipment inbox (when no daemon holds the lock; a running daemon reads it itself),
 * then writes the partner's tracking file now with every package not reported yet.
 */
async function syncTracking(config: Config, partnerId: string): Promise<number> {
  const lock = tryInstanceLock(config, 'shipment');
  const bridge = new Bridge(config, systemClock(), createLogger('warn', config.log.file, process.stderr));
  try {
    const partner = bridge.partner(partnerId);
    if (partner?.tracking === null || partner === undefined) {
      process.stderr.write(`partner ${partnerId} has no tracking: section\n`);
      return EXIT.FAILED;
    }
    const report = { files: { taken: 0, quarantined: 0, duplicates: 0, waiting: 0, nextCheckMs: null }, failures: [] as { partner: string; what: string; error: string }[] };
    if (lock !== null) await bridge.recover();
    else bridge.mappings.refresh();
    const outcome = lock !== null ? await bridge.tracking.sync(partner, report) : await bridge.tracking.runSnapshot(partner, 'sync');
    for (const failure of report.failures) process.stderr.write(`failed: ${failure.partner} ${failure.what}: ${failure.error}\n`);
    const text = `tracking ${partnerId}: ${outcome.status} — ${outcome.message}\n`;
    if (outcome.status === 'FAILED') {
      process.stderr.write(text);
      return EXIT.FAILED;
    }
    process.stdout.write(text);
    return (outcome.status === 'WRITTEN' && !outcome.delivered) || report.failures.length > 0 ? EXIT.FAILED : EXIT.OK;
  } finally {
    await bridge.close();
    lock?.release();
  }
}

/**
 * Takes the partner's order inbox now (FCP feeds first) and delivers. Taking files needs the
 * instance lock: beside a running daemon two takers would race for each file, and the daemon
 * takes them itself within its scan interval anyway.
 */
async function syncOrders(config: Config, partnerId: string): Promise<number> {
  let lock: { release(): void };
  try {
    lock = acquireInstanceLock(config.data_dir);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nthe running daemon takes ${partnerId}'s order files itself\n`);
    return EXIT.FAILED;
  }
  const log = createLogger('warn', config.log.file, process.stderr);
  const bridge = new Bridge(config, systemClock(), log);
  try {
    await bridge.recover();
    const report = await bridge.cycle({ onlyPartner: partnerId });
    const f = report.files;
    process.stdout.write(`orders ${partnerId}: ${f.taken} file(s) taken, ${f.quarantined} quarantined, ${f.duplicates} duplicate(s), ${f.waiting} not yet stable; ${report.delivered} output(s) delivered\n`);
    for (const failure of report.failures) process.stderr.write(`failed: ${failure.partner} ${failure.what}: ${failure.error}\n`);
    return report.failures.length > 0 ? EXIT.FAILED : EXIT.OK;
  } finally {
    await bridge.close();
    lock.release();
  }
}
