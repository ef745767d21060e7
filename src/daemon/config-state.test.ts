import { describe, expect, it } from 'vitest';
import type { Config } from '../config/types.js';
import { describeConfigState, readConfigState, recordConfigLoaded, recordReloadRefused } from './config-state.js';

function memoryState(): { getState(k: string): string | undefined; setState(k: string, v: string): void } {
  const m = new Map<string, string>();
  return { getState: (k) => m.get(k), setState: (k, v) => { m.set(k, v); } };
}

describe('config state in the ledger', () => {
  it('counts versions across loads, keeps the version on a refused reload, and describes both', () => {
    const ledger = memoryState();
    const config = { file: '/etc/f.yaml' } as Config;
    expect(readConfigState(ledger)).toBeNull();
    expect(describeConfigState(null)).toContain('no daemon');
    recordConfigLoaded(ledger, config, 'T1', 'sha1', false);
    recordConfigLoaded(ledger, config, 'T2', 'sha2', true);
    recordReloadRefused(ledger, 'T3', 'sha3', ['/etc/f.yaml:7:3 partners[0].id: bad', 'second']);
    const state = readConfigState(ledger);
    expect(state).toMatchObject({ version: 2, loaded_at: 'T2', sha256: 'sha2', last_reload: { at: 'T3', ok: false, problems: ['/etc/f.yaml:7:3 partners[0].id: bad', 'second'] } });
    expect(describeConfigState(state)).toBe(`config v2 active (loaded T2 by pid ${process.pid}); reload at T3 failed: /etc/f.yaml:7:3 partners[0].id: bad (+1 more)`);
    recordConfigLoaded(ledger, config, 'T4', 'sha4', true);
    expect(describeConfigState(readConfigState(ledger))).toBe(`config v3 active (loaded T4 by pid ${process.pid}); last reload at T4 applied`);
  });
});
