import { afterEach, describe, expect, it } from 'vitest';
import { ACME_SHIP_METHODS, makeWorkspace, ORDER_HEADER, orderRow, ordersJson, readFcpCsvRows, type Workspace } from './harness.js';

let ws: Workspace;
afterEach(() => ws?.cleanup());

const MIXED = [
  ORDER_HEADER,
  orderRow('1001', { sku: 'WIDGET', qty: '2' }),
  orderRow('1002', { sku: 'GIFTSET', qty: '3' }),
  orderRow('1003', { ship: 'Teleport' }),
  orderRow('1004', { qty: '1.5' }),
  orderRow('1005', { address1: '', city: '' }),
].join('\n') + '\n';

describe('CSV orders from a local inbox to the FCP (run --once)', () => {
  it('sends the good and bundle orders, and holds the others as IMPORT ERROR with the SPEC messages', () => {
    ws = makeWorkspace();
    ws.write('inbox/acme/po-batch.csv', MIXED);
    const run = ws.cli(['run', '--once']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);

    const files = ws.list('outbox/fcp/orders');
    expect(files).toEqual(['orders-acme-20261122T181500Z-000001.csv']);
    const rows = readFcpCsvRows(ws).map((r) => [r.row['Order Number'], r.row.SKU, r.row.Quantity, r.row['Ship Method'], r.row.Action]);
    expect(rows).toEqual([
      ['1001', 'WIDGET', '2', 'UPSGRD', ''],
      ['1002', '101BC', '3', 'UPSGRD', ''],
      ['1002', '102NR/B', '6', 'UPSGRD', ''],
    ]);

    const orders = ordersJson(ws);
    const byNumber = Object.fromEntries(orders.map((o) => [o.order_number, o]));
    expect(byNumber['1001']?.status).toBe('ACCEPTED');
    expect(byNumber['1002']?.status).toBe('ACCEPTED');
    expect(byNumber['1003']).toMatchObject({ status: 'IMPORT ERROR', errors: ["Ship method not mapped: 'Teleport' (add a row to ship-methods.csv, or a '*' default)"] });
    expect(byNumber['1004']?.status).toBe('IMPORT ERROR');
    expect(byNumber['1004']?.errors).toEqual(["Invalid quantity: '1.5' for SKU 'WIDGET' is not a whole number from 1 to 999999"]);
    expect(byNumber['1005']?.errors).toEqual(['Address validation failed: address1 is missing; city is missing']);

    // The archived copy is kept under var/archive/<partner>/<day>/<id>-<name>.
    expect(ws.list('var/archive/acme/2026-11-22')).toEqual(['1-po-batch.csv']);
    expect(ws.list('inbox/acme')).toEqual([]);
  });

  it('accepts a fixed order after a ship-method row is added, without writing the others again', () => {
    ws = makeWorkspace();
    ws.write('inbox/acme/po-batch.csv', MIXED);
    expect(ws.cli(['run', '--once']).status).toBe(0);
    ws.write('mappings/acme/ship-methods.csv', `${ACME_SHIP_METHODS}Teleport,UPS2DA\n`);
    expect(ws.cli(['run', '--once']).status).toBe(0);

    const files = ws.list('outbox/fcp/orders');
    expect(files).toHaveLength(2);
    const second = readFcpCsvRows(ws).filter((r) => r.file === files[1]).map((r) => [r.row['Order Number'], r.row['Ship Method']]);
    expect(second).toEqual([['1003', 'UPS2DA']]);
    const order = JSON.parse(ws.cli(['order', 'acme', '1003', '--json']).stdout);
    expect(order.status).toBe('ACCEPTED');
    expect(order.history.map((h: { to: string }) => h.to)).toEqual(['IMPORT ERROR', 'NEW', 'ACCEPTED']);
    expect(order.history[1].cause).toBe('retried after a mapping change');
  });

  it('treats the same bytes under another name as a duplicate file, and reads BOM + CRLF + quoted commas', () => {
    ws = makeWorkspace();
    ws.write('inbox/acme/a.csv', MIXED);
    expect(ws.cli(['run', '--once']).status).toBe(0);
    ws.write('inbox/acme/a-again.csv', MIXED);
    const bom = '\ufeff' + [
      'order_number,ship_method,ship_name,company,address1,city,state,postal_code,country,sku,quantity,notes',
      '2001,Ground,Margaret Hamilton,"Apollo, Guidance & Navigation",1 Lunar Rd,Cambridge,MA,02139,US,WIDGET,1,"door, ""side"""',
    ].join('\r\n') + '\r\n';
    ws.write('inbox/acme/b.csv', bom);
    expect(ws.cli(['run', '--once']).status).toBe(0);

    const rows = readFcpCsvRows(ws);
    expect(rows.filter((r) => r.row['Order Number'] === '1001')).toHaveLength(1);
    const status = JSON.parse(ws.cli(['status', '--json']).stdout);
    expect(status.partners[0].quarantined_files).toEqual([]);
    const hamilton = JSON.parse(ws.cli(['order', 'acme', '2001', '--json']).stdout);
    expect(hamilton.status).toBe('ACCEPTED');
    expect(hamilton.ship_to.company).toBe('Apollo, Guidance & Navigation');
    expect(ws.read(`outbox/fcp/orders/${ws.list('outbox/fcp/orders')[1]}`)).toContain('"Apollo, Guidance & Navigation"');
  });

  it('quarantines a ragged CSV with a reason naming the line, and creates no orders from it', () => {
    ws = makeWorkspace();
    ws.write('inbox/acme/ragged.csv', `${ORDER_HEADER}\n${orderRow('1')}\n1002,2026-11-20,Ground,Ada\n`);
    expect(ws.cli(['run', '--once']).status).toBe(0);
    expect(ws.list('var/quarantine/acme')).toEqual(['1-ragged.csv', '1-ragged.csv.reason.txt']);
    const reason = ws.read('var/quarantine/acme/1-ragged.csv.reason.txt');
    expect(reason).toContain('code: CSV_RAGGED_ROW');
    expect(reason).toContain('line: 3');
    expect(ordersJson(ws)).toEqual([]);
    const status = JSON.parse(ws.cli(['status', '--json']).stdout);
    expect(status.partners[0].quarantined_files[0]).toMatchObject({ name: 'ragged.csv', code: 'CSV_RAGGED_ROW' });
  });

  it('applies order_number_prefix and neutralises formula cells in fcp-csv', () => {
    ws = makeWorkspace(undefined);
    ws.write('fcp-bridge.yaml', ws.read('fcp-bridge.yaml').replace('order_number_prefix: ""', 'order_number_prefix: "AC-"'));
    ws.write('inbox/acme/x.csv', `${ORDER_HEADER}\n${orderRow('77', { first: '"=HYPERLINK(""x"")"', last: '-Smith' })}\n`);
    expect(ws.cli(['run', '--once']).status).toBe(0);
    const [only] = readFcpCsvRows(ws);
    expect(only?.row['Order Number']).toBe('AC-77');
    const text = ws.read(`outbox/fcp/orders/${ws.list('outbox/fcp/orders')[0]}`);
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(text).toContain(`,'-Smith,`);
    expect(ordersJson(ws)[0]).toMatchObject({ order_number: '77', fcp_order_number: 'AC-77', status: 'ACCEPTED' });
  });

  it('cancels: NEW/IMPORT ERROR at once, ACCEPTED with a CANCEL row in the next FCP file', () => {
    ws = makeWorkspace();
    ws.write('inbox/acme/x.csv', `${ORDER_HEADER}\n${orderRow('1')}\n${orderRow('2', { qty: 'x' })}\n`);
    expect(ws.cli(['run', '--once']).status).toBe(0);
    expect(ws.cli(['cancel', 'acme', '2']).stdout).toContain("order '2' is CANCELLED");
    const cancel = ws.cli(['cancel', 'acme', '1']);
    expect(cancel.status).toBe(0);
    const files = ws.list('outbox/fcp/orders');
    expect(files).toHaveLength(2);
    const cancelRows = readFcpCsvRows(ws).filter((r) => r.file === files[1]).map((r) => [r.row['Order Number'], r.row.SKU, r.row.Action]);
    expect(cancelRows).toEqual([['1', '', 'CANCEL']]);
    expect(ordersJson(ws).map((o) => o.status)).toEqual(['CANCELLED', 'CANCELLED']);
    expect(ws.cli(['cancel', 'acme', '1']).status).toBe(1);
  });

  it('counts an identical re-send as a re-delivery, replaces a corrected IMPORT ERROR, refuses a changed ACCEPTED order', () => {
    ws = makeWorkspace();
    ws.write('inbox/acme/1.csv', `${ORDER_HEADER}\n${orderRow('1')}\n${orderRow('2', { qty: '0' })}\n`);
    expect(ws.cli(['run', '--once']).status).toBe(0);
    ws.write('inbox/acme/2.csv', `${ORDER_HEADER}\n${orderRow('1')}\n${orderRow('2', { qty: '4' })}\n`);
    expect(ws.cli(['run', '--once']).status).toBe(0);
    ws.write('inbox/acme/3.csv', `${ORDER_HEADER}\n${orderRow('1', { qty: '9' })}\n`);
    expect(ws.cli(['run', '--once']).status).toBe(0);

    const rows = readFcpCsvRows(ws).map((r) => [r.row['Order Number'], r.row.Quantity]);
    expect(rows).toEqual([['1', '1'], ['2', '4']]);
    const orders = ordersJson(ws);
    expect(orders.map((o) => [o.order_number, o.status])).toEqual([['1', 'ACCEPTED'], ['2', 'ACCEPTED'], ['1', 'IMPORT ERROR']]);
    expect(orders[2]?.errors).toEqual(["Duplicate order number: '1' is already ACCEPTED with other content"]);
    const one = JSON.parse(ws.cli(['order', 'acme', '1', '--json']).stdout);
    expect(one.redeliveries).toBe(1);
    expect(one.rejected_duplicates).toHaveLength(1);
  });
});

