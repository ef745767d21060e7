/**
 * Disk-full and permission faults (research §2.2 items 6–7, scoreboard row 5) through the fault
 * hook: FCP_BRIDGE_FAULTS=enospc@<point> / eacces@<point> makes the wrapped call throw the errno
 * node:fs would (src/jobs/fault-points.ts), on the FCP outbox, the archive or the ledger commit.
 * Expected: `run --once` reports and exits 1, nothing half-committed (the input is still in the
 * inbox or recorded for replay; no order reaches the FCP, no partial file); once the fault is
 * gone, the next run delivers every order exactly once. The same faults on a real full tmpfs
 * are in disk-full.proof.ts (`npm run proof`).
 */
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { acmeConfig, makeWorkspace, ORDER_HEADER, orderRow, readFcpCsvRows, type Workspace } from '../e2e/harness.js';
import { filesUnder, ledgerOf } from './ledger-checks.js';
import { recordProofResult } from './proof-results.js';

let ws: Workspace | undefined;
afterEach(() => { ws?.cleanup(); ws = undefined; });

const ORDERS = ['F1', 'F2', 'F3'];

interface FaultCase { target: 'outbox' | 'archive' | 'ledger'; errno: 'enospc' | 'eacces'; spec: string; during: string }
const CASES: FaultCase[] = (['enospc', 'eacces'] as const).flatMap((errno) => [
  { target: 'outbox', errno, spec: `${errno}@W0-temp-open:outbox/fcp/orders`, during: 'writing the FCP file' },
  { target: 'archive', errno, spec: `${errno}@W0-temp-open:var/archive`, during: 'storing the input in var/archive' },
  { target: 'ledger', errno, spec: `${errno}@C1-ledger-commit`, during: 'every ledger commit' },
] as FaultCase[]);

const results: Record<string, unknown>[] = [];
afterAll(() => recordProofResult('disk-faults', { mode: 'hook', total: CASES.length, passed: results.filter((r) => r.pass === true).length, cases: results }));

describe('disk full (ENOSPC) and permission denied (EACCES) on the outbox, the archive and the ledger', () => {
  for (const c of CASES) {
    it(`${c.errno.toUpperCase()} ${c.during}: run --once exits 1 with nothing half-done; without the fault every order reaches the FCP once`, () => {
      ws = makeWorkspace(acmeConfig());
      ws.write('inbox/acme/po-1.csv', `${ORDER_HEADER}\n${orderRow('F1')}\n${orderRow('F2', { sku: 'GIFTSET' })}\n`);
      ws.write('inbox/acme/po-2.csv', `${ORDER_HEADER}\n${orderRow('F3')}\n`);

      const faulty = ws.cli(['run', '--once'], { FCP_BRIDGE_FAULTS: c.spec });
      const during = ledgerOf(ws);
      const inboxDuring = ws.list('inbox/acme');
      const outboxDuring = ws.list('outbox/fcp/orders');
      const tempsDuring = [...filesUnder(join(ws.dir, 'outbox')), ...filesUnder(join(ws.dir, 'var', 'archive'))].filter((f) => f.endsWith('.tmp'));

      const healed = ws.cli(['run', '--once']);
      const after = ledgerOf(ws);
      const perOrder = new Map<string, Set<string>>();
      for (const { file, row } of readFcpCsvRows(ws)) perOrder.set(row['Order Number'] ?? '', (perOrder.get(row['Order Number'] ?? '') ?? new Set()).add(file));
      const lost = ORDERS.filter((n) => !perOrder.has(n));
      const doubled = [...perOrder].filter(([, f]) => f.size > 1).map(([n]) => n);
      const leftovers = [...filesUnder(join(ws.dir, 'outbox')), ...filesUnder(join(ws.dir, 'var'))].filter((f) => f.endsWith('.tmp'));

      // What "nothing half-done" means depends on where the fault struck.
      const keptOrRecorded = c.target === 'outbox'
        // Taken and recorded (orders NEW, the output PENDING under its fixed name), nothing delivered.
        ? inboxDuring.length === 0 && during.pending === 1 && (during.statuses.NEW ?? 0) === 3 && outboxDuring.length === 0
        : c.target === 'archive'
          // Nothing committed: the originals wait in the inbox.
          ? inboxDuring.length === 2 && Object.keys(during.statuses).length === 0 && outboxDuring.length === 0
          // No commit at all: an original is either still in the inbox or its stored copy is recorded RECEIVED for the replay.
          : Object.keys(during.statuses).length === 0 && outboxDuring.length === 0 && inboxDuring.length + during.received === 2;
      const result = {
        target: c.target, errno: c.errno.toUpperCase(), spec: c.spec,
        fault_run: { exit: faulty.status, signal: faulty.signal, inbox: inboxDuring.length, outbox: outboxDuring.length, orders: during.statuses, pending_outputs: during.pending, temp_files: tempsDuring.length },
        healed_run: { exit: healed.status, stderr: healed.stderr },
        lost, doubled, leftovers: leftovers.length, integrity: after.integrity,
        pass: false,
      };
      result.pass = faulty.status === 1 && faulty.signal === null && keptOrRecorded && tempsDuring.length === 0
        && healed.status === 0 && healed.stderr === '' && lost.length === 0 && doubled.length === 0 && leftovers.length === 0
        && after.integrity === 'ok' && after.statuses.ACCEPTED === 3 && after.pending === 0 && after.processed === 2;
      results.push(result);

      expect(faulty.status).toBe(1);
      expect(faulty.stdout + faulty.stderr).toContain(`${c.errno.toUpperCase()}:`);
      expect({ keptOrRecorded, tempsDuring }).toEqual({ keptOrRecorded: true, tempsDuring: [] });
      expect({ status: healed.status, stderr: healed.stderr }).toEqual({ status: 0, stderr: '' });
      expect({ lost, doubled, leftovers }).toEqual({ lost: [], doubled: [], leftovers: [] });
      expect(after).toMatchObject({ integrity: 'ok', statuses: { ACCEPTED: 3 }, pending: 0, processed: 2, received: 0 });
    });
  }
});
