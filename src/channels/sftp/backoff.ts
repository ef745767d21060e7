/**
 * Wait between failed connection attempts: 1 s, 2 s, 4 s, … capped at 5 minutes, so a partner
 * server that is down (or refuses our key) costs one attempt per step, never a connect storm.
 */
export const FIRST_RETRY_MS = 1_000;
export const MAX_RETRY_MS = 300_000;

/** Delay before the next attempt after `failures` consecutive failed attempts (≥ 1). */
export function retryDelayMs(failures: number): number {
  if (failures <= 0) return 0;
  const exponent = Math.min(failures - 1, 30);
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** exponent);
}
