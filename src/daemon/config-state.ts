import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Config } from '../config/types.js';
import type { Ledger } from '../ledger/ledger.js';

/**
 * Which config the daemon runs on, kept in the ledger's `state` table so that `status` and
 * `doctor` — other processes — can say "config v3 active; reload at T failed: file:line"
 * (reliability research §2.2 item 11). Written at start and at every SIGHUP.
 */
export interface ConfigState {
  /** Counts loads on this ledger: 1 at the first start, +1 at every start and applied reload. */
  version: number;
  file: string;
  loaded_at: string;
  /** SHA-256 of the file's bytes when loaded: `doctor` compares it with the file on disk. */
  sha256: string | null;
  pid: number;
  /** The last SIGHUP, applied or refused (null until the first one). */
  last_reload: { at: string; ok: boolean; sha256: string | null; problems: string[] } | null;
}

const KEY = 'daemon.config';

export function configFileSha256(file: string): string | null {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return null;
  }
}

export function readConfigState(ledger: Pick<Ledger, 'getState'>): ConfigState | null {
  const text = ledger.getState(KEY);
  if (text === undefined) return null;
  try {
    return JSON.parse(text) as ConfigState;
  } catch {
    return null;
  }
}

/** A config came into force: at start (`reload: false`) or by an applied SIGHUP. */
export function recordConfigLoaded(ledger: Pick<Ledger, 'getState' | 'setState'>, config: Config, at: string, sha256: string | null, reload: boolean): ConfigState {
  const before = readConfigState(ledger);
  const state: ConfigState = {
    version: (before?.version ?? 0) + 1,
    file: config.file,
    loaded_at: at,
    sha256,
    pid: process.pid,
    last_reload: reload ? { at, ok: true, sha256, problems: [] } : null,
  };
  ledger.setState(KEY, JSON.stringify(state));
  return state;
}

/** A SIGHUP was refused: the config in force stays, and so does its version. */
export function recordReloadRefused(ledger: Pick<Ledger, 'getState' | 'setState'>, at: string, sha256: string | null, problems: string[]): void {
  const before = readConfigState(ledger);
  if (before === null) return;
  ledger.setState(KEY, JSON.stringify({ ...before, last_reload: { at, ok: false, sha256, problems } } satisfies ConfigState));
}

/** One line for people: `config v3 active (loaded T); reload at T failed: file:line:col …`. */
export function describeConfigState(state: ConfigState | null): string {
  if (state === null) return 'no daemon has recorded its config on this ledger yet';
  const active = `config v${state.version} active (loaded ${state.loaded_at} by pid ${state.pid})`;
  const r = state.last_reload;
  if (r === null || r.ok) return r === null ? active : `${active}; last reload at ${r.at} applied`;
  const more = r.problems.length > 1 ? ` (+${r.problems.length - 1} more)` : '';
  return `${active}; reload at ${r.at} failed: ${r.problems[0] ?? 'unknown problem'}${more}`;
}
