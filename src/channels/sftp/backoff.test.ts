import { describe, expect, it } from 'vitest';
import { MAX_RETRY_MS, retryDelayMs } from './backoff.js';

describe('reconnect backoff', () => {
  it('doubles from 1 s and stops at 5 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(retryDelayMs)).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000]);
    expect(retryDelayMs(1000)).toBe(MAX_RETRY_MS);
    expect(retryDelayMs(0)).toBe(0);
  });
});
