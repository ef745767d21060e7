/**
 * The crash-point scenario (research §2.1): one `run --once` that exercises every step with a
 * fault point — intake of CSV, XML and X12 files and of both FCP feeds, a quarantined file, FCP
 * outputs, a 997, an inventory snapshot and a tracking snapshot — and the oracle that must hold
 * after any crash followed by a restart: 0 lost, 0 duplicated, 0 partial.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { allFiles, ACME_ITEMS, configHead, ACME_SHIP_METHODS, ACME_SKUS, makeWorkspace, ORDER_HEADER, orderRow, type Workspace } from '../e2e/harness.js';
import { interchange, po850 } from '../fixtures/bad-inputs/x12.js';

const CONFIG = `${configHead({ logLevel: 'info', inventoryFeed: true, shipmentsFeed: true })}  - id: acme
    orders: { channel: { type: local, path: inbox/acme }, format: csv }
    mappings: { items: mappings/acme/items.csv, skus: mappings/acme/skus.csv, ship_methods: mappings/acme/ship-methods.csv }
    inventory: { schedule: "0 * * * *", channel: { type: local, path: outbox/acme }, format: csv, send: when-new-feed }
    tracking: { schedule: "*/30 * * * *", channel: { type: local, path: outbox/acme }, format: csv }
  - id: xmlp
    orders: { channel: { type: local, path: inbox/xmlp }, format: xml }
    mappings: { skus: mappings/acme/skus.csv, ship_methods: mappings/acme/ship-methods.csv }
  - id: edi
    orders: { channel: { type: local, path: inbox/edi }, format: x12 }
    mappings: { skus: mappings/acme/skus.csv, ship_methods: mappings/edi/ship-methods.csv }
    x12: { our_qualifier: ZZ, our_id: EFSBRIDGE, partner_qualifier: ZZ, partner_id: ACMEEDI, ack_channel: { type: local, path: outbox/edi } }
