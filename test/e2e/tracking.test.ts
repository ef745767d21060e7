import Database from 'better-sqlite3';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recount } from '../fixtures/x12-outbound/check-output.js';
import { allFiles, configHead, makeWorkspace, ORDER_HEADER, orderRow, ordersJson, type Workspace } from './harness.js';

let ws: Workspace;
afterEach(() => ws?.cleanup());

/** Two partners on CSV orders: acme gets CSV tracking, beta an X12 856. */
const CONFIG = `${configHead({ shipmentsFeed: true })}  - id: acme
    name: ACME Retail
    orders:
      channel: { type: local, path: inbox/acme, poll_interval_secs: 1 }
      format: csv
      order_number_prefix: "AC-"
    mappings: { skus: mappings/acme/skus.csv, ship_methods: mappings/acme/ship-methods.csv }
    tracking:
      schedule: "*/30 * * * *"
      channel: { type: local, path: outbox/acme }
      format: csv
  - id: beta
    orders:
      channel: { type: local, path: inbox/beta, poll_interval_secs: 1 }
      format: csv
      order_number_prefix: "BE-"
    mappings: { skus: mappings/acme/skus.csv, ship_methods: mappings/acme/ship-methods.csv }
    tracking:
      schedule: "*/30 * * * *"
      channel: { type: local, path: outbox/beta }
      format: x12-856
    x12: { our_qualifier: ZZ, our_id: EFSBRIDGE, partner_qualifier: ZZ, partner_id: BETA, acknowledge: false }
`;

const SHIP_HEADER = 'order_number,ship_date,carrier,service,tracking_number,sku,quantity,weight_lbs';

function threeLineOrder(number: string): string {
  return [ORDER_HEADER, orderRow(number, { sku: 'WIDGET', qty: '2' }), orderRow(number, { sku: 'GIFTSET', qty: '1' }), orderRow(number, { sku: 'GADGET', qty: '1' })].join('\n') + '\n';
}

function setUp(): void {
  ws = makeWorkspace(CONFIG);
  ws.write('inbox/acme/po-1.csv', threeLineOrder('1001'));
  ws.write('inbox/beta/po-1.csv', threeLineOrder('2001'));
  const run = ws.cli(['run', '--once']);
  expect(run.status, run.stderr).toBe(0);
  expect(ordersJson(ws).map((o) => [o.fcp_order_number, o.status])).toEqual([['AC-1001', 'ACCEPTED'], ['BE-2001', 'ACCEPTED']]);
}

/** Data rows of every tracking CSV of a partner, with the file each came from. */
function trackingCsvRows(partner: string): { file: string; cells: string[] }[] {
  return ws.list(`outbox/${partner}`).filter((f) => f.startsWith('tracking-') && f.endsWith('.csv')).flatMap((file) => {
    const [header, ...rows] = ws.read(`outbox/${partner}/${file}`).split('\r\n').filter((l) => l !== '');
    expect(header).toBe('order_number,reference_number,ship_date,carrier,service,tracking_number,sku,quantity');
    return rows.map((r) => ({ file, cells: r.split(',') }));
  });
}

