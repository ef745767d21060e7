import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ChannelConfig, Config, PartnerConfig } from '../../config/types.js';
import type { DoctorInputs, LedgerFacts } from '../../jobs/doctor/diagnose.js';
import type { ShipMethodContext } from '../../jobs/doctor/order-checks.js';
import type { SnapshotView } from '../../jobs/doctor/schedule-checks.js';
import type { SecretEnv, SecretFile } from '../../jobs/doctor/setup-checks.js';
import type { PartnerSkuData } from '../../jobs/doctor/sku-checks.js';
import { FCP_PARTNER } from '../../jobs/fcp-feeds/inventory-feed-file.js';
import { Ledger } from '../../ledger/ledger.js';
import { readItems } from '../../mapping/items.js';
import { readMappingRows } from '../../mapping/mapping-file.js';
import { readShipCodes } from '../../mapping/ship-codes.js';
import { channelLabel, configuredChannels, probeChannels } from '../../daemon/channel-probes.js';
import { configFileSha256, readConfigState } from '../../daemon/config-state.js';
import { lockOwner } from '../../daemon/instance-lock.js';
import { loadMappings, type MappingSet } from '../../daemon/mapping-registry.js';
import { partnerInventoryStatus } from './inventory-status.js';
import { partnerTrackingStatus } from './tracking-status.js';

/**
 * Reads everything the doctor's checks need — mapping files, the ledger, channel probes, file
 * modes — into plain values (jobs/doctor/diagnose.ts). Only reads: the ledger is not created
 * when it does not exist yet, and nothing but the probes' temp files is ever written.
 */
export async function gatherDoctorInputs(config: Config, only: string | null, now: Date): Promise<DoctorInputs> {
  const partners = config.partners.filter((p) => only === null || p.id === only);
  const mappings = loadMappings(config);
  const set = mappings.ok ? mappings.set : null;
  const ledgerFile = join(config.data_dir, 'ledger.sqlite');
  const ledger = existsSync(ledgerFile) ? new Ledger(ledgerFile) : null;
  try {
    return {
      now,
      configFile: config.file,
      dataDir: config.data_dir,
      retryMaxDays: config.retry_max_days,
      mappingProblems: mappings.ok ? [] : mappings.problems,
      channels: await probeChannels(config, only),
      ...secretsOf(config, only),
      currentConfigSha: configFileSha256(config.file),
      daemonPid: lockOwner(config.data_dir),
      partners: partners.map(skuDataOf),
      shipMethods: new Map(partners.map((p) => [p.id, shipMethodContext(config, p, set)])),
      needFeeds: { inventory: config.partners.some((p) => p.inventory !== null), shipments: config.partners.some((p) => p.tracking !== null) },
      ledger: ledger === null ? null : ledgerFacts(ledger, config, partners, only, now),
      channelOf: (target) => targetLabel(config, target),
    };
  } finally {
    ledger?.close();
  }
}

