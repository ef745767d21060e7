import { takeReadyFiles, type TakeContext, type TakeSource, type TakeSummary } from '../jobs/intake/take-files.js';
import { TransientError } from '../jobs/ports.js';

/** What a cycle reports of its inbound work (the Bridge's CycleReport has this shape). */
export interface InboundReport {
  files: TakeSummary;
  failures: { partner: string; what: string; error: string }[];
}

/**
 * Takes one inbound source into a cycle's report. A channel that fails is recorded (event for
 * `status`/`doctor`, one log line) and the cycle goes on with the other sources.
 */
export async function takeIntoReport(take: TakeContext, src: TakeSource, report: InboundReport, shouldStop: () => boolean = () => false): Promise<void> {
  try {
    const s = await takeReadyFiles(take, src, shouldStop);
    report.files.taken += s.taken;
    report.files.quarantined += s.quarantined;
    report.files.duplicates += s.duplicates;
    report.files.waiting += s.waiting;
    if (s.nextCheckMs !== null) report.files.nextCheckMs = Math.min(report.files.nextCheckMs ?? s.nextCheckMs, s.nextCheckMs);
  } catch (error) {
    const what = `${src.source} from ${src.channel.label}`;
    const message = (error as Error).message;
    report.failures.push({ partner: src.partner, what, error: message });
    take.ledger.addEvent(take.clock.now().toISOString(), src.partner, 'channel-error', `${what}: ${message}`);
    take.log.error('channel failed; the others go on', { partner: src.partner, what, error: message, transient: error instanceof TransientError });
  }
}
