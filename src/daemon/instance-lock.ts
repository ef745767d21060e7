import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One `run` per data_dir: two daemons on one ledger would race on the inboxes. The lock file
 * holds the owner's pid; a lock whose pid is gone (kill -9, power loss) is taken over.
 * CLI commands do not take it: they work beside the daemon through SQLite's own locking.
 */
export function acquireInstanceLock(dataDir: string): { release(): void } {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'fcp-bridge.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(file, 'wx', 0o644);
      try {
        writeSync(fd, `${process.pid}\n`);
      } catch (error) {
        // A full disk: leave no empty lock file behind (found by test/proof/disk-full.proof.ts).
        closeSync(fd);
        unlinkSync(file);
        throw error;
      }
      closeSync(fd);
      return { release: () => { try { if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file); } catch { /* gone */ } } };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new Error(`another fcp-bridge (pid ${owner}) is already running on ${dataDir}; stop it first (lock: ${file})`);
      }
      unlinkSync(file);
    }
  }
  throw new Error(`could not take the lock ${file}`);
}

/** The pid of the daemon holding the lock of this data_dir, or null when none is running. */
export function lockOwner(dataDir: string): number | null {
  try {
    const owner = Number(readFileSync(join(dataDir, 'fcp-bridge.lock'), 'utf8').trim());
    return Number.isInteger(owner) && owner > 0 && isAlive(owner) ? owner : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