describe('validate', () => {
  it('prints an unknown key and a bad cron with file:line:col and exits 2', () => {
    ws = makeWorkspace();
    const broken = ws.read('fcp-bridge.yaml')
      .replace('timezone: America/Los_Angeles', 'timezone: America/Los_Angeles\ncolour: blue')
      + '    inventory:\n      schedule: "61 * * * *"\n      channel: { type: local, path: outbox/acme }\n      format: csv\n';
    ws.write('fcp-bridge.yaml', broken);
    const r = ws.cli(['validate']);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(new RegExp(`${ws.config.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:1 colour: .*unknown`, 'i'));
    expect(r.stdout).toMatch(/fcp-bridge\.yaml:2[0-9]:\d+ partners\[0\]\.inventory\.schedule: /);
  });

  it('reports a mapping row whose FCP code does not exist, with file and line, and exits 2', () => {
    ws = makeWorkspace();
    ws.write('mappings/acme/ship-methods.csv', `${ACME_SHIP_METHODS}Air,NOPE\n`);
    const r = ws.cli(['validate']);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/ship-methods\.csv:4: .*NOPE/);
  });

  it('says ok for a valid config', () => {
    ws = makeWorkspace();
    const r = ws.cli(['validate']);
    expect(r.stdout).toContain('ok:');
    expect(r.status).toBe(0);
  });
});
