import { createHash } from 'node:crypto';
import type { OrderStatus } from '../domain/order.js';
import { errnoPoint } from '../jobs/fault-points.js';
import { openDatabase, type Db } from './database.js';
import { InventoryStore } from './inventory-store.js';
import { OrderStore } from './order-store.js';
import { ShipmentStore } from './shipment-store.js';
import { X12InterchangeStore } from './x12-store.js';
import type { EventRecord, FileRecord, FileSource, FileStatus, OutputKind, OutputRecord } from './records.js';

/**
 * The ledger: every fact the bridge must not forget, in one SQLite file. Every statement is
 * prepared here (never built from partner text); callers group writes with `transaction`.
 */
export class Ledger {
  readonly orders: OrderStore;
  /** Feeds, catalogs, snapshots, product sync (SPEC §7–§8). */
  readonly inventory: InventoryStore;
  readonly x12Interchanges: X12InterchangeStore;
  /** FCP shipment packages, their orders and tracking outputs (SPEC §7, §9). */
  readonly shipments: ShipmentStore;
  private readonly db: Db;
  private readonly stmt;

  constructor(file: string) {
    this.db = openDatabase(file);
    this.orders = new OrderStore(this.db);
    this.inventory = new InventoryStore(this.db);
    this.x12Interchanges = new X12InterchangeStore(this.db);
    this.shipments = new ShipmentStore(this.db);
    const db = this.db;
    this.stmt = {
      fileBySha: db.prepare(`SELECT * FROM files WHERE partner = ? AND source = ? AND sha256 = ?
        AND status IN ('RECEIVED', 'PROCESSED') ORDER BY id LIMIT 1`),
      insertFile: db.prepare(`INSERT INTO files (partner, source, name, size, sha256, status, reason_code, reason, stored_path, received_at, processed_at)
        VALUES (@partner, @source, @name, @size, @sha256, @status, @reasonCode, @reason, @storedPath, @receivedAt, @processedAt)`),
      setStoredPath: db.prepare('UPDATE files SET stored_path = ? WHERE id = ?'),
      finishFile: db.prepare(`UPDATE files SET status = @status, reason_code = @reasonCode, reason = @reason,
        order_count = @orderCount, processed_at = @at WHERE id = @id`),
      deleteFile: db.prepare('DELETE FROM files WHERE id = ?'),
      unfinishedFiles: db.prepare(`SELECT * FROM files WHERE status = 'RECEIVED' ORDER BY id`),
      filesByStatus: db.prepare('SELECT * FROM files WHERE status = ? ORDER BY id'),
      lastFile: db.prepare(`SELECT * FROM files WHERE partner = ? AND source = ? AND status != 'RECEIVED' ORDER BY id DESC LIMIT 1`),
      fileById: db.prepare('SELECT * FROM files WHERE id = ?'),
      nextSeq: db.prepare(`INSERT INTO sequences (name, value) VALUES (?, 1)
        ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`),
      insertOutput: db.prepare(`INSERT INTO outputs (kind, partner, target, name, content, sha256, status, created_at)
        VALUES (@kind, @partner, @target, @name, @content, @sha256, 'PENDING', @createdAt)`),
      linkOutputOrder: db.prepare('INSERT OR IGNORE INTO output_orders (output_id, order_id, action) VALUES (?, ?, ?)'),
      pendingOutputs: db.prepare(`SELECT * FROM outputs WHERE status = 'PENDING' ORDER BY id`),
      outputById: db.prepare('SELECT * FROM outputs WHERE id = ?'),
      outputOrders: db.prepare('SELECT order_id AS orderId, action FROM output_orders WHERE output_id = ?'),
      markDelivered: db.prepare(`UPDATE outputs SET status = 'DELIVERED', delivered_at = ?, last_error = NULL WHERE id = ? AND status = 'PENDING'`),
      outputFailed: db.prepare('UPDATE outputs SET attempts = attempts + 1, last_error = ? WHERE id = ?'),
      outputsOfOrder: db.prepare(`SELECT o.id, o.name, o.status, o.delivered_at AS deliveredAt, oo.action FROM output_orders oo
        JOIN outputs o ON o.id = oo.output_id WHERE oo.order_id = ? ORDER BY o.id`),
      getState: db.prepare('SELECT value FROM state WHERE key = ?'),
      setState: db.prepare('INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      addEvent: db.prepare('INSERT INTO events (at, partner, kind, message) VALUES (?, ?, ?, ?)'),
      lastEvent: db.prepare(`SELECT * FROM events WHERE (partner = ? OR ? IS NULL) AND kind LIKE '%error' ORDER BY id DESC LIMIT 1`),
      lastEventOfKind: db.prepare('SELECT * FROM events WHERE kind = ? ORDER BY id DESC LIMIT 1'),
    };
  }

  /** Runs `fn` in one write transaction (BEGIN IMMEDIATE): all of it commits, or none. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(() => {
      const result = fn();
      // The commit is where a full disk or a read-only ledger shows (SQLITE_FULL, SQLITE_READONLY);
      // the proof suite injects ENOSPC/EACCES here, and the throw rolls the whole transaction back.
      errnoPoint('C1-ledger-commit');
      return result;
    }).immediate();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  integrityCheck(): string {
    return String(this.db.pragma('integrity_check', { simple: true }));
  }

  // ---- received files -------------------------------------------------------------------

  /** An earlier copy of these very bytes that was (or is being) processed: a duplicate. */
  findFileBySha(partner: string, source: FileSource, sha256: string): FileRecord | undefined {
    return toFile(this.stmt.fileBySha.get(partner, source, sha256));
  }

  insertFile(file: {
    partner: string; source: FileSource; name: string; size: number; sha256: string; status: FileStatus;
    reasonCode?: string | null; reason?: string | null; storedPath?: string | null; receivedAt: string; processedAt?: string | null;
  }): number {
    const info = this.stmt.insertFile.run({
      reasonCode: null, reason: null, storedPath: null, processedAt: null, ...file,
    });
    return Number(info.lastInsertRowid);
  }

  setFileStoredPath(id: number, storedPath: string): void {
    this.stmt.setStoredPath.run(storedPath, id);
  }

  finishFile(id: number, status: FileStatus, at: string, orderCount: number, reasonCode: string | null = null, reason: string | null = null): void {
    this.stmt.finishFile.run({ id, status, at, orderCount, reasonCode, reason });
  }

  deleteFile(id: number): void {
    this.stmt.deleteFile.run(id);
  }

  /** Files taken but not finished: a crash happened between the claim and the commit. */
  unfinishedFiles(): FileRecord[] {
    return this.stmt.unfinishedFiles.all().map((r) => toFile(r) as FileRecord);
  }

  filesWithStatus(status: FileStatus): FileRecord[] {
    return this.stmt.filesByStatus.all(status).map((r) => toFile(r) as FileRecord);
  }

  lastFile(partner: string, source: FileSource): FileRecord | undefined {
    return toFile(this.stmt.lastFile.get(partner, source));
  }

  file(id: number): FileRecord | undefined {
    return toFile(this.stmt.fileById.get(id));
  }

  // ---- outputs (transactional outbox) ----------------------------------------------------

  /** Next value of a named counter; survives restarts because it lives in the ledger. */
  nextSequence(name: string): number {
    return (this.stmt.nextSeq.get(name) as { value: number }).value;
  }

  insertOutput(output: { kind: OutputKind; partner: string; target: string; name: string; content: Buffer; createdAt: string },
    orders: { orderId: number; action: 'SUBMIT' | 'CANCEL' }[] = []): number {
    const sha256 = createHash('sha256').update(output.content).digest('hex');
    const id = Number(this.stmt.insertOutput.run({ ...output, sha256 }).lastInsertRowid);
    for (const link of orders) this.stmt.linkOutputOrder.run(id, link.orderId, link.action);
    return id;
  }

  pendingOutputs(): OutputRecord[] {
    return this.stmt.pendingOutputs.all().map((r) => toOutput(r));
  }

  output(id: number): OutputRecord | undefined {
    const row = this.stmt.outputById.get(id);
    return row === undefined ? undefined : toOutput(row);
  }

  ordersOfOutput(outputId: number): { orderId: number; action: 'SUBMIT' | 'CANCEL' }[] {
    return this.stmt.outputOrders.all(outputId) as { orderId: number; action: 'SUBMIT' | 'CANCEL' }[];
  }

  /** Returns false when another process already marked it (the CLI and the daemon may race). */
  markOutputDelivered(id: number, at: string): boolean {
    return this.stmt.markDelivered.run(at, id).changes === 1;
  }

  recordOutputFailure(id: number, error: string): void {
    this.stmt.outputFailed.run(error, id);
  }

  outputsOfOrder(orderId: number): { id: number; name: string; status: string; deliveredAt: string | null; action: string }[] {
    return this.stmt.outputsOfOrder.all(orderId) as { id: number; name: string; status: string; deliveredAt: string | null; action: string }[];
  }

  // ---- small persistent facts ------------------------------------------------------------

  getState(key: string): string | undefined {
    return (this.stmt.getState.get(key) as { value: string } | undefined)?.value;
  }

  setState(key: string, value: string): void {
    this.stmt.setState.run(key, value);
  }

  // ---- events shown by status / doctor --------------------------------------------------

  addEvent(at: string, partner: string | null, kind: string, message: string): void {
    this.stmt.addEvent.run(at, partner, kind, message);
  }

  /** The newest event of one kind (`mapping-error`: when the daemon last refused a mapping edit). */
  lastEventOfKind(kind: string): EventRecord | undefined {
    const row = this.stmt.lastEventOfKind.get(kind) as EventRecord | undefined;
    return row === undefined ? undefined : { at: row.at, partner: row.partner, kind: row.kind, message: row.message };
  }

  lastError(partner: string | null): EventRecord | undefined {
    const row = this.stmt.lastEvent.get(partner, partner) as EventRecord | undefined;
    return row === undefined ? undefined : { at: row.at, partner: row.partner, kind: row.kind, message: row.message };
  }
}

export type { OrderStatus };

function toFile(row: unknown): FileRecord | undefined {
  if (row === undefined) return undefined;
  const r = row as Record<string, unknown>;
  return {
    id: r.id as number, partner: r.partner as string, source: r.source as FileSource, name: r.name as string,
    size: r.size as number, sha256: r.sha256 as string, status: r.status as FileStatus,
    reasonCode: r.reason_code as string | null, reason: r.reason as string | null,
    storedPath: r.stored_path as string | null, orderCount: r.order_count as number,
    receivedAt: r.received_at as string, processedAt: r.processed_at as string | null,
  };
}

function toOutput(row: unknown): OutputRecord {
  const r = row as Record<string, unknown>;
  return {
    id: r.id as number, kind: r.kind as OutputKind, partner: r.partner as string, target: r.target as string,
    name: r.name as string, content: r.content as Buffer, sha256: r.sha256 as string,
    status: r.status as 'PENDING' | 'DELIVERED', createdAt: r.created_at as string,
    deliveredAt: r.delivered_at as string | null, attempts: r.attempts as number, lastError: r.last_error as string | null,
  };
}
