import type { Db } from './database.js';

/**
 * What happened to each X12 interchange received (SPEC §5.3): PROCESSED (its order sets were
 * read), TEST (ISA15 = T: acknowledged, no orders), REJECTED (envelope or sender/receiver
 * errors), DUPLICATE (its ISA13 from this sender was processed before: skipped).
 */
export type X12InterchangeStatus = 'PROCESSED' | 'TEST' | 'REJECTED' | 'DUPLICATE';

export interface X12InterchangeRecord {
  id: number;
  partner: string;
  /** ISA06 without padding. */
  senderId: string;
  receiverId: string;
  /** ISA13 exactly as sent. */
  controlNumber: string;
  fileId: number | null;
  receivedAt: string;
  test: boolean;
  status: X12InterchangeStatus;
  setsReceived: number;
  setsAccepted: number;
  orders: number;
  /** Why it was rejected or skipped (codes included), null when processed cleanly. */
  reason: string | null;
}

export type NewX12Interchange = Omit<X12InterchangeRecord, 'id'>;

/** The x12_interchanges table; prepared statements only, like every ledger store. */
export class X12InterchangeStore {
  private readonly stmt;

  constructor(db: Db) {
    this.stmt = {
      insert: db.prepare(`INSERT INTO x12_interchanges (partner, sender_id, receiver_id, control_number, file_id, received_at,
        test, status, sets_received, sets_accepted, orders, reason)
        VALUES (@partner, @senderId, @receiverId, @controlNumber, @fileId, @receivedAt, @test, @status, @setsReceived, @setsAccepted, @orders, @reason)`),
      earlier: db.prepare(`SELECT * FROM x12_interchanges WHERE partner = ? AND sender_id = ? AND control_number = ? AND test = ?
        AND status IN ('PROCESSED', 'TEST') ORDER BY id LIMIT 1`),
      counts: db.prepare('SELECT status, COUNT(*) AS n FROM x12_interchanges WHERE partner = ? GROUP BY status'),
      last: db.prepare('SELECT * FROM x12_interchanges WHERE partner = ? ORDER BY id DESC LIMIT ?'),
      ofFile: db.prepare('SELECT * FROM x12_interchanges WHERE file_id = ? ORDER BY id'),
    };
  }

  insert(row: NewX12Interchange): number {
    return Number(this.stmt.insert.run({ ...row, test: row.test ? 1 : 0 }).lastInsertRowid);
  }

  /**
   * The interchange this sender already sent with this ISA13 and was processed or acknowledged
   * (test and production numbering are kept apart); rejected ones do not count, so a corrected
   * re-send under the same number is read.
   */
  earlier(partner: string, senderId: string, controlNumber: string, test: boolean): X12InterchangeRecord | undefined {
    return toRecord(this.stmt.earlier.get(partner, senderId, controlNumber, test ? 1 : 0));
  }

  countsByStatus(partner: string): Partial<Record<X12InterchangeStatus, number>> {
    const counts: Partial<Record<X12InterchangeStatus, number>> = {};
    for (const row of this.stmt.counts.all(partner) as { status: X12InterchangeStatus; n: number }[]) counts[row.status] = row.n;
    return counts;
  }

  /** The newest interchanges of a partner, newest first. */
  latest(partner: string, limit: number): X12InterchangeRecord[] {
    return this.stmt.last.all(partner, limit).map((r) => toRecord(r) as X12InterchangeRecord);
  }

  ofFile(fileId: number): X12InterchangeRecord[] {
    return this.stmt.ofFile.all(fileId).map((r) => toRecord(r) as X12InterchangeRecord);
  }
}

function toRecord(row: unknown): X12InterchangeRecord | undefined {
  if (row === undefined) return undefined;
  const r = row as Record<string, unknown>;
  return {
    id: r.id as number, partner: r.partner as string, senderId: r.sender_id as string, receiverId: r.receiver_id as string,
    controlNumber: r.control_number as string, fileId: r.file_id as number | null, receivedAt: r.received_at as string,
    test: r.test === 1, status: r.status as X12InterchangeStatus, setsReceived: r.sets_received as number,
    setsAccepted: r.sets_accepted as number, orders: r.orders as number, reason: r.reason as string | null,
  };
}
