import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import type { SftpChannelConfig } from '../../config/types.js';
import { faultPoint } from '../../jobs/fault-points.js';
import { TransientError, type Log, type OutboundChannel } from '../../jobs/ports.js';
import { ensureRemoteFolder } from './remote-folder.js';
import { SFTP_NO_SUCH_FILE, sftpCodeOf } from './remote-errors.js';
import { RemoteRenamer } from './remote-rename.js';
import { openSftpSession, type RemoteFiles, type SessionOptions } from './session.js';

/** Output names are built by the bridge from safe parts; anything else is a bug, not data. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

/**
 * Our temporary names: `.<final name>.<12 hex>.tmp`. The leading dot and the `.tmp` end make
 * every inbox scanner (ours, and the usual partner tools) skip them; the random part keeps two
 * attempts apart; the exact shape lets the sweep remove ours and nothing else.
 */
const OUR_TEMPORARY = /^\.[A-Za-z0-9][A-Za-z0-9._-]{0,200}\.[0-9a-f]{12}\.tmp$/;

export function temporaryUploadName(name: string): string {
  return `.${name}.${randomBytes(6).toString('hex')}.tmp`;
}

export function isOurTemporaryName(name: string): boolean {
  return OUR_TEMPORARY.test(name);
}

/**
 * A folder on an SFTP server the bridge writes to. Every output is uploaded under a temporary
 * name, its size checked, then renamed onto the final name, so a reader never sees a part of
 * it under the final name. Temporary names left by a failed upload are removed on the next
 * upload, by the start-up sweep, or (when the server was down at start) at the first upload.
 */
export function openSftpOutbox(config: SftpChannelConfig, log: Log, options: SessionOptions = {}): OutboundChannel {
  const session = openSftpSession(config, log, options);
  const label = session.label;
  const dir = config.path;
  const renamer = new RemoteRenamer(log, label);
  const leftovers = new Set<string>();
  let folderChecked = false;
  let sweepOwed = false;

  const sweep = async (files: RemoteFiles): Promise<number> => {
    let names: string[];
    try {
      names = (await files.list(dir)).map((e) => e.name);
    } catch (error) {
      if (sftpCodeOf(error) === SFTP_NO_SUCH_FILE) return 0;
      throw error;
    }
    let removed = 0;
    for (const name of names) {
      if (!isOurTemporaryName(name)) continue;
      await files.delete(posix.join(dir, name), true);
      removed += 1;
    }
    for (const path of leftovers) leftovers.delete(path);
    return removed;
  };

  return {
    label,

    async writeAtomic(name, content) {
      if (!SAFE_NAME.test(name)) throw new Error(`refusing unsafe output name ${JSON.stringify(name)}`);
      const temp = posix.join(dir, temporaryUploadName(name));
      const final = posix.join(dir, name);
      await session.run(`upload ${name}`, async (files) => {
        if (!folderChecked) {
          await ensureRemoteFolder(files, dir);
          folderChecked = true;
        }
        if (sweepOwed) {
          const removed = await sweep(files);
          sweepOwed = false;
          if (removed > 0) log.info('temporary files from an earlier run removed', { channel: label, count: removed });
        }
        for (const path of [...leftovers]) {
          await files.delete(path, true);
          leftovers.delete(path);
        }
        // Remembered before the upload starts: if the connection drops, this name is cleaned later.
        leftovers.add(temp);
        await files.put(content, temp);
        const uploaded = await files.lstat(temp);
        if (uploaded.size !== content.length) {
          throw new TransientError(`${name} arrived with ${uploaded.size} of ${content.length} bytes; it will be sent again`);
        }
        faultPoint('U1-uploaded');
        await renamer.replace(files, temp, final);
        faultPoint('U2-renamed');
        leftovers.delete(temp);
      }, { bytes: content.length });
    },

    async sweepTemporaries() {
      try {
        return await session.run('sweep temporary files', (files) => sweep(files));
      } catch (error) {
        if (!(error instanceof TransientError)) throw error;
        // Start-up must not fail because one partner server is down; the sweep runs at the
        // first upload instead, before anything new is written.
        sweepOwed = true;
        log.warn('sftp outbox not swept at start; it will be at the first upload', { channel: label, error: error.message });
        return 0;
      }
    },

    close: () => session.close(),
  };
}
