import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Log } from '../jobs/ports.js';
import { installSignalHandlers, STOP_TIMEOUT_MS, type ProcessLike } from './signals.js';

function fakeProcess(): ProcessLike & EventEmitter & { exits: number[] } {
  const e = new EventEmitter() as EventEmitter & { exits: number[]; exit(code: number): void };
  e.exits = [];
  e.exit = (code: number) => { e.exits.push(code); };
  return e as unknown as ProcessLike & EventEmitter & { exits: number[] };
}

function recordingLog(): Log & { lines: { level: string; msg: string; fields?: Record<string, unknown> }[] } {
  const lines: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) => { lines.push({ level, msg, fields }); };
  return { lines, error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

beforeEach(() => { vi.useFakeTimers(); });
afterEach(() => { vi.useRealTimers(); });

describe('installSignalHandlers', () => {
  it('SIGTERM stops the loop and disarms the watchdog once it is done: no forced exit', async () => {
    const proc = fakeProcess();
    const log = recordingLog();
    const stop = vi.fn(async () => {});
    installSignalHandlers(proc, { stop, reload: async () => {}, releaseLock: vi.fn() }, log);
    proc.emit('SIGTERM');
    expect(stop).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(STOP_TIMEOUT_MS + 1000);
    expect(proc.exits).toEqual([]);
    expect(log.lines.map((l) => l.msg)).toEqual(['stop requested: finishing the file in hand']);
  });

  it('a drain that hangs for 30 s exits 1 with a log line and releases the lock', async () => {
    const proc = fakeProcess();
    const log = recordingLog();
    const releaseLock = vi.fn();
    installSignalHandlers(proc, { stop: () => new Promise(() => {}), reload: async () => {}, releaseLock }, log);
    proc.emit('SIGINT');
    await vi.advanceTimersByTimeAsync(STOP_TIMEOUT_MS - 1);
    expect(proc.exits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(proc.exits).toEqual([1]);
    expect(releaseLock).toHaveBeenCalled();
    expect(log.lines.at(-1)).toMatchObject({ level: 'error', msg: 'shutdown did not finish in time: exiting without waiting any longer', fields: { timeout_secs: 30 } });
  });

  it('a second stop signal exits at once', () => {
    const proc = fakeProcess();
    installSignalHandlers(proc, { stop: () => new Promise(() => {}), reload: async () => {}, releaseLock: () => {} }, recordingLog());
    proc.emit('SIGTERM');
    proc.emit('SIGTERM');
    expect(proc.exits).toEqual([1]);
  });

  it('SIGHUPs reload one after another, a failing reload is logged, and SIGHUP is ignored while stopping', async () => {
    const proc = fakeProcess();
    const log = recordingLog();
    const order: string[] = [];
    let calls = 0;
    const reload = vi.fn(async () => {
      calls += 1;
      const n = calls;
      order.push(`start ${n}`);
      await new Promise((r) => setTimeout(r, 100));
      order.push(`end ${n}`);
      if (n === 1) throw new Error('boom');
    });
    installSignalHandlers(proc, { stop: () => new Promise(() => {}), reload, releaseLock: () => {} }, log);
    proc.emit('SIGHUP');
    proc.emit('SIGHUP');
    await vi.advanceTimersByTimeAsync(250);
    expect(order).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
    expect(log.lines.some((l) => l.level === 'error' && l.fields?.error === 'boom')).toBe(true);
    proc.emit('SIGTERM');
    proc.emit('SIGHUP');
    await vi.advanceTimersByTimeAsync(250);
    expect(reload).toHaveBeenCalledTimes(2);
  });

  it('an uncaught error or unhandled rejection is logged and exits 1 (systemd restarts the daemon)', () => {
    const proc = fakeProcess();
    const log = recordingLog();
    installSignalHandlers(proc, { stop: async () => {}, reload: async () => {}, releaseLock: () => {} }, log);
    proc.emit('uncaughtException', new Error('kaput'));
    proc.emit('unhandledRejection', 'not even an Error');
    expect(proc.exits).toEqual([1, 1]);
    expect(log.lines.map((l) => [l.level, l.fields?.error])).toEqual([['error', 'kaput'], ['error', 'not even an Error']]);
  });
});
