import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync, constants } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { errnoPoint, faultPoint } from '../../jobs/fault-points.js';

/** Temporary names start with a dot and end in .tmp, so every inbox scanner ignores them. */
export function temporaryNameFor(finalPath: string): string {
  return join(dirname(finalPath), `.${basename(finalPath)}.${process.pid}.tmp`);
}

export function isTemporaryName(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.tmp');
}

/**
 * temp → write → fsync → rename → fsync(dir): after a crash either the old state or the whole
 * new file is visible, never a part of it. A same-named file is replaced whole (a replay).
 */
export function writeFileAtomic(finalPath: string, content: Buffer | string): void {
  const temp = temporaryNameFor(finalPath);
  // Where a read-only or full folder first shows (EACCES, ENOSPC); the proof suite injects both here.
  errnoPoint('W0-temp-open', finalPath);
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 0o640);
  try {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    faultPoint('W1-temp-written', finalPath);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    try { unlinkSync(temp); } catch { /* already gone */ }
    throw error;
  }
  closeSync(fd);
  faultPoint('W2-temp-synced');
  renameSync(temp, finalPath);
  faultPoint('W3-renamed');
  fsyncDirectory(dirname(finalPath));
}

export function fsyncDirectory(dir: string): void {
  const fd = openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY);
  try { fsyncSync(fd); } finally { closeSync(fd); }
}
