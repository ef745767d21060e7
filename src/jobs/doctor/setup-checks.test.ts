import { describe, expect, it } from 'vitest';
import { channelFindings, configFindings, daemonFindings, mappingFindings, secretFindings, type ChannelProbe } from './setup-checks.js';

describe('configFindings and mappingFindings', () => {
  it('turn every problem into an error with file:line(:col) and how to check again', () => {
    const c = configFindings([{ file: '/etc/f.yaml', line: 4, column: 3, path: 'fcp.orders', message: 'unknown key "x"' }]);
    expect(c[0]).toMatchObject({ severity: 'error', check: 'config', what: '/etc/f.yaml:4:3 fcp.orders: unknown key "x"' });
    expect(c[0]?.fix).toContain('edit /etc/f.yaml:4:3 (fcp.orders)');
    const m = mappingFindings([{ file: '/m/ship.csv', line: 3, message: "fcp_code 'NOPE' is not in the FCP ship codes" }], { at: '2026-11-22T10:00:00Z' });
    expect(m[0]).toMatchObject({ severity: 'error', what: "/m/ship.csv:3: fcp_code 'NOPE' is not in the FCP ship codes" });
    expect(m[1]).toMatchObject({ severity: 'info' });
    expect(m[1]?.what).toContain('refused a mapping edit at 2026-11-22T10:00:00Z');
    expect(mappingFindings([], { at: 'T' })).toEqual([]);
  });
});

describe('channelFindings', () => {
  const probe = (result: ChannelProbe['result']): ChannelProbe => ({
    partner: 'acme', role: 'orders inbox', configPath: 'partners[0].orders.channel', label: 'local:/in/acme', folder: '/in/acme', result,
  });
  it('maps each probe outcome to a severity and a concrete fix', () => {
    const f = channelFindings([
      probe({ status: 'ok' }),
      probe({ status: 'missing', creatable: true, blocker: null }),
      probe({ status: 'missing', creatable: false, blocker: '/in is a file, not a folder' }),
      probe({ status: 'not-a-folder' }),
      probe({ status: 'not-writable', error: 'EACCES for uid 999' }),
      probe({ status: 'unreachable', error: 'connection refused by h:22' }),
      probe({ status: 'not-checked', reason: 'no probe' }),
    ], '/etc/f.yaml');
    expect(f.map((x) => x.severity)).toEqual(['warning', 'error', 'error', 'error', 'error', 'info']);
    expect(f[0]?.fix).toContain('mkdir -p /in/acme && chown fcp-bridge:fcp-bridge /in/acme');
    expect(f[1]?.what).toContain('(/in is a file, not a folder)');
    expect(f[2]?.what).toContain('is a file, not a folder');
    expect(f[3]?.what).toContain('EACCES for uid 999');
    expect(f[3]?.fix).toBe('give the service user write access: chown fcp-bridge /in/acme && chmod u+rwx /in/acme (and check the mount is not read-only)');
    expect(f[4]?.fix).toContain('partners[0].orders.channel in /etc/f.yaml');
  });
});

describe('secretFindings', () => {
  it('refuses a group/other-readable private key with the chmod to run; warns for password files; never shows contents', () => {
    const f = secretFindings([
      { partner: 'acme', configPath: 'p.k', kind: 'private_key_file', file: '/k/acme', mode: 0o644, error: null },
      { partner: 'acme', configPath: 'p.p', kind: 'password_file', file: '/k/pw', mode: 0o640, error: null },
      { partner: 'acme', configPath: 'p.q', kind: 'password_file', file: '/k/ok', mode: 0o600, error: null },
      { partner: 'acme', configPath: 'p.r', kind: 'passphrase_file', file: '/k/gone', mode: null, error: 'ENOENT' },
    ], [{ partner: 'acme', configPath: 'p.e', kind: 'password_env', name: 'ACME_PW', setHere: false }]);
    expect(f.map((x) => [x.severity, x.fix?.slice(0, 14)])).toEqual([
      ['error', 'chmod 600 /k/a'], ['warning', 'chmod 600 /k/p'], ['error', 'make it readab'], ['info', 'the service mu'],
    ]);
    expect(f[0]?.what).toContain('mode 0644');
  });
});

describe('daemonFindings', () => {
  const state = { version: 3, loadedAt: 'T0', sha256: 'aaa', lastReload: { at: 'T1', ok: false, problems: ['/etc/f.yaml:5:1 x: bad'] } };
  it('reports a refused reload: error while the file is still bad, warning once it is valid again', () => {
    expect(daemonFindings(state, { sha256: 'bbb', valid: false }, 42, '/var')[0]).toMatchObject({ severity: 'error' });
    const ok = daemonFindings(state, { sha256: 'bbb', valid: true }, 42, '/var')[0];
    expect(ok?.severity).toBe('warning');
    expect(ok?.what).toContain('config v3 (loaded T0) is active: the reload at T1 was refused (/etc/f.yaml:5:1 x: bad)');
    expect(ok?.fix).toContain('kill -HUP 42');
  });
  it('notices a file edited but not reloaded, and says when no daemon runs', () => {
    expect(daemonFindings({ ...state, lastReload: null }, { sha256: 'bbb', valid: true }, 42, '/var')[0]?.what).toContain('changed since the daemon (pid 42) loaded it as v3');
    expect(daemonFindings({ ...state, lastReload: null }, { sha256: 'aaa', valid: true }, 42, '/var')).toEqual([]);
    expect(daemonFindings(null, { sha256: 'a', valid: true }, null, '/var')[0]).toMatchObject({ severity: 'info', what: 'no daemon is running on /var' });
  });
});