function order(partner: string, number: string): { status: string; packages: { tracking_number: string; lines: unknown; tracking_file: { name: string; status: string } | null }[]; history: { to: string; cause: string }[] } {
  const r = ws.cli(['order', partner, number, '--json']);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe('tracking: FCP shipment feed → per-partner tracking files, exactly once per package', () => {
  it('an order with 3 lines shipped in 2 packages on two feed files: two files, each package once, COMPLETED after the second', () => {
    setUp();
    ws.write('inbox/fcp/shipments/ship-1.csv', [SHIP_HEADER,
      'AC-1001,2026-11-21,FEDEX,Home Delivery,794600000001,WIDGET,2,3.5',
      'AC-1001,2026-11-21,FEDEX,Home Delivery,794600000001,101BC,1,',
      'AC-1001,2026-11-21,FEDEX,Home Delivery,794600000001,102NR/B,2,',
      'BE-2001,2026-11-21,UPS,Ground,1Z0000000000000003,WIDGET,2,1.25',
      'BE-2001,2026-11-21,UPS,Ground,1Z0000000000000003,GADGET,1,',
    ].join('\r\n') + '\r\n');
    const sync = ws.cli(['sync', 'acme', 'tracking']);
    expect(sync.status, sync.stderr).toBe(0);
    expect(sync.stdout).toContain('tracking acme: WRITTEN');
    expect(ws.cli(['sync', 'beta', 'tracking']).status).toBe(0);
    expect(order('acme', '1001').status).toBe('ACCEPTED');

    // The second file repeats package 794600000001 (a re-export) and adds the last one.
    ws.write('inbox/fcp/shipments/ship-2.csv', [SHIP_HEADER,
      'AC-1001,2026-11-21,FEDEX,Home Delivery,794600000001,WIDGET,2,3.5',
      'AC-1001,2026-11-21,FEDEX,Home Delivery,794600000001,101BC,1,',
      'AC-1001,2026-11-21,FEDEX,Home Delivery,794600000001,102NR/B,2,',
      'AC-1001,2026-11-22,FEDEX,Home Delivery,794600000002,GADGET,1,1',
      'BE-2001,2026-11-22,UPS,Ground,1Z0000000000000004,101BC,1,2',
      'BE-2001,2026-11-22,UPS,Ground,1Z0000000000000004,102NR/B,2,',
    ].join('\n') + '\n');
    const run = ws.cli(['run', '--once']);
    expect(run.status, run.stderr).toBe(0);
    // The very same bytes again: a duplicate file, nothing new to report.
    ws.write('inbox/fcp/shipments/ship-2-again.csv', ws.read('var/archive/fcp/2026-11-22/' + ws.list('var/archive/fcp/2026-11-22').find((f) => f.endsWith('ship-2.csv'))));
    expect(ws.cli(['run', '--once']).status).toBe(0);

    // CSV partner: FEDEX is named FedEx (carriers.csv); the bundle is reported as GIFTSET.
    expect(ws.list('outbox/acme')).toEqual(['tracking-acme-20261122T181500Z-000001.csv', 'tracking-acme-20261122T181500Z-000002.csv']);
    expect(trackingCsvRows('acme').map((r) => [r.file.slice(-10, -4), ...r.cells])).toEqual([
      ['000001', '1001', '', '2026-11-21', 'FedEx', 'Home Delivery', '794600000001', 'WIDGET', '2'],
      ['000001', '1001', '', '2026-11-21', 'FedEx', 'Home Delivery', '794600000001', 'GIFTSET', '1'],
      ['000002', '1001', '', '2026-11-22', 'FedEx', 'Home Delivery', '794600000002', 'GADGET', '1'],
    ]);
    const acme = order('acme', '1001');
    expect(acme.status).toBe('COMPLETED');
    expect(acme.history.at(-1)?.cause).toBe('every ordered unit reported shipped to the partner (last in tracking-acme-20261122T181500Z-000002.csv)');
    expect(acme.packages.map((p) => [p.tracking_number, p.tracking_file?.name, p.tracking_file?.status])).toEqual([
      ['794600000001', 'tracking-acme-20261122T181500Z-000001.csv', 'DELIVERED'],
      ['794600000002', 'tracking-acme-20261122T181500Z-000002.csv', 'DELIVERED'],
    ]);
    expect(ws.cli(['order', 'acme', '1001']).stdout).toMatch(/794600000002\s+FEDEX\s+2026-11-22\s+GADGET x1\s+tracking-acme-20261122T181500Z-000002\.csv DELIVERED/);

    // X12 partner: one 856 per file, counts right, both tracking numbers across the two files.
    const edi = ws.list('outbox/beta').filter((f) => f.startsWith('tracking-beta-'));
    expect(edi).toEqual(['tracking-beta-20261122T181500Z-000001.edi', 'tracking-beta-20261122T181500Z-000002.edi']);
    const seen: string[][] = [];
    edi.forEach((file, i) => {
      const text = ws.read(`outbox/beta/${file}`);
      const { problems, sets, segments } = recount(text);
      expect(problems).toEqual([]);
      expect(segments[0]?.[13]).toBe(String(i + 1).padStart(9, '0'));
      const set = sets[0]?.segments ?? [];
      const hls = set.filter((s) => s[0] === 'HL');
      expect(set.find((s) => s[0] === 'CTT')?.[1]).toBe(String(hls.length));
      // File 1: WIDGET and GADGET in one package; file 2: the GIFTSET bundle.
      expect(hls.map((s) => s[3])).toEqual(i === 0 ? ['S', 'O', 'P', 'I', 'I'] : ['S', 'O', 'P', 'I']);
      seen.push(set.filter((s) => (s[0] === 'REF' && s[1] === 'CN') || s[0] === 'MAN').map((s) => s.join('*')));
    });
    expect(seen).toEqual([
      ['REF*CN*1Z0000000000000003', 'REF*CN*1Z0000000000000003', 'MAN*CP*1Z0000000000000003'],
      ['REF*CN*1Z0000000000000004', 'REF*CN*1Z0000000000000004', 'MAN*CP*1Z0000000000000004'],
    ]);
    const second = ws.read(`outbox/beta/${edi[1]}`);
    expect(second).toContain('TD5**2*UPSN**Ground~');
    expect(second).toContain('LIN**SK*GIFTSET~\nSN1**1*EA**1*EA~');
    expect(order('beta', '2001').status).toBe('COMPLETED');

    const status = JSON.parse(ws.cli(['status', '--json']).stdout);
    expect(status.fcp_shipments.unmatched_packages.count).toBe(0);
    expect(status.partners[0].tracking.last_snapshot).toMatchObject({ output: 'tracking-acme-20261122T181500Z-000002.csv', status: 'SENT' });
  });

  it('a bundle order shipped as its FCP components is reported as the partner\'s bundle line', () => {
    setUp();
    ws.write('inbox/acme/po-2.csv', `${ORDER_HEADER}\n${orderRow('1002', { sku: 'GIFTSET', qty: '2' })}\n`);
    expect(ws.cli(['run', '--once']).status).toBe(0);
    ws.write('inbox/fcp/shipments/ship.csv', [SHIP_HEADER, 'AC-1002,2026-11-21,UPS,Ground,1Z9,101BC,2,', 'AC-1002,2026-11-21,UPS,Ground,1Z9,102NR/B,4,'].join('\n') + '\n');
    expect(ws.cli(['sync', 'acme', 'tracking']).status).toBe(0);
    expect(trackingCsvRows('acme').map((r) => r.cells)).toEqual([['1002', '', '2026-11-21', 'UPS', 'Ground', '1Z9', 'GIFTSET', '2']]);
    expect(order('acme', '1002').status).toBe('COMPLETED');
  });

  it('keeps a package whose order is unknown, lists it in status, and reports it once the order arrives', () => {
    ws = makeWorkspace(CONFIG);
    ws.write('inbox/fcp/shipments/early.csv', `${SHIP_HEADER}\nAC-3001,2026-11-21,USPS,Priority,9400111,WIDGET,1,\n`);
    expect(ws.cli(['run', '--once']).status).toBe(0);
    expect(ws.list('outbox/acme')).toEqual([]);
    let status = JSON.parse(ws.cli(['status', '--json']).stdout);
    expect(status.fcp_shipments.unmatched_packages).toMatchObject({ count: 1, fcp_order_numbers: ['AC-3001'] });
    expect(ws.cli(['status']).stdout).toContain('1 unmatched package(s)');

    ws.write('inbox/acme/late.csv', `${ORDER_HEADER}\n${orderRow('3001')}\n`);
    expect(ws.cli(['run', '--once']).status).toBe(0);
    expect(trackingCsvRows('acme').map((r) => r.cells)).toEqual([['3001', '', '2026-11-21', 'USPS', 'Priority', '9400111', 'WIDGET', '1']]);
    status = JSON.parse(ws.cli(['status', '--json']).stdout);
    expect(status.fcp_shipments.unmatched_packages.count).toBe(0);
    expect(order('acme', '3001').status).toBe('COMPLETED');
  });

  it('quarantines a feed file with a bad row, naming the line, and reports nothing from it', () => {
    setUp();
    ws.write('inbox/fcp/shipments/bad.csv', `${SHIP_HEADER}\nAC-1001,2026-11-21,FEDEX,,T1,WIDGET,2,\nAC-1001,2026-11-21,FEDEX,,T1,GADGET,1.5,\n`);
    expect(ws.cli(['run', '--once']).status).toBe(0);
    expect(ws.read('var/quarantine/fcp/3-bad.csv.reason.txt')).toContain('code: SHIPMENT_BAD_VALUE\nline: 3');
    expect(ws.list('outbox/acme')).toEqual([]);
    expect(JSON.parse(ws.cli(['status', '--json']).stdout).fcp_shipments.quarantined_files[0]).toMatchObject({ name: 'bad.csv', code: 'SHIPMENT_BAD_VALUE' });
  });
});


describe('kill -9 while a tracking file is being written', () => {
  it('after a restart every package is in exactly one tracking file, at every numbered fault point', () => {
    const feed = [SHIP_HEADER, 'AC-1001,2026-11-21,FEDEX,,P1,WIDGET,2,', 'AC-1001,2026-11-21,FEDEX,,P1,GADGET,1,',
      'AC-1001,2026-11-21,FEDEX,,P2,101BC,1,', 'AC-1001,2026-11-21,FEDEX,,P2,102NR/B,2,', 'BE-2001,2026-11-21,UPS,,P3,WIDGET,2,'].join('\n') + '\n';
    // Orders accepted once, then copied for each run: the fault points counted are the tracking run's.
    setUp();
    const template = ws;
    let points = 0;
    for (let n = 1; n < 100; n += 1) {
      if (ws !== template) ws.cleanup();
      ws = makeWorkspace(CONFIG);
      for (const dir of ['var', 'outbox']) cpSync(join(template.dir, dir), join(ws.dir, dir), { recursive: true });
      ws.write('inbox/fcp/shipments/ship.csv', feed);
      const crashed = ws.cli(['run', '--once'], { FCP_BRIDGE_FAULTS: `crash@#${n}` });
      if (crashed.signal === null) {
        expect(crashed.status, crashed.stderr).toBe(0);
      } else {
        expect(crashed.signal).toBe('SIGKILL');
        points = n;
        const restarted = ws.cli(['run', '--once']);
        expect(restarted.status, restarted.stderr).toBe(0);
      }
      // The oracle: each package in exactly one tracking file of its partner; nothing half-written.
      const acme = trackingCsvRows('acme');
      const files = (tracking: string): string[] => [...new Set(acme.filter((r) => r.cells[5] === tracking).map((r) => r.file))];
      expect([files('P1').length, files('P2').length], `crash at #${n}`).toEqual([1, 1]);
      expect(acme.map((r) => [r.cells[5], r.cells[6], r.cells[7]]).sort()).toEqual([['P1', 'GADGET', '1'], ['P1', 'WIDGET', '2'], ['P2', 'GIFTSET', '1']]);
      const beta = ws.list('outbox/beta').map((f) => ws.read(`outbox/beta/${f}`));
      expect(beta.filter((t) => t.includes('MAN*CP*P3~'))).toHaveLength(1);
      expect([...allFiles(join(ws.dir, 'outbox')), ...allFiles(join(ws.dir, 'var'))].filter((f) => f.endsWith('.tmp'))).toEqual([]);
      const db = new Database(join(ws.dir, 'var', 'ledger.sqlite'), { readonly: true });
      try {
        expect(db.prepare('SELECT status FROM orders ORDER BY id').all()).toEqual([{ status: 'COMPLETED' }, { status: 'ACCEPTED' }]);
        expect(db.prepare("SELECT COUNT(*) AS n FROM outputs WHERE status = 'PENDING'").get()).toEqual({ n: 0 });
      } finally {
        db.close();
      }
      if (crashed.signal === null) break;
    }
    template.cleanup();
    // Feed intake (listing, ledger, copy, removal, commit), queueing, writing and marking each file.
    expect(points).toBeGreaterThan(8);
  }, 300_000);
});
