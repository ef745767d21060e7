import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { allFiles, makeWorkspace, ORDER_HEADER, orderRow, readFcpCsvRows, type Workspace } from './harness.js';

let ws: Workspace;
afterEach(() => ws?.cleanup());


function dropBatch(count: number): string[] {
  const numbers: string[] = [];
  for (let i = 1; i <= count; i += 1) {
    const a = `A${String(i).padStart(4, '0')}`;
    const b = `B${String(i).padStart(4, '0')}`;
    numbers.push(a, b);
    ws.write(`inbox/acme/po-${String(i).padStart(4, '0')}.csv`, `${ORDER_HEADER}\n${orderRow(a)}\n${orderRow(b, { sku: 'GIFTSET' })}\n`);
  }
  return numbers;
}

/** The oracle of SPEC §10: each order in exactly one FCP file, nothing left half-written, ledger sound. */
function checkOracle(expected: string[]): void {
  const perOrder = new Map<string, Set<string>>();
  for (const { file, row } of readFcpCsvRows(ws)) {
    const number = row['Order Number'] as string;
    const files = perOrder.get(number) ?? new Set<string>();
    files.add(file);
    perOrder.set(number, files);
  }
  const missing = expected.filter((n) => !perOrder.has(n));
  const twice = [...perOrder].filter(([, files]) => files.size > 1).map(([n]) => n);
  expect({ missing, twice }).toEqual({ missing: [], twice: [] });
  expect(perOrder.size).toBe(expected.length);
  // A bundle order's components appear once each (not doubled by a replay).
  const giftRows = readFcpCsvRows(ws).filter((r) => r.row['Order Number'] === expected[1]);
  expect(giftRows.map((r) => [r.row.SKU, r.row.Quantity])).toEqual([['101BC', '1'], ['102NR/B', '2']]);

  const leftovers = [...allFiles(join(ws.dir, 'outbox')), ...allFiles(join(ws.dir, 'var'))].filter((f) => f.endsWith('.tmp'));
  expect(leftovers).toEqual([]);
  expect(ws.list('inbox/acme')).toEqual([]);

  const db = new Database(join(ws.dir, 'var', 'ledger.sqlite'), { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const statuses = db.prepare('SELECT status, COUNT(*) AS n FROM orders GROUP BY status').all();
    expect(statuses).toEqual([{ status: 'ACCEPTED', n: expected.length }]);
    const unfinished = db.prepare("SELECT COUNT(*) AS n FROM files WHERE status = 'RECEIVED'").get() as { n: number };
    expect(unfinished.n).toBe(0);
    const pending = db.prepare("SELECT COUNT(*) AS n FROM outputs WHERE status = 'PENDING'").get() as { n: number };
    expect(pending.n).toBe(0);
  } finally {
    db.close();
  }
}

async function runAndKill(afterMs: number): Promise<void> {
  const child = ws.spawnCli(['run']);
  await new Promise((r) => setTimeout(r, afterMs));
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
}

describe('kill -9 while a batch is being taken', () => {
  it('loses no order and writes none twice across repeated kills and a restart', async () => {
    ws = makeWorkspace();
    const expected = dropBatch(200);
    // Kills at different moments of the batch: during intake, during delivery, around commits.
    for (const ms of [700, 900, 1200, 1500]) await runAndKill(ms);
    const finish = ws.cli(['run', '--once']);
    expect(finish.status).toBe(0);
    checkOracle(expected);
  }, 120_000);

  it('recovers from a SIGKILL at every numbered fault point of a small batch', () => {
    // SQLite's count-down method: crash at the 1st, 2nd, … fault point until a run ends on its own.
    let points = 0;
    for (let n = 1; n < 200; n += 1) {
      ws?.cleanup();
      ws = makeWorkspace();
      const expected = dropBatch(3);
      const crashed = ws.cli(['run', '--once'], { FCP_BRIDGE_FAULTS: `crash@#${n}` });
      if (crashed.signal === null) {
        expect(crashed.status).toBe(0);
        checkOracle(expected);
        break;
      }
      expect(crashed.signal).toBe('SIGKILL');
      points = n;
      const restarted = ws.cli(['run', '--once']);
      expect(restarted.stderr).toBe('');
      expect(restarted.status).toBe(0);
      checkOracle(expected);
    }
    // Each file passes listing, ledger, store, archive write, removal and commit; delivery adds more.
    expect(points).toBeGreaterThan(20);
  }, 300_000);
});
