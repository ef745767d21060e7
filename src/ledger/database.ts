import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the ledger. WAL lets the CLI read while the daemon writes;
 * synchronous=FULL makes every commit survive power loss, which the no-loss guarantee needs;
 * busy_timeout lets a CLI command and the daemon take turns instead of failing.
 */
export function openDatabase(file: string): Db {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 10000');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
  let version = row?.version ?? 0;
  if (row === undefined) db.prepare('INSERT INTO schema_version (version) VALUES (0)').run();
  if (version > MIGRATIONS.length) {
    throw new Error(`ledger schema version ${version} is newer than this build knows (${MIGRATIONS.length}); refusing to run an older fcp-bridge on it`);
  }
  while (version < MIGRATIONS.length) {
    const step = MIGRATIONS[version] as string;
    const next = version + 1;
    db.transaction(() => {
      db.exec(step);
      db.prepare('UPDATE schema_version SET version = ?').run(next);
    }).immediate();
    version = next;
  }
}
