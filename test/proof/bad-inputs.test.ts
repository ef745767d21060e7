/**
 * The bad-input suite (research §3, scoreboard row 3): every table of test/fixtures/bad-inputs
 * through the real CLI, one workspace and one `run --once` per format with every file dropped at
 * once. Proves: 0 crashes, every bad file refused with its expected code at the expected level
 * (quarantined with a reason file, or IMPORT ERROR, or an X12 rejection), every good twin accepted,
 * nothing left in the inboxes, and a sound ledger afterwards.
 */
import { dirname, join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ACME_SHIP_METHODS, acmeConfig, makeWorkspace, type Workspace } from '../e2e/harness.js';
import { caseNames, type BadInputCase } from '../fixtures/bad-inputs/case.js';
import { CSV_CASES, CSV_MAX_BYTES } from '../fixtures/bad-inputs/csv.js';
import { FEED_CASES } from '../fixtures/bad-inputs/feeds.js';
import { GOOD_MAPPINGS, MAPPING_CASES, type MappingKind } from '../fixtures/bad-inputs/mappings.js';
import { XML_CASES, XML_MAX_BYTES } from '../fixtures/bad-inputs/xml.js';
import { X12_CASES } from '../fixtures/bad-inputs/x12.js';
import { dropCorpus, judgeCase, logRecords, readLedger, type CaseVerdict } from './bad-input-oracle.js';
import { recordProofResult } from './proof-results.js';

let workspaces: Workspace[] = [];
afterEach(() => {
  for (const ws of workspaces) ws.cleanup();
  workspaces = [];
});

interface FormatResult { format: string; files: number; refused_as_expected: number; twins_accepted: number; crashes: number; failures: CaseVerdict[] }
const results: FormatResult[] = [];
afterAll(() => {
  const total = (k: 'files' | 'refused_as_expected' | 'twins_accepted' | 'crashes'): number => results.reduce((n, r) => n + r[k], 0);
  recordProofResult('bad-inputs', { files: total('files'), refused_as_expected: total('refused_as_expected'), twins_accepted: total('twins_accepted'), crashes: total('crashes'), formats: results });
});

function workspace(config: string): Workspace {
  const ws = makeWorkspace(config);
  workspaces.push(ws);
  return ws;
}

const withLimit = (config: string, bytes: number): string => `limits: { max_file_bytes: ${bytes} }\n${config}`;

/** Drops the table, runs `run --once` once, and judges every case. */
function runCorpus(format: string, ws: Workspace, inboxes: Record<string, string>, cases: readonly BadInputCase[], twinOrdersAccepted: boolean): void {
  caseNames(cases);
  for (const [source, inbox] of Object.entries(inboxes)) {
    dropCorpus(ws, inbox, cases.filter((c) => sourceOf(c, inboxes) === source));
  }
  const run = ws.cli(['run', '--once']);
  const crashed = run.signal !== null || run.status !== 0 || run.stderr !== '';
  const ledger = readLedger(ws);
  const logs = logRecords(run.stdout);
  const verdicts = cases.map((c) => judgeCase(ws, c, ledger, logs, sourceOf(c, inboxes), twinOrdersAccepted));
  const failures = verdicts.filter((v) => !v.badOk || !v.twinOk);
  results.push({
    format, files: cases.length, crashes: crashed ? 1 : 0, failures,
    refused_as_expected: verdicts.filter((v) => v.badOk).length, twins_accepted: verdicts.filter((v) => v.twinOk).length,
  });
  expect({ status: run.status, signal: run.signal, stderr: run.stderr }).toEqual({ status: 0, signal: null, stderr: '' });
  expect(failures).toEqual([]);
  // Nothing is left behind in an inbox, nothing read twice, and the ledger is sound.
  const folders = new Set(cases.map((c) => dirname(join(inboxes[sourceOf(c, inboxes)] as string, c.name))));
  for (const folder of folders) expect(ws.list(folder)).toEqual([]);
  expect(ledger.files).toHaveLength(cases.length * 2);
  expect(ledger.integrity).toBe('ok');
  expect(ws.cli(['status', '--json']).status).toBe(0);
}

/** Feed cases are named `inventory/…` or `shipments/…`; every other table has one inbox. */
function sourceOf(c: BadInputCase, inboxes: Record<string, string>): string {
  const keys = Object.keys(inboxes);
  if (keys.length === 1) return keys[0] as string;
  return c.name.startsWith('inventory/') ? 'inventory-feed' : 'shipments-feed';
}

