/**
 * File checks of the doctor: quarantined inbox files (what, why, where the copy is, how to get
 * it processed) and outputs the bridge keeps failing to write.
 */
import { finding, plural, shown, type Finding } from './finding.js';

export interface QuarantinedFile {
  partner: string;
  name: string;
  code: string | null;
  reason: string | null;
  storedPath: string | null;
  receivedAt: string;
  /** The inbox folder a corrected file goes into, or null when unknown. */
  inbox: string | null;
}

/** Quarantines older than this are history (info); newer ones want a look (warning). */
export const RECENT_QUARANTINE_DAYS = 7;

/**
 * A quarantined file is a normal outcome (SPEC §11) and cannot be "cleared", so it is a warning
 * while recent and info after that — never an error that would fail `doctor` for ever.
 */
export function quarantineFindings(files: readonly QuarantinedFile[], now: Date): Finding[] {
  const newestFirst = [...files].sort((a, b) => Date.parse(b.receivedAt) - Date.parse(a.receivedAt));
  return newestFirst.map((f) => {
    const ageDays = (now.getTime() - Date.parse(f.receivedAt)) / 86_400_000;
    const what = `${shown(f.name)} quarantined ${f.receivedAt}: ${f.code ?? 'UNKNOWN'} — ${f.reason ?? '(no reason recorded)'}${f.storedPath === null ? '' : `; kept at ${f.storedPath}`}`;
    return finding(ageDays <= RECENT_QUARANTINE_DAYS ? 'warning' : 'info', 'quarantine', f.partner, what, quarantineFix(f));
  });
}

function quarantineFix(f: QuarantinedFile): string {
  const inbox = f.inbox ?? 'the partner\'s inbox';
  const reasonFile = f.storedPath === null ? 'the reason above' : `${f.storedPath}.reason.txt`;
  switch (f.code) {
    case 'NOT_REGULAR_FILE':
      return `someone placed a link, FIFO or device in ${inbox}; find out who, and drop only regular files there (the entry was moved aside unopened${f.storedPath === null ? '' : ` to ${f.storedPath}`})`;
    case 'TOO_LARGE':
      return `if the file is genuine, raise limits.max_file_bytes in the config, reload, then copy ${f.storedPath ?? 'the file'} into ${inbox}`;
    default:
      return `read ${reasonFile} (code, line, message); get a corrected file from the partner, or correct a copy of ${f.storedPath ?? 'the file'}, and drop it into ${inbox} — a file quarantined before is processed again when re-sent`;
  }
}

export interface PendingOutput {
  name: string;
  partner: string;
  target: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
}

/** Failed this often, an output is not a hiccup any more. */
export const FAILING_ATTEMPTS = 3;
/** Written on the next cycle normally; still unwritten after this long means no daemon is writing. */
const UNWRITTEN_AFTER_MINS = 10;

/**
 * Outputs recorded in the ledger but not written to their channel. The orders in them are safe
 * (the ledger has the exact bytes and name), but the FCP or the partner does not have them yet.
 */
export function pendingOutputFindings(outputs: readonly PendingOutput[], now: Date, channelOf: (target: string) => string): Finding[] {
  const out: Finding[] = [];
  for (const o of outputs) {
    const ageMins = (now.getTime() - Date.parse(o.createdAt)) / 60_000;
    const where = channelOf(o.target);
    if (o.attempts === 0) {
      if (ageMins < UNWRITTEN_AFTER_MINS) continue;
      out.push(finding('warning', 'outputs', o.partner, `${shown(o.name)} waits since ${o.createdAt} and was never tried`,
        `the daemon writes it on its next cycle; is it running? (systemctl status fcp-bridge), or run: fcp-bridge run --once`));
      continue;
    }
    const severity = o.attempts >= FAILING_ATTEMPTS ? 'error' : 'warning';
    out.push(finding(severity, 'outputs', o.partner,
      `${shown(o.name)} for ${where} failed ${plural(o.attempts, 'time')} since ${o.createdAt}: ${o.lastError ?? 'no error recorded'}`,
      `fix what the error names (see "Channels" above for ${where}); the daemon retries it every cycle under the same name, so nothing is doubled. To try at once: fcp-bridge run --once`));
  }
  return out;
}
