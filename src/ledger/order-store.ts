import type { FcpOrder, InboundOrder, OrderStatus } from '../domain/order.js';
import type { Problem } from '../domain/problems.js';
import type { Db } from './database.js';
import type { HistoryRecord, OrderRecord } from './records.js';

export interface OrderFilter {
  partner?: string | undefined;
  status?: OrderStatus | undefined;
}

/** Orders and their status history. Every status change goes through `setStatus`, so history is complete. */
export class OrderStore {
  private readonly stmt;

  constructor(db: Db) {
    this.stmt = {
      live: db.prepare('SELECT * FROM orders WHERE partner = ? AND order_number = ? AND duplicate_of IS NULL'),
      byId: db.prepare('SELECT * FROM orders WHERE id = ?'),
      duplicates: db.prepare('SELECT * FROM orders WHERE duplicate_of = ? ORDER BY id'),
      insert: db.prepare(`INSERT INTO orders (partner, order_number, fcp_order_number, status, problems, file_id, source_line,
        content_hash, inbound, fcp_order, duplicate_of, received_at, updated_at)
        VALUES (@partner, @orderNumber, @fcpOrderNumber, @status, @problems, @fileId, @sourceLine,
        @contentHash, @inbound, @fcpOrder, @duplicateOf, @at, @at)`),
      replace: db.prepare(`UPDATE orders SET fcp_order_number = @fcpOrderNumber, problems = @problems, file_id = @fileId,
        source_line = @sourceLine, content_hash = @contentHash, inbound = @inbound, fcp_order = @fcpOrder, updated_at = @at WHERE id = @id`),
      setOutcome: db.prepare('UPDATE orders SET problems = @problems, fcp_order = @fcpOrder, updated_at = @at WHERE id = @id'),
      setStatus: db.prepare('UPDATE orders SET status = ?, updated_at = ? WHERE id = ?'),
      orderSku: db.prepare(`INSERT INTO order_skus (partner, sku, first_order_id) VALUES (?, ?, ?)
        ON CONFLICT (partner, sku) DO UPDATE SET first_order_id = min(first_order_id, excluded.first_order_id)`),
      history: db.prepare('INSERT INTO order_history (order_id, at, from_status, to_status, cause) VALUES (?, ?, ?, ?, ?)'),
      historyOf: db.prepare('SELECT at, from_status AS fromStatus, to_status AS toStatus, cause FROM order_history WHERE order_id = ? ORDER BY id'),
      redelivered: db.prepare('UPDATE orders SET redeliveries = redeliveries + 1, updated_at = ? WHERE id = ?'),
      requestCancel: db.prepare('UPDATE orders SET cancel_requested = 1, updated_at = ? WHERE id = ?'),
      list: db.prepare(`SELECT * FROM orders WHERE (@partner IS NULL OR partner = @partner)
        AND (@status IS NULL OR status = @status) ORDER BY id`),
      withStatus: db.prepare(`SELECT * FROM orders WHERE status = ? AND (@partner IS NULL OR partner = @partner) ORDER BY id`),
      unsent: db.prepare(`SELECT * FROM orders o WHERE o.partner = ? AND o.status = 'NEW'
        AND NOT EXISTS (SELECT 1 FROM output_orders oo WHERE oo.order_id = o.id AND oo.action = 'SUBMIT') ORDER BY o.id`),
      cancelUnsent: db.prepare(`SELECT * FROM orders o WHERE o.partner = ? AND o.cancel_requested = 1 AND o.status = 'ACCEPTED'
        AND NOT EXISTS (SELECT 1 FROM output_orders oo WHERE oo.order_id = o.id AND oo.action = 'CANCEL') ORDER BY o.id`),
      countByStatus: db.prepare('SELECT partner, status, COUNT(*) AS n FROM orders GROUP BY partner, status'),
      partnersWithUnsent: db.prepare(`SELECT DISTINCT partner FROM orders o WHERE (o.status = 'NEW'
        AND NOT EXISTS (SELECT 1 FROM output_orders oo WHERE oo.order_id = o.id AND oo.action = 'SUBMIT'))
        OR (o.cancel_requested = 1 AND o.status = 'ACCEPTED'
        AND NOT EXISTS (SELECT 1 FROM output_orders oo WHERE oo.order_id = o.id AND oo.action = 'CANCEL'))`),
    };
  }

  /** The live order of that number (not a rejected duplicate), if any. */
  live(partner: string, orderNumber: string): OrderRecord | undefined {
    return toOrder(this.stmt.live.get(partner, orderNumber));
  }

  get(id: number): OrderRecord | undefined {
    return toOrder(this.stmt.byId.get(id));
  }

  duplicatesOf(id: number): OrderRecord[] {
    return this.stmt.duplicates.all(id).map((r) => toOrder(r) as OrderRecord);
  }

