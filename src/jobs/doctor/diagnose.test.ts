import { describe, expect, it } from 'vitest';
import { diagnose, type DoctorInputs } from './diagnose.js';
import { doctorExitCode, finding, shown, sortFindings, summarize, csvCell } from './finding.js';

const inputs = (over: Partial<DoctorInputs> = {}): DoctorInputs => ({
  now: new Date('2026-11-22T18:15:00Z'), configFile: '/etc/f.yaml', dataDir: '/var/lib/fcp-bridge', retryMaxDays: 15,
  mappingProblems: [], channels: [], secretFiles: [], secretEnvs: [], currentConfigSha: 'a', daemonPid: null,
  partners: [], shipMethods: new Map(), needFeeds: { inventory: false, shipments: false }, ledger: null, channelOf: (t) => t, ...over,
});

describe('diagnose', () => {
  it('says what it could not check when there is no ledger yet, and exits 0 on a clean set-up', () => {
    const f = diagnose(inputs());
    expect(f.filter((x) => x.severity !== 'info')).toEqual([]);
    expect(f.map((x) => x.check)).toEqual(expect.arrayContaining(['daemon', 'import_errors', 'quarantine', 'outputs', 'feeds']));
    expect(doctorExitCode(f)).toBe(0);
  });

  it('exits 1 as soon as one finding is an error, and orders findings by checklist then severity', () => {
    const f = diagnose(inputs({
      mappingProblems: [{ file: '/m/items.csv', line: 2, message: "active 'maybe' is not yes or no" }],
      partners: [{ partner: 'acme', itemsFile: '/m/items.csv', items: [], duplicates: [{ sku: 'X', lines: [2, 3] }], skusFile: null, skuRows: [] }],
    }));
    expect(doctorExitCode(f)).toBe(1);
    expect(f.filter((x) => x.severity === 'error').map((x) => x.check)).toEqual(['mappings', 'duplicate_skus']);
    expect(f.map((x) => x.check).indexOf('mappings')).toBeLessThan(f.map((x) => x.check).indexOf('duplicate_skus'));
    expect(summarize(f)).toMatchObject({ errors: 2, warnings: 0 });
  });
});

describe('finding helpers', () => {
  it('sort by checklist order, then severity, stable within', () => {
    const s = sortFindings([finding('info', 'quarantine', null, 'a', null), finding('warning', 'config', null, 'b', null), finding('error', 'quarantine', null, 'c', null)]);
    expect(s.map((x) => x.what)).toEqual(['b', 'c', 'a']);
  });
  it('show partner text with invisible characters made visible, and quote CSV cells that need it', () => {
    expect(shown('A\u00A0B\u200B\n')).toBe("'A<U+00A0>B<U+200B><U+000A>'");
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('#1 Ship')).toBe('"#1 Ship"');
    expect(csvCell('Air', true)).toBe('"Air"');
  });
});