`;

/** Every order of the scenario (FCP order numbers: no prefixes). */
export const EXPECTED_ORDERS = ['A1', 'A2', 'A3', 'X1', 'X2', 'E1', 'E2'];
/** Every package of the shipment feed; all belong to acme orders, so all go into acme's tracking. */
export const EXPECTED_PACKAGES = ['1Z0000000000000001', '1Z0000000000000002', '1Z0000000000000003'];
export const INPUTS = ['inbox/acme/po-1.csv', 'inbox/acme/po-2.csv', 'inbox/acme/zz-broken.csv', 'inbox/xmlp/orders.xml', 'inbox/edi/po.edi', 'inbox/fcp/inventory/feed.csv', 'inbox/fcp/shipments/ship.csv'];

const xmlOrder = (n: string): string => `<Order><OrderNumber>${n}</OrderNumber><OrderDate>2026-11-20</OrderDate><ShippingMethod>Ground</ShippingMethod>`
  + '<ShippingAddress><FirstName>Ada</FirstName><LastName>Lovelace</LastName><Address1>12 Main St</Address1><City>Portland</City><State>OR</State>'
  + '<PostalCode>97201</PostalCode><Country>US</Country></ShippingAddress><ItemList><Item><Sku>WIDGET</Sku><Quantity>2</Quantity></Item></ItemList></Order>';

export function scenarioWorkspace(): Workspace {
  const ws = makeWorkspace(CONFIG);
  ws.write('mappings/acme/items.csv', ACME_ITEMS);
  ws.write('mappings/acme/skus.csv', ACME_SKUS);
  ws.write('mappings/edi/ship-methods.csv', `${ACME_SHIP_METHODS}UPSN,UPSGRD\n`);
  ws.write('inbox/acme/po-1.csv', `${ORDER_HEADER}\n${orderRow('A1')}\n${orderRow('A2', { sku: 'GIFTSET' })}\n`);
  ws.write('inbox/acme/po-2.csv', `${ORDER_HEADER}\n${orderRow('A3', { qty: '3' })}\n`);
  ws.write('inbox/acme/zz-broken.csv', `${ORDER_HEADER}\n${orderRow('A9')},extra\n`);
  ws.write('inbox/xmlp/orders.xml', `<?xml version="1.0" encoding="UTF-8"?>\n<Orders>${xmlOrder('X1')}${xmlOrder('X2')}</Orders>\n`);
  ws.write('inbox/edi/po.edi', interchange({ isa13: '000000101', groups: [{ gs06: '7', sets: [{ control: '0001', body: po850('E1') }, { control: '0002', body: po850('E2') }] }] }));
  ws.write('inbox/fcp/inventory/feed.csv', 'sku,warehouse,good,hurt,allocated,as_of\nWIDGET,EAST,100,0,0,2026-11-22T08:00:00Z\n101BC,EAST,40,0,0,2026-11-22T08:00:00Z\n102NR/B,EAST,30,0,0,2026-11-22T08:00:00Z\n');
  ws.write('inbox/fcp/shipments/ship.csv', ['order_number,ship_date,carrier,service,tracking_number,sku,quantity',
    'A1,2026-11-22,UPS,Ground,1Z0000000000000001,WIDGET,1',
    'A2,2026-11-22,UPS,Ground,1Z0000000000000002,101BC,1',
    'A2,2026-11-22,UPS,Ground,1Z0000000000000003,102NR/B,2'].join('\n') + '\n');
  return ws;
}

export interface OracleReport {
  lost: string[];
  duplicated: string[];
  partial: string[];
  other: string[];
}

export const isClean = (r: OracleReport): boolean => r.lost.length + r.duplicated.length + r.partial.length + r.other.length === 0;


/** Data rows of the CSV files of a folder whose names start with `prefix`, as objects by header. */
function csvRows(ws: Workspace, folder: string, prefix: string): { file: string; row: Record<string, string> }[] {
  return ws.list(folder).filter((f) => f.startsWith(prefix) && f.endsWith('.csv')).flatMap((file) => {
    const [header, ...lines] = ws.read(join(folder, file)).split('\r\n').filter((l) => l !== '');
    const names = (header ?? '').split(',');
    return lines.map((line) => ({ file, row: Object.fromEntries(line.split(',').map((v, i) => [names[i] ?? '', v])) }));
  });
}

/** Each key seen in exactly one file; missing ones are lost, ones in several files duplicated. */
function exactlyOnce(expected: readonly string[], seen: { key: string; file: string }[], what: string, report: OracleReport): void {
  const files = new Map<string, Set<string>>();
  for (const s of seen) files.set(s.key, (files.get(s.key) ?? new Set()).add(s.file));
  for (const key of expected) {
    const f = files.get(key);
    if (f === undefined) report.lost.push(`${what} ${key}`);
    else if (f.size > 1) report.duplicated.push(`${what} ${key} in ${[...f].join(', ')}`);
  }
  for (const key of files.keys()) if (!expected.includes(key)) report.other.push(`unexpected ${what} ${key}`);
}

/** SPEC §10 after a restart: every input taken once, every order and package delivered once, every output whole. */
export function checkScenario(ws: Workspace): OracleReport {
  const report: OracleReport = { lost: [], duplicated: [], partial: [], other: [] };
  for (const input of INPUTS) if (existsSync(join(ws.dir, input))) report.lost.push(`${input} still in its inbox`);

  const fcp = csvRows(ws, 'outbox/fcp/orders', 'orders-');
  exactlyOnce(EXPECTED_ORDERS, fcp.map(({ file, row }) => ({ key: row['Order Number'] ?? '', file })), 'order', report);
  const gift = fcp.filter((r) => r.row['Order Number'] === 'A2').map((r) => `${r.row.SKU}×${r.row.Quantity}`).sort();
  if (gift.join(' ') !== '101BC×1 102NR/B×2') report.duplicated.push(`bundle A2 lines ${gift.join(' ')}`);
  const tracking = csvRows(ws, 'outbox/acme', 'tracking-');
  const packages = new Map<string, Set<string>>();
  for (const { file, row } of tracking) packages.set(row.tracking_number ?? '', (packages.get(row.tracking_number ?? '') ?? new Set()).add(file));
  exactlyOnce(EXPECTED_PACKAGES, [...packages].flatMap(([key, files]) => [...files].map((file) => ({ key, file }))), 'package', report);
  const inventoryFiles = ws.list('outbox/acme').filter((f) => f.startsWith('inventory-'));
  if (inventoryFiles.length !== 1) (inventoryFiles.length === 0 ? report.lost : report.duplicated).push(`inventory snapshots of the one feed: ${inventoryFiles.length}`);
  const acks = ws.list('outbox/edi').filter((f) => f.startsWith('997-'));
  if (acks.length !== 1) (acks.length === 0 ? report.lost : report.duplicated).push(`997s for the one group: ${acks.length}`);

  const leftovers = [...allFiles(join(ws.dir, 'outbox')), ...allFiles(join(ws.dir, 'var'))].filter((f) => f.endsWith('.tmp'));
  report.partial.push(...leftovers.map((f) => `temporary file left: ${f.slice(ws.dir.length + 1)}`));

  const db = new Database(join(ws.dir, 'var', 'ledger.sqlite'), { readonly: true });
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    if (integrity !== 'ok') report.other.push(`integrity_check: ${integrity}`);
    // Every delivered output is on disk byte for byte as the ledger recorded it.
    const outputs = db.prepare('SELECT name, target, sha256, status FROM outputs').all() as { name: string; target: string; sha256: string; status: string }[];
    for (const o of outputs) {
      if (o.status !== 'DELIVERED') { report.lost.push(`output ${o.name} is ${o.status}`); continue; }
      const path = [join(ws.dir, 'outbox', 'fcp', 'orders', o.name), join(ws.dir, 'outbox', 'acme', o.name), join(ws.dir, 'outbox', 'edi', o.name)].find((p) => existsSync(p));
      if (path === undefined) report.lost.push(`output ${o.name} (${o.target}) not on disk`);
      else if (createHash('sha256').update(readFileSync(path)).digest('hex') !== o.sha256) report.partial.push(`output ${o.name} differs from the ledger's bytes`);
    }
    const files = db.prepare('SELECT source, name, status FROM files').all() as { source: string; name: string; status: string }[];
    for (const input of INPUTS) {
      const name = input.split('/').at(-1) as string;
      const taken = files.filter((f) => f.name === name && (f.status === 'PROCESSED' || f.status === 'QUARANTINED'));
      if (taken.length === 0) report.lost.push(`${input} never taken`);
      if (taken.length > 1) report.duplicated.push(`${input} taken ${taken.length} times`);
    }
    for (const f of files.filter((x) => x.status === 'RECEIVED')) report.other.push(`${f.name} left RECEIVED`);
    const broken = files.find((f) => f.name === 'zz-broken.csv');
    if (broken !== undefined && broken.status !== 'QUARANTINED') report.other.push(`zz-broken.csv is ${broken.status}, not QUARANTINED`);
    const statuses = db.prepare("SELECT fcp_order_number AS n, status FROM orders WHERE status NOT IN ('ACCEPTED', 'COMPLETED')").all() as { n: string; status: string }[];
    report.other.push(...statuses.map((s) => `order ${s.n} is ${s.status}`));
  } finally {
    db.close();
  }
  return report;
}
