/**
 * Small readers of a workspace's state for the proof suites: every file under a folder (to find
 * temporary leftovers) and the ledger counts an oracle needs.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Workspace } from '../e2e/harness.js';

/** Every file under a folder (to find temporary leftovers). */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));
}

export interface Ledger { integrity: string; statuses: Record<string, number>; pending: number; processed: number; received: number }
export function ledgerOf(w: Workspace): Ledger {
  const db = new Database(join(w.dir, 'var', 'ledger.sqlite'), { readonly: true });
  try {
    const rows = db.prepare('SELECT status, COUNT(*) AS n FROM orders GROUP BY status').all() as { status: string; n: number }[];
    const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
    return {
      integrity: String(db.pragma('integrity_check', { simple: true })),
      statuses: Object.fromEntries(rows.map((r) => [r.status, r.n])),
      pending: count("SELECT COUNT(*) AS n FROM outputs WHERE status = 'PENDING'"),
      processed: count("SELECT COUNT(*) AS n FROM files WHERE status = 'PROCESSED'"),
      received: count("SELECT COUNT(*) AS n FROM files WHERE status = 'RECEIVED'"),
    };
  } finally {
    db.close();
  }
}
