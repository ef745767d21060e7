/**
 * Numbered fault points for the crash suite (SPEC §10 guarantees are tested by killing the
 * process at each of them). A no-op unless FCP_BRIDGE_FAULTS is set:
 *   crash@L9      SIGKILL at the first hit of point L9
 *   crash@#N      SIGKILL at the N-th hit of any point (the harness loops N = 1, 2, …)
 * Every hit is appended to FCP_BRIDGE_FAULT_LOG when set, so the harness knows how far a run got.
 */
import { appendFileSync } from 'node:fs';

let hits = 0;

export function faultPoint(name: string): void {
  const spec = process.env.FCP_BRIDGE_FAULTS;
  if (spec === undefined || spec === '') return;
  hits += 1;
  const log = process.env.FCP_BRIDGE_FAULT_LOG;
  if (log !== undefined && log !== '') appendFileSync(log, `${hits} ${name}\n`);
  const [action, where] = spec.split('@');
  if (action !== 'crash' || where === undefined) return;
  const hit = where.startsWith('#') ? Number(where.slice(1)) === hits : where === name;
  if (hit) process.kill(process.pid, 'SIGKILL');
}
