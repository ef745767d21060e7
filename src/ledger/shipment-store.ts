import { createHash } from 'node:crypto';
import type { Db } from './database.js';

/**
 * Packages from the FCP shipment feed (SPEC §7, §9), their match to ledger orders, and the one
 * tracking output each is reported in. Two unique keys carry the exactly-once guarantee:
 * `package_key` (the same package in another feed file is stored once) and
 * `output_packages.package_id` (a package is linked to one tracking output, ever).
 */
export interface PackageLine {
  /** FCP SKU. */
  sku: string;
  quantity: number;
}

export interface NewPackage {
  fileId: number;
  fcpOrderNumber: string;
  trackingNumber: string;
  shipDate: string;
  carrier: string;
  service: string;
  weightLbs: number | null;
  line: number;
  receivedAt: string;
  lines: readonly PackageLine[];
}

export interface PackageRecord extends Omit<NewPackage, 'lines'> {
  id: number;
  fileName: string;
  /** The ledger order it belongs to; null while no order with its FCP order number is known. */
  orderId: number | null;
  matchedAt: string | null;
  lines: PackageLine[];
  /** The tracking output that reports it, once one does. */
  output: { id: number; name: string; status: 'PENDING' | 'DELIVERED'; deliveredAt: string | null } | null;
}

/**
 * The key of a package: its order, its tracking number and its lines. JSON of the sorted values,
 * hashed: no separator character in partner or FCP text can make two packages collide.
 */
export function packageKey(fcpOrderNumber: string, trackingNumber: string, lines: readonly PackageLine[]): string {
  const sorted = [...lines].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : a.quantity - b.quantity)).map((l) => [l.sku, l.quantity]);
  return createHash('sha256').update(JSON.stringify([fcpOrderNumber, trackingNumber, sorted])).digest('hex');
}

export class ShipmentStore {
  private readonly stmt;

  constructor(db: Db) {
    const PACKAGE = `SELECT p.*, f.name AS file_name, o.name AS output_name, o.status AS output_status, o.delivered_at AS output_delivered_at, o.id AS output_ref
      FROM shipment_packages p JOIN files f ON f.id = p.file_id
      LEFT JOIN output_packages op ON op.package_id = p.id LEFT JOIN outputs o ON o.id = op.output_id`;
    this.stmt = {
      insert: db.prepare(`INSERT INTO shipment_packages (file_id, package_key, fcp_order_number, tracking_number, ship_date, carrier, service,
        weight_lbs, line, received_at) VALUES (@fileId, @key, @fcpOrderNumber, @trackingNumber, @shipDate, @carrier, @service, @weightLbs, @line, @receivedAt)
        ON CONFLICT (package_key) DO NOTHING`),
      byKey: db.prepare('SELECT id, file_id FROM shipment_packages WHERE package_key = ?'),
      insertLine: db.prepare('INSERT INTO shipment_package_lines (package_id, sku, quantity) VALUES (?, ?, ?)'),
      lines: db.prepare('SELECT sku, quantity FROM shipment_package_lines WHERE package_id = ? ORDER BY rowid'),
      // Orders the FCP can have: live orders that went into an FCP output (SUBMIT), of any partner.
      candidates: db.prepare(`SELECT o.id, o.partner, o.order_number AS orderNumber FROM orders o WHERE o.fcp_order_number = ? AND o.duplicate_of IS NULL
        AND EXISTS (SELECT 1 FROM output_orders oo WHERE oo.order_id = o.id AND oo.action = 'SUBMIT') ORDER BY o.id`),
      match: db.prepare('UPDATE shipment_packages SET order_id = ?, matched_at = ? WHERE id = ? AND order_id IS NULL'),
      unmatchedNumbers: db.prepare('SELECT DISTINCT fcp_order_number AS n FROM shipment_packages WHERE order_id IS NULL ORDER BY n'),
      unmatchedIds: db.prepare('SELECT id FROM shipment_packages WHERE order_id IS NULL AND fcp_order_number = ? ORDER BY id'),
      unmatched: db.prepare(`${PACKAGE} WHERE p.order_id IS NULL ORDER BY p.id`),
      unmatchedCount: db.prepare('SELECT COUNT(*) AS n, MIN(received_at) AS oldest FROM shipment_packages WHERE order_id IS NULL'),
      unreported: db.prepare(`${PACKAGE} JOIN orders ord ON ord.id = p.order_id WHERE ord.partner = ? AND op.package_id IS NULL ORDER BY p.order_id, p.id`),
      ofOrder: db.prepare(`${PACKAGE} WHERE p.order_id = ? ORDER BY p.id`),
      link: db.prepare('INSERT INTO output_packages (output_id, package_id) VALUES (?, ?)'),
      ordersOfOutput: db.prepare(`SELECT DISTINCT p.order_id AS id FROM output_packages op JOIN shipment_packages p ON p.id = op.package_id
        WHERE op.output_id = ? AND p.order_id IS NOT NULL ORDER BY p.order_id`),
    };
  }

