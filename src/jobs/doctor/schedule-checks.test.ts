import { describe, expect, it } from 'vitest';
import { feedFindings, snapshotFindings, unmatchedPackageFindings, type SnapshotView } from './schedule-checks.js';

const NOW = new Date('2026-11-22T18:15:00Z');

describe('feedFindings', () => {
  it('warns when no feed arrived, when the latest is stale, and errors when inventory is needed but has no channel', () => {
    expect(feedFindings([{ kind: 'inventory', channel: 'local:/in/fcp/inv', last: null }], NOW, { inventory: true, shipments: false })[0]?.what).toContain('no FCP inventory export has arrived yet in local:/in/fcp/inv');
    const stale = feedFindings([{ kind: 'inventory', channel: 'local:/i', last: { file: 'inv.csv', asOf: '2026-11-20T18:15:00Z', receivedAt: '2026-11-20T18:16:00Z' } }], NOW, { inventory: true, shipments: false });
    expect(stale[0]?.what).toContain("'inv.csv' is 48 h old");
    expect(feedFindings([{ kind: 'inventory', channel: 'local:/i', last: { file: 'i', asOf: '2026-11-22T10:00:00Z', receivedAt: 'x' } }], NOW, { inventory: true, shipments: false })).toEqual([]);
    expect(feedFindings([{ kind: 'inventory', channel: null, last: null }], NOW, { inventory: true, shipments: false })[0]?.severity).toBe('error');
    expect(feedFindings([{ kind: 'inventory', channel: null, last: null }], NOW, { inventory: false, shipments: false })).toEqual([]);
  });
});

describe('unmatchedPackageFindings', () => {
  it('lists packages of unknown orders (kept, never dropped: SPEC §7) with the likely causes', () => {
    expect(unmatchedPackageFindings({ count: 0, oldestReceivedAt: null, fcpOrderNumbers: [] })).toEqual([]);
    const f = unmatchedPackageFindings({ count: 3, oldestReceivedAt: 'T1', fcpOrderNumbers: ['DEMO-9', 'X1'] });
    expect(f[0]).toMatchObject({ severity: 'warning', check: 'feeds' });
    expect(f[0]?.what).toBe("3 shipped packages in FCP shipment exports match no order in the ledger (oldest received T1): FCP order(s) 'DEMO-9', 'X1'");
    expect(f[0]?.fix).toContain('order_number_prefix');
  });
});

describe('snapshotFindings', () => {
  const view = (over: Partial<SnapshotView>): SnapshotView => ({
    partner: 'acme', kind: 'inventory', schedule: '0 * * * *', overdue: false, lastAt: '2026-11-22T18:00:00Z',
    lastRun: { at: '2026-11-22T18:00:00Z', status: 'WRITTEN', message: 'ok' }, held: [], waitingForFeed: false, ...over,
  });
  it('reports overdue (as status judges it), failed runs, held snapshots with the --force command, and never-run ones', () => {
    expect(snapshotFindings([view({})])).toEqual([]);
    expect(snapshotFindings([view({ overdue: true })])[0]).toMatchObject({ severity: 'warning', what: expect.stringContaining('overdue') });
    const failed = snapshotFindings([view({ lastRun: { at: 'T', status: 'FAILED', message: 'duplicate SKUs in items.csv' } })]);
    expect(failed[0]).toMatchObject({ severity: 'error', what: 'the last inventory run (T) failed: duplicate SKUs in items.csv' });
    expect(failed[0]?.fix).toContain('fcp-bridge sync acme inventory');
    const held = snapshotFindings([view({ held: [{ at: 'T1', message: 'would zero 80% of items' }] })]);
    expect(held[0]?.what).toContain('would zero 80% of items');
    expect(held[0]?.fix).toContain('fcp-bridge sync acme inventory --force');
    expect(snapshotFindings([view({ lastRun: null, lastAt: null })])[0]?.severity).toBe('info');
    expect(snapshotFindings([view({ lastRun: null, lastAt: null, waitingForFeed: true })])).toEqual([]);
  });
});
