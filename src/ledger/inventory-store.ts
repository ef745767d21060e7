import { feedColumns, FeedIndex, type FcpSkus, type FeedRow } from '../domain/feed-index.js';
import { decodeFeedColumns, encodeFeedColumns } from './feed-rows-blob.js';
import { packItems, unpackItems, unpackStrings, type PackedItems } from '../domain/packed-strings.js';
import type { FcpOrder } from '../domain/order.js';
import type { Db } from './database.js';

/** Values of the inventory tables (migration 2), camelCase. */
export interface FeedRecord {
  id: number;
  fileId: number;
  fileName: string;
  /** ISO UTC instant the feed describes. */
  asOf: string;
  /** False when the file had no as_of and its arrival time stands in. */
  asOfInFile: boolean;
  receivedAt: string;
  rowCount: number;
}

export interface CatalogRecord {
  id: number;
  fileId: number;
  fileName: string;
  receivedAt: string;
  items: { sku: string; name: string }[];
}

/** An order line the FCP received in a delivered output (SUBMIT only). */
export interface SentOrderLine {
  partner: string;
  orderNumber: string;
  fcpOrderNumber: string;
  fcpSku: string;
  quantity: number;
  sentAt: string;
  output: string;
}

export type SnapshotStatus = 'QUEUED' | 'SENT' | 'HELD';

export interface SnapshotRecord {
  id: number;
  partner: string;
  kind: string;
  status: SnapshotStatus;
  feedId: number | null;
  outputId: number | null;
  outputName: string | null;
  trigger: string;
  itemCount: number;
  previouslyPositive: number;
  zeroed: number;
  message: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface ItemSyncRecord {
  sku: string;
  quantity: number;
  syncedAt: string;
  output: string;
}

/**
 * Feeds, catalogs, snapshots and product sync. The latest feed is the one with the latest as_of
 * (ties: the later arrival), so an old export delivered late never replaces a newer one.
 */
export class InventoryStore {
  private readonly stmt;
  /** The index of one feed (the latest, in practice): built once, shared by every reader. */
  private indexCache: { feedId: number; index: FeedIndex } | null = null;

