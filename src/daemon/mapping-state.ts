import { statSync } from 'node:fs';
import type { Config, PartnerConfig } from '../config/types.js';
import type { OrderRules } from '../domain/validate-order.js';
import { TransientError, type Clock, type Log } from '../jobs/ports.js';
import type { Ledger } from '../ledger/ledger.js';
import { formatMappingProblem, loadMappings, orderRulesFor, type MappingSet } from './mapping-registry.js';

/**
 * The mapping set in force. `refresh` re-reads the files; a valid edit replaces the set, an
 * invalid one is logged, recorded for `status`/`doctor`, and the previous set stays (SPEC §4).
 */
export class MappingState {
  private current: MappingSet | null = null;
  /** The problems of the last load that failed, until a later load succeeds. */
  lastProblems: string[] = [];
  /** Set when a new set came into force; cleared by `takeChange` (the retry that follows it). */
  private changed = false;
  /** The files' size, times and inode at the last load: unchanged, nothing is read again. */
  private lastStamp: string | null = null;

  constructor(private readonly config: Config, private readonly log: Log, private readonly ledger: Ledger, private readonly clock: Clock) {}

  /**
   * Returns true when a new set came into force (so IMPORT ERROR orders deserve a retry). Runs at
   * every cycle, so it first compares the files' stat data: reading and parsing 40 files of 100k
   * rows each cycle took seconds and a GB of garbage. Any write changes ctime, so no edit is missed.
   */
  refresh(): boolean {
    const stamp = this.stamp();
    if (stamp === this.lastStamp) return false;
    this.lastStamp = stamp;
    const result = loadMappings(this.config);
    if (!result.ok) {
      const problems = result.problems.map(formatMappingProblem);
      if (problems.join('\n') !== this.lastProblems.join('\n')) {
        this.log.error(this.current === null ? 'mapping files are invalid' : 'mapping edit refused: the previous mappings stay in force', { problems });
        this.ledger.addEvent(this.clock.now().toISOString(), null, 'mapping-error', problems.join('; '));
      }
      this.lastProblems = problems;
      return false;
    }
    this.lastProblems = [];
    if (this.current !== null && this.current.fingerprint === result.set.fingerprint) return false;
    // The fingerprint is kept in the ledger, so an edit made while the daemon was stopped
    // still counts as a change (and retries IMPORT ERROR orders) at the next start.
    const before = this.ledger.getState('mappings.fingerprint');
    this.current = result.set;
    this.ledger.setState('mappings.fingerprint', result.set.fingerprint);
    const changed = before !== undefined && before !== result.set.fingerprint;
    this.log.info(changed ? 'mapping edit applied' : 'mappings loaded', { fingerprint: result.set.fingerprint.slice(0, 12) });
    this.changed ||= changed;
    return changed;
  }

  /** True once after a mapping edit came into force (whichever refresh noticed it). */
  takeChange(): boolean {
    const changed = this.changed;
    this.changed = false;
    return changed;
  }

  has(partner: string): boolean {
    return this.current?.partners.has(partner) ?? false;
  }

  set(): MappingSet | null {
    return this.current;
  }

  rulesFor(partner: PartnerConfig, today: string): OrderRules {
    if (this.current === null) throw new TransientError('mapping files are invalid and no earlier version is in force; see `fcp-bridge validate`');
    // SKUs of the latest FCP inventory feed; null (check skipped) until a feed has arrived (SPEC §5.4).
    return orderRulesFor(partner, this.current, this.ledger.inventory.latestSkus(), today);
  }

  private stamp(): string {
    return this.files().map((file) => {
      try {
        const s = statSync(file, { bigint: true });
        return `${file}\u0000${s.size}\u0000${s.mtimeNs}\u0000${s.ctimeNs}\u0000${s.ino}`;
      } catch (error) {
        return `${file}\u0000${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`;
      }
    }).join('\n');
  }

  /** Every mapping file path of the config (to watch them). */
  files(): string[] {
    const files = [this.config.fcp.ship_codes, this.config.fcp.carriers];
    for (const p of this.config.partners) files.push(p.mappings.items, p.mappings.skus, p.mappings.ship_methods, p.item_filter?.skus_file ?? null);
    return files.filter((f): f is string => f !== null);
  }
}
