import type { InventorySnapshotConfig, X12Config } from '../../config/types.js';
import { describeDuplicates } from '../../domain/item-list.js';
import { outputName } from '../../domain/output-name.js';
import type { Ledger } from '../../ledger/ledger.js';
import { deliverPending, type DeliverContext } from '../deliver/run.js';
import { faultPoint } from '../fault-points.js';
import type { Clock, Log } from '../ports.js';
import { inventoryView, type InventoryMappings } from './inputs.js';
import { checkZeroed, planInventorySnapshot } from './plan.js';
import { INVENTORY_EXT, renderInventorySnapshot, type X12Envelope } from './writers.js';

export interface SnapshotContext {
  ledger: Ledger;
  clock: Clock;
  log: Log;
  deliver: DeliverContext;
  timezone: string;
}

export interface InventoryJob {
  partner: string;
  inventory: InventorySnapshotConfig;
  x12: X12Config | null;
  /** The partner's mappings in force; undefined when none could ever be loaded. */
  mappings: InventoryMappings | undefined;
  /** items.csv path, for error messages. */
  itemsFile: string | null;
}

/** schedule = the partner's cron; run-once = `run --once`; sync = an operator's `sync P inventory`. */
export type SnapshotTrigger = 'schedule' | 'run-once' | 'sync';

export interface SnapshotOutcome {
  partner: string;
  /** WRITTEN: an output was recorded (and delivered unless `delivered` is false). */
  status: 'WRITTEN' | 'SKIPPED' | 'HELD' | 'FAILED';
  message: string;
  output: string | null;
  delivered: boolean;
}

export const INVENTORY_KIND = 'inventory';

export function inventoryTarget(partner: string): string {
  return `partner:${partner}:inventory`;
}

/** Ledger `state` key of the last run's outcome, shown by `status`. */
export function lastRunKey(partner: string): string {
  return `inventory:${partner}:last_run`;
}

/**
 * One inventory snapshot for one partner (SPEC §8), written through the transactional outbox:
 * the output, its snapshot row and its items are recorded in one transaction, then delivered;
 * product sync takes the delivery time once the output is delivered (`settleDelivered`).
 */
export async function runInventorySnapshot(ctx: SnapshotContext, job: InventoryJob, opts: { trigger: SnapshotTrigger; force: boolean }): Promise<SnapshotOutcome> {
  const outcome = await decideAndWrite(ctx, job, opts);
  record(ctx, job.partner, outcome, opts.trigger);
  return outcome;
}