  constructor(db: Db) {
    // Not f.*: a feed's rows BLOB is tens of MB, read only by feedIndex.
    const FEED = `SELECT f.id, f.file_id, f.as_of, f.as_of_in_file, f.received_at, f.row_count, fi.name AS file_name FROM feeds f JOIN files fi ON fi.id = f.file_id`;
    // Not s.*: a snapshot's items are megabytes, read only by snapshotItems and product sync.
    const SNAPSHOT = `SELECT s.id, s.partner, s.kind, s.status, s.feed_id, s.output_id, s.trigger, s.item_count, s.previously_positive, s.zeroed,
      s.message, s.created_at, o.name AS output_name, o.delivered_at FROM snapshots s LEFT JOIN outputs o ON o.id = s.output_id`;
    this.stmt = {
      insertFeed: db.prepare(`INSERT INTO feeds (file_id, as_of, as_of_in_file, received_at, row_count, rows) VALUES (?, ?, ?, ?, ?, ?)`),
      latestFeed: db.prepare(`${FEED} ORDER BY f.as_of DESC, f.id DESC LIMIT 1`),
      latestFeedId: db.prepare('SELECT id FROM feeds ORDER BY as_of DESC, id DESC LIMIT 1'),
      feedById: db.prepare(`${FEED} WHERE f.id = ?`),
      feedRows: db.prepare('SELECT rows FROM feeds WHERE id = ?').pluck(),
      pruneFeedRows: db.prepare(`UPDATE feeds SET rows = NULL WHERE rows IS NOT NULL AND id IN (SELECT id FROM feeds ORDER BY as_of DESC, id DESC LIMIT -1 OFFSET 2)`),
      insertCatalog: db.prepare('INSERT INTO catalogs (partner, file_id, received_at, item_count) VALUES (?, ?, ?, ?)'),
      insertCatalogItem: db.prepare('INSERT INTO catalog_items (catalog_id, sku, name, position) VALUES (?, ?, ?, ?)'),
      latestCatalog: db.prepare(`SELECT c.*, fi.name AS file_name FROM catalogs c JOIN files fi ON fi.id = c.file_id
        WHERE c.partner = ? ORDER BY c.id DESC LIMIT 1`),
      catalogItems: db.prepare('SELECT sku, name FROM catalog_items WHERE catalog_id = ? ORDER BY position'),
      orderSkus: db.prepare('SELECT sku FROM order_skus WHERE partner = ? ORDER BY first_order_id, sku').pluck(),
      sentAfter: db.prepare(`SELECT o.partner, o.order_number, o.fcp_order_number, o.fcp_order, out.name AS output, out.delivered_at
        FROM outputs out JOIN output_orders oo ON oo.output_id = out.id AND oo.action = 'SUBMIT'
        JOIN orders o ON o.id = oo.order_id
        WHERE out.kind = 'orders' AND out.status = 'DELIVERED' AND out.delivered_at > ? AND o.fcp_order IS NOT NULL
        ORDER BY out.delivered_at, out.id, o.id`),
      insertSnapshot: db.prepare(`INSERT INTO snapshots (partner, kind, status, feed_id, output_id, trigger, item_count, previously_positive, zeroed, message, created_at,
          items, compared_with, left_items)
        VALUES (@partner, @kind, @status, @feedId, @outputId, @trigger, @itemCount, @previouslyPositive, @zeroed, @message, @createdAt,
          @items, @comparedWith, @leftItems)`),
      leftItems: db.prepare('SELECT compared_with, left_items FROM snapshots WHERE id = ?'),
      upsertSync: db.prepare(`INSERT INTO item_sync (partner, sku, quantity, synced_at, output) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (partner, sku) DO UPDATE SET quantity = excluded.quantity, synced_at = excluded.synced_at, output = excluded.output`),
            previousSent: db.prepare(`SELECT s.id, o.name, o.delivered_at FROM snapshots s JOIN outputs o ON o.id = s.output_id
        WHERE s.partner = ? AND s.kind = ? AND s.status = 'SENT' AND s.id < ? AND s.items IS NOT NULL ORDER BY s.id DESC LIMIT 1`),
      itemsOf: db.prepare('SELECT items FROM snapshots WHERE id = ?').pluck(),
      latestSent: db.prepare(`SELECT s.items, o.name, o.delivered_at FROM snapshots s JOIN outputs o ON o.id = s.output_id
        WHERE s.partner = ? AND s.kind = ? AND s.status = 'SENT' ORDER BY s.id DESC LIMIT 1`),
      pruneSnapshotItems: db.prepare('UPDATE snapshots SET items = NULL WHERE partner = ? AND kind = ? AND id < ? AND items IS NOT NULL'),
      // A delivered snapshot file is never read again once a later one is out (only delivery reads
      // content): an hourly 100k-item partner would otherwise add ~70 MB a day to the ledger.
      pruneSnapshotContent: db.prepare(`UPDATE outputs SET content = X'' WHERE status = 'DELIVERED' AND length(content) > 0
        AND id IN (SELECT output_id FROM snapshots WHERE partner = ? AND kind = ? AND id < ? AND output_id IS NOT NULL)`),
      lastSnapshot: db.prepare(`${SNAPSHOT} WHERE s.partner = ? AND s.kind = ? ORDER BY s.id DESC LIMIT 1`),
      lastWritten: db.prepare(`${SNAPSHOT} WHERE s.partner = ? AND s.kind = ? AND s.status IN ('QUEUED', 'SENT') ORDER BY s.id DESC LIMIT 1`),
      heldSince: db.prepare(`${SNAPSHOT} WHERE s.partner = ? AND s.kind = ? AND s.status = 'HELD' AND s.id > ? ORDER BY s.id`),
      firstSnapshot: db.prepare(`${SNAPSHOT} WHERE s.partner = ? AND s.kind = ? ORDER BY s.id LIMIT 1`),
      queuedDelivered: db.prepare(`SELECT s.id, s.partner, s.kind, o.name, o.delivered_at FROM snapshots s JOIN outputs o ON o.id = s.output_id
        WHERE s.status = 'QUEUED' AND o.status = 'DELIVERED' ORDER BY s.id`),
      markSent: db.prepare(`UPDATE snapshots SET status = 'SENT' WHERE id = ? AND status = 'QUEUED'`),
      itemSync: db.prepare('SELECT sku, quantity, synced_at AS syncedAt, output FROM item_sync WHERE partner = ? ORDER BY sku'),
    };
  }

  // ---- FCP inventory feeds ---------------------------------------------------------------

  insertFeed(feed: { fileId: number; asOf: string; asOfInFile: boolean; receivedAt: string; rows: readonly FeedRow[] }): number {
    const rows = encodeFeedColumns(feedColumns(feed.rows));
    const id = Number(this.stmt.insertFeed.run(feed.fileId, feed.asOf, feed.asOfInFile ? 1 : 0, feed.receivedAt, feed.rows.length, rows).lastInsertRowid);
    this.stmt.pruneFeedRows.run();
    return id;
  }

