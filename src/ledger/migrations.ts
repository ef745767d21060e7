/**
 * Versioned schema. A migration is appended, never edited: a ledger written by an older build
 * is brought forward at open, inside one transaction per step.
 */
export const MIGRATIONS: readonly string[] = [
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
];
