import { basename, posix } from 'node:path';
import type { SftpChannelConfig } from '../../config/types.js';
import { FileChangedError, type InboundChannel, type InboundEntry, type Log } from '../../jobs/ports.js';
import { isIgnoredName, matchesPattern } from '../inbox-names.js';
import { ensureRemoteFolder } from './remote-folder.js';
import { SFTP_NO_SUCH_FILE, SftpOperationError, sftpCodeOf } from './remote-errors.js';
import { RemoteRenamer } from './remote-rename.js';
import { openSftpSession, type RemoteListEntry, type RemoteStats, type SessionOptions } from './session.js';
import { StabilityTracker, type Sighting } from './stability.js';

/** Inside the inbox, hidden (so no scanner takes it), for entries that must never be opened. */
export const REMOTE_QUARANTINE_FOLDER = '.quarantine';

type EntryKind = { kind: 'file' } | { kind: 'folder' } | { kind: 'not-regular'; detail: string } | { kind: 'unknown' };

const SPECIAL_TYPES: Record<string, string> = { l: 'symbolic link', p: 'FIFO', s: 'socket', b: 'device', c: 'device' };

/**
 * A partner's folder on an SFTP server. Listing is rate-limited to `poll_interval_secs` (the
 * daemon's cycle may be faster for local inboxes) except while a file is waiting to become
 * stable. The original is deleted or moved remotely only when take-files calls `remove`,
 * which it does after the local copy and ledger row are committed.
 */
export function openSftpInbox(config: SftpChannelConfig, log: Log, options: SessionOptions = {}): InboundChannel {
  const session = openSftpSession(config, log, options);
  const now = options.now ?? Date.now;
  const label = session.label;
  const dir = config.path;
  const tracker = new StabilityTracker(config.stable_secs * 1000);
  const renamer = new RemoteRenamer(log, label);
  // Entries the server would not let us set aside: ignored (in memory) rather than quarantined
  // again on every poll.
  const leftInPlace = new Set<string>();
  const remotePath = (name: string): string => posix.join(dir, name);
  let lastListedAt = Number.NEGATIVE_INFINITY;

  return {
    label,

    async listReady() {
      const listedAt = now();
      if (tracker.tracking === 0 && listedAt - lastListedAt < config.poll_interval_secs * 1000) {
        return { ready: [], waiting: 0, nextCheckMs: null };
      }
      // Counted from the attempt, so an unreachable server is also tried once per interval.
      lastListedAt = listedAt;
      let listing: RemoteListEntry[];
      try {
        listing = await session.run('list', (files) => files.list(dir));
      } catch (error) {
        if (error instanceof SftpOperationError && error.sftpCode === SFTP_NO_SUCH_FILE) {
          throw new SftpOperationError(`the remote folder ${dir} does not exist (check path)`, SFTP_NO_SUCH_FILE, { cause: error });
        }
        throw error;
      }
      const regular: Sighting[] = [];
      const ready: InboundEntry[] = [];
      for (const item of [...listing].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        const name = item.name;
        if (!isPlainName(name) || isIgnoredName(name) || !matchesPattern(name, config.pattern) || leftInPlace.has(name)) continue;
        let kind = kindFromListing(item.type);
        if (kind.kind === 'unknown') kind = await session.run(`inspect ${name}`, async (files) => kindFromStats(await files.lstat(remotePath(name))));
        if (kind.kind === 'folder' || kind.kind === 'unknown') continue;
        if (kind.kind === 'not-regular') {
          ready.push({ name, size: 0, mtimeMs: item.modifyTime, kind: 'not-regular', detail: kind.detail });
          continue;
        }
        regular.push({ name, size: item.size, mtimeMs: item.modifyTime });
      }
      const verdict = tracker.judge(regular, now());
      for (const file of verdict.ready) ready.push({ ...file, kind: 'file' });
      return { ready, waiting: verdict.waiting, nextCheckMs: verdict.nextCheckMs };
    },

    async read(entry) {
      const path = remotePath(entry.name);
      const changed = (): FileChangedError => {
        tracker.restart(entry.name);
        return new FileChangedError(entry.name);
      };
      const content = await session.run(`download ${entry.name}`, async (files) => {
        let stats: RemoteStats;
        try {
          stats = await files.lstat(path);
        } catch (error) {
          if (sftpCodeOf(error) === SFTP_NO_SUCH_FILE) throw changed();
          throw error;
        }
        // lstat: a name swapped for a link since the listing is not followed here.
        if (!stats.isFile || stats.size !== entry.size || stats.modifyTime !== entry.mtimeMs) throw changed();
        if (entry.size === 0) return Buffer.alloc(0);
        const data = await files.get(path);
        return Buffer.isBuffer(data) ? data : Buffer.alloc(0);
      }, { bytes: entry.size });
      // A short read (the file was truncated or rewritten while we read it) is not the file.
      if (content.length !== entry.size) throw changed();
      return content;
    },

    async remove(entry) {
      const path = remotePath(entry.name);
      await session.run(`remove ${entry.name}`, async (files) => {
        if (config.after_download === 'delete') {
          await files.delete(path, true);
          return;
        }
        const folder = config.after_download.slice('move:'.length);
        await ensureRemoteFolder(files, folder);
        try {
          await renamer.replace(files, path, posix.join(folder, entry.name));
        } catch (error) {
          // Already gone (a previous attempt moved it, or the partner removed it): done.
          if (sftpCodeOf(error) === SFTP_NO_SUCH_FILE && (await files.exists(path)) === false) return;
          throw error;
        }
      });
      tracker.forget(entry.name);
    },

    async moveAside(entry, destination) {
      // Non-regular entries and files over limits.max_file_bytes: renamed on the server, never
      // opened or downloaded; the local quarantine keeps the reason.
      const folder = posix.join(dir, REMOTE_QUARANTINE_FOLDER);
      const target = posix.join(folder, basename(destination));
      try {
        await session.run(`set aside ${entry.name}`, async (files) => {
          await ensureRemoteFolder(files, folder);
          await renamer.replace(files, remotePath(entry.name), target);
        });
        log.info('remote entry set aside into the inbox quarantine folder', { channel: label, file: entry.name, remote_path: target });
      } catch (error) {
        if (!(error instanceof SftpOperationError)) throw error;
        leftInPlace.add(entry.name);
        log.warn('remote entry could not be set aside; it is left in place and ignored until restart', { channel: label, file: entry.name, error: error.message });
      }
    },

    close: () => session.close(),
  };
}

/** Names from a listing are partner text; only plain names inside the folder are considered. */
function isPlainName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !name.includes('/') && !name.includes('\u0000');
}

function kindFromListing(type: string): EntryKind {
  if (type === '-') return { kind: 'file' };
  if (type === 'd') return { kind: 'folder' };
  const special = SPECIAL_TYPES[type];
  return special === undefined ? { kind: 'unknown' } : { kind: 'not-regular', detail: special };
}

/** For servers whose long names are not `ls -l` style: decide by the mode bits. */
function kindFromStats(stats: RemoteStats): EntryKind {
  if (stats.isFile) return { kind: 'file' };
  if (stats.isDirectory) return { kind: 'folder' };
  if (stats.isSymbolicLink) return { kind: 'not-regular', detail: 'symbolic link' };
  if (stats.isFIFO) return { kind: 'not-regular', detail: 'FIFO' };
  if (stats.isSocket) return { kind: 'not-regular', detail: 'socket' };
  if (stats.isBlockDevice || stats.isCharacterDevice) return { kind: 'not-regular', detail: 'device' };
  return { kind: 'unknown' };
}
