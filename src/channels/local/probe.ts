import { accessSync, closeSync, constants, fsyncSync, openSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ProbeResult } from '../../jobs/doctor/setup-checks.js';

/** The file-system calls the probe makes; injected so EACCES/EROFS can be tested as root. */
export interface ProbeFs {
  stat(path: string): { isDirectory(): boolean };
  access(path: string, mode: number): void;
  /** Creates, writes, fsyncs and removes a small file: what a real write needs, start to end. */
  writeAndRemove(path: string): void;
}

export const realProbeFs: ProbeFs = {
  stat: (path) => statSync(path),
  access: (path, mode) => accessSync(path, mode),
  writeAndRemove(path) {
    const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    try {
      writeSync(fd, 'fcp-bridge doctor write probe\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
      unlinkSync(path);
    }
  },
};

/**
 * Can the bridge use this local folder? access(W_OK) alone is not enough: root passes it whatever
 * the mode, and a full disk or an exhausted quota passes it too — so a small temp file is
 * written, fsynced and removed. Its name starts with `.` and ends in `.tmp`, which
 * every inbox scanner ignores and every outbox sweep removes, so a probe can never be taken as data.
 */
export function probeLocalFolder(path: string, fs: ProbeFs = realProbeFs): ProbeResult {
  let isDir: boolean;
  try {
    isDir = fs.stat(path).isDirectory();
  } catch (error) {
    // ENOTDIR: a file stands where a parent folder should; the walk up names it.
    if (codeOf(error) !== 'ENOENT' && codeOf(error) !== 'ENOTDIR') return { status: 'not-writable', error: codeOf(error) ?? (error as Error).message };
    return missing(path, fs);
  }
  if (!isDir) return { status: 'not-a-folder' };
  try {
    fs.access(path, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (error) {
    return { status: 'not-writable', error: `${codeOf(error) ?? (error as Error).message} for uid ${process.getuid?.() ?? '?'}` };
  }
  try {
    fs.writeAndRemove(join(path, `.fcp-bridge-doctor-${process.pid}.tmp`));
  } catch (error) {
    return { status: 'not-writable', error: `a test file could not be written: ${codeOf(error) ?? (error as Error).message}` };
  }
  return { status: 'ok' };
}

/** Missing: creatable when the nearest existing ancestor is a folder we may write into. */
function missing(path: string, fs: ProbeFs): ProbeResult {
  let dir = dirname(path);
  for (;;) {
    try {
      if (!fs.stat(dir).isDirectory()) return { status: 'missing', creatable: false, blocker: `${dir} is a file, not a folder` };
      break;
    } catch (error) {
      if (codeOf(error) !== 'ENOENT' && codeOf(error) !== 'ENOTDIR') return { status: 'missing', creatable: false, blocker: `${dir}: ${codeOf(error) ?? (error as Error).message}` };
      if (dirname(dir) === dir) return { status: 'missing', creatable: false, blocker: null };
      dir = dirname(dir);
    }
  }
  try {
    fs.access(dir, constants.W_OK | constants.X_OK);
    return { status: 'missing', creatable: true, blocker: null };
  } catch (error) {
    return { status: 'missing', creatable: false, blocker: `${dir} is not writable (${codeOf(error) ?? 'denied'})` };
  }
}

function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}
