import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { FileStore } from '../../jobs/ports.js';
import { isTemporaryName, writeFileAtomic } from './atomic-write.js';

/**
 * var/archive/<partner>/<yyyy-mm-dd>/<id>-<name> and var/quarantine/<partner>/<id>-<name>.
 * The partner's file name is data: it is reduced to a safe slug and prefixed with the ledger id,
 * so it can never climb out of the folder or collide with another file.
 */
export function openFileStore(dataDir: string): FileStore {
  const archiveRoot = join(dataDir, 'archive');
  const quarantineRoot = join(dataDir, 'quarantine');
  const place = (root: string, parts: string[], fileId: number, name: string): string =>
    join(root, ...parts.map(safeFileName), `${fileId}-${safeFileName(name)}`);

  return {
    archivePath: (partner, fileId, name, day) => place(archiveRoot, [partner, day], fileId, name),
    quarantinePath: (partner, fileId, name) => place(quarantineRoot, [partner], fileId, name),
    put(path, content) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileAtomic(path, content);
    },
    putReason(path, reason) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileAtomic(`${path}.reason.txt`, reason.endsWith('\n') ? reason : `${reason}\n`);
    },
    sweepTemporaries(path) {
      const prefix = `.${basename(path)}`;
      let names: string[];
      try { names = readdirSync(dirname(path)); } catch { return 0; }
      let removed = 0;
      for (const name of names) {
        if (!name.startsWith(prefix) || !isTemporaryName(name)) continue;
        try { unlinkSync(join(dirname(path), name)); removed += 1; } catch { /* already gone */ }
      }
      return removed;
    },
    readStored(path, sha256) {
      try {
        const content = readFileSync(path);
        return createHash('sha256').update(content).digest('hex') === sha256 ? content : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/** Keeps letters, digits, dot, dash and underscore; never a leading dot; at most 100 characters. */
export function safeFileName(name: string): string {
  const slug = name.normalize('NFKC').replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_').slice(0, 100);
  return slug === '' ? 'unnamed' : slug;
}
