import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfigFile } from '../config/read.js';
import type { Config } from '../config/types.js';
import type { Log } from '../jobs/ports.js';
import { readConfigState, recordConfigLoaded } from './config-state.js';
import type { Bridge } from './main.js';
import { reloadFromFile, reloadRefusals, restartOnlyChanges, type Reloadable } from './reload.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const CONFIG = (extra = '', dataDir = 'var') => `data_dir: ${dataDir}
fcp:
  merchant_id: "1"
  ship_codes: codes.csv
  orders: { format: fcp-csv, channel: { type: local, path: out } }
partners:
  - id: acme
    orders: { channel: { type: local, path: in/acme }, format: csv }
    mappings: { ship_methods: ship.csv }
${extra}`;

function setUp(): { file: string; loop: Reloadable & { reloaded: Config[] }; log: Log & { errors: unknown[] } } {
  dir = mkdtempSync(join(tmpdir(), 'fcp-reload-'));
  mkdirSync(join(dir, 'in'));
  writeFileSync(join(dir, 'codes.csv'), 'code,description,carrier\nUPSGRD,UPS Ground,UPS\n');
  writeFileSync(join(dir, 'ship.csv'), 'partner_method,fcp_code\nGround,UPSGRD\n');
  const file = join(dir, 'f.yaml');
  writeFileSync(file, CONFIG());
  const loaded = loadConfigFile(file);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const state = new Map<string, string>();
  const fakeBridge = (config: Config): Bridge => ({
    config, clock: { now: () => new Date('2026-11-22T18:15:00Z') },
    ledger: { getState: (k: string) => state.get(k), setState: (k: string, v: string) => { state.set(k, v); } },
  }) as unknown as Bridge;
  let current = fakeBridge(loaded.config);
  recordConfigLoaded(current.ledger, loaded.config, 'T0', 'sha', false);
  const reloaded: Config[] = [];
  const loop = {
    reloaded,
    get current() { return current; },
    reload: vi.fn(async (config: Config) => { reloaded.push(config); current = fakeBridge(config); return current; }),
  };
  const errors: unknown[] = [];
  const log = { errors, error: (_m: string, f?: unknown) => { errors.push(f); }, warn() {}, info() {}, debug() {} };
  return { file, loop, log };
}

describe('reloadFromFile (SIGHUP)', () => {
  it('refuses an invalid config with every problem as file:line:col, records it, and keeps the bridge', async () => {
    const { file, loop, log } = setUp();
    writeFileSync(file, `${CONFIG()}bogus: 1\n  bad indent: [\n`);
    const out = await reloadFromFile(loop, file, log);
    expect(out.ok).toBe(false);
    expect(loop.reloaded).toEqual([]);
    const state = readConfigState(loop.current.ledger);
    expect(state?.version).toBe(1);
    expect(state?.last_reload?.ok).toBe(false);
    expect(state?.last_reload?.problems[0]).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')}:\\d+:\\d+ `));
    expect(log.errors).toHaveLength(1);
  });

  it('refuses a moved data_dir and invalid mapping files', async () => {
    const { file, loop, log } = setUp();
    writeFileSync(file, CONFIG('', 'elsewhere'));
    const moved = await reloadFromFile(loop, file, log);
    expect(moved.ok ? [] : moved.problems[0]).toContain('data_dir changed');
    writeFileSync(file, CONFIG());
    writeFileSync(join(dir, 'ship.csv'), 'partner_method,fcp_code\nAir,NOPE\n');
    const badMapping = await reloadFromFile(loop, file, log);
    expect(badMapping.ok ? [] : badMapping.problems).toEqual([`${join(dir, 'ship.csv')}:2: fcp_code 'NOPE' for partner_method 'Air' is not in the FCP ship codes`]);
    expect(loop.reloaded).toEqual([]);
  });

  it('puts a valid change in force and records the new version; a failing swap is refused', async () => {
    const { file, loop, log } = setUp();
    writeFileSync(file, CONFIG(`  - id: beta\n    orders: { channel: { type: local, path: in/beta }, format: csv }\n`));
    expect(await reloadFromFile(loop, file, log)).toEqual({ ok: true, version: 2 });
    expect(loop.current.config.partners.map((p) => p.id)).toEqual(['acme', 'beta']);
    expect(readConfigState(loop.current.ledger)?.last_reload).toMatchObject({ ok: true, problems: [] });
    (loop.reload as ReturnType<typeof vi.fn>).mockRejectedValueOnce(new Error('cannot open channel'));
    const failed = await reloadFromFile(loop, file, log);
    expect(failed).toEqual({ ok: false, problems: ['the new config could not be put in force: cannot open channel'] });
  });
});

describe('reload rules', () => {
  it('names data_dir moves and restart-only settings', () => {
    const a = { file: 'f', data_dir: '/a', log: { level: 'info', file: null } } as unknown as Config;
    expect(reloadRefusals(a, { ...a, data_dir: '/b' })).toHaveLength(1);
    expect(reloadRefusals(a, a)).toEqual([]);
    expect(restartOnlyChanges(a, { ...a, log: { level: 'debug', file: '/l' } })).toEqual(['log.level (info → debug)', 'log.file (none → /l)']);
  });
});
