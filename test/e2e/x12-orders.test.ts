/**
 * X12 orders end to end (SPEC §5.3): the real CLI on a temp folder, `run --once`, fixtures in
 * test/fixtures/x12-orders (hand-written: two interchanges with different delimiters, a resend,
 * and one 850 wrapped at 80 columns and unwrapped).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseX12 } from '../../src/formats/x12/index.js';
import { ACME_SHIP_METHODS, acmeConfig, makeWorkspace, ordersJson, readFcpCsvRows, REPO, type Workspace } from './harness.js';

const FIXTURES = join(REPO, 'test', 'fixtures', 'x12-orders');
const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name));

const X12_PARTNER = `    x12:
      our_qualifier: ZZ
      our_id: EFSBRIDGE
      partner_qualifier: ZZ
      partner_id: ACMEEDI
      ack_channel: { type: local, path: outbox/acme }
`;

let workspaces: Workspace[] = [];
afterEach(() => {
  for (const ws of workspaces) ws.cleanup();
  workspaces = [];
});

function x12Workspace(): Workspace {
  const ws = makeWorkspace(acmeConfig({ extraPartnerYaml: X12_PARTNER }).replace('format: csv', 'format: x12'));
  // TD503 SCAC UPSN is known to this partner's map; TD505 texts Ground/Standard were already.
  ws.write('mappings/acme/ship-methods.csv', `${ACME_SHIP_METHODS}UPSN,UPSGRD\n`);
  workspaces.push(ws);
  return ws;
}

/** Segments of an interchange we wrote, as `ID*el*el` texts. */
function segmentsOf(content: string): string[] {
  const [interchange] = parseX12(Buffer.from(content)).interchanges;
  const group = interchange?.groups[0];
  return (group?.transactionSets[0]?.segments ?? []).map((s) => [s.id, ...s.elements].join('*'));
}

function status(ws: Workspace): { partners: { x12: { interchanges: Record<string, number>; latest: { isa13: string; status: string; reason: string | null }[] } }[] } {
  return JSON.parse(ws.cli(['status', '--json']).stdout);
}

