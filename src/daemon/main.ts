import { join } from 'node:path';
import { openFileStore } from '../channels/local/file-store.js';
import { openLocalInbox } from '../channels/local/local-inbox.js';
import { openLocalOutbox } from '../channels/local/local-outbox.js';
import { openSftpInbox } from '../channels/sftp/sftp-inbox.js';
import { openSftpOutbox } from '../channels/sftp/sftp-outbox.js';
import type { ChannelConfig, Config, PartnerConfig } from '../config/types.js';
import { dayIn } from '../domain/calendar.js';
import type { ReadResult } from '../domain/order.js';
import { readCsvOrders } from '../formats/csv/orders.js';
import { writeFcpXmlCancel, writeFcpXmlOrder } from '../formats/xml/fcp-xml.js';
import { readXmlOrders } from '../formats/xml/orders.js';
import { deliverPending, FCP_ORDERS_TARGET, queueFcpOutputs, type DeliverContext } from '../jobs/deliver/run.js';
import type { FcpFormat } from '../jobs/deliver/plan.js';
import { judgeOrderFile } from '../jobs/intake/order-file.js';
import { ackTargetOf, judgeX12File, type X12FileContext } from '../jobs/intake/x12-file.js';
import { recoverUnfinished, sourceKey, type TakeContext, type TakeSource, type TakeSummary } from '../jobs/intake/take-files.js';
import type { Clock, InboundChannel, Log, OutboundChannel } from '../jobs/ports.js';
import { retryImportErrors } from '../jobs/retry/run.js';
import { Ledger } from '../ledger/ledger.js';
import { emptyShipMethodMap } from '../mapping/ship-method-map.js';
import { InventoryJobs } from './inventory-jobs.js';
import { MappingState } from './mapping-state.js';
import { takeIntoReport } from './take-into-report.js';
import { TrackingJobs } from './tracking-jobs.js';
import { tuneHeapForLongLivedTables } from './heap-tuning.js';

/**
 * The one composition root: config in, a wired bridge out. Channels come from an explicit
 * table by type; format readers from another. Nothing else in the code base constructs them.
 */
const INBOUND: Record<ChannelConfig['type'], (c: ChannelConfig, log: Log) => InboundChannel> = {
  local: (c) => openLocalInbox(c as Extract<ChannelConfig, { type: 'local' }>),
  sftp: (c, log) => openSftpInbox(c as Extract<ChannelConfig, { type: 'sftp' }>, log),
};
const OUTBOUND: Record<ChannelConfig['type'], (c: ChannelConfig, log: Log) => OutboundChannel> = {
  local: (c) => openLocalOutbox(c as Extract<ChannelConfig, { type: 'local' }>),
  sftp: (c, log) => openSftpOutbox(c as Extract<ChannelConfig, { type: 'sftp' }>, log),
};

type OrderReader = (bytes: Buffer, partner: PartnerConfig, config: Config) => ReadResult;
/**
 * Byte readers of the csv and xml formats. x12 files have their own judge (judgeX12File): it needs
 * the partner's x12 profile and ship-method map, and the ledger (ISA13 history, 997 counters).
 */
const ORDER_READERS: Record<'csv' | 'xml', OrderReader> = {
  csv: (bytes, partner) => readCsvOrders(bytes, (partner.orders as NonNullable<PartnerConfig['orders']>).csv),
  xml: (bytes, _partner, config) => readXmlOrders(bytes, { maxBytes: config.limits.max_file_bytes }),
};

export interface CycleReport {
  files: TakeSummary;
  failures: { partner: string; what: string; error: string }[];
  delivered: number;
}

export class Bridge {
  readonly ledger: Ledger;
  readonly mappings: MappingState;
  /** FCP inventory feed, partner catalogs, inventory snapshots (SPEC §7–§8). */
  readonly inventory: InventoryJobs;
  /** FCP shipment feed, tracking snapshots, COMPLETED orders (SPEC §7, §9). */
  readonly tracking: TrackingJobs;
  private readonly take: TakeContext;
  private readonly deliver: DeliverContext;
  private readonly sources = new Map<string, TakeSource>();
  private readonly fcpFormat: FcpFormat;

