import type { Config } from '../../config/types.js';
import { systemClock } from '../../daemon/clock.js';
import { acquireInstanceLock } from '../../daemon/instance-lock.js';
import { createLogger } from '../../daemon/logger.js';
import { Bridge } from '../../daemon/main.js';
import { RunLoop } from '../../daemon/run-loop.js';
import { EXIT } from '../context.js';

/** `run --once`: one full cycle, waiting for young files to become stable, then exit (SPEC §11). */
export async function runOnce(config: Config): Promise<number> {
  const log = createLogger(config.log.level, config.log.file);
  const lock = acquireInstanceLock(config.data_dir);
  const bridge = new Bridge(config, systemClock(), log);
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
  const loop = new RunLoop(new Bridge(config, systemClock(), log), log);
  let signals = 0;
  const onStop = (signal: string): void => {
    signals += 1;
    if (signals > 1) {
      log.warn('second stop signal: exiting at once', { signal });
      lock.release();
      process.exit(EXIT.FAILED);
    }
    log.info('stop requested: finishing the file in hand', { signal });
    void loop.stop();
  };
  process.on('SIGTERM', () => onStop('SIGTERM'));
  process.on('SIGINT', () => onStop('SIGINT'));
  process.on('SIGHUP', () => { log.info('SIGHUP: re-reading mapping files'); loop.request(); });
  const fatal = (error: unknown): void => {
    log.error('unexpected error: exiting so that systemd restarts the daemon', { error: (error as Error)?.message, stack: (error as Error)?.stack });
    lock.release();
    process.exit(EXIT.FAILED);
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
  await loop.start();
  await loop.done;
  lock.release();
  return EXIT.OK;
}