function ledgerFacts(ledger: Ledger, config: Config, partners: readonly PartnerConfig[], only: string | null, now: Date): LedgerFacts {
  const mine = (partner: string): boolean => only === null || partner === only;
  const state = readConfigState(ledger);
  const refused = ledger.lastEventOfKind('mapping-error');
  const feed = ledger.inventory.latestFeed();
  const feedSkus = ledger.inventory.latestSkus();
  const shipments = ledger.lastFile(FCP_PARTNER, 'shipments-feed');
  const unmatched = ledger.shipments.unmatchedSummary();
  return {
    importErrors: ledger.orders.withStatus('IMPORT ERROR').filter((o) => mine(o.partner)).map((o) => ({
      partner: o.partner, orderNumber: o.orderNumber, receivedAt: o.receivedAt, shipMethod: o.inbound.shipMethod,
      problems: o.problems.map((p) => ({ code: p.code, message: p.message })), duplicateCopy: o.duplicateOf !== null,
    })),
    quarantined: ledger.filesWithStatus('QUARANTINED').filter((f) => mine(f.partner)).map((f) => ({
      partner: f.partner, name: f.name, code: f.reasonCode, reason: f.reason, storedPath: f.storedPath, receivedAt: f.receivedAt,
      inbox: inboxOf(config, f.partner, f.source),
    })),
    outputs: ledger.pendingOutputs().filter((o) => mine(o.partner)).map((o) => ({
      name: o.name, partner: o.partner, target: o.target, attempts: o.attempts, lastError: o.lastError, createdAt: o.createdAt,
    })),
    mappingRefused: refused === undefined ? null : { at: refused.at },
    daemonState: state === null ? null : {
      version: state.version, loadedAt: state.loaded_at, sha256: state.sha256 ?? '',
      lastReload: state.last_reload === null ? null : { at: state.last_reload.at, ok: state.last_reload.ok, problems: state.last_reload.problems },
    },
    feeds: [{
      kind: 'inventory',
      channel: config.fcp.inventory === null ? null : channelLabel(config.fcp.inventory.channel),
      last: feed === undefined ? null : { file: feed.fileName, asOf: feed.asOf, receivedAt: feed.receivedAt },
    }, {
      // A shipment export has no as_of: its arrival is its age.
      kind: 'shipments',
      channel: config.fcp.shipments === null ? null : channelLabel(config.fcp.shipments.channel),
      last: shipments === undefined ? null : { file: shipments.name, asOf: shipments.receivedAt, receivedAt: shipments.receivedAt },
    }],
    unmatchedPackages: { count: unmatched.count, oldestReceivedAt: unmatched.oldestReceivedAt, fcpOrderNumbers: ledger.shipments.unmatchedOrderNumbers() },
    feedSkus: feed === undefined || feedSkus === null ? null : { skus: feedSkus, label: `'${feed.fileName}' as of ${feed.asOf}` },
    snapshots: partners.flatMap((p) => snapshotViews(ledger, config, p, feed === undefined, now)),
  };
}

/** The same facts `status` shows (its overdue rule included), so the two never disagree. */
function snapshotViews(ledger: Ledger, config: Config, p: PartnerConfig, noFeed: boolean, now: Date): SnapshotView[] {
  const views: SnapshotView[] = [];
  const inv = partnerInventoryStatus(ledger, p, config.timezone, now);
  if (inv !== null) {
    views.push({
      partner: p.id, kind: 'inventory', schedule: inv.schedule, overdue: inv.overdue, lastAt: inv.last_snapshot?.at ?? null,
      lastRun: inv.last_run, held: inv.held_back.map((h) => ({ at: h.at, message: h.message })), waitingForFeed: noFeed,
    });
  }
  const tr = partnerTrackingStatus(ledger, p, config.timezone, now);
  if (tr !== null) {
    views.push({
      partner: p.id, kind: 'tracking', schedule: tr.schedule, overdue: tr.overdue, lastAt: tr.last_snapshot?.at ?? null,
      lastRun: tr.last_run, held: [], waitingForFeed: false,
    });
  }
  return views;
}

/** items.csv and skus.csv rows with their lines; a file that does not parse is left to the mapping check. */
function skuDataOf(p: PartnerConfig): PartnerSkuData {
  const data: PartnerSkuData = { partner: p.id, itemsFile: null, items: [], duplicates: [], skusFile: null, skuRows: [] };
  const itemsText = p.mappings.items === null ? undefined : readText(p.mappings.items);
  if (p.mappings.items !== null && itemsText !== undefined) {
    const read = readItems(itemsText, p.mappings.items);
    if (read.ok) Object.assign(data, { itemsFile: p.mappings.items, items: Array.from(read.value.items, (i) => ({ sku: i.sku, line: i.line, active: i.active })), duplicates: read.value.duplicates });
  }
  const skusText = p.mappings.skus === null ? undefined : readText(p.mappings.skus);
  if (p.mappings.skus !== null && skusText !== undefined) {
    const rows: PartnerSkuData['skuRows'][number][] = [];
    const read = readMappingRows(skusText, p.mappings.skus, { required: ['partner_sku', 'fcp_sku'], optional: ['quantity'] }, (r) => {
      const row = { partnerSku: r.value('partner_sku'), fcpSku: r.value('fcp_sku'), line: r.line };
      if (row.partnerSku !== '' && row.fcpSku !== '') rows.push(row);
    });
    if (read.ok) Object.assign(data, { skusFile: p.mappings.skus, skuRows: rows });
  }
  return data;
}