async function decideAndWrite(ctx: SnapshotContext, job: InventoryJob, opts: { trigger: SnapshotTrigger; force: boolean }): Promise<SnapshotOutcome> {
  const { ledger, clock } = ctx;
  const partner = job.partner;
  const result = (status: SnapshotOutcome['status'], message: string, output: string | null = null, delivered = false): SnapshotOutcome =>
    ({ partner, status, message, output, delivered });

  if (job.mappings === undefined) return result('FAILED', 'the mapping files are invalid and no earlier version is in force; see `fcp-bridge validate`');
  const rules = { warehouse: job.inventory.warehouse, minimumLevel: job.inventory.minimum_level, bundles: job.inventory.bundles };
  const view = inventoryView(ledger, partner, job.mappings, rules);
  if (view.duplicates.length > 0) {
    return result('FAILED', `inventory sync failed: ${describeDuplicates(job.itemsFile ?? 'items.csv', view.duplicates)}`);
  }
  if (view.feed === undefined || view.inputs === undefined) return result('SKIPPED', 'no FCP inventory feed has arrived yet');
  const feed = view.feed;
  const last = ledger.inventory.lastWritten(partner, INVENTORY_KIND);
  if (job.inventory.send === 'when-new-feed' && opts.trigger !== 'sync' && last?.feedId === feed.id) {
    return result('SKIPPED', `no newer FCP feed since the last snapshot (feed #${feed.id} as of ${feed.asOf})`);
  }
  const plan = planInventorySnapshot(view.inputs);
  if (!plan.ok) return result('FAILED', plan.error);

  const previous = last === undefined ? null : ledger.inventory.snapshotItems(last.id);
  const zeroed = checkZeroed(previous, plan.rows, job.inventory.max_zeroed_pct);
  const now = clock.now();
  const guardText = `${zeroed.zeroed.length} of ${zeroed.previouslyPositive} items that were > 0 would be 0 (${zeroed.percent.toFixed(0)}% > max_zeroed_pct ${job.inventory.max_zeroed_pct}%)`;
  if (zeroed.held && !opts.force) {
    const message = `snapshot held back: ${guardText}, e.g. ${zeroed.zeroed.slice(0, 5).map((s) => `'${s}'`).join(', ')}; the previous snapshot stays in force; \`fcp-bridge sync ${partner} inventory --force\` sends it`;
    const lastAny = ledger.inventory.lastSnapshot(partner, INVENTORY_KIND);
    // One record per feed: the schedule re-checks every run, but a held feed is reported once.
    if (!(lastAny?.status === 'HELD' && lastAny.feedId === feed.id)) {
      ledger.transaction(() => {
        ledger.inventory.insertSnapshot({
          partner, kind: INVENTORY_KIND, status: 'HELD', feedId: feed.id, outputId: null, trigger: opts.trigger,
          previouslyPositive: zeroed.previouslyPositive, zeroed: zeroed.zeroed.length, message, createdAt: now.toISOString(), items: plan.rows,
        });
        ledger.addEvent(now.toISOString(), partner, 'inventory-held', message);
      });
    }
    return result('HELD', message);
  }

  const inventory = job.inventory;
  let written: { name: string; adjustments: string[] };
  try {
    written = ledger.transaction(() => {
      const rendered = renderInventorySnapshot(inventory.format, {
        rows: plan.rows, asOf: plan.asOf, at: now, timezone: ctx.timezone,
        x12: inventory.format === 'x12-846' ? x12Envelope(ledger, partner, job.x12) : null,
      });
      const name = outputName(INVENTORY_KIND, partner, now, ledger.nextSequence(`output:${INVENTORY_KIND}:${partner}`), INVENTORY_EXT[inventory.format]);
      const outputId = ledger.insertOutput({ kind: 'inventory', partner, target: inventoryTarget(partner), name, content: rendered.content, createdAt: now.toISOString() });
      const forced = zeroed.held && opts.force;
      ledger.inventory.insertSnapshot({
        partner, kind: INVENTORY_KIND, status: 'QUEUED', feedId: feed.id, outputId, trigger: forced ? 'sync-force' : opts.trigger,
        previouslyPositive: zeroed.previouslyPositive, zeroed: zeroed.zeroed.length,
        message: forced ? `sent with --force although ${guardText}` : null, createdAt: now.toISOString(), items: plan.rows,
        comparedWith: last === undefined || previous === null ? null : { id: last.id, left: zeroed.left },
      });
      return { name, adjustments: rendered.adjustments };
    });
  } catch (error) {
    // Nothing was recorded (the transaction rolled back, counters included): the next run tries again.
    return result('FAILED', `the snapshot could not be written: ${(error as Error).message}`);
  }
  faultPoint('S1-inventory-queued');
  for (const note of written.adjustments) ctx.log.warn('inventory value changed to fit X12', { partner, output: written.name, note });
  await deliverPending(ctx.deliver);
  settleDelivered(ctx.ledger);
  const delivered = ledger.inventory.lastWritten(partner, INVENTORY_KIND)?.status === 'SENT';
  const what = `${plan.rows.length} item(s) from feed #${feed.id} as of ${feed.asOf.replace(/\.000Z$/, 'Z')}`;
  return result('WRITTEN', delivered ? `${written.name}: ${what}` : `${written.name} recorded, not delivered yet (its channel failed; it is retried): ${what}`, written.name, delivered);
}

/** Product sync follows delivery: snapshots whose output is out become SENT, items get their time. */
export function settleDelivered(ledger: Ledger): number {
  return ledger.transaction(() => ledger.inventory.settleDelivered());
}

/** ISA13 / GS06 / ST02 counters per partner, kept in the ledger so they survive restarts (SPEC §10). */
function x12Envelope(ledger: Ledger, partner: string, x12: X12Config | null): X12Envelope {
  if (x12 === null) throw new Error(`partner ${partner} has format x12-846 but no x12: section`);
  return {
    ourQualifier: x12.our_qualifier, ourId: x12.our_id, partnerQualifier: x12.partner_qualifier, partnerId: x12.partner_id,
    version: x12.version, skuQualifier: x12.sku_qualifier,
    controlNumbers: { isa: ledger.nextSequence(`x12:${partner}:isa`), gs: ledger.nextSequence(`x12:${partner}:gs`), st: ledger.nextSequence(`x12:${partner}:st`) },
  };
}

/** The outcome is logged, kept for `status`, and an error or a hold becomes an event once (not every hour). */
function record(ctx: SnapshotContext, partner: string, outcome: SnapshotOutcome, trigger: SnapshotTrigger): void {
  const at = ctx.clock.now().toISOString();
  const key = lastRunKey(partner);
  const before = ctx.ledger.getState(key);
  const previous = before === undefined ? undefined : (JSON.parse(before) as { status: string; message: string });
  ctx.ledger.setState(key, JSON.stringify({ at, trigger, status: outcome.status, message: outcome.message, output: outcome.output }));
  const fields = { partner, trigger, status: outcome.status, output: outcome.output ?? undefined };
  switch (outcome.status) {
    case 'FAILED':
      if (previous?.status !== 'FAILED' || previous.message !== outcome.message) ctx.ledger.addEvent(at, partner, 'inventory-error', outcome.message);
      ctx.log.error('inventory snapshot failed', { ...fields, error: outcome.message });
      break;
    case 'HELD':
      ctx.log.warn('inventory snapshot held back', { ...fields, reason: outcome.message });
      break;
    case 'SKIPPED':
      ctx.log.info('inventory snapshot skipped', { ...fields, reason: outcome.message });
      break;
    case 'WRITTEN':
      ctx.log.info('inventory snapshot written', { ...fields, delivered: outcome.delivered, detail: outcome.message });
      break;
  }
}