  constructor(readonly config: Config, readonly clock: Clock, readonly log: Log) {
    tuneHeapForLongLivedTables();
    this.ledger = new Ledger(join(config.data_dir, 'ledger.sqlite'));
    this.mappings = new MappingState(config, log, this.ledger, clock);
    const today = (): string => dayIn(config.timezone, clock.now());
    this.take = { ledger: this.ledger, store: openFileStore(config.data_dir), clock, log, maxFileBytes: config.limits.max_file_bytes, today };
    const targets = new Map<string, OutboundChannel>([[FCP_ORDERS_TARGET, OUTBOUND[config.fcp.orders.channel.type](config.fcp.orders.channel, log)]]);
    // 997s go to each X12 partner's acknowledgement channel (x12.ack_channel, defaulted by the config loader).
    for (const p of config.partners) {
      if (p.x12?.acknowledge === true && p.x12.ack_channel !== null) targets.set(ackTargetOf(p.id), OUTBOUND[p.x12.ack_channel.type](p.x12.ack_channel, log));
    }
    // A delivered tracking file may complete orders, in the transaction that marks it delivered.
    this.deliver = { ledger: this.ledger, clock, log, targets, onDelivered: (output, at) => this.tracking.onDelivered(output, at) };
    const merchant = config.fcp.merchant_id;
    this.fcpFormat = {
      format: config.fcp.orders.format,
      columns: config.fcp.orders.columns,
      xml: { order: (o) => writeFcpXmlOrder(o, merchant), cancel: (n) => writeFcpXmlCancel(n, merchant) },
    };
    for (const partner of config.partners) {
      if (partner.orders === null) continue;
      const format = partner.orders.format;
      const channel = INBOUND[partner.orders.channel.type](partner.orders.channel, log);
      const read = (bytes: Buffer): ReadResult => ORDER_READERS[format as 'csv' | 'xml'](bytes, partner, config);
      this.sources.set(sourceKey(partner.id, 'orders'), {
        partner: partner.id, source: 'orders', channel,
        judge: (content, name) => format === 'x12'
          ? judgeX12File(this.x12Context(partner), content, name)
          : judgeOrderFile({ partner: partner.id, prefix: partner.orders?.order_number_prefix ?? '', ledger: this.ledger, clock, log, read, rules: () => this.rulesFor(partner) }, content, name),
      });
    }
    this.inventory = new InventoryJobs({
      config, ledger: this.ledger, clock, log, take: this.take, deliver: this.deliver, targets, mappings: this.mappings,
      openInbound: (c) => INBOUND[c.type](c, log), openOutbound: (c) => OUTBOUND[c.type](c, log),
    });
    for (const src of this.inventory.sources()) this.sources.set(sourceKey(src.partner, src.source), src);
    this.tracking = new TrackingJobs({
      config, ledger: this.ledger, clock, log, take: this.take, deliver: this.deliver, targets, mappings: this.mappings,
      openInbound: (c) => INBOUND[c.type](c, log), openOutbound: (c) => OUTBOUND[c.type](c, log),
    });
    for (const src of this.tracking.sources()) this.sources.set(sourceKey(src.partner, src.source), src);
  }

  /** After a crash: temp files swept, unfinished files replayed, recorded outputs re-written. */
  async recover(): Promise<void> {
    this.mappings.refresh();
    for (const channel of this.deliver.targets.values()) {
      const swept = await channel.sweepTemporaries();
      if (swept > 0) this.log.info('temporary files from an earlier run removed', { channel: channel.label, count: swept });
    }
    const replayed = recoverUnfinished(this.take, this.sources);
    if (replayed > 0) this.log.info('unfinished files replayed', { count: replayed });
    await deliverPending(this.deliver);
  }

  /**
   * One pass: mapping edits applied (and IMPORT ERRORs retried when they change), every order
   * inbox taken, due retries run, FCP outputs queued and delivered. A failing channel is
   * reported and the others still run.
   */
  async cycle(opts: { shouldStop?: () => boolean; forceRetry?: boolean; onlyPartner?: string } = {}): Promise<CycleReport> {
    const report: CycleReport = { files: { taken: 0, quarantined: 0, duplicates: 0, waiting: 0, nextCheckMs: null }, failures: [], delivered: 0 };
    this.mappings.refresh();
    const feedBefore = this.ledger.inventory.latestFeed()?.id;
    // FCP feeds first (SPEC §11): orders are then checked against the newest feed.
    await this.inventory.takeInbound(report, opts.shouldStop);
    // A newer feed changes which SKUs exist (INVALID_SKU), just as a mapping edit changes the maps.
    const newFeed = this.ledger.inventory.latestFeed()?.id !== feedBefore;
    const mappingsChanged = this.mappings.takeChange();
    await this.tracking.takeInbound(report, opts.shouldStop);
    for (const partner of this.config.partners) {
      if (opts.shouldStop?.()) break;
      if (opts.onlyPartner !== undefined && partner.id !== opts.onlyPartner) continue;
      const src = this.sources.get(sourceKey(partner.id, 'orders'));
      if (src !== undefined) await takeIntoReport(this.take, src, report, opts.shouldStop);
    }
    const lastRetry = Number(this.ledger.getState('retry.last_at') ?? 0);
    const retryDue = Date.now() - lastRetry >= this.config.retry_interval_mins * 60_000;
    if (mappingsChanged || newFeed || retryDue || opts.forceRetry === true) {
      this.ledger.setState('retry.last_at', String(Date.now()));
      // A mapping edit or a new feed is a reason to look at every IMPORT ERROR order; the timer only at recent ones.
      const cause = mappingsChanged ? 'retried after a mapping change' : newFeed ? 'retried after a new FCP inventory feed'
        : opts.forceRetry === true ? 'retried by run --once' : 'scheduled retry';
      this.retry(undefined, undefined, cause, mappingsChanged || newFeed ? null : this.config.retry_max_days);
    }
    report.delivered = await this.flush(report);
    // Orders that reached the FCP since their packages arrived: their packages are matched now.
    this.tracking.matchPending();
    return report;
  }