function shipMethodContext(config: Config, p: PartnerConfig, set: MappingSet | null): ShipMethodContext {
  let codes: { code: string; description: string }[] = [];
  if (set !== null) {
    codes = set.shipCodes.codes().map((code) => ({ code, description: set.shipCodes.get(code)?.description ?? '' }));
  } else {
    const text = readText(config.fcp.ship_codes);
    const read = text === undefined ? undefined : readShipCodes(text, config.fcp.ship_codes);
    if (read?.ok) codes = read.value.codes().map((code) => ({ code, description: read.value.get(code)?.description ?? '' }));
  }
  const index = config.partners.indexOf(p);
  return {
    partner: p.id,
    file: p.mappings.ship_methods,
    configPath: `partners[${index}].mappings`,
    methodsAreFcpCodes: p.orders?.ship_methods_are_fcp_codes ?? false,
    shipCodesFile: config.fcp.ship_codes,
    codes,
    lookup: (method) => set?.partners.get(p.id)?.shipMethods.lookup(method),
  };
}

/** File modes of SFTP key and secret files, and whether secret env variables are set here. */
function secretsOf(config: Config, only: string | null): { secretFiles: SecretFile[]; secretEnvs: SecretEnv[] } {
  const secretFiles: SecretFile[] = [];
  const secretEnvs: SecretEnv[] = [];
  for (const c of configuredChannels(config)) {
    if (c.channel.type !== 'sftp' || (only !== null && c.partner !== null && c.partner !== only)) continue;
    const ch = c.channel;
    for (const kind of ['private_key_file', 'password_file', 'passphrase_file'] as const) {
      const file = ch[kind];
      if (file === null) continue;
      try {
        secretFiles.push({ partner: c.partner, configPath: `${c.configPath}.${kind}`, kind, file, mode: statSync(file).mode & 0o7777, error: null });
      } catch (error) {
        secretFiles.push({ partner: c.partner, configPath: `${c.configPath}.${kind}`, kind, file, mode: null, error: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
      }
    }
    for (const kind of ['password_env', 'passphrase_env'] as const) {
      const name = ch[kind];
      if (name !== null) secretEnvs.push({ partner: c.partner, configPath: `${c.configPath}.${kind}`, kind, name, setHere: process.env[name] !== undefined });
    }
  }
  return { secretFiles, secretEnvs };
}

function inboxOf(config: Config, partner: string, source: string): string | null {
  const p = config.partners.find((x) => x.id === partner);
  const channel: ChannelConfig | undefined =
    source === 'orders' ? p?.orders?.channel
      : source === 'catalog' ? p?.catalog?.channel
        : source === 'inventory-feed' ? config.fcp.inventory?.channel
          : source === 'shipments-feed' ? config.fcp.shipments?.channel : undefined;
  return channel === undefined ? null : channel.type === 'local' ? channel.path : channelLabel(channel);
}

/** `fcp.orders` and `partner:<id>:<kind>` (the targets outputs record) → the channel, for people. */
function targetLabel(config: Config, target: string): string {
  if (target === 'fcp.orders') return channelLabel(config.fcp.orders.channel);
  const [, id, kind] = /^partner:([^:]+):(.+)$/.exec(target) ?? [];
  const p = config.partners.find((x) => x.id === id);
  const channel = kind === 'inventory' ? p?.inventory?.channel : kind === 'tracking' ? p?.tracking?.channel : kind === '997' ? p?.x12?.ack_channel ?? undefined : undefined;
  return channel === undefined ? target : channelLabel(channel);
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
