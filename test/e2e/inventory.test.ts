import Database from 'better-sqlite3';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configHead, makeWorkspace, ORDER_HEADER, orderRow, ordersJson, type Workspace } from './harness.js';

let ws: Workspace;
afterEach(() => ws?.cleanup());

const FEED_HEADER = 'sku,warehouse,good,hurt,allocated,as_of';

/** FCP feed inbox + one or more partners with an inventory section; `acme` also takes CSV orders. */
function inventoryConfig(partners: string): string {
  return `${configHead({ logLevel: 'info', inventoryFeed: true })}${partners}`;
}

function partnerYaml(id: string, inventory: string, opts: { orders?: boolean; skus?: boolean; x12?: boolean } = {}): string {
  return `  - id: ${id}
${opts.orders === true ? `    orders:
      channel: { type: local, path: inbox/${id}, poll_interval_secs: 1 }
      format: csv
      csv: { preset: standard }
` : ''}    mappings: { items: mappings/${id}/items.csv${opts.skus === false ? '' : `, skus: mappings/${id}/skus.csv`}, ship_methods: mappings/acme/ship-methods.csv }
    inventory: { schedule: "0 * * * *", channel: { type: local, path: outbox/${id} }, ${inventory} }
${opts.x12 === true ? `    x12: { our_qualifier: ZZ, our_id: EFSBRIDGE, partner_qualifier: ZZ, partner_id: ${id.toUpperCase()}, acknowledge: false }\n` : ''}`;
}

function csvRows(ws: Workspace, path: string): string[][] {
  return ws.read(path).split('\r\n').filter((l) => l !== '').map((l) => l.split(','));
}