  /** Stores a package unless the same one (order, tracking number, lines) is already stored. */
  insert(pkg: NewPackage): { id: number; duplicateOfFile: number | null } {
    const key = packageKey(pkg.fcpOrderNumber, pkg.trackingNumber, pkg.lines);
    const { lines, ...row } = pkg;
    const info = this.stmt.insert.run({ ...row, key });
    if (info.changes === 0) {
      const earlier = this.stmt.byKey.get(key) as { id: number; file_id: number };
      return { id: earlier.id, duplicateOfFile: earlier.file_id };
    }
    const id = Number(info.lastInsertRowid);
    for (const l of lines) this.stmt.insertLine.run(id, l.sku, l.quantity);
    return { id, duplicateOfFile: null };
  }

  /** Live orders sent to the FCP under this FCP order number (normally one; more is ambiguous). */
  candidateOrders(fcpOrderNumber: string): { id: number; partner: string; orderNumber: string }[] {
    return this.stmt.candidates.all(fcpOrderNumber) as { id: number; partner: string; orderNumber: string }[];
  }

  /** Matches every unmatched package of an FCP order number to an order; returns how many. */
  matchAll(fcpOrderNumber: string, orderId: number, at: string): number {
    let n = 0;
    for (const { id } of this.stmt.unmatchedIds.all(fcpOrderNumber) as { id: number }[]) n += this.stmt.match.run(orderId, at, id).changes;
    return n;
  }

  unmatchedOrderNumbers(): string[] {
    return (this.stmt.unmatchedNumbers.all() as { n: string }[]).map((r) => r.n);
  }

  unmatched(): PackageRecord[] {
    return this.stmt.unmatched.all().map((r) => this.toPackage(r));
  }

  unmatchedSummary(): { count: number; oldestReceivedAt: string | null } {
    const r = this.stmt.unmatchedCount.get() as { n: number; oldest: string | null };
    return { count: r.n, oldestReceivedAt: r.oldest };
  }

  /** Matched packages of a partner's orders that no tracking output reports yet, by order then arrival. */
  unreported(partner: string): PackageRecord[] {
    return this.stmt.unreported.all(partner).map((r) => this.toPackage(r));
  }

  ofOrder(orderId: number): PackageRecord[] {
    return this.stmt.ofOrder.all(orderId).map((r) => this.toPackage(r));
  }

  /** Links packages to the output that reports them; call in the transaction that inserts the output. */
  linkToOutput(outputId: number, packageIds: readonly number[]): void {
    for (const id of packageIds) this.stmt.link.run(outputId, id);
  }

  ordersOfOutput(outputId: number): number[] {
    return (this.stmt.ordersOfOutput.all(outputId) as { id: number }[]).map((r) => r.id);
  }

  private toPackage(row: unknown): PackageRecord {
    const r = row as Record<string, unknown>;
    const id = r.id as number;
    return {
      id, fileId: r.file_id as number, fileName: r.file_name as string, fcpOrderNumber: r.fcp_order_number as string,
      trackingNumber: r.tracking_number as string, shipDate: r.ship_date as string, carrier: r.carrier as string, service: r.service as string,
      weightLbs: r.weight_lbs as number | null, line: r.line as number, receivedAt: r.received_at as string,
      orderId: r.order_id as number | null, matchedAt: r.matched_at as string | null,
      lines: this.stmt.lines.all(id) as PackageLine[],
      output: r.output_ref === null || r.output_ref === undefined ? null : {
        id: r.output_ref as number, name: r.output_name as string, status: r.output_status as 'PENDING' | 'DELIVERED', deliveredAt: r.output_delivered_at as string | null,
      },
    };
  }
}
