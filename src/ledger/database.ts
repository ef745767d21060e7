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
  // Up to date (the usual case): no write lock needed, so a CLI command never waits on the daemon.
  const current = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
  if (current?.version === MIGRATIONS.length) return;
  // The daemon and a CLI command may open a new ledger at the same moment: the version is read
  // inside each step's write transaction, so the second process waits and never runs a step twice.
  for (;;) {
    const done = db.transaction(() => {
      const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
      if (row === undefined) db.prepare('INSERT INTO schema_version (version) VALUES (0)').run();
      const version = row?.version ?? 0;
      if (version > MIGRATIONS.length) {
        throw new Error(`ledger schema version ${version} is newer than this build knows (${MIGRATIONS.length}); refusing to run an older fcp-bridge on it`);
      }
      if (version === MIGRATIONS.length) return true;
      const step = MIGRATIONS[version] as (typeof MIGRATIONS)[number];
      if (typeof step === 'string') db.exec(step);
      else step(db);
      db.prepare('UPDATE schema_version SET version = ?').run(version + 1);
      return false;
    }).immediate();
    if (done) return;
  }
}
