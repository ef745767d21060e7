import type { TrackingSnapshotConfig, X12Config } from '../../config/types.js';
import { outputName } from '../../domain/output-name.js';
import type { Ledger } from '../../ledger/ledger.js';
import type { OutputRecord } from '../../ledger/records.js';
import type { PackageRecord } from '../../ledger/shipment-store.js';
import type { SkuComponent } from '../../mapping/sku-map.js';
import { deliverPending, type DeliverContext } from '../deliver/run.js';
import { faultPoint } from '../fault-points.js';
import { matchUnmatchedPackages } from '../fcp-feeds/shipments-feed-file.js';
import { x12LocalDateTime } from '../intake/x12-acks.js';
import type { Clock, Log } from '../ports.js';
import { isOrderComplete, partnerLinesOf, reportOrder, type OrderReport, type OrderToReport, type PlanPackage } from './plan.js';
import { renderTracking, TRACKING_EXT, type CarrierLookup, type TrackingX12 } from './writers.js';

export interface TrackingContext {
  ledger: Ledger;
  clock: Clock;
  log: Log;
  deliver: DeliverContext;
  timezone: string;
}

export interface TrackingJob {
  partner: string;
  tracking: TrackingSnapshotConfig;
  x12: X12Config | null;
  /** The partner's SKU map in force (bundles); undefined when no valid mappings were ever loaded. */
  resolveSku: ((partnerSku: string) => SkuComponent[]) | undefined;
  carriers: CarrierLookup;
}

/** schedule = the partner's cron; run-once = `run --once`; sync = an operator's `sync P tracking`. */
export type TrackingTrigger = 'schedule' | 'run-once' | 'sync';

export interface TrackingOutcome {
  partner: string;
  /** WRITTEN: an output was recorded (and delivered unless `delivered` is false); SKIPPED: nothing new. */
  status: 'WRITTEN' | 'SKIPPED' | 'FAILED';
  message: string;
  output: string | null;
  delivered: boolean;
  packages: number;
}

export const TRACKING_KIND = 'tracking';

export function trackingTarget(partner: string): string {
  return `partner:${partner}:${TRACKING_KIND}`;
}

/** Ledger `state` key of the last run's outcome, shown by `status`. */
export function trackingLastRunKey(partner: string): string {
  return `${TRACKING_KIND}:${partner}:last_run`;
}

/**
 * One tracking snapshot for one partner (SPEC §9). Every matched package of the partner's orders
 * that no tracking output reports yet goes into one new output, and the package → output links
 * are inserted in the SAME transaction as the output (transactional outbox; `output_packages`
 * allows one output per package). A crash after that commit re-writes the same name with the same
 * bytes at restart; a crash before it leaves the packages unreported for the next run. Either
 * way no package is ever in two files. Nothing new → no file.
 */
export async function runTrackingSnapshot(ctx: TrackingContext, job: TrackingJob, trigger: TrackingTrigger): Promise<TrackingOutcome> {
  const outcome = await decideAndWrite(ctx, job, trigger);
  record(ctx, job.partner, outcome, trigger);
  return outcome;
}

