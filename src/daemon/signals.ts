import type { Log } from '../jobs/ports.js';

/**
 * The daemon's process-level contract with systemd (SPEC §11, deploy/fcp-bridge.service):
 *   SIGTERM/SIGINT  finish the file in hand, stop schedules, close channels and the ledger, exit 0;
 *                   a watchdog exits 1 (with a log line) if that takes longer than 30 s, and a
 *                   second signal exits at once. systemd's TimeoutStopSec=35 kills after that.
 *   SIGHUP          reload config and mappings; reloads run one after another, never overlapping.
 *   an uncaught error or unhandled rejection: logged, then exit 1 so systemd restarts the daemon
 *                   (Restart=on-failure); the ledger makes the restart lose nothing.
 * The process is injected so every path is tested without sending real signals.
 */
export interface ProcessLike {
  on(event: 'SIGTERM' | 'SIGINT' | 'SIGHUP', listener: () => void): unknown;
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown;
  exit(code: number): never | void;
}

export interface DaemonControl {
  /** Resolves when the loop has drained and closed everything. */
  stop(): Promise<void>;
  reload(): Promise<void>;
  /** Called right before any forced exit, so a restart does not find a stale lock. */
  releaseLock(): void;
}

/** The watchdog's limit; below systemd's TimeoutStopSec=35 so our own log line says what hung. */
export const STOP_TIMEOUT_MS = 30_000;

export function installSignalHandlers(proc: ProcessLike, control: DaemonControl, log: Log, opts: { stopTimeoutMs?: number } = {}): void {
  const stopTimeoutMs = opts.stopTimeoutMs ?? STOP_TIMEOUT_MS;
  let stops = 0;
  const forceExit = (code: number): void => {
    control.releaseLock();
    proc.exit(code);
  };

  const onStop = (signal: string): void => {
    stops += 1;
    if (stops > 1) {
      log.warn('second stop signal: exiting at once', { signal });
      forceExit(1);
      return;
    }
    log.info('stop requested: finishing the file in hand', { signal });
    // A hang in an async step (a stalled SFTP close) must not outlive systemd's patience
    // silently; unref'd so it never keeps a finished process alive.
    const watchdog = setTimeout(() => {
      log.error('shutdown did not finish in time: exiting without waiting any longer', { signal, timeout_secs: stopTimeoutMs / 1000 });
      forceExit(1);
    }, stopTimeoutMs);
    watchdog.unref();
    control.stop().then(
      () => clearTimeout(watchdog),
      (error: unknown) => {
        log.error('shutdown failed', { error: (error as Error)?.message, stack: (error as Error)?.stack });
        forceExit(1);
      },
    );
  };
  proc.on('SIGTERM', () => onStop('SIGTERM'));
  proc.on('SIGINT', () => onStop('SIGINT'));

  let reloads: Promise<void> = Promise.resolve();
  proc.on('SIGHUP', () => {
    if (stops > 0) {
      log.warn('SIGHUP ignored: the daemon is stopping');
      return;
    }
    log.info('SIGHUP: reloading the config and mapping files');
    reloads = reloads.then(() => control.reload()).catch((error: unknown) => {
      log.error('reload failed unexpectedly; the running config stays in force', { error: (error as Error)?.message, stack: (error as Error)?.stack });
    });
  });

  const fatal = (error: unknown): void => {
    log.error('unexpected error: exiting so that systemd restarts the daemon', { error: (error as Error)?.message ?? String(error), stack: (error as Error)?.stack });
    forceExit(1);
  };
  proc.on('uncaughtException', fatal);
  proc.on('unhandledRejection', fatal);
}