  latestFeed(): FeedRecord | undefined {
    return toFeed(this.stmt.latestFeed.get());
  }

  feed(id: number): FeedRecord | undefined {
    return toFeed(this.stmt.feedById.get(id));
  }

  /** The feed's rows as an index, built once and kept until another feed is asked for (empty once pruned). */
  feedIndex(feed: Pick<FeedRecord, 'id'>): FeedIndex {
    if (this.indexCache?.feedId !== feed.id) {
      this.indexCache = null; // the old index can be collected while the new one is built
      const blob = this.stmt.feedRows.get(feed.id) as Uint8Array | null | undefined;
      const columns = blob instanceof Uint8Array ? decodeFeedColumns(blob) : feedColumns([]);
      this.indexCache = { feedId: feed.id, index: new FeedIndex(columns) };
    }
    return this.indexCache.index;
  }

  /** FCP SKUs of the latest feed (the INVALID_SKU check), or null while no feed has arrived. */
  latestSkus(): FcpSkus | null {
    const latest = this.latestFeed();
    return latest === undefined ? null : this.feedIndex(latest);
  }

  /** Every order line delivered to the FCP after `asOf`, all partners (the FCP stock is shared). */
  sentAfter(asOf: string): SentOrderLine[] {
    const rows = this.stmt.sentAfter.all(asOf) as { partner: string; order_number: string; fcp_order_number: string; fcp_order: string; output: string; delivered_at: string }[];
    return rows.flatMap((r) => (JSON.parse(r.fcp_order) as FcpOrder).lines.map((line) => ({
      partner: r.partner, orderNumber: r.order_number, fcpOrderNumber: r.fcp_order_number,
      fcpSku: line.sku, quantity: line.quantity, sentAt: r.delivered_at, output: r.output,
    })));
  }

  // ---- partner catalogs ------------------------------------------------------------------

  insertCatalog(partner: string, fileId: number, receivedAt: string, items: readonly { sku: string; name: string }[]): number {
    const id = Number(this.stmt.insertCatalog.run(partner, fileId, receivedAt, items.length).lastInsertRowid);
    items.forEach((item, i) => this.stmt.insertCatalogItem.run(id, item.sku, item.name, i + 1));
    return id;
  }

  /** The partner's latest catalog file: each one is the full list. */
  latestCatalog(partner: string): CatalogRecord | undefined {
    const row = this.stmt.latestCatalog.get(partner) as { id: number; file_id: number; file_name: string; received_at: string } | undefined;
    if (row === undefined) return undefined;
    const items = this.stmt.catalogItems.all(row.id) as { sku: string; name: string }[];
    return { id: row.id, fileId: row.file_id, fileName: row.file_name, receivedAt: row.received_at, items };
  }

  orderSkus(partner: string): string[] {
    return this.stmt.orderSkus.all(partner) as string[];
  }

  // ---- snapshots and product sync ---------------------------------------------------------

  insertSnapshot(s: {
    partner: string; kind: string; status: SnapshotStatus; feedId: number | null; outputId: number | null; trigger: string;
    previouslyPositive: number; zeroed: number; message: string | null; createdAt: string; items: readonly { sku: string; quantity: number }[];
    /** The snapshot the caller compared these items with (the last written), and its items these no longer carry. */
    comparedWith?: { id: number; left: readonly (readonly [string, number])[] } | null;
  }): number {
    const { items, comparedWith = null, ...row } = s;
    return Number(this.stmt.insertSnapshot.run({
      ...row, itemCount: items.length, items: itemsJson(items), comparedWith: comparedWith?.id ?? null,
      leftItems: comparedWith === null ? null : JSON.stringify(comparedWith.left),
    }).lastInsertRowid);
  }

  /** The snapshot's items; empty once a later snapshot of the partner was delivered (they are not kept). */
  snapshotItems(snapshotId: number): PackedItems {
    return parseItems(this.stmt.itemsOf.get(snapshotId));
  }

  lastSnapshot(partner: string, kind: string): SnapshotRecord | undefined {
    return toSnapshot(this.stmt.lastSnapshot.get(partner, kind));
  }

  /** The last snapshot that was written out (QUEUED or SENT), not one the guard held back. */
  lastWritten(partner: string, kind: string): SnapshotRecord | undefined {
    return toSnapshot(this.stmt.lastWritten.get(partner, kind));
  }

  firstSnapshot(partner: string, kind: string): SnapshotRecord | undefined {
    return toSnapshot(this.stmt.firstSnapshot.get(partner, kind));
  }

