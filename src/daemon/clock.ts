import type { Clock } from '../jobs/ports.js';

/**
 * FCP_BRIDGE_NOW fixes the business clock for tests and reproducible runs (SPEC §12); the
 * inbox stability check never uses it, it always compares file times with the real clock.
 */
export function systemClock(env: NodeJS.ProcessEnv = process.env): Clock {
  const fixed = env.FCP_BRIDGE_NOW;
  if (fixed !== undefined && fixed !== '') {
    const t = Date.parse(fixed);
    if (Number.isNaN(t)) throw new Error(`FCP_BRIDGE_NOW=${JSON.stringify(fixed)} is not an ISO 8601 time`);
    return { now: () => new Date(t) };
  }
  return { now: () => new Date() };
}
