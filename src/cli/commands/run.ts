import type { Config } from '../../config/types.js';
import { systemClock } from '../../daemon/clock.js';
import { acquireInstanceLock } from '../../daemon/instance-lock.js';
import { createLogger } from '../../daemon/logger.js';
import { Bridge } from '../../daemon/main.js';
import { recordStart, reloadFromFile } from '../../daemon/reload.js';
import { RunLoop } from '../../daemon/run-loop.js';
import { installSignalHandlers } from '../../daemon/signals.js';
import { EXIT } from '../context.js';

/** `run --once`: one full cycle, waiting for young files to become stable, then exit (SPEC §11). */
export async function runOnce(config: Config): Promise<number> {
  const log = createLogger(config.log.level, config.log.file);
  const lock = acquireInstanceLock(config.data_dir);
  let bridge: Bridge;
  try {
    bridge = new Bridge(config, systemClock(), log);
  } catch (error) {
    // E.g. a full disk refusing the ledger: the lock must not outlive this process (found by disk-full.proof.ts).
    lock.release();
    throw error;
  }
  try {
    await bridge.recover();
    let report = await bridge.cycle({ forceRetry: true });
    const failures = [...report.failures];
    // A file written a moment ago is not stable yet; wait for it rather than leave it behind.
    for (let round = 0; round < 5 && report.files.nextCheckMs !== null; round += 1) {
      await new Promise((r) => setTimeout(r, Math.ceil(report.files.nextCheckMs as number) + 20));
      report = await bridge.cycle();
      failures.push(...report.failures);
    }
    // Then every enabled snapshot once, from the feeds and orders just taken (SPEC §11).
    failures.push(...(await bridge.runSnapshots()));
    for (const f of failures) log.error('run --once: a step failed', { partner: f.partner, what: f.what, error: f.error });
    return failures.length > 0 ? EXIT.FAILED : EXIT.OK;
  } finally {
    await bridge.close();
    lock.release();
  }
}

/** `run`: the daemon, until SIGTERM/SIGINT (finish the file in hand, exit 0). */
export async function runDaemon(config: Config): Promise<number> {
  const log = createLogger(config.log.level, config.log.file);
  const lock = acquireInstanceLock(config.data_dir);
  const clock = systemClock();
  // SIGHUP builds a fresh bridge from the new config; the logger and the lock stay (same data_dir).
  const loop = new RunLoop(new Bridge(config, clock, log), log, (next) => new Bridge(next, clock, log));
  // Signals, the 30 s stop watchdog and the fatal-error exit: daemon/signals.ts.
  installSignalHandlers(process, {
    stop: () => loop.stop(),
    reload: async () => { await reloadFromFile(loop, config.file, log); },
    releaseLock: () => lock.release(),
  }, log);
  recordStart(loop.current);
  await loop.start();
  await loop.done;
  lock.release();
  return EXIT.OK;
}
