import type { PartnerConfig } from '../config/types.js';
import { FCP_PARTNER, judgeInventoryFeed } from '../jobs/fcp-feeds/inventory-feed-file.js';
import { judgeCatalogFile } from '../jobs/intake/catalog-file.js';
import type { TakeSource } from '../jobs/intake/take-files.js';
import { inventoryTarget, runInventorySnapshot, settleDelivered, type InventoryJob, type SnapshotOutcome, type SnapshotTrigger } from '../jobs/inventory-snapshot/run.js';
import type { JobWiring } from './job-wiring.js';
import type { ScheduledJob } from './scheduler.js';
import { takeIntoReport, type InboundReport } from './take-into-report.js';

export type InventoryWiring = JobWiring;

/**
 * The inventory side of the bridge, wired once by the composition root: the FCP inventory feed
 * and the partners' catalogs (inbound), and each partner's snapshot job and channel (outbound).
 */
export class InventoryJobs {
  private readonly feed: TakeSource | null;
  private readonly catalogs: TakeSource[] = [];

  constructor(private readonly w: InventoryWiring) {
    const { config, ledger, clock, log } = w;
    const feedChannel = config.fcp.inventory?.channel;
    this.feed = feedChannel === undefined ? null : {
      partner: FCP_PARTNER, source: 'inventory-feed', channel: w.openInbound(feedChannel),
      judge: (content, name) => judgeInventoryFeed({ ledger, clock, log, timezone: config.timezone }, content, name),
    };
    for (const partner of config.partners) {
      if (partner.catalog !== null) {
        this.catalogs.push({
          partner: partner.id, source: 'catalog', channel: w.openInbound(partner.catalog.channel),
          judge: (content, name) => judgeCatalogFile({ partner: partner.id, ledger, clock, log }, content, name),
        });
      }
      if (partner.inventory !== null) w.targets.set(inventoryTarget(partner.id), w.openOutbound(partner.inventory.channel));
    }
  }

  /** Inbound sources, for crash recovery and closing. */
  sources(): TakeSource[] {
    return [...(this.feed === null ? [] : [this.feed]), ...this.catalogs];
  }

  /** Local folders worth watching for a quick reaction. */
  watchedInboxes(): string[] {
    const channels = [this.w.config.fcp.inventory?.channel, ...this.w.config.partners.map((p) => p.catalog?.channel)];
    return channels.flatMap((c) => (c?.type === 'local' ? [c.path] : []));
  }

  /**
   * Takes the FCP feed first, then the catalogs (SPEC §11 "FCP feeds first"): orders taken after
   * it are checked against the newest feed, and snapshots count from it. A failing channel is
   * reported; the others still run.
   */
  async takeInbound(report: InboundReport, shouldStop: () => boolean = () => false): Promise<void> {
    for (const src of this.sources()) {
      if (shouldStop()) break;
      await takeIntoReport(this.w.take, src, report, shouldStop);
    }
  }

  /** Delivered snapshot outputs update product sync (after any delivery pass). */
  settle(): void {
    settleDelivered(this.w.ledger);
  }

  /** The partners that have an inventory section. */
  partners(): PartnerConfig[] {
    return this.w.config.partners.filter((p) => p.inventory !== null);
  }

  job(partner: PartnerConfig): InventoryJob | undefined {
    if (partner.inventory === null) return undefined;
    return {
      partner: partner.id, inventory: partner.inventory, x12: partner.x12,
      mappings: this.w.mappings.set()?.partners.get(partner.id), itemsFile: partner.mappings.items,
    };
  }

  async runSnapshot(partner: PartnerConfig, opts: { trigger: SnapshotTrigger; force: boolean }): Promise<SnapshotOutcome> {
    const job = this.job(partner);
    if (job === undefined) return { partner: partner.id, status: 'FAILED', message: `partner ${partner.id} has no inventory: section`, output: null, delivered: false };
    const { ledger, clock, log, deliver, config } = this.w;
    return runInventorySnapshot({ ledger, clock, log, deliver, timezone: config.timezone }, job, opts);
  }

  /** Every enabled inventory snapshot once (`run --once`). */
  async runAll(trigger: SnapshotTrigger, shouldStop: () => boolean = () => false): Promise<SnapshotOutcome[]> {
    const outcomes: SnapshotOutcome[] = [];
    for (const partner of this.partners()) {
      if (shouldStop()) break;
      outcomes.push(await this.runSnapshot(partner, { trigger, force: false }));
    }
    return outcomes;
  }

  /** One scheduled job per partner schedule, named `inventory:<partner>`. */
  scheduledJobs(): ScheduledJob[] {
    return this.partners().map((partner) => ({
      name: `inventory:${partner.id}`,
      pattern: (partner.inventory as NonNullable<PartnerConfig['inventory']>).schedule,
      run: async () => { await this.runSnapshot(partner, { trigger: 'schedule', force: false }); },
    }));
  }
}