  /** Queues every partner's unsent orders and cancellations, then writes every pending output. */
  async flush(report?: CycleReport): Promise<number> {
    for (const partner of this.ledger.orders.partnersWithUnsentWork()) queueFcpOutputs(this.deliver, partner, this.fcpFormat);
    const result = await deliverPending(this.deliver);
    this.inventory.settle();
    if (result.failed > 0) report?.failures.push({ partner: '-', what: 'deliver', error: `${result.failed} output(s) could not be written; see the log` });
    return result.delivered;
  }

  /** Re-checks IMPORT ERROR orders against the mappings in force (all partners, or one, or one order). */
  retry(partnerId: string | undefined, orderNumber: string | undefined, cause: string, maxAgeDays: number | null): { accepted: number; stillFailing: number } {
    const total = { accepted: 0, stillFailing: 0 };
    for (const partner of this.config.partners) {
      if (partnerId !== undefined && partner.id !== partnerId) continue;
      if (!this.mappings.has(partner.id)) continue;
      const r = retryImportErrors({ ledger: this.ledger, clock: this.clock, log: this.log, timezone: this.config.timezone },
        { partner: partner.id, rules: this.rulesFor(partner), orderNumber, maxAgeDays, cause });
      total.accepted += r.accepted;
      total.stillFailing += r.stillFailing;
    }
    return total;
  }

  /** Every enabled inventory snapshot once (`run --once`, SPEC §11); tracking snapshots join here. */
  async runSnapshots(): Promise<CycleReport['failures']> {
    const outcomes = await this.inventory.runAll('run-once');
    const tracking = await this.tracking.runAll('run-once');
    return [...outcomes.map((o) => ({ ...o, what: 'inventory snapshot' })), ...tracking.map((o) => ({ ...o, what: 'tracking snapshot' }))]
      .filter((o) => o.status === 'FAILED').map((o) => ({ partner: o.partner, what: o.what, error: o.message }));
  }

  partner(id: string): PartnerConfig | undefined {
    return this.config.partners.find((p) => p.id === id);
  }

  /** Folders the daemon watches for a quick reaction (local inboxes and mapping files). */
  watchedPaths(): { inboxes: string[]; mappingFiles: string[] } {
    const inboxes = this.config.partners.flatMap((p) => (p.orders?.channel.type === 'local' ? [p.orders.channel.path] : []));
    inboxes.push(...this.inventory.watchedInboxes(), ...this.tracking.watchedInboxes());
    return { inboxes, mappingFiles: this.mappings.files() };
  }

  async close(): Promise<void> {
    for (const src of this.sources.values()) await src.channel.close();
    for (const channel of this.deliver.targets.values()) await channel.close();
    this.ledger.close();
  }

  /** What the X12 judge needs of a partner, read per file so the mappings in force apply. */
  private x12Context(partner: PartnerConfig): X12FileContext {
    return {
      partner: partner.id, prefix: partner.orders?.order_number_prefix ?? '', ledger: this.ledger, clock: this.clock, log: this.log,
      timezone: this.config.timezone, ackTarget: ackTargetOf(partner.id),
      // The config loader refuses orders.format x12 without an x12: section.
      x12: partner.x12 as NonNullable<PartnerConfig['x12']>,
      rules: () => this.rulesFor(partner),
      shipMethods: () => this.mappings.set()?.partners.get(partner.id)?.shipMethods ?? emptyShipMethodMap(),
    };
  }

  private rulesFor(partner: PartnerConfig) {
    return this.mappings.rulesFor(partner, dayIn(this.config.timezone, this.clock.now()));
  }

}