async function decideAndWrite(ctx: TrackingContext, job: TrackingJob, trigger: TrackingTrigger): Promise<TrackingOutcome> {
  const { ledger, clock, log } = ctx;
  const partner = job.partner;
  const result = (status: TrackingOutcome['status'], message: string, packages = 0, output: string | null = null, delivered = false): TrackingOutcome =>
    ({ partner, status, message, output, delivered, packages });
  const resolveSku = job.resolveSku;
  if (resolveSku === undefined) return result('FAILED', 'the mapping files are invalid and no earlier version is in force; see `fcp-bridge validate`');
  ledger.transaction(() => matchUnmatchedPackages({ ledger, clock, log }));

  let written: { name: string; packages: number; orders: number; adjustments: string[]; unknownCarriers: string[] } | null;
  try {
    written = ledger.transaction(() => {
      const reports = planReports(ledger, partner, resolveSku);
      if (reports.length === 0) return null;
      const now = clock.now();
      const { date, time } = x12LocalDateTime(ctx.timezone, now);
      const sequence = ledger.nextSequence(`output:${TRACKING_KIND}:${partner}`);
      const format = job.tracking.format;
      const rendered = renderTracking(format, {
        reports, carriers: job.carriers, date, time, reference: String(sequence).padStart(6, '0'),
        x12: format === 'x12-856' || format === 'x12-945' ? x12Envelope(ledger, partner, job.x12, reports.length) : null,
      });
      const name = outputName(TRACKING_KIND, partner, now, sequence, TRACKING_EXT[format]);
      const outputId = ledger.insertOutput({ kind: 'tracking', partner, target: trackingTarget(partner), name, content: rendered.content, createdAt: now.toISOString() });
      const packageIds = reports.flatMap((r) => r.packages.map((p) => p.package.id));
      ledger.shipments.linkToOutput(outputId, packageIds);
      ledger.inventory.insertSnapshot({
        partner, kind: TRACKING_KIND, status: 'QUEUED', feedId: null, outputId, trigger, previouslyPositive: 0, zeroed: 0,
        message: `${packageIds.length} package(s) of ${reports.length} order(s)`, createdAt: now.toISOString(), items: [],
      });
      return { name, packages: packageIds.length, orders: reports.length, adjustments: rendered.adjustments, unknownCarriers: rendered.unknownCarriers };
    });
  } catch (error) {
    // Nothing was recorded (the transaction rolled back, counters included): the next run tries again.
    return result('FAILED', `the tracking snapshot could not be written: ${(error as Error).message}`);
  }
  if (written === null) return result('SKIPPED', 'no new packages since the last tracking file');
  faultPoint('T1-tracking-queued');
  for (const note of written.adjustments) log.warn('tracking value changed to fit X12', { partner, output: written.name, note });
  warnUnknownCarriers(ctx, partner, written.unknownCarriers);
  await deliverPending(ctx.deliver);
  ledger.transaction(() => ledger.inventory.settleDelivered());
  const delivered = ledger.inventory.lastWritten(partner, TRACKING_KIND)?.status === 'SENT';
  const what = `${written.packages} package(s) of ${written.orders} order(s)`;
  return result('WRITTEN', delivered ? `${written.name}: ${what}` : `${written.name} recorded, not delivered yet (its channel failed; it is retried): ${what}`,
    written.packages, written.name, delivered);
}

/** The partner's unreported packages, per order, rolled up onto the order's lines. */
function planReports(ledger: Ledger, partner: string, resolveSku: (sku: string) => SkuComponent[]): OrderReport[] {
  const byOrder = new Map<number, PackageRecord[]>();
  for (const pkg of ledger.shipments.unreported(partner)) {
    if (pkg.orderId === null) continue;
    byOrder.set(pkg.orderId, [...(byOrder.get(pkg.orderId) ?? []), pkg]);
  }
  const reports: OrderReport[] = [];
  for (const [orderId, pending] of byOrder) {
    const order = ledger.orders.get(orderId);
    if (order === undefined) continue;
    const reported = ledger.shipments.ofOrder(orderId).filter((p) => p.output !== null)
      .sort((a, b) => (a.output?.id ?? 0) - (b.output?.id ?? 0) || a.id - b.id);
    const fcpSkus = new Set((order.fcpOrder?.lines ?? []).map((l) => l.sku));
    const toReport: OrderToReport = {
      orderId, orderNumber: order.orderNumber, referenceNumber: order.inbound.referenceNumber, fcpOrderNumber: order.fcpOrderNumber,
      orderDate: order.inbound.orderDate, shipTo: order.fcpOrder?.shipTo ?? order.inbound.shipTo,
      lines: partnerLinesOf(order.inbound.lines, fcpSkus, resolveSku),
      reported: reported.map(planPackage), pending: pending.map(planPackage),
    };
    reports.push(reportOrder(toReport));
  }
  return reports;
}

function planPackage(p: PackageRecord): PlanPackage {
  return { id: p.id, trackingNumber: p.trackingNumber, shipDate: p.shipDate, carrier: p.carrier, service: p.service, weightLbs: p.weightLbs, lines: p.lines };
}

