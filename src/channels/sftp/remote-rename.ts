import type { Log } from '../../jobs/ports.js';
import type { RemoteFiles } from './session.js';

/**
 * Renames onto a name that may already exist. OpenSSH's plain SFTP rename refuses an existing
 * target; its `posix-rename@openssh.com` extension replaces it atomically, so it is tried first.
 * A server without the extension gets delete-then-rename: between the two steps the name is
 * briefly absent (never partial), and a crash there leaves only the temporary name, which the
 * next sweep removes while the ledger still holds the output as undelivered.
 */
export class RemoteRenamer {
  private posixRenameWorks: boolean | null = null;

  constructor(private readonly log: Log, private readonly label: string) {}

  async replace(files: RemoteFiles, from: string, to: string): Promise<void> {
    if (this.posixRenameWorks !== false) {
      try {
        await files.posixRename(from, to);
        this.posixRenameWorks = true;
        return;
      } catch (error) {
        if (!lacksExtension(error)) throw error;
        this.posixRenameWorks = false;
        this.log.warn('sftp server lacks posix-rename; replacing files by delete then rename (not atomic)', { channel: this.label });
      }
    }
    await files.delete(to, true);
    await files.rename(from, to);
  }
}

function lacksExtension(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // 8 = SSH_FX_OP_UNSUPPORTED; ssh2 throws the message when the server never announced the extension.
  return code === 8 || /does not support this extended request/i.test((error as Error)?.message ?? '');
}
