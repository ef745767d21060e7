/**
 * Fault points for the proof suites: the SPEC §10 guarantees are tested by breaking the process
 * at each of them (docs/proof.md). A no-op unless FCP_BRIDGE_FAULTS is set, to one fault or
 * several separated by commas:
 *   crash@L9                    SIGKILL at the first hit of point L9
 *   crash@#N                    SIGKILL at the N-th hit of any counted point (the harness loops N = 1, 2, …)
 *   enospc@W0-temp-open:outbox  every hit of W0-temp-open whose subject (a path) contains `outbox`
 *                               throws a synthetic ENOSPC, as the wrapped call would on a full disk
 *   eacces@C1-ledger-commit     the same with EACCES (permission denied)
 * Every hit of a counted point is appended to FCP_BRIDGE_FAULT_LOG when set, so the harness knows
 * how far a run got.
 */
import { appendFileSync } from 'node:fs';

let hits = 0;

type Action = 'crash' | 'enospc' | 'eacces';
interface Fault { action: Action; point: string; subject: string | null }

/** A counted point: `crash@#N` counts it. */
export function faultPoint(name: string, subject?: string): void {
  const spec = process.env.FCP_BRIDGE_FAULTS;
  if (spec === undefined || spec === '') return;
  hits += 1;
  const log = process.env.FCP_BRIDGE_FAULT_LOG;
  if (log !== undefined && log !== '') appendFileSync(log, `${hits} ${name}\n`);
  for (const fault of parseFaults(spec)) {
    if (fault.action === 'crash' && fault.point === `#${hits}`) process.kill(process.pid, 'SIGKILL');
    if (matches(fault, name, subject)) strike(fault, name, subject);
  }
}

/**
 * A point where a call can fail with an errno (disk full, permission denied) but which adds no
 * crash point of its own: a kill there equals a kill at the counted point before it, so the
 * count-down suites stay as long as they were. Only named faults reach it.
 */
export function errnoPoint(name: string, subject?: string): void {
  const spec = process.env.FCP_BRIDGE_FAULTS;
  if (spec === undefined || spec === '') return;
  for (const fault of parseFaults(spec)) if (matches(fault, name, subject)) strike(fault, name, subject);
}

function parseFaults(spec: string): Fault[] {
  const faults: Fault[] = [];
  for (const part of spec.split(',')) {
    const [action, where] = part.trim().split('@');
    if ((action !== 'crash' && action !== 'enospc' && action !== 'eacces') || where === undefined || where === '') continue;
    const colon = where.indexOf(':');
    faults.push(colon < 0 ? { action, point: where, subject: null } : { action, point: where.slice(0, colon), subject: where.slice(colon + 1) });
  }
  return faults;
}

function matches(fault: Fault, name: string, subject: string | undefined): boolean {
  return fault.point === name && (fault.subject === null || (subject ?? '').includes(fault.subject));
}

function strike(fault: Fault, name: string, subject: string | undefined): void {
  if (fault.action === 'crash') process.kill(process.pid, 'SIGKILL');
  const [code, errno, text] = fault.action === 'enospc' ? ['ENOSPC', -28, 'no space left on device'] as const : ['EACCES', -13, 'permission denied'] as const;
  // Shaped like the errors node:fs throws, so the callers' handling is the real one.
  const error = new Error(`${code}: ${text}, ${name}${subject === undefined ? '' : ` '${subject}'`} (injected by FCP_BRIDGE_FAULTS)`) as NodeJS.ErrnoException;
  error.code = code;
  error.errno = errno;
  error.syscall = name;
  if (subject !== undefined) error.path = subject;
  throw error;
}