  insert(order: {
    partner: string; orderNumber: string; fcpOrderNumber: string; status: OrderStatus; problems: Problem[];
    fileId: number | null; sourceLine: number | null; contentHash: string; inbound: InboundOrder;
    fcpOrder: FcpOrder | null; duplicateOf: number | null; cause: string; at: string;
  }): number {
    const id = Number(this.stmt.insert.run({
      ...order,
      problems: JSON.stringify(order.problems),
      inbound: JSON.stringify(order.inbound),
      fcpOrder: order.fcpOrder === null ? null : JSON.stringify(order.fcpOrder),
    }).lastInsertRowid);
    this.stmt.history.run(id, order.at, null, order.status, order.cause);
    this.noteSkus(order.partner, id, order.inbound);
    return id;
  }

  /** The partner SKUs an order carries join the partner's item list (a SKU once seen stays listed). */
  private noteSkus(partner: string, orderId: number, inbound: InboundOrder): void {
    for (const line of inbound.lines) if (line.sku !== '') this.stmt.orderSku.run(partner, line.sku, orderId);
  }

  /** A corrected re-send: new content in place of a NEW / IMPORT ERROR order. */
  replace(id: number, order: {
    partner: string; fcpOrderNumber: string; problems: Problem[]; fileId: number | null; sourceLine: number | null;
    contentHash: string; inbound: InboundOrder; fcpOrder: FcpOrder | null; at: string;
  }): void {
    const { partner, ...fields } = order;
    this.stmt.replace.run({
      id, ...fields,
      problems: JSON.stringify(order.problems),
      inbound: JSON.stringify(order.inbound),
      fcpOrder: order.fcpOrder === null ? null : JSON.stringify(order.fcpOrder),
    });
    this.noteSkus(partner, id, order.inbound);
  }

  /** Stores a new validation outcome (a retry) without touching the received content. */
  setOutcome(id: number, problems: Problem[], fcpOrder: FcpOrder | null, at: string): void {
    this.stmt.setOutcome.run({ id, problems: JSON.stringify(problems), fcpOrder: fcpOrder === null ? null : JSON.stringify(fcpOrder), at });
  }

  /** Changes the status and records why; a no-op (and no history row) when it is unchanged. */
  setStatus(id: number, to: OrderStatus, cause: string, at: string): void {
    const current = this.get(id);
    if (current === undefined || current.status === to) return;
    this.stmt.setStatus.run(to, at, id);
    this.stmt.history.run(id, at, current.status, to, cause);
  }

  /** History without a status change (a re-delivery, a cancellation request). */
  note(id: number, status: OrderStatus, cause: string, at: string): void {
    this.stmt.history.run(id, at, status, status, cause);
  }

  history(id: number): HistoryRecord[] {
    return this.stmt.historyOf.all(id) as HistoryRecord[];
  }

  countRedelivery(id: number, at: string): void {
    this.stmt.redelivered.run(at, id);
  }

  requestCancel(id: number, at: string): void {
    this.stmt.requestCancel.run(at, id);
  }

  list(filter: OrderFilter = {}): OrderRecord[] {
    return this.stmt.list.all({ partner: filter.partner ?? null, status: filter.status ?? null }).map((r) => toOrder(r) as OrderRecord);
  }

  withStatus(status: OrderStatus, partner?: string): OrderRecord[] {
    return this.stmt.withStatus.all(status, { partner: partner ?? null }).map((r) => toOrder(r) as OrderRecord);
  }

  /** NEW orders that are in no FCP output yet. */
  unsent(partner: string): OrderRecord[] {
    return this.stmt.unsent.all(partner).map((r) => toOrder(r) as OrderRecord);
  }

  /** ACCEPTED orders whose cancellation has not been put in an FCP output yet. */
  cancellationsUnsent(partner: string): OrderRecord[] {
    return this.stmt.cancelUnsent.all(partner).map((r) => toOrder(r) as OrderRecord);
  }

  partnersWithUnsentWork(): string[] {
    return (this.stmt.partnersWithUnsent.all() as { partner: string }[]).map((r) => r.partner);
  }

  countsByStatus(): { partner: string; status: OrderStatus; n: number }[] {
    return this.stmt.countByStatus.all() as { partner: string; status: OrderStatus; n: number }[];
  }
}

function toOrder(row: unknown): OrderRecord | undefined {
  if (row === undefined) return undefined;
  const r = row as Record<string, unknown>;
  return {
    id: r.id as number,
    partner: r.partner as string,
    orderNumber: r.order_number as string,
    fcpOrderNumber: r.fcp_order_number as string,
    status: r.status as OrderStatus,
    problems: JSON.parse(r.problems as string) as Problem[],
    fileId: r.file_id as number | null,
    sourceLine: r.source_line as number | null,
    contentHash: r.content_hash as string,
    inbound: JSON.parse(r.inbound as string) as InboundOrder,
    fcpOrder: r.fcp_order === null ? null : (JSON.parse(r.fcp_order as string) as FcpOrder),
    duplicateOf: r.duplicate_of as number | null,
    cancelRequested: r.cancel_requested === 1,
    redeliveries: r.redeliveries as number,
    receivedAt: r.received_at as string,
    updatedAt: r.updated_at as string,
  };
}