  /** Snapshots held back since the last one written. */
  heldSinceLastWritten(partner: string, kind: string): SnapshotRecord[] {
    const after = this.lastWritten(partner, kind)?.id ?? 0;
    return this.stmt.heldSince.all(partner, kind, after).map((r) => toSnapshot(r) as SnapshotRecord);
  }

  /**
   * Snapshots whose output has been delivered become SENT. Product sync then reads each item's
   * last values from the latest SENT snapshot — so every item in it has the new time, changed or
   * not — and, for items that snapshot no longer carries, from `item_sync`, which keeps the last
   * values they were sent with. Items that leave the list are the only per-item writes; the older
   * snapshots' item lists and file contents are dropped (name, sha256 and times stay). Call inside
   * a transaction.
   */
  settleDelivered(): number {
    const rows = this.stmt.queuedDelivered.all() as { id: number; partner: string; kind: string; name: string; delivered_at: string }[];
    for (const r of rows) {
      if (this.stmt.markSent.run(r.id).changes !== 1) continue;
      const previous = this.stmt.previousSent.get(r.partner, r.kind, r.id) as { id: number; name: string; delivered_at: string } | undefined;
      if (previous !== undefined) {
        const own = this.stmt.leftItems.get(r.id) as { compared_with: number | null; left_items: string | null };
        if (own.compared_with === previous.id) {
          // The usual case: the items that left were found when the snapshot was made.
          for (const [sku, quantity] of parseLeftItems(own.left_items)) this.stmt.upsertSync.run(r.partner, sku, quantity, previous.delivered_at, previous.name);
        } else {
          // Made before the previous one was delivered (or by an older build): find them now.
          const now = new Set(unpackStrings(this.snapshotItems(r.id).skus));
          for (const [sku, quantity] of unpackItems(this.snapshotItems(previous.id))) {
            if (!now.has(sku)) this.stmt.upsertSync.run(r.partner, sku, quantity, previous.delivered_at, previous.name);
          }
        }
      }
      this.stmt.pruneSnapshotItems.run(r.partner, r.kind, r.id);
      this.stmt.pruneSnapshotContent.run(r.partner, r.kind, r.id);
    }
    return rows.length;
  }

  /** Each item's last delivered quantity, time and output (SPEC §11 `product-sync`), by SKU. */
  itemSync(partner: string): Map<string, ItemSyncRecord> {
    const synced = new Map((this.stmt.itemSync.all(partner) as ItemSyncRecord[]).map((r) => [r.sku, r]));
    const latest = this.stmt.latestSent.get(partner, 'inventory') as { items: string | null; name: string; delivered_at: string } | undefined;
    if (latest !== undefined) {
      for (const [sku, quantity] of unpackItems(parseItems(latest.items))) synced.set(sku, { sku, quantity, syncedAt: latest.delivered_at, output: latest.name });
    }
    return synced;
  }
}

/** A snapshot's `items` column: PackedItems as JSON (reading 100k items back makes one string, not 100k). */
function itemsJson(items: readonly { sku: string; quantity: number }[]): string {
  return JSON.stringify(packItems(items));
}

/** The `items` column back (NULL once pruned: no items). */
function parseItems(json: unknown): PackedItems {
  return typeof json === 'string' ? JSON.parse(json) as PackedItems : packItems([]);
}

/** `left_items`: the few items a snapshot dropped, as [sku, quantity] pairs. */
function parseLeftItems(json: string | null): [string, number][] {
  return json === null ? [] : JSON.parse(json) as [string, number][];
}

function toFeed(row: unknown): FeedRecord | undefined {
  if (row === undefined) return undefined;
  const r = row as Record<string, unknown>;
  return {
    id: r.id as number, fileId: r.file_id as number, fileName: r.file_name as string, asOf: r.as_of as string,
    asOfInFile: r.as_of_in_file === 1, receivedAt: r.received_at as string, rowCount: r.row_count as number,
  };
}

function toSnapshot(row: unknown): SnapshotRecord | undefined {
  if (row === undefined) return undefined;
  const r = row as Record<string, unknown>;
  return {
    id: r.id as number, partner: r.partner as string, kind: r.kind as string, status: r.status as SnapshotStatus,
    feedId: r.feed_id as number | null, outputId: r.output_id as number | null, outputName: (r.output_name ?? null) as string | null,
    trigger: r.trigger as string, itemCount: r.item_count as number, previouslyPositive: r.previously_positive as number,
    zeroed: r.zeroed as number, message: r.message as string | null, createdAt: r.created_at as string,
    deliveredAt: (r.delivered_at ?? null) as string | null,
  };
}