/** A listing command's --json document (it must exit 0). */
function json<T = any>(ws: Workspace, args: string[], env: Record<string, string> = {}): T {
  const r = ws.cli([...args, '--json'], env);
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

describe('inventory: FCP feed → availability → partner snapshot', () => {
  it('must-show 1: Good only, orders sent after as_of subtracted, bundle limited by B, minimum level 3', () => {
    ws = makeWorkspace(inventoryConfig(partnerYaml('acme', 'format: csv, minimum_level: 3', { orders: true })));
    ws.write('mappings/acme/items.csv', 'sku,name,active,inventory\nA,Apple,yes,yes\nB,Banana,yes,yes\nX,Gift box,yes,yes\nC,Cherry,yes,yes\n');
    ws.write('mappings/acme/skus.csv', 'partner_sku,fcp_sku,quantity\nX,A,1\nX,B,2\n');

    // 09:55: one A sent to the FCP before the feed's moment (the FCP's count already has it).
    ws.write('inbox/acme/early.csv', `${ORDER_HEADER}\n${orderRow('E1', { sku: 'A', qty: '1' })}\n`);
    expect(ws.cli(['run', '--once'], { FCP_BRIDGE_NOW: '2026-11-22T09:55:00Z' }).status).toBe(0);
    expect(ws.list('outbox/acme')).toEqual([]); // no feed yet: nothing to send

    // 10:05: the feed as of 10:00 and an order for two A arrive together; the feed is taken first.
    ws.write('inbox/fcp/inventory/inventory-1000.csv', [
      FEED_HEADER,
      'A,WH1,6,3,4,2026-11-22T10:00:00Z',
      'A,WH2,4,1,2,2026-11-22T10:00:00Z',
      'B,WH1,7,5,9,2026-11-22T10:00:00Z',
      'C,WH1,2,8,1,2026-11-22T10:00:00Z',
    ].join('\r\n') + '\r\n');
    ws.write('inbox/acme/late.csv', `${ORDER_HEADER}\n${orderRow('L1', { sku: 'A', qty: '2' })}\n`);
    const run = ws.cli(['run', '--once'], { FCP_BRIDGE_NOW: '2026-11-22T10:05:00Z' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(ordersJson(ws).map((o) => [o.order_number, o.status])).toEqual([['E1', 'ACCEPTED'], ['L1', 'ACCEPTED']]);

    expect(ws.list('outbox/acme')).toEqual(['inventory-acme-20261122T100500Z-000001.csv']);
    expect(csvRows(ws, 'outbox/acme/inventory-acme-20261122T100500Z-000001.csv')).toEqual([
      ['sku', 'quantity', 'as_of'],
      ['A', '8', '2026-11-22T10:00:00Z'],
      ['B', '7', '2026-11-22T10:00:00Z'],
      ['X', '3', '2026-11-22T10:00:00Z'],
      ['C', '0', '2026-11-22T10:00:00Z'],
    ]);

    // explain prints the same numbers, step by step.
    const now = { FCP_BRIDGE_NOW: '2026-11-22T10:30:00Z' };
    const x = ws.cli(['explain', 'acme', 'X'], now);
    expect(x.status).toBe(0);
    expect(x.stdout).toContain('acme X (Gift box): 3');
    expect(x.stdout).toContain('min(8, 3) = 3, limited by B');
    expect(x.stdout).toMatch(/= available 7 → floor\(7 \/ 2\) = 3 {3}← limits the bundle/);
    expect(x.stdout).toContain('30 min old');
    const xj = json(ws, ['explain', 'acme', 'X'], now);
    expect(xj).toMatchObject({ sku: 'X', quantity: 3, sent: true, limiting: 'B', bundle: true, feed: { as_of: '2026-11-22T10:00:00.000Z', as_of_from: 'file', age_secs: 1800 } });
    expect(xj.components.map((c: any) => [c.fcp_sku, c.good, c.subtracted_total, c.available, c.per_unit, c.units])).toEqual([['A', 10, 2, 8, 1, 8], ['B', 7, 0, 7, 2, 3]]);
    expect(xj.components[0].subtracted).toEqual([{ partner: 'acme', order_number: 'L1', fcp_order_number: 'L1', quantity: 2, sent_at: '2026-11-22T10:05:00.000Z', output: 'orders-acme-20261122T100500Z-000002.csv' }]);
    expect(xj.components[0].feed_rows).toEqual([
      { warehouse: 'WH1', good: 6, hurt: 3, allocated: 4, counted: true },
      { warehouse: 'WH2', good: 4, hurt: 1, allocated: 2, counted: true },
    ]);
    const c = json(ws, ['explain', 'acme', 'C'], now);
    expect(c).toMatchObject({ computed: 2, minimum_level: 3, below_minimum: true, quantity: 0 });
    expect(ws.cli(['explain', 'acme', 'C'], now).stdout).toContain('minimum_level 3: 2 is below it → 0');

    const sync = json<{ sku: string; last_sync: string; last_quantity: number }[]>(ws, ['product-sync', 'acme']);
    expect(sync.map((s) => [s.sku, s.last_sync, s.last_quantity])).toEqual([
      ['A', '2026-11-22T10:05:00.000Z', 8], ['B', '2026-11-22T10:05:00.000Z', 7], ['X', '2026-11-22T10:05:00.000Z', 3], ['C', '2026-11-22T10:05:00.000Z', 0],
    ]);
    const items = json<{ sku: string; status: string; fcp_match: boolean; mapping: unknown[] }[]>(ws, ['items', 'acme']);
    expect(items.map((i) => [i.sku, i.status, i.fcp_match])).toEqual([['A', 'ACTIVE', true], ['B', 'ACTIVE', true], ['X', 'ACTIVE', true], ['C', 'ACTIVE', true]]);
    expect(items[2]?.mapping).toEqual([{ fcp_sku: 'A', quantity: 1 }, { fcp_sku: 'B', quantity: 2 }]);

    const status = json(ws, ['status'], now);
    expect(status.fcp_inventory_feed.latest).toMatchObject({ file: 'inventory-1000.csv', as_of: '2026-11-22T10:00:00.000Z', rows: 4, age_mins: 30 });
    expect(status.partners[0].inventory).toMatchObject({ overdue: false, last_snapshot: { output: 'inventory-acme-20261122T100500Z-000001.csv', status: 'SENT', items: 4 } });
    // Three hours later the hourly snapshot is overdue (older than twice its interval).
    expect(json(ws, ['status'], { FCP_BRIDGE_NOW: '2026-11-22T13:00:00Z' }).partners[0].inventory.overdue).toBe(true);
  });

  it('must-show 2: duplicate and blank SKUs fail that partner\'s sync with every line; the others are written', () => {
    ws = makeWorkspace(inventoryConfig([
      partnerYaml('acme', 'format: csv', { skus: false }),
      partnerYaml('beta', 'format: csv', { skus: false }),
    ].join('')));
    ws.write('mappings/acme/items.csv', 'sku,name,active\nA,Apple,yes\nB,Banana,yes\n');
    ws.write('mappings/beta/items.csv', 'sku,name,active\nA,Apple,yes\nB,Banana,yes\nA,Apple again,yes\n,no sku,yes\n');
    ws.write('inbox/fcp/inventory/inv.csv', `${FEED_HEADER}\nA,WH1,5,0,0,2026-11-22T10:00:00Z\nB,WH1,6,0,0,2026-11-22T10:00:00Z\n`);
    const run = ws.cli(['run', '--once']);
    expect(run.status).toBe(1);
    expect(ws.list('outbox/acme')).toEqual(['inventory-acme-20261122T181500Z-000001.csv']);
    expect(ws.list('outbox/beta')).toEqual([]);

    const log = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const failed = log.find((l) => l.msg === 'inventory snapshot failed' && l.partner === 'beta');
    expect(String(failed?.error)).toContain('inventory sync failed: duplicate SKUs in ');
    expect(String(failed?.error)).toMatch(/'A' at lines 2, 4; blank SKU at line 5$/);

    const status = json(ws, ['status']);
    const beta = status.partners.find((p: any) => p.partner === 'beta');
    expect(beta.last_error.message).toMatch(/^inventory sync failed: duplicate SKUs in .*beta\/items\.csv: 'A' at lines 2, 4; blank SKU at line 5$/);
    expect(beta.inventory.last_run).toMatchObject({ status: 'FAILED' });
    expect(status.partners.find((p: any) => p.partner === 'acme').inventory.last_snapshot.status).toBe('SENT');
    expect(ws.cli(['status']).stdout).toMatch(/last run .* FAILED: inventory sync failed: duplicate SKUs .*'A' at lines 2, 4; blank SKU at line 5/);

    const items = ws.cli(['items', 'beta']);
    expect(items.stdout).toMatch(/A +Apple .*DUPLICATE lines 2, 4/);
    expect(items.stdout).toMatch(/\(blank\) .*DUPLICATE lines 5/);
    expect(json(ws, ['items', 'beta']).map((i: any) => [i.sku, i.duplicate_lines])).toEqual([['A', [2, 4]], ['B', null], ['', [5]]]);
  });

  it('must-show 3: a feed that zeroes 80% of the items is held back and reported; --force sends it', () => {
    const skus = 'ABCDEFGHIJ'.split('');
    ws = makeWorkspace(inventoryConfig(partnerYaml('acme', 'format: csv, max_zeroed_pct: 50', { skus: false })));
    ws.write('mappings/acme/items.csv', `sku,name,active\n${skus.map((s) => `${s},Item ${s},yes`).join('\n')}\n`);
    ws.write('inbox/fcp/inventory/full.csv', `${FEED_HEADER}\n${skus.map((s) => `${s},WH1,5,0,0,2026-11-22T10:00:00Z`).join('\n')}\n`);
    expect(ws.cli(['run', '--once'], { FCP_BRIDGE_NOW: '2026-11-22T10:05:00Z' }).status).toBe(0);
    const first = 'inventory-acme-20261122T100500Z-000001.csv';
    expect(ws.list('outbox/acme')).toEqual([first]);

    // A truncated export: 8 of 10 SKUs at 0.
    ws.write('inbox/fcp/inventory/broken.csv', `${FEED_HEADER}\n${skus.map((s, i) => `${s},WH1,${i < 8 ? 0 : 5},0,0,2026-11-22T11:00:00Z`).join('\n')}\n`);
    const held = ws.cli(['run', '--once'], { FCP_BRIDGE_NOW: '2026-11-22T11:05:00Z' });
    expect(held.status).toBe(0); // held back is a decision, not a failure
    expect(ws.list('outbox/acme')).toEqual([first]);
    expect(held.stdout).toContain('inventory snapshot held back');

    const status = json(ws, ['status'], { FCP_BRIDGE_NOW: '2026-11-22T11:10:00Z' });
    const inv = status.partners[0].inventory;
    expect(inv.held_back).toHaveLength(1);
    expect(inv.held_back[0].message).toContain('8 of 10 items that were > 0 would be 0 (80% > max_zeroed_pct 50%)');
    expect(inv.last_snapshot.output).toBe(first);
    expect(ws.cli(['status']).stdout).toMatch(/held back .*8 of 10 items/);

    // The previous snapshot's values stand: product sync still says 5 everywhere, from the first file.
    const sync = json<{ sku: string; last_quantity: number; output: string }[]>(ws, ['product-sync', 'acme']);
    expect(sync.every((s) => s.last_quantity === 5 && s.output === first)).toBe(true);

    // The next scheduled run checks again but reports the same held feed once.
    expect(ws.cli(['run', '--once'], { FCP_BRIDGE_NOW: '2026-11-22T12:05:00Z' }).status).toBe(0);
    expect(json(ws, ['status']).partners[0].inventory.held_back).toHaveLength(1);

    const refused = ws.cli(['sync', 'acme', 'inventory'], { FCP_BRIDGE_NOW: '2026-11-22T12:10:00Z' });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('HELD');
    const forced = ws.cli(['sync', 'acme', 'inventory', '--force'], { FCP_BRIDGE_NOW: '2026-11-22T12:15:00Z' });
    expect(forced.stderr).toBe('');
    expect(forced.status).toBe(0);
    const second = 'inventory-acme-20261122T121500Z-000002.csv';
    expect(ws.list('outbox/acme')).toEqual([first, second]);
    expect(csvRows(ws, `outbox/acme/${second}`).slice(1).map((r) => Number(r[1]))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 5, 5]);
    expect(json(ws, ['status']).partners[0].inventory.held_back).toEqual([]);
  });
});

describe('inventory: feed intake, order SKU check, formats, schedules', () => {
  it('quarantines a bad feed with its line while the previous feed stays in force; orders are checked against the feed', () => {
    ws = makeWorkspace(inventoryConfig(partnerYaml('acme', 'format: csv', { orders: true, skus: false })));
    ws.write('mappings/acme/items.csv', 'sku,name,active\nA,Apple,yes\n');
    ws.write('inbox/fcp/inventory/1-good.csv', `${FEED_HEADER}\nA,WH1,5,0,0,2026-11-22T10:00:00Z\n`);
    ws.write('inbox/fcp/inventory/2-bad.csv', `${FEED_HEADER}\nA,WH1,9,0,0,2026-11-22T11:00:00Z\nB,WH1,-1,0,0,2026-11-22T11:00:00Z\n`);
    ws.write('inbox/acme/o.csv', `${ORDER_HEADER}\n${orderRow('1', { sku: 'A' })}\n${orderRow('2', { sku: 'NOPE' })}\n`);
    expect(ws.cli(['run', '--once']).status).toBe(0);
    expect(ws.list('var/quarantine/fcp')).toEqual(['2-2-bad.csv', '2-2-bad.csv.reason.txt']);
    expect(ws.read('var/quarantine/fcp/2-2-bad.csv.reason.txt')).toContain("code: FEED_BAD_VALUE\nline: 3\nmessage: good '-1' for sku 'B' at line 3 is negative");
    const status = json(ws, ['status']);
    expect(status.fcp_inventory_feed.latest).toMatchObject({ file: '1-good.csv', rows: 1 });
    expect(status.fcp_inventory_feed.quarantined_files[0]).toMatchObject({ name: '2-bad.csv', code: 'FEED_BAD_VALUE' });
    // 5 in the good feed, minus order 1's A sent to the FCP in this very run (after as_of).
    expect(csvRows(ws, 'outbox/acme/inventory-acme-20261122T181500Z-000001.csv')[1]).toEqual(['A', '4', '2026-11-22T10:00:00Z']);
    const orders = Object.fromEntries(ordersJson(ws).map((o) => [o.order_number, o]));
    expect(orders['1']?.status).toBe('ACCEPTED');
    expect(orders['2']).toMatchObject({ status: 'IMPORT ERROR', errors: ["Invalid SKU: 'NOPE' is not in the FCP inventory feed"] });
    // NOPE came in an order: the item list knows it as NEW, with no FCP match.
    expect(json(ws, ['items', 'acme']).map((i: any) => [i.sku, i.status, i.fcp_match])).toEqual([['A', 'ACTIVE', true], ['NOPE', 'NEW', false]]);
    expect(json(ws, ['product-sync', 'acme']).find((s: any) => s.sku === 'NOPE')).toMatchObject({ last_sync: null, note: 'not active in items.csv (status NEW); FCP SKU \'NOPE\' is not in the FCP feed' });
  });

  it('writes xml and x12-846 snapshots, skips when-new-feed runs without a new feed, and takes catalogs', () => {
    ws = makeWorkspace(inventoryConfig([
      partnerYaml('acme', 'format: xml, send: when-new-feed', { skus: false }),
      partnerYaml('edi', 'format: x12-846', { skus: false, x12: true }).replace('    inventory:', '    catalog: { channel: { type: local, path: inbox/edi-catalog } }\n    inventory:'),
    ].join('')));
    ws.write('mappings/acme/items.csv', 'sku,name,active\nA,Apple,yes\n');
    ws.write('mappings/edi/items.csv', 'sku,name,active\nA,Apple,yes\nB,Banana,yes\n');
    ws.write('inbox/edi-catalog/catalog.csv', 'sku,name\nA,Apple\nZ,Zucchini\n');
    ws.write('inbox/fcp/inventory/inv.csv', `${FEED_HEADER}\nA,WH1,5,0,0,2026-11-22T10:00:00Z\nB,WH1,6,0,0,2026-11-22T10:00:00Z\n`);
    expect(ws.cli(['run', '--once']).status).toBe(0);
    expect(ws.read('outbox/acme/inventory-acme-20261122T181500Z-000001.xml')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Inventory asOf="2026-11-22T10:00:00Z">\n  <Item sku="A" quantity="5"/>\n</Inventory>\n');
    const edi = ws.read('outbox/edi/inventory-edi-20261122T181500Z-000001.edi');
    // B is active but not in edi's catalog: NO MATCH, left out. Local time in the ISA: 10:15 in Los Angeles.
    expect(edi).toMatch(/^ISA\*00\* {10}\*00\* {10}\*ZZ\*EFSBRIDGE {6}\*ZZ\*EDI {12}\*261122\*1015\*U\*00401\*000000001\*0\*P\*>~\n/);
    expect(edi).toContain('BIA*00*SI*1*20261122*1015~\nLIN**SK*A~\nQTY*33*5*EA~\nCTT*1~\n');
    expect(json(ws, ['items', 'edi']).map((i: any) => [i.sku, i.status])).toEqual([['A', 'ACTIVE'], ['B', 'NO MATCH'], ['Z', 'NEW']]);

    // A second run with no new feed: acme (when-new-feed) skips, edi (always) sends again with the next control numbers.
    expect(ws.cli(['run', '--once'], { FCP_BRIDGE_NOW: '2026-11-22T19:15:00Z' }).status).toBe(0);
    expect(ws.list('outbox/acme')).toHaveLength(1);
    expect(ws.read('outbox/edi/inventory-edi-20261122T191500Z-000002.edi')).toContain('*000000002*0*P*>~');
    expect(json(ws, ['status']).partners[0].inventory.last_run).toMatchObject({ status: 'SKIPPED', message: expect.stringContaining('no newer FCP feed') });
  });

  it('the daemon runs a slot missed while it was down once at start, and not again after a restart', async () => {
    // A yearly schedule: the only due slot is last New Year; the test controls exactly when it is missed.
    ws = makeWorkspace(inventoryConfig(partnerYaml('acme', 'format: csv, schedule: "0 0 1 1 *"', { skus: false }).replace('schedule: "0 * * * *", ', '')));
    ws.write('mappings/acme/items.csv', 'sku,name,active\nA,Apple,yes\n');
    ws.write('inbox/fcp/inventory/inv.csv', `${FEED_HEADER}\nA,WH1,5,0,0,2026-11-22T10:00:00Z\n`);
    expect(ws.cli(['run', '--once']).status).toBe(0);
    expect(ws.list('outbox/acme')).toHaveLength(1);
    // The daemon last ran this job long before the latest slot (down over New Year).
    const ledger = new Database(join(ws.dir, 'var', 'ledger.sqlite'));
    ledger.prepare('INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run('schedule:inventory:acme:last_slot', '2020-06-01T00:00:00.000Z');
    ledger.close();

    for (const round of [1, 2]) {
      const daemon = ws.spawnCli(['run']);
      const exited = exitOf(daemon);
      await waitFor('the daemon to start', () => daemon.output().includes('fcp-bridge running'));
      if (round === 1) await waitFor('the missed snapshot', () => ws.list('outbox/acme').length === 2);
      // Give the daemon time to run a slot twice, were it going to.
      await new Promise((r) => setTimeout(r, 1500));
      daemon.kill('SIGTERM');
      expect((await exited).code).toBe(0);
      expect(ws.list('outbox/acme')).toHaveLength(2);
      expect(daemon.output().split('"inventory snapshot written"').length - 1).toBe(round === 1 ? 1 : 0);
    }
  });
});

async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}
