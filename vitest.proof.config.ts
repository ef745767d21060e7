import { defineConfig } from 'vitest/config';

/**
 * The long proof suites (`*.proof.ts`), run by `npm run proof` (src/bench/proof.ts), never by
 * `npm test`: the crash-point count-downs and the disk and permission faults on a real tmpfs.
 */
export default defineConfig({
  test: {
    include: ['test/proof/**/*.proof.ts'],
    testTimeout: 600_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
