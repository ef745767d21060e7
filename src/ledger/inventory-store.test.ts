import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ledger } from './ledger.js';
import { MIGRATIONS } from './migrations.js';
import { feedColumns } from '../domain/feed-index.js';
import { unpackItems, unpackStrings } from '../domain/packed-strings.js';
import { decodeFeedColumns, encodeFeedColumns } from './feed-rows-blob.js';

let dir: string;
let ledger: Ledger;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fcp-bridge-inventory-store-'));
  ledger = new Ledger(join(dir, 'ledger.sqlite'));
});
afterEach(() => {
  ledger.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * One inventory snapshot of `items`, recorded and delivered at `at`, then settled. With `compare`,
 * it is recorded as the snapshot job does (compared with the last one written, the items that left
 * found then); without, settling finds them itself.
 */
let compare = true;
function sendSnapshot(name: string, at: string, items: Record<string, number>): number {
  const last = ledger.inventory.lastWritten('acme', 'inventory');
  const now = new Set(Object.keys(items));
  const comparedWith = compare && last !== undefined
    ? { id: last.id, left: [...unpackItems(ledger.inventory.snapshotItems(last.id))].filter(([sku]) => !now.has(sku)) }
    : null;
  return ledger.transaction(() => {
    const outputId = ledger.insertOutput({ kind: 'inventory', partner: 'acme', target: 'partner:acme:inventory', name, content: Buffer.from(name), createdAt: at });
    const id = ledger.inventory.insertSnapshot({
      partner: 'acme', kind: 'inventory', status: 'QUEUED', feedId: null, outputId, trigger: 'schedule', previouslyPositive: 0, zeroed: 0,
      message: null, createdAt: at, items: Object.entries(items).map(([sku, quantity]) => ({ sku, quantity })), comparedWith,
    });
    ledger.markOutputDelivered(outputId, at);
    ledger.inventory.settleDelivered();
    return id;
  });
}

const synced = (): [string, number, string, string][] =>
  [...ledger.inventory.itemSync('acme').values()].map((s) => [s.sku, s.quantity, s.syncedAt, s.output] as [string, number, string, string]).sort();

describe.each([true, false])('InventoryStore: snapshots and product sync (items that left found when made: %s)', (compareWhenMade) => {
  beforeEach(() => { compare = compareWhenMade; });

  it('gives every item of the latest delivered snapshot its time, and keeps the last values of items that left it', () => {
    const first = sendSnapshot('inv-1.csv', '2026-11-22T10:00:00.000Z', { A: 5, B: 3 });
    expect(synced()).toEqual([['A', 5, '2026-11-22T10:00:00.000Z', 'inv-1.csv'], ['B', 3, '2026-11-22T10:00:00.000Z', 'inv-1.csv']]);

    // B leaves the list (deactivated): it keeps 3 from the first file; A, unchanged or not, gets the new time.
    const second = sendSnapshot('inv-2.csv', '2026-11-22T11:00:00.000Z', { A: 5 });
    expect(synced()).toEqual([['A', 5, '2026-11-22T11:00:00.000Z', 'inv-2.csv'], ['B', 3, '2026-11-22T10:00:00.000Z', 'inv-1.csv']]);
    // Only the latest delivered snapshot keeps its items (they are all the max_zeroed_pct guard and product sync need).
    expect([...unpackItems(ledger.inventory.snapshotItems(first))]).toEqual([]);
    expect([...unpackItems(ledger.inventory.snapshotItems(second))]).toEqual([['A', 5]]);
    // So does its file content (only delivery reads it); the older output keeps its name and checksum.
    // (Each snapshot here has one output: ids 1 and 2.)
    expect([1, 2].map((id) => [ledger.output(id)?.name, ledger.output(id)?.content.toString()])).toEqual([['inv-1.csv', ''], ['inv-2.csv', 'inv-2.csv']]);

    // B comes back with a new quantity; a third snapshot without it keeps the new value.
    sendSnapshot('inv-3.csv', '2026-11-22T12:00:00.000Z', { A: 4, B: 1 });
    sendSnapshot('inv-4.csv', '2026-11-22T13:00:00.000Z', { A: 2 });
    expect(synced()).toEqual([['A', 2, '2026-11-22T13:00:00.000Z', 'inv-4.csv'], ['B', 1, '2026-11-22T12:00:00.000Z', 'inv-3.csv']]);
  });

  it('does not mark a snapshot sent, nor touch product sync, before its output is delivered', () => {
    sendSnapshot('inv-1.csv', '2026-11-22T10:00:00.000Z', { A: 5 });
    ledger.transaction(() => {
      const outputId = ledger.insertOutput({ kind: 'inventory', partner: 'acme', target: 'partner:acme:inventory', name: 'inv-2.csv', content: Buffer.from('x'), createdAt: '2026-11-22T11:00:00.000Z' });
      ledger.inventory.insertSnapshot({
        partner: 'acme', kind: 'inventory', status: 'QUEUED', feedId: null, outputId, trigger: 'schedule', previouslyPositive: 0, zeroed: 0,
        message: null, createdAt: '2026-11-22T11:00:00.000Z', items: [{ sku: 'A', quantity: 0 }],
      });
      ledger.inventory.settleDelivered();
    });
    expect(synced()).toEqual([['A', 5, '2026-11-22T10:00:00.000Z', 'inv-1.csv']]);
    expect(ledger.inventory.lastWritten('acme', 'inventory')).toMatchObject({ status: 'QUEUED', itemCount: 1 });
  });

  it('keeps the rows of the two latest feeds only', () => {
    const feed = (asOf: string, good: number): number => ledger.transaction(() => {
      const fileId = ledger.insertFile({ partner: '_fcp', source: 'inventory-feed', name: `${asOf}.csv`, size: 1, sha256: asOf, status: 'PROCESSED', reasonCode: null, reason: null, storedPath: null, receivedAt: asOf, processedAt: asOf });
      return ledger.inventory.insertFeed({ fileId, asOf, asOfInFile: true, receivedAt: asOf, rows: [{ sku: 'A', warehouse: 'WH1', good, hurt: 0, allocated: 0 }] });
    });
    const one = feed('2026-11-22T08:00:00.000Z', 1);
    const two = feed('2026-11-22T09:00:00.000Z', 2);
    const three = feed('2026-11-22T10:00:00.000Z', 3);
    const rows = (id: number): number => ledger.inventory.feedIndex({ id }).size;
    expect([rows(one), rows(two), rows(three)]).toEqual([0, 1, 1]);
    expect(ledger.inventory.latestSkus()?.has('A')).toBe(true);
    expect(ledger.inventory.feedIndex({ id: three }).goodOf('A', 'all')).toBe(3);
  });
});

/** A ledger file written by an older build: the test's ledger closed, a new one with the first `version` steps (all SQL). */
function ledgerAtVersion(version: number): { file: string; db: Database.Database } {
  ledger.close();
  const file = join(dir, `v${version}.sqlite`);
  const db = new Database(file);
  db.exec(`CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (${version});`);
  for (const step of MIGRATIONS.slice(0, version)) db.exec(step as string);
  return { file, db };
}

describe('migration 5: snapshot items and feed rows move onto their rows', () => {
  it('carries the items and the two latest feeds of a ledger written by the earlier schema over', () => {
    const { file, db } = ledgerAtVersion(4);
    db.exec(`INSERT INTO snapshots (id, partner, kind, status, trigger, item_count, created_at) VALUES (1, 'acme', 'inventory', 'HELD', 'schedule', 2, '2026-11-22T10:00:00.000Z');
      INSERT INTO snapshot_items VALUES (1, 'A', 5), (1, 'B', 0);
      INSERT INTO files (id, partner, source, name, size, sha256, status, received_at) VALUES (1, '_fcp', 'inventory-feed', 'f.csv', 1, 'x', 'PROCESSED', '2026-11-22T08:00:00.000Z');
      INSERT INTO feeds (id, file_id, as_of, as_of_in_file, received_at, row_count) VALUES
        (1, 1, '2026-11-22T08:00:00.000Z', 1, '2026-11-22T08:00:00.000Z', 1),
        (2, 1, '2026-11-22T10:00:00.000Z', 1, '2026-11-22T10:00:00.000Z', 3),
        (3, 1, '2026-11-22T09:00:00.000Z', 1, '2026-11-22T09:00:00.000Z', 1);
      INSERT INTO feed_rows (feed_id, sku, warehouse, good, hurt, allocated, line) VALUES
        (1, 'A', 'WH1', 1, 0, 0, 2), (2, 'B', 'WH1', 7, 1, 2, 2), (2, 'A', 'WH2', 4, 0, 0, 3), (2, 'A', 'WH1', 6, 3, 4, 4), (3, 'A', 'WH1', 3, 0, 0, 2);
      INSERT INTO orders (id, partner, order_number, fcp_order_number, status, content_hash, inbound, received_at, updated_at) VALUES
        (1, 'acme', '1', '1', 'NEW', 'h1', '{"lines":[{"sku":"Z"},{"sku":"Y"}]}', '2026-11-22T08:00:00.000Z', '2026-11-22T08:00:00.000Z'),
        (2, 'acme', '2', '2', 'NEW', 'h2', '{"lines":[{"sku":"A"},{"sku":"Z"},{"sku":""}]}', '2026-11-22T08:00:00.000Z', '2026-11-22T08:00:00.000Z'),
        (3, 'beta', '1', '1', 'NEW', 'h3', '{"lines":[{"sku":"Q"}]}', '2026-11-22T08:00:00.000Z', '2026-11-22T08:00:00.000Z');`);
    db.close();
    ledger = new Ledger(file);
    expect([...unpackItems(ledger.inventory.snapshotItems(1))].sort()).toEqual([['A', 5], ['B', 0]]);
    // Rows keep their file order; the oldest feed (by as_of) keeps its record but no rows.
    expect(ledger.inventory.feedIndex({ id: 2 }).rowsOf('A').map((r) => [r.warehouse, r.good, r.hurt, r.allocated])).toEqual([['WH2', 4, 0, 0], ['WH1', 6, 3, 4]]);
    expect([ledger.inventory.feedIndex({ id: 3 }).goodOf('A', 'all'), ledger.inventory.feedIndex({ id: 1 }).size]).toEqual([3, 0]);
    expect(ledger.inventory.latestFeed()).toMatchObject({ id: 2, rowCount: 3 });
    // The SKUs orders carried, first appearance first, now kept in their own table.
    expect([ledger.inventory.orderSkus('acme'), ledger.inventory.orderSkus('beta')]).toEqual([['Y', 'Z', 'A'], ['Q']]);
  });
});

describe('migration 6: SKUs packed into one string', () => {
  it('rewrites the feed rows and snapshot items that migration 5 left as JSON arrays, values unchanged', () => {
    const { file, db } = ledgerAtVersion(5);
    const feedRows = { sku: ['A', 'Bé😀', 'A'], warehouse: ['WH1', 'WH2', 'WH2'], good: [1, 2, 3], hurt: [0, 1, 0], allocated: [4, 0, 0] };
    db.prepare(`INSERT INTO files (id, partner, source, name, size, sha256, status, received_at) VALUES (1, '_fcp', 'inventory-feed', 'f.csv', 1, 'x', 'PROCESSED', '2026-11-22T08:00:00.000Z')`).run();
    db.prepare(`INSERT INTO feeds (id, file_id, as_of, as_of_in_file, received_at, row_count, rows) VALUES (1, 1, '2026-11-22T08:00:00.000Z', 1, '2026-11-22T08:00:00.000Z', 3, ?)`).run(JSON.stringify(feedRows));
    db.prepare(`INSERT INTO snapshots (id, partner, kind, status, trigger, item_count, created_at, items) VALUES (1, 'acme', 'inventory', 'HELD', 'schedule', 2, '2026-11-22T10:00:00.000Z', ?)`)
      .run(JSON.stringify([['Bé😀', 'A'], [7, 0]]));
    db.close();
    ledger = new Ledger(file);
    const index = ledger.inventory.feedIndex({ id: 1 });
    expect(index.rowsOf('A').map((r) => [r.warehouse, r.good, r.hurt, r.allocated])).toEqual([['WH1', 1, 0, 4], ['WH2', 3, 0, 0]]);
    expect([index.goodOf('Bé😀', 'WH2'), index.goodOf('A', 'all'), index.size, index.warehouses()]).toEqual([2, 4, 2, ['WH1', 'WH2']]);
    expect([...unpackItems(ledger.inventory.snapshotItems(1))]).toEqual([['Bé😀', 7], ['A', 0]]);
  });
});

describe('feed rows BLOB', () => {
  it('round-trips every column, non-ASCII SKUs and an empty feed, and refuses an unknown format', () => {
    const rows = [
      { sku: 'A', warehouse: 'WH1', good: 1.5, hurt: 0, allocated: 4 },
      { sku: 'Bé😀', warehouse: 'WH2', good: 2, hurt: 1, allocated: 0 },
      { sku: '', warehouse: 'WH1', good: 0, hurt: 0, allocated: 0 },
    ];
    const back = decodeFeedColumns(encodeFeedColumns(feedColumns(rows)));
    expect(back).toEqual(feedColumns(rows));
    expect([...unpackStrings(back.skus)]).toEqual(['A', 'Bé😀', '']);
    expect(decodeFeedColumns(encodeFeedColumns(feedColumns([])))).toEqual(feedColumns([]));
    const future = encodeFeedColumns(feedColumns(rows));
    future.writeUInt32LE(2, 0);
    expect(() => decodeFeedColumns(future)).toThrow('feed rows stored in an unknown format (format 2); this build reads format 1');
  });
});
