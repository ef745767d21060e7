/**
 * The whole checklist over one set of inputs: every check of the doctor in order, plus an info
 * line for each check that could not run (no ledger yet, no FCP feed yet), so the report always
 * says what was and was not looked at.
 */
import type { MappingProblem } from '../../mapping/mapping-file.js';
import { finding, sortFindings, type Finding } from './finding.js';
import { pendingOutputFindings, quarantineFindings, type PendingOutput, type QuarantinedFile } from './file-checks.js';
import { importErrorFindings, shipMethodFindings, type ImportErrorOrder, type ShipMethodContext } from './order-checks.js';
import { feedFindings, snapshotFindings, unmatchedPackageFindings, type FeedView, type SnapshotView } from './schedule-checks.js';
import {
  channelFindings, daemonFindings, mappingFindings, secretFindings,
  type ChannelProbe, type DaemonConfigView, type SecretEnv, type SecretFile,
} from './setup-checks.js';
import { duplicateSkuFindings, fcpMatchFindings, similarSkuFindings, type FcpFeedSkus, type PartnerSkuData } from './sku-checks.js';

export interface LedgerFacts {
  importErrors: readonly ImportErrorOrder[];
  quarantined: readonly QuarantinedFile[];
  outputs: readonly PendingOutput[];
  mappingRefused: { at: string } | null;
  daemonState: DaemonConfigView | null;
  feeds: readonly FeedView[];
  feedSkus: FcpFeedSkus | null;
  snapshots: readonly SnapshotView[];
  unmatchedPackages: { count: number; oldestReceivedAt: string | null; fcpOrderNumbers: readonly string[] };
}

export interface DoctorInputs {
  now: Date;
  configFile: string;
  dataDir: string;
  retryMaxDays: number;
  mappingProblems: readonly MappingProblem[];
  channels: readonly ChannelProbe[];
  secretFiles: readonly SecretFile[];
  secretEnvs: readonly SecretEnv[];
  /** The config file as the daemon would load it now. */
  currentConfigSha: string | null;
  daemonPid: number | null;
  partners: readonly PartnerSkuData[];
  shipMethods: ReadonlyMap<string, ShipMethodContext>;
  /** Which FCP feeds some partner needs: inventory snapshots need inventory, tracking needs shipments. */
  needFeeds: { inventory: boolean; shipments: boolean };
  /** null: no ledger exists yet (the daemon never ran on this data_dir). */
  ledger: LedgerFacts | null;
  /** Names an output's target channel for people (`fcp.orders` → its folder). */
  channelOf: (target: string) => string;
}

export function diagnose(inputs: DoctorInputs): Finding[] {
  const out: Finding[] = [];
  const l = inputs.ledger;
  out.push(...daemonFindings(l?.daemonState ?? null, { sha256: inputs.currentConfigSha, valid: true }, inputs.daemonPid, inputs.dataDir));
  out.push(...mappingFindings(inputs.mappingProblems, l?.mappingRefused ?? null));
  out.push(...channelFindings(inputs.channels, inputs.configFile));
  out.push(...secretFindings(inputs.secretFiles, inputs.secretEnvs));
  const feed = l?.feedSkus ?? null;
  for (const p of inputs.partners) {
    out.push(...duplicateSkuFindings(p));
    out.push(...similarSkuFindings(p, feed));
    out.push(...fcpMatchFindings(p, feed));
  }
  if (feed === null && inputs.partners.some((p) => p.items.some((i) => i.active))) {
    out.push(finding('info', 'fcp_match', null, 'no FCP inventory feed has arrived yet: active items were not compared with the FCP\'s SKUs', null));
  }
  if (l === null) {
    for (const check of ['feeds', 'snapshots', 'ship_methods', 'import_errors', 'quarantine', 'outputs'] as const) {
      out.push(finding('info', check, null, `not checked: no ledger yet in ${inputs.dataDir} (the daemon has not run on it)`, null));
    }
    return sortFindings(out);
  }
  out.push(...feedFindings(l.feeds, inputs.now, inputs.needFeeds));
  out.push(...unmatchedPackageFindings(l.unmatchedPackages));
  out.push(...snapshotFindings(l.snapshots));
  out.push(...shipMethodFindings(l.importErrors, inputs.shipMethods));
  out.push(...importErrorFindings(l.importErrors, inputs.now, inputs.retryMaxDays));
  out.push(...quarantineFindings(l.quarantined, inputs.now));
  out.push(...pendingOutputFindings(l.outputs, inputs.now, inputs.channelOf));
  return sortFindings(out);
}
