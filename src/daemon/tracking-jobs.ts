import type { PartnerConfig } from '../config/types.js';
import { FCP_PARTNER } from '../jobs/fcp-feeds/inventory-feed-file.js';
import { judgeShipmentsFeed, matchUnmatchedPackages } from '../jobs/fcp-feeds/shipments-feed-file.js';
import type { TakeSource } from '../jobs/intake/take-files.js';
import { completeShippedOrders, runTrackingSnapshot, trackingTarget, type TrackingJob, type TrackingOutcome, type TrackingTrigger } from '../jobs/tracking-snapshot/run.js';
import type { CarrierLookup } from '../jobs/tracking-snapshot/writers.js';
import type { OutputRecord } from '../ledger/records.js';
import { takeIntoReport, type InboundReport } from './take-into-report.js';
import type { JobWiring } from './job-wiring.js';
import type { ScheduledJob } from './scheduler.js';

export type TrackingWiring = JobWiring;

/**
 * The tracking side of the bridge, wired once by the composition root: the FCP shipment feed
 * (inbound, partner `fcp`, source `shipments-feed`) and each partner's tracking snapshot job and
 * channel (outbound, target `partner:<id>:tracking`). Same shape as InventoryJobs.
 */
export class TrackingJobs {
  private readonly feed: TakeSource | null;

  constructor(private readonly w: TrackingWiring) {
    const { config, ledger, clock, log } = w;
    const feedChannel = config.fcp.shipments?.channel;
    this.feed = feedChannel === undefined ? null : {
      partner: FCP_PARTNER, source: 'shipments-feed', channel: w.openInbound(feedChannel),
      judge: (content, name) => judgeShipmentsFeed({ ledger, clock, log }, content, name),
    };
    for (const partner of this.partners()) w.targets.set(trackingTarget(partner.id), w.openOutbound((partner.tracking as NonNullable<PartnerConfig['tracking']>).channel));
  }

  /** Inbound sources, for crash recovery and closing. */
  sources(): TakeSource[] {
    return this.feed === null ? [] : [this.feed];
  }

  watchedInboxes(): string[] {
    const c = this.w.config.fcp.shipments?.channel;
    return c?.type === 'local' ? [c.path] : [];
  }

  /** Takes the FCP shipment feed (with the other FCP feeds, before partner orders: SPEC §11). */
  async takeInbound(report: InboundReport, shouldStop: () => boolean = () => false): Promise<void> {
    if (this.feed === null || shouldStop()) return;
    await takeIntoReport(this.w.take, this.feed, report, shouldStop);
  }

  /** Packages whose order arrived (and went to the FCP) since they did: matched now. */
  matchPending(): number {
    const { ledger, clock, log } = this.w;
    return ledger.transaction(() => matchUnmatchedPackages({ ledger, clock, log })).matched;
  }

  /** The deliver job's hook: a delivered tracking output may complete the orders it reports. */
  onDelivered(output: OutputRecord, at: string): void {
    const completed = completeShippedOrders(this.w.ledger, output, at);
    if (completed > 0) this.w.log.info('orders completed: every ordered unit reported shipped', { partner: output.partner, output: output.name, orders: completed });
  }

  partners(): PartnerConfig[] {
    return this.w.config.partners.filter((p) => p.tracking !== null);
  }

  job(partner: PartnerConfig): TrackingJob | undefined {
    if (partner.tracking === null) return undefined;
    const set = this.w.mappings.set();
    const skus = set?.partners.get(partner.id)?.skus;
    const carriers: CarrierLookup = (fcpCarrier) => {
      const c = set?.carriers?.lookup(fcpCarrier);
      return c === undefined ? null : { name: c.name, scac: c.scac };
    };
    return {
      partner: partner.id, tracking: partner.tracking, x12: partner.x12, carriers,
      resolveSku: skus === undefined ? undefined : (sku) => skus.resolve(sku),
    };
  }

  async runSnapshot(partner: PartnerConfig, trigger: TrackingTrigger): Promise<TrackingOutcome> {
    const job = this.job(partner);
    if (job === undefined) return { partner: partner.id, status: 'FAILED', message: `partner ${partner.id} has no tracking: section`, output: null, delivered: false, packages: 0 };
    const { ledger, clock, log, deliver, config } = this.w;
    return runTrackingSnapshot({ ledger, clock, log, deliver, timezone: config.timezone }, job, trigger);
  }

  /** `sync P tracking`: the shipment inbox is read first, so a feed dropped a moment ago is reported. */
  async sync(partner: PartnerConfig, report: InboundReport): Promise<TrackingOutcome> {
    await this.takeInbound(report);
    return this.runSnapshot(partner, 'sync');
  }

  /** Every enabled tracking snapshot once (`run --once`). */
  async runAll(trigger: TrackingTrigger, shouldStop: () => boolean = () => false): Promise<TrackingOutcome[]> {
    const outcomes: TrackingOutcome[] = [];
    for (const partner of this.partners()) {
      if (shouldStop()) break;
      outcomes.push(await this.runSnapshot(partner, trigger));
    }
    return outcomes;
  }

  /** One scheduled job per partner schedule, named `tracking:<partner>`. */
  scheduledJobs(): ScheduledJob[] {
    return this.partners().map((partner) => ({
      name: `tracking:${partner.id}`,
      pattern: (partner.tracking as NonNullable<PartnerConfig['tracking']>).schedule,
      run: async () => { await this.runSnapshot(partner, 'schedule'); },
    }));
  }
}
