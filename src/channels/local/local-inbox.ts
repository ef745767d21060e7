import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readSync, renameSync, unlinkSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { LocalChannelConfig } from '../../config/types.js';
import { FileChangedError, type InboundChannel, type InboundEntry } from '../../jobs/ports.js';
import { isIgnoredName, matchesPattern } from '../inbox-names.js';

/**
 * A local inbox folder. The scan is the source of truth (the watcher only says "look now");
 * a file is offered once its mtime is `stable_secs` old by the real clock, and `read` checks
 * that size and mtime did not move while it was read — the second look of SPEC §10.
 */
export function openLocalInbox(config: LocalChannelConfig): InboundChannel {
  const dir = config.path;
  const stableMs = config.stable_secs * 1000;

  return {
    label: `local:${dir}`,

    async listReady() {
      mkdirSync(dir, { recursive: true });
      const ready: InboundEntry[] = [];
      let waiting = 0;
      let nextCheckMs: number | null = null;
      const names = readdirSync(dir).sort();
      const now = Date.now();
      for (const name of names) {
        if (isIgnoredName(name) || !matchesPattern(name, config.pattern)) continue;
        let stats: Stats;
        try { stats = lstatSync(join(dir, name)); } catch { continue; /* gone between readdir and lstat */ }
        if (stats.isDirectory()) continue;
        if (!stats.isFile()) {
          ready.push({ name, size: 0, mtimeMs: stats.mtimeMs, kind: 'not-regular', detail: describeKind(stats) });
          continue;
        }
        const age = now - stats.mtimeMs;
        if (age >= stableMs) {
          ready.push({ name, size: stats.size, mtimeMs: stats.mtimeMs, kind: 'file' });
        } else {
          waiting += 1;
          const due = stableMs - age;
          nextCheckMs = nextCheckMs === null ? due : Math.min(nextCheckMs, due);
        }
      }
      return { ready, waiting, nextCheckMs };
    },

    async read(entry) {
      // O_NOFOLLOW: a symlink swapped in after the listing fails instead of being followed;
      // O_NONBLOCK: a FIFO swapped in cannot hang the daemon.
      const fd = openSync(join(dir, entry.name), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
      try {
        const before = fstatSync(fd);
        if (!before.isFile() || before.size !== entry.size || before.mtimeMs !== entry.mtimeMs) throw new FileChangedError(entry.name);
        const buffer = Buffer.allocUnsafe(before.size);
        let offset = 0;
        while (offset < buffer.length) {
          const n = readSync(fd, buffer, offset, buffer.length - offset, offset);
          if (n === 0) break;
          offset += n;
        }
        const after = fstatSync(fd);
        if (offset !== before.size || after.size !== before.size || after.mtimeMs !== before.mtimeMs) throw new FileChangedError(entry.name);
        return buffer;
      } finally {
        closeSync(fd);
      }
    },

    async remove(entry) {
      try { unlinkSync(join(dir, entry.name)); } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    },

    async moveAside(entry, destination) {
      try {
        renameSync(join(dir, entry.name), destination);
      } catch (error) {
        // Another filesystem: the entry cannot be moved without opening it, so it is removed
        // from the inbox; the ledger and the reason file keep what it was.
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
        unlinkSync(join(dir, entry.name));
      }
    },

    async close() { /* nothing held open between calls */ },
  };
}

function describeKind(stats: Stats): string {
  if (stats.isSymbolicLink()) return 'symbolic link';
  if (stats.isFIFO()) return 'FIFO';
  if (stats.isSocket()) return 'socket';
  if (stats.isBlockDevice() || stats.isCharacterDevice()) return 'device';
  return 'special file';
}