describe('bad-input corpus through the real CLI: every bad file refused with its code, every twin accepted', () => {
  it(`CSV orders: ${CSV_CASES.length} bad files and their twins`, () => {
    const ws = workspace(withLimit(acmeConfig({ stableSecs: 0 }), CSV_MAX_BYTES));
    runCorpus('csv', ws, { orders: 'inbox/acme' }, CSV_CASES, true);
  });

  it(`XML orders: ${XML_CASES.length} bad files of test/fixtures/xml and their twins`, () => {
    const ws = workspace(withLimit(acmeConfig({ stableSecs: 0 }).replace('format: csv', 'format: xml'), XML_MAX_BYTES));
    runCorpus('xml', ws, { orders: 'inbox/acme' }, XML_CASES, false);
  });

  it(`X12 850: ${X12_CASES.length} bad files (quarantine, interchange, group, set and order level) and their twins`, () => {
    const x12 = '    x12: { our_qualifier: ZZ, our_id: EFSBRIDGE, partner_qualifier: ZZ, partner_id: ACMEEDI, ack_channel: { type: local, path: outbox/acme } }\n';
    const ws = workspace(acmeConfig({ stableSecs: 0, extraPartnerYaml: x12 }).replace('format: csv', 'format: x12'));
    ws.write('mappings/acme/ship-methods.csv', `${ACME_SHIP_METHODS}UPSN,UPSGRD\n`);
    runCorpus('x12', ws, { orders: 'inbox/acme' }, X12_CASES, true);
  });

  it(`FCP feeds: ${FEED_CASES.length} bad inventory and shipment exports and their twins`, () => {
    const feeds = '  inventory: { channel: { type: local, path: inbox/fcp/inventory, stable_secs: 0 } }\n  shipments: { channel: { type: local, path: inbox/fcp/shipments, stable_secs: 0 } }\npartners:';
    const ws = workspace(acmeConfig({ stableSecs: 0 }).replace('partners:', feeds));
    runCorpus('fcp-feeds', ws, { 'inventory-feed': 'inbox/fcp', 'shipments-feed': 'inbox/fcp' }, FEED_CASES, false);
  });

  it(`mapping files: ${MAPPING_CASES.length} bad items/skus/ship-methods files, each named with its line by validate (exit 2); the twins validate`, () => {
    caseNames(MAPPING_CASES);
    const files = (pick: (c: BadInputCase) => string | Buffer): Workspace => {
      const partners = MAPPING_CASES.map((c, i) => {
        const kind = c.name.split('/')[0] as MappingKind;
        const path = (k: MappingKind): string => (k === kind ? `mappings/m${i}/${c.name}` : `mappings/m${i}/${k}.csv`);
        return { id: `m${i}`, kind, path, content: pick(c) };
      });
      const yaml = partners.map((p) => `  - id: ${p.id}\n    mappings: { items: ${p.path('items')}, skus: ${p.path('skus')}, ship_methods: ${p.path('ship-methods')} }\n`).join('');
      const ws = workspace(acmeConfig().replace(/partners:[\s\S]*$/, `partners:\n${yaml}`));
      for (const p of partners) {
        for (const k of ['items', 'skus', 'ship-methods'] as const) ws.write(p.path(k), k === p.kind ? p.content : GOOD_MAPPINGS[k]);
      }
      return ws;
    };
    const bad = files((c) => c.bad);
    const run = bad.cli(['validate']);
    const verdicts: CaseVerdict[] = MAPPING_CASES.map((c, i) => {
      const want = c.expect as Extract<BadInputCase['expect'], { level: 'mapping' }>;
      const line = run.stdout.split('\n').find((l) => l.includes(`mappings/m${i}/${c.name}:`)) ?? '';
      const badOk = line.includes(`${c.name}:${want.line}: `) && line.includes(want.text);
      return { name: c.name, expected: `line ${want.line}: ${want.text}`, got: line === '' ? 'not reported' : line.slice(line.indexOf(c.name)), badOk, twinOk: true, twinGot: '' };
    });
    const twins = files((c) => c.twin).cli(['validate']);
    const failures = verdicts.filter((v) => !v.badOk);
    results.push({
      format: 'mappings', files: MAPPING_CASES.length, crashes: run.stderr === '' && twins.stderr === '' ? 0 : 1, failures,
      refused_as_expected: verdicts.length - failures.length, twins_accepted: twins.status === 0 ? MAPPING_CASES.length : 0,
    });
    expect(run.status).toBe(2);
    expect(failures).toEqual([]);
    expect(run.stdout).toContain(`${MAPPING_CASES.length} problem(s) in mapping files`);
    expect({ status: twins.status, stdout: twins.stdout }).toMatchObject({ status: 0, stdout: expect.stringContaining('ok:') });
  });

  it('has at least 120 bad files over all formats', () => {
    expect(CSV_CASES.length + XML_CASES.length + X12_CASES.length + FEED_CASES.length + MAPPING_CASES.length).toBeGreaterThanOrEqual(120);
  });
});
