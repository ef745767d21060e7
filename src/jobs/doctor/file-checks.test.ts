import { describe, expect, it } from 'vitest';
import { pendingOutputFindings, quarantineFindings } from './file-checks.js';

const NOW = new Date('2026-11-22T18:15:00Z');

describe('quarantineFindings', () => {
  it('lists each file newest first with code, reason and where it is kept; old ones as info', () => {
    const f = quarantineFindings([
      { partner: 'acme', name: 'old.csv', code: 'CSV_RAGGED_ROW', reason: 'line 3', storedPath: '/v/q/1-old.csv', receivedAt: '2026-10-01T00:00:00Z', inbox: '/in/acme' },
      { partner: 'acme', name: 'bad\n.csv', code: 'CSV_RAGGED_ROW', reason: 'CSV_RAGGED_ROW at line 3: ragged', storedPath: '/v/q/2-bad_.csv', receivedAt: '2026-11-22T18:00:00Z', inbox: '/in/acme' },
      { partner: 'acme', name: 'big.csv', code: 'TOO_LARGE', reason: 'too big', storedPath: '/v/q/3-big.csv', receivedAt: '2026-11-21T18:00:00Z', inbox: '/in/acme' },
    ], NOW);
    expect(f.map((x) => x.severity)).toEqual(['warning', 'warning', 'info']);
    expect(f[0]?.what).toBe("'bad<U+000A>.csv' quarantined 2026-11-22T18:00:00Z: CSV_RAGGED_ROW — CSV_RAGGED_ROW at line 3: ragged; kept at /v/q/2-bad_.csv");
    expect(f[0]?.fix).toContain('/v/q/2-bad_.csv.reason.txt');
    expect(f[0]?.fix).toContain('drop it into /in/acme');
    expect(f[1]?.fix).toContain('limits.max_file_bytes');
  });
});

describe('pendingOutputFindings', () => {
  const channel = () => 'local:/out/fcp';
  it('errors after repeated failures, warns on a first failure or a never-tried old output, ignores fresh ones', () => {
    const f = pendingOutputFindings([
      { name: 'a.csv', partner: 'acme', target: 'fcp.orders', attempts: 5, lastError: 'EACCES: permission denied', createdAt: '2026-11-22T17:00:00Z' },
      { name: 'b.csv', partner: 'acme', target: 'fcp.orders', attempts: 1, lastError: 'ENOSPC', createdAt: '2026-11-22T18:14:00Z' },
      { name: 'c.csv', partner: 'acme', target: 'fcp.orders', attempts: 0, lastError: null, createdAt: '2026-11-22T18:14:00Z' },
      { name: 'd.csv', partner: 'acme', target: 'fcp.orders', attempts: 0, lastError: null, createdAt: '2026-11-22T17:00:00Z' },
    ], NOW, channel);
    expect(f.map((x) => [x.severity, x.what.slice(0, 7)])).toEqual([['error', "'a.csv'"], ['warning', "'b.csv'"], ['warning', "'d.csv'"]]);
    expect(f[0]?.what).toContain('local:/out/fcp failed 5 times since 2026-11-22T17:00:00Z: EACCES: permission denied');
    expect(f[2]?.fix).toContain('fcp-bridge run --once');
  });
});
