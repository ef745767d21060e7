import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, FIXED_NOW, makeWorkspace, ORDER_HEADER, orderRow, REPO, type Workspace } from './harness.js';

let ws: Workspace | undefined;
let tmp: string | undefined;
afterEach(() => {
  ws?.cleanup();
  ws = undefined;
  if (tmp !== undefined) rmSync(tmp, { recursive: true, force: true });
  tmp = undefined;
});

interface DoctorJson {
  ok: boolean;
  summary: { errors: number; warnings: number; infos: number };
  findings: { severity: string; check: string; partner: string | null; what: string; fix: string | null }[];
}

describe('fcp-bridge doctor', () => {
  it('finds every problem of a deliberately broken set-up, each with its fix, and exits 1', () => {
    ws = makeWorkspace();
    // Duplicate SKU (lines 2 and 4) and `sku-1` here vs `SKU-1` in skus.csv.
    ws.write('mappings/acme/items.csv', 'sku,name,active,inventory\nWIDGET,Widget,yes,yes\nsku-1,Thing,yes,yes\nWIDGET,Widget again,yes,yes\n');
    ws.write('mappings/acme/skus.csv', 'partner_sku,fcp_sku,quantity\nGIFTSET,101BC,1\nGIFTSET,102NR/B,2\nSKU-1,103XY,1\n');
    // Three orders with a ship method nobody mapped, and a file that is quarantined.
    ws.write('inbox/acme/rocket.csv', `${ORDER_HEADER}\n${['R1', 'R2', 'R3'].map((n) => orderRow(n, { ship: 'Overnight Rocket' })).join('\n')}\n`);
    ws.write('inbox/acme/ragged.csv', `${ORDER_HEADER}\n${orderRow('Q1')},extra\n`);
    expect(ws.cli(['run', '--once']).status).toBe(0);
    // Then the FCP outbox becomes unusable: a file stands where its parent folder should be.
    rmSync(join(ws.dir, 'outbox'), { recursive: true, force: true });
    ws.write('outbox/fcp', 'not a folder');

    const r = ws.cli(['doctor', '--json']);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as DoctorJson;
    expect(report.ok).toBe(false);
    const find = (check: string, text: string) => report.findings.find((f) => f.check === check && f.what.includes(text));

    const dup = find('duplicate_skus', "'WIDGET'");
    expect(dup).toMatchObject({ severity: 'error', partner: 'acme' });
    expect(dup?.what).toContain('items.csv:2, ');
    expect(dup?.what).toContain('items.csv:4');
    expect(dup?.fix).toMatch(/delete .*items\.csv:4/);

    const similar = find('similar_skus', "'sku-1'");
    expect(similar?.what).toContain("'SKU-1' at ");
    expect(similar?.what).toContain('differ only by case');
    expect(similar?.fix).toMatch(/change .*items\.csv:3 'sku-1' to 'SKU-1'/);

    const ship = find('ship_methods', "'Overnight Rocket'");
    expect(ship).toMatchObject({ severity: 'error', partner: 'acme' });
    expect(ship?.what).toContain('3 orders in IMPORT ERROR with SHIP_METHOD_NOT_MAPPED');
    expect(ship?.fix).toContain(`add this row to ${join(ws.dir, 'mappings/acme/ship-methods.csv')}:  "Overnight Rocket",<FCP code>`);
    expect(ship?.fix).toContain('*,<FCP code>');
    expect(find('import_errors', '3 orders with SHIP_METHOD_NOT_MAPPED')?.severity).toBe('error');

    const outbox = find('channels', 'FCP orders outbox');
    expect(outbox).toMatchObject({ severity: 'error', partner: null });
    expect(outbox?.what).toContain(`cannot be created (${join(ws.dir, 'outbox/fcp')} is a file, not a folder)`);
    expect(outbox?.fix).toContain(`mkdir -p ${join(ws.dir, 'outbox/fcp/orders')}`);

    const quarantined = find('quarantine', "'ragged.csv'");
    expect(quarantined?.what).toContain('CSV_RAGGED_ROW');
    expect(quarantined?.what).toContain(join(ws.dir, 'var/quarantine/acme/'));
    expect(quarantined?.fix).toContain('.reason.txt');

    // The same findings for people: grouped under their checks, each with its fix line.
    const human = ws.cli(['doctor']);
    expect(human.status).toBe(1);
    for (const heading of ['Duplicate SKUs in items.csv', 'Ship methods that failed', 'Quarantined files', 'Channels (inboxes and outboxes)']) expect(human.stdout).toContain(`\n${heading}\n`);
    expect(human.stdout).toContain('fix: add this row to');
    expect(human.stdout).toMatch(/\d+ error\(s\), \d+ warning\(s\), \d+ info — exit 1\n$/);
    // `doctor P` keeps that partner's findings and the global ones.
    const other = JSON.parse(ws.cli(['doctor', 'acme', '--json']).stdout) as DoctorJson;
    expect(other.findings.every((f) => f.partner === null || f.partner === 'acme')).toBe(true);
    expect(ws.cli(['doctor', 'nobody']).status).toBe(2);
  });

  it('reports an invalid config file as findings with file:line:col, and exits 1', () => {
    ws = makeWorkspace();
    writeFileSync(ws.config, `${ws.read('fcp-bridge.yaml')}  - id: acme\n    surprise: yes\n`);
    const r = ws.cli(['doctor', '--json']);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as DoctorJson;
    expect(report.findings.every((f) => f.check === 'config' && f.severity === 'error')).toBe(true);
    expect(report.findings[0]?.what).toMatch(new RegExp(`^${ws.config.replace(/[.]/g, '\\.')}:\\d+:\\d+ `));
  });

  it('passes the healthy shipped demo config (config/ + mappings/ copied) with exit 0', () => {
    tmp = mkdtempSync(join(tmpdir(), 'fcp-bridge-demo-'));
    cpSync(join(REPO, 'config'), join(tmp, 'config'), { recursive: true });
    cpSync(join(REPO, 'mappings'), join(tmp, 'mappings'), { recursive: true });
    const r = spawnSync(process.execPath, [CLI, 'doctor', '--json', '--config', join(tmp, 'config/fcp-bridge.yaml')], {
      cwd: tmp, encoding: 'utf8', env: { ...process.env, FCP_BRIDGE_NOW: FIXED_NOW }, timeout: 60_000,
    });
    const report = JSON.parse(r.stdout) as DoctorJson;
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.status).toBe(0);
    expect(report.ok).toBe(true);
  });
});
