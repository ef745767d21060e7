import type { Db } from './database.js';
import { encodeFeedColumns } from './feed-rows-blob.js';

/**
 * Versioned schema. A migration is appended, never edited: a ledger written by an older build
 * is brought forward at open, inside one transaction per step. A step is SQL, or a function for
 * a change of a JSON document's shape that SQL cannot express exactly.
 */
export const MIGRATIONS: readonly (string | ((db: Db) => void))[] = [
  // 1: files, orders with history, the transactional outbox, sequences.
  `
  CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    partner TEXT NOT NULL,
    source TEXT NOT NULL,            -- orders | inventory-feed | shipments-feed | catalog
    name TEXT NOT NULL,              -- the original name, kept as data only
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    status TEXT NOT NULL,            -- RECEIVED | PROCESSED | QUARANTINED | DUPLICATE
    reason_code TEXT,
    reason TEXT,
    stored_path TEXT,                -- the archived or quarantined copy
    order_count INTEGER NOT NULL DEFAULT 0,
    received_at TEXT NOT NULL,
    processed_at TEXT
  );
  CREATE INDEX files_by_content ON files (partner, source, sha256);
  CREATE INDEX files_by_status ON files (status);

  CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    partner TEXT NOT NULL,
    order_number TEXT NOT NULL,
    fcp_order_number TEXT NOT NULL,
    status TEXT NOT NULL,
    problems TEXT NOT NULL DEFAULT '[]', -- JSON array of {code, message, line}
    file_id INTEGER REFERENCES files (id),
    source_line INTEGER,
    content_hash TEXT NOT NULL,
    inbound TEXT NOT NULL,           -- JSON InboundOrder as the reader found it
    fcp_order TEXT,                  -- JSON FcpOrder once valid
    duplicate_of INTEGER REFERENCES orders (id),
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    redeliveries INTEGER NOT NULL DEFAULT 0,
    received_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  -- One live order per partner and number; rejected duplicates hang off it.
  CREATE UNIQUE INDEX orders_live ON orders (partner, order_number) WHERE duplicate_of IS NULL;
  CREATE INDEX orders_by_status ON orders (status);

  CREATE TABLE order_history (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders (id),
    at TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    cause TEXT NOT NULL
  );
  CREATE INDEX order_history_by_order ON order_history (order_id);

  CREATE TABLE outputs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,              -- orders | 997 | inventory | tracking
    partner TEXT NOT NULL,
    target TEXT NOT NULL,            -- which configured channel: fcp.orders, partner:acme:inventory, …
    name TEXT NOT NULL UNIQUE,       -- fixed at creation: a replay rewrites this very name
    content BLOB NOT NULL,
    sha256 TEXT NOT NULL,
    status TEXT NOT NULL,            -- PENDING | DELIVERED
    created_at TEXT NOT NULL,
    delivered_at TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
  );
  CREATE INDEX outputs_pending ON outputs (status);

  CREATE TABLE output_orders (
    output_id INTEGER NOT NULL REFERENCES outputs (id),
    order_id INTEGER NOT NULL REFERENCES orders (id),
    action TEXT NOT NULL,            -- SUBMIT | CANCEL
    PRIMARY KEY (output_id, order_id, action)
  );
  CREATE INDEX output_orders_by_order ON output_orders (order_id);

  CREATE TABLE sequences (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
  );

  -- Small facts that must survive a restart: the mapping fingerprint in force, the last retry.
  CREATE TABLE state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );

  CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    partner TEXT,
    kind TEXT NOT NULL,              -- mapping-error | channel-error | retry | …
    message TEXT NOT NULL
  );
  `,
  // 2: FCP inventory feeds, partner catalogs, snapshots and what each item was last sent as.
  `
  CREATE TABLE feeds (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files (id),
    as_of TEXT NOT NULL,             -- ISO UTC; the arrival time when the file has no as_of
    as_of_in_file INTEGER NOT NULL,  -- 1: the file said; 0: the arrival time stands in
    received_at TEXT NOT NULL,
    row_count INTEGER NOT NULL
  );
  CREATE INDEX feeds_latest ON feeds (as_of, id);

  CREATE TABLE feed_rows (
    feed_id INTEGER NOT NULL REFERENCES feeds (id),
    sku TEXT NOT NULL,
    warehouse TEXT NOT NULL,
    good INTEGER NOT NULL,
    hurt INTEGER NOT NULL,
    allocated INTEGER NOT NULL,
    line INTEGER NOT NULL,
    PRIMARY KEY (feed_id, sku, warehouse)
  );

  CREATE TABLE catalogs (
    id INTEGER PRIMARY KEY,
    partner TEXT NOT NULL,
    file_id INTEGER NOT NULL REFERENCES files (id),
    received_at TEXT NOT NULL,
    item_count INTEGER NOT NULL
  );
  CREATE INDEX catalogs_by_partner ON catalogs (partner, id);

  CREATE TABLE catalog_items (
    catalog_id INTEGER NOT NULL REFERENCES catalogs (id),
    sku TEXT NOT NULL,
    name TEXT NOT NULL,
    position INTEGER NOT NULL,       -- order in the partner's file
    PRIMARY KEY (catalog_id, sku)
  );

  CREATE TABLE snapshots (
    id INTEGER PRIMARY KEY,
    partner TEXT NOT NULL,
    kind TEXT NOT NULL,              -- inventory | tracking
    status TEXT NOT NULL,            -- QUEUED (output pending) | SENT (delivered) | HELD (max_zeroed_pct guard)
    feed_id INTEGER REFERENCES feeds (id),
    output_id INTEGER REFERENCES outputs (id),
    trigger TEXT NOT NULL,           -- schedule | run-once | sync | sync-force
    item_count INTEGER NOT NULL,
    previously_positive INTEGER NOT NULL DEFAULT 0,
    zeroed INTEGER NOT NULL DEFAULT 0,
    message TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX snapshots_by_partner ON snapshots (partner, kind, id);

  CREATE TABLE snapshot_items (
    snapshot_id INTEGER NOT NULL REFERENCES snapshots (id),
    sku TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    PRIMARY KEY (snapshot_id, sku)
  );

  -- Product sync: each item's last delivered quantity, updated even when unchanged.
  CREATE TABLE item_sync (
    partner TEXT NOT NULL,
    sku TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    synced_at TEXT NOT NULL,
    output TEXT NOT NULL,
    PRIMARY KEY (partner, sku)
  );
  `,
  // 3: one row per X12 interchange received: duplicate ISA13 detection, test interchanges, status.
  `
  CREATE TABLE x12_interchanges (
    id INTEGER PRIMARY KEY,
    partner TEXT NOT NULL,
    sender_id TEXT NOT NULL,         -- ISA06 without padding
    receiver_id TEXT NOT NULL,       -- ISA08 without padding
    control_number TEXT NOT NULL,    -- ISA13 exactly as sent
    file_id INTEGER REFERENCES files (id),
    received_at TEXT NOT NULL,
    test INTEGER NOT NULL,           -- 1: ISA15 = T
    status TEXT NOT NULL,            -- PROCESSED | TEST | REJECTED | DUPLICATE
    sets_received INTEGER NOT NULL DEFAULT 0,
    sets_accepted INTEGER NOT NULL DEFAULT 0,
    orders INTEGER NOT NULL DEFAULT 0,
    reason TEXT
  );
  CREATE INDEX x12_interchanges_by_control ON x12_interchanges (partner, sender_id, control_number);
  `,
  // 4: packages from the FCP shipment feed, their orders, and the one tracking output of each.
  `
  CREATE TABLE shipment_packages (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files (id),
    package_key TEXT NOT NULL UNIQUE, -- sha256 of (FCP order number, tracking number, lines): stored once
    fcp_order_number TEXT NOT NULL,
    tracking_number TEXT NOT NULL,
    ship_date TEXT NOT NULL,         -- yyyy-mm-dd as the FCP wrote it
    carrier TEXT NOT NULL,           -- the FCP's name; carriers.csv names it for partners
    service TEXT NOT NULL,
    weight_lbs REAL,
    line INTEGER NOT NULL,           -- first row of the package in its file
    received_at TEXT NOT NULL,
    order_id INTEGER REFERENCES orders (id), -- NULL while its order is unknown (matched later)
    matched_at TEXT
  );
  CREATE INDEX shipment_packages_unmatched ON shipment_packages (fcp_order_number) WHERE order_id IS NULL;
  CREATE INDEX shipment_packages_by_order ON shipment_packages (order_id);

  CREATE TABLE shipment_package_lines (
    package_id INTEGER NOT NULL REFERENCES shipment_packages (id),
    sku TEXT NOT NULL,               -- FCP SKU
    quantity INTEGER NOT NULL,
    PRIMARY KEY (package_id, sku)
  );

  -- package_id is UNIQUE: a package is reported in one tracking output, ever (SPEC §9).
  CREATE TABLE output_packages (
    output_id INTEGER NOT NULL REFERENCES outputs (id),
    package_id INTEGER NOT NULL UNIQUE REFERENCES shipment_packages (id),
    PRIMARY KEY (output_id, package_id)
  );
  `,
  // 5: a snapshot's items as one JSON array on its row — one write, not one row per item (20
  // partners × 100k items each cycle); only the latest snapshots keep theirs (InventoryStore).
  // left_items: the items of the snapshot it was compared with (compared_with) that it no longer
  // carries, so that product sync can keep their last values without diffing 100k items again.
  `
  ALTER TABLE snapshots ADD COLUMN items TEXT;
  ALTER TABLE snapshots ADD COLUMN compared_with INTEGER REFERENCES snapshots (id);
  ALTER TABLE snapshots ADD COLUMN left_items TEXT;

  -- A feed's rows as one JSON document of columns: one write at intake and one read per feed,
  -- where 1M rows of a table cost seconds both ways; only the two latest feeds keep theirs.
  ALTER TABLE feeds ADD COLUMN rows TEXT;
  UPDATE feeds SET rows = (SELECT json_object(
      'sku', json_group_array(sku ORDER BY line), 'warehouse', json_group_array(warehouse ORDER BY line),
      'good', json_group_array(good ORDER BY line), 'hurt', json_group_array(hurt ORDER BY line),
      'allocated', json_group_array(allocated ORDER BY line))
    FROM feed_rows WHERE feed_id = feeds.id)
  WHERE id IN (SELECT id FROM feeds ORDER BY as_of DESC, id DESC LIMIT 2);
  DROP TABLE feed_rows;

  -- Partner SKUs seen in orders (the item list's third source), kept as orders arrive: reading
  -- them out of every order's JSON at each snapshot grew with the order history.
  CREATE TABLE order_skus (
    partner TEXT NOT NULL,
    sku TEXT NOT NULL,
    first_order_id INTEGER NOT NULL,  -- the first order that carried it: the list's order
    PRIMARY KEY (partner, sku)
  );
  INSERT INTO order_skus (partner, sku, first_order_id)
    SELECT o.partner, json_extract(l.value, '$.sku'), MIN(o.id) FROM orders o, json_each(o.inbound, '$.lines') l
    WHERE json_extract(l.value, '$.sku') != '' GROUP BY o.partner, json_extract(l.value, '$.sku');
  UPDATE snapshots SET items = (SELECT json_array(json_group_array(si.sku ORDER BY si.sku), json_group_array(si.quantity ORDER BY si.sku))
    FROM snapshot_items si WHERE si.snapshot_id = snapshots.id);
  DROP TABLE snapshot_items;
  `,
  // 6: feed rows as a BLOB of columns (feed-rows-blob.ts, format 1) and snapshot items with their
  // SKUs packed into one string (packed-strings.ts): JSON arrays of a million strings made every
  // read build them all at once. The JSON side is written out here so that this step never changes.
  (db: Db): void => {
    const pack = (values: string[]): { text: string; lengths: number[] } => ({ text: values.join(''), lengths: values.map((v) => v.length) });
    const feeds = db.prepare('SELECT id, rows FROM feeds WHERE rows IS NOT NULL').all() as { id: number; rows: string }[];
    for (const feed of feeds) {
      const old = JSON.parse(feed.rows) as { sku: string[]; warehouse: string[]; good: number[]; hurt: number[]; allocated: number[] };
      const warehouses = [...new Set(old.warehouse)];
      const blob = encodeFeedColumns({
        skus: pack(old.sku), warehouses, warehouse: Uint32Array.from(old.warehouse, (w) => warehouses.indexOf(w)),
        good: Float64Array.from(old.good), hurt: Float64Array.from(old.hurt), allocated: Float64Array.from(old.allocated),
      });
      db.prepare('UPDATE feeds SET rows = ? WHERE id = ?').run(blob, feed.id);
    }
    const snapshots = db.prepare('SELECT id, items FROM snapshots WHERE items IS NOT NULL').all() as { id: number; items: string }[];
    for (const snapshot of snapshots) {
      const [skus, quantities] = JSON.parse(snapshot.items) as [string[], number[]];
      db.prepare('UPDATE snapshots SET items = ? WHERE id = ?').run(JSON.stringify({ skus: pack(skus), quantities }), snapshot.id);
    }
  },
];