/** ISA13 / GS06 / one ST02 per order, from the counters the 997 and 846 writers share (`x12:<partner>:…`). */
function x12Envelope(ledger: Ledger, partner: string, x12: X12Config | null, sets: number): TrackingX12 {
  if (x12 === null) throw new Error(`partner ${partner} has an X12 tracking format but no x12: section`);
  const counter = (name: string): number => ledger.nextSequence(`x12:${partner}:${name}`);
  const isa = counter('isa');
  const gs = counter('gs');
  return {
    ourQualifier: x12.our_qualifier, ourId: x12.our_id, partnerQualifier: x12.partner_qualifier, partnerId: x12.partner_id,
    version: x12.version, skuQualifier: x12.sku_qualifier, controlNumbers: { isa, gs, st: Array.from({ length: sets }, () => counter('st')) },
  };
}

/**
 * SPEC §9 COMPLETED, applied in the transaction that marks a tracking output DELIVERED (the
 * deliver job's `onDelivered` hook): each ACCEPTED order the output reports becomes COMPLETED
 * when every FCP unit it ordered is in packages whose tracking output has been delivered.
 */
export function completeShippedOrders(ledger: Ledger, output: OutputRecord, at: string): number {
  if (output.kind !== 'tracking') return 0;
  let completed = 0;
  for (const orderId of ledger.shipments.ordersOfOutput(output.id)) {
    const order = ledger.orders.get(orderId);
    if (order?.status !== 'ACCEPTED' || order.fcpOrder === null) continue;
    const delivered = ledger.shipments.ofOrder(orderId).filter((p) => p.output?.status === 'DELIVERED');
    if (!isOrderComplete(order.fcpOrder.lines, delivered)) continue;
    ledger.orders.setStatus(orderId, 'COMPLETED', `every ordered unit reported shipped to the partner (last in ${output.name})`, at);
    completed += 1;
  }
  return completed;
}

/** carriers.csv does not name it: the FCP's text is passed through, and that is said once per carrier. */
function warnUnknownCarriers(ctx: TrackingContext, partner: string, carriers: readonly string[]): void {
  for (const carrier of carriers) {
    const key = `tracking:unknown_carrier:${carrier}`;
    if (ctx.ledger.getState(key) !== undefined) continue;
    const at = ctx.clock.now().toISOString();
    ctx.ledger.transaction(() => {
      ctx.ledger.setState(key, at);
      ctx.ledger.addEvent(at, partner, 'tracking-warning', `FCP carrier '${carrier}' is not in carriers.csv: passed to partners as the FCP wrote it; add a row fcp_carrier,name,scac`);
    });
    ctx.log.warn('FCP carrier not in carriers.csv: passed through', { partner, carrier });
  }
}

/** The outcome is logged and kept for `status`; a failure becomes an event once (not every run). */
function record(ctx: TrackingContext, partner: string, outcome: TrackingOutcome, trigger: TrackingTrigger): void {
  const at = ctx.clock.now().toISOString();
  const key = trackingLastRunKey(partner);
  const before = ctx.ledger.getState(key);
  const previous = before === undefined ? undefined : (JSON.parse(before) as { status: string; message: string; ok_at?: string | null });
  // ok_at: the last run that did its job (wrote a file, or found nothing new) — what `status` calls overdue.
  const okAt = outcome.status === 'FAILED' ? previous?.ok_at ?? null : at;
  ctx.ledger.setState(key, JSON.stringify({ at, trigger, status: outcome.status, message: outcome.message, output: outcome.output, packages: outcome.packages, ok_at: okAt }));
  const fields = { partner, trigger, status: outcome.status, output: outcome.output ?? undefined, packages: outcome.packages };
  if (outcome.status === 'FAILED') {
    if (previous?.status !== 'FAILED' || previous.message !== outcome.message) ctx.ledger.addEvent(at, partner, 'tracking-error', outcome.message);
    ctx.log.error('tracking snapshot failed', { ...fields, error: outcome.message });
  } else {
    ctx.log.info(outcome.status === 'WRITTEN' ? 'tracking snapshot written' : 'tracking snapshot skipped', { ...fields, detail: outcome.message });
  }
}