describe('X12 850s in (format: x12)', () => {
  it('takes two interchanges with different delimiters: 3 orders to the FCP, one 997 per group with the rejected set', () => {
    const ws = x12Workspace();
    ws.write('inbox/acme/two-interchanges.edi', fixture('two-interchanges.edi'));
    const run = ws.cli(['run', '--once']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);

    const rows = readFcpCsvRows(ws).map((r) => [r.row['Order Number'], r.row['Ship Method'], r.row['First Name'], r.row.Company, r.row.Country, r.row.SKU, r.row.Quantity]);
    expect(rows).toEqual([
      ['PO-1001', 'UPSGRD', 'Ada Lovelace', 'Analytical Engines Ltd', 'US', 'WIDGET', '2'],
      ['PO-2001', 'UPSGRD', 'Margaret Hamilton', '', 'US', '101BC', '3'],
      ['PO-2001', 'UPSGRD', 'Margaret Hamilton', '', 'US', '102NR/B', '6'],
      ['PO-2002', 'USPSPRI', 'Katherine Johnson', '', 'US', 'WIDGET', '1'],
    ]);
    expect(ordersJson(ws).map((o) => [o.order_number, o.status])).toEqual([['PO-1001', 'ACCEPTED'], ['PO-2001', 'ACCEPTED'], ['PO-2002', 'ACCEPTED']]);

    const acks = ws.list('outbox/acme');
    expect(acks).toEqual(['997-acme-20261122T181500Z-000001.edi', '997-acme-20261122T181500Z-000002.edi']);
    const first = ws.read(`outbox/acme/${acks[0]}`);
    // Roles swapped, 004010 mirrored, our own control numbers.
    expect(first.startsWith('ISA*00*          *00*          *ZZ*EFSBRIDGE      *ZZ*ACMEEDI        *261122*1015*U*00401*000000001*0*P*>~')).toBe(true);
    expect(segmentsOf(first)).toEqual(['ST*997*0001', 'AK1*PO*1', 'AK2*850*0001', 'AK5*A', 'AK2*850*0002', 'AK5*R*4', 'AK9*P*2*2*1', 'SE*8*0001']);
    const second = ws.read(`outbox/acme/${acks[1]}`);
    expect(second).toContain('*00501*000000002*0*P*>~');
    expect(segmentsOf(second)).toEqual(['ST*997*0002', 'AK1*PO*7*005010', 'AK2*850*0001', 'AK5*A', 'AK2*850*0002', 'AK5*A', 'AK9*A*2*2*2', 'SE*8*0002']);

    expect(status(ws).partners[0]?.x12.interchanges).toEqual({ PROCESSED: 2, TEST: 0, REJECTED: 0, DUPLICATE: 0 });
  });

  it('does not process an interchange twice: same file again, and the same interchange inside another file', () => {
    const ws = x12Workspace();
    ws.write('inbox/acme/two-interchanges.edi', fixture('two-interchanges.edi'));
    expect(ws.cli(['run', '--once']).status).toBe(0);

    // The byte-identical resend is a duplicate file: archived and recorded, nothing read again.
    ws.write('inbox/acme/two-interchanges-resent.edi', fixture('two-interchanges.edi'));
    const resend = ws.cli(['run', '--once']);
    expect(resend.status).toBe(0);
    expect(resend.stdout).toContain('"msg":"duplicate file: not processed again"');
    expect(ws.list('outbox/fcp/orders')).toHaveLength(1);
    expect(ws.list('outbox/acme')).toHaveLength(2);

    ws.write('inbox/acme/resend-plus-new.edi', fixture('interchange-a-again-plus-new.edi'));
    const run = ws.cli(['run', '--once']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('"msg":"X12 interchange skipped: duplicate ISA13"');

    const orders = ordersJson(ws);
    expect(orders.map((o) => o.order_number)).toEqual(['PO-1001', 'PO-2001', 'PO-2002', 'PO-3001']);
    const second = readFcpCsvRows(ws).filter((r) => r.file === ws.list('outbox/fcp/orders')[1]);
    expect(second.map((r) => r.row['Order Number'])).toEqual(['PO-3001']);
    // A 997 for the new interchange only.
    const acks = ws.list('outbox/acme');
    expect(acks).toHaveLength(3);
    expect(segmentsOf(ws.read(`outbox/acme/${acks[2]}`))).toContain('AK1*PO*2');

    const x12 = status(ws).partners[0]?.x12;
    expect(x12?.interchanges).toEqual({ PROCESSED: 3, TEST: 0, REJECTED: 0, DUPLICATE: 1 });
    expect(x12?.latest[1]).toMatchObject({ isa13: '000000101', status: 'DUPLICATE' });
    expect(x12?.latest[1]?.reason).toMatch(/^duplicate interchange \(TA1 025\): ISA13 000000101 from ACMEEDI was already received in file #1 at /);
    const text = ws.cli(['status']).stdout;
    expect(text).toContain('x12 acme: 3 processed, 0 test, 0 rejected, 1 duplicate');
  });

  it('reads an 80-column wrapped 850 exactly like the same 850 unwrapped', () => {
    const outcome = (file: string): { order: Record<string, unknown>; rows: string[][] } => {
      const ws = x12Workspace();
      ws.write('inbox/acme/po-4001.edi', fixture(file));
      expect(ws.cli(['run', '--once']).status).toBe(0);
      const order = JSON.parse(ws.cli(['order', 'acme', 'PO-4001', '--json']).stdout) as Record<string, unknown> & { source: Record<string, unknown> };
      delete order.source.stored_at;
      return { order, rows: readFcpCsvRows(ws).map((r) => Object.values(r.row)) };
    };
    const wrapped = outcome('wrapped-80col-850.edi');
    const unwrapped = outcome('unwrapped-850.edi');
    expect(fixture('wrapped-80col-850.edi').toString('latin1').split('\r\n').every((line) => line.length <= 80)).toBe(true);
    expect(wrapped).toEqual(unwrapped);
    expect(wrapped.order).toMatchObject({
      status: 'ACCEPTED', ship_code: 'UPSGRD',
      ship_to: { firstName: 'Alan Turing', company: 'Bletchley Park Trust', address1: 'The Mansion', address2: 'Sherwood Drive', city: 'Milton Keynes', postalCode: 'MK3 6EB', country: 'GB', email: 'alan@example.org' },
      lines: [{ sku: 'WIDGET', quantity: '4', unit_price: '12.5', line: 11 }, { sku: 'GIFTSET', quantity: '1', unit_price: '30', line: 13 }],
    });
  });

  it('quarantines a file that is not X12 at all, and keeps going', () => {
    const ws = x12Workspace();
    ws.write('inbox/acme/a-binary.edi', Buffer.from([0x00, 0xff, 0x10, 0x80, 0x7f]));
    ws.write('inbox/acme/b-good.edi', fixture('unwrapped-850.edi'));
    expect(ws.cli(['run', '--once']).status).toBe(0);
    const partner = JSON.parse(ws.cli(['status', '--json']).stdout).partners[0];
    expect(partner.quarantined_files.map((q: { name: string; code: string }) => [q.name, q.code])).toEqual([['a-binary.edi', 'NOT_X12']]);
    expect(ws.list('var/quarantine/acme')).toEqual(['1-a-binary.edi', '1-a-binary.edi.reason.txt']);
    expect(ordersJson(ws).map((o) => o.status)).toEqual(['ACCEPTED']);
  });
});
