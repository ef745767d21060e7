import { afterEach, describe, expect, it } from 'vitest';
import { purchaseOrderInterchange, render, transactionSet } from '../../../test/fixtures/x12/build-interchange.js';
import { judgeBench, type JudgeBench } from '../../../test/fixtures/x12/x12-judge-context.js';

let bench: JudgeBench;
afterEach(() => bench?.cleanup());

const interchange = (control: string, sets = [transactionSet('850', '0001')], usage = 'P'): Buffer => render(purchaseOrderInterchange(sets, { control, usage }));

describe('judgeX12File', () => {
  it('quarantines a file that is not X12, and takes one whose sets all failed', () => {
    bench = judgeBench();
    const binary = bench.take(Buffer.from([0x00, 0x01, 0xff, 0xfe, 0x10]));
    expect(binary.ok).toBe(false);
    if (!binary.ok) expect(binary.problem.code).toBe('NOT_X12');
    const allBad = bench.take(interchange('000000001', [transactionSet('850', '0001', undefined, { count: '99' })]));
    expect(allBad).toMatchObject({ ok: true, orders: 0 });
    expect(bench.ledger.pendingOutputs().map((o) => o.content.toString())).toEqual([expect.stringContaining('AK9*R*1*1*0~')]);
  });

  it('stores orders, the interchange row and its 997 in one apply; control numbers run on per partner', () => {
    bench = judgeBench();
    const first = bench.take(interchange('000000001', [transactionSet('850', '0001'), transactionSet('850', '0002', ['BEG*00*SA*PO-2**20261122', 'N1*ST*B', 'N3*1 St', 'N4*Salem*OR*97301', 'PO1*1*1*EA*1**SK*W'])]));
    expect(first).toMatchObject({ ok: true, orders: 2 });
    expect(bench.ledger.orders.list({}).map((o) => [o.orderNumber, o.status, o.sourceLine])).toEqual([['PO-1001', 'NEW', 3], ['PO-2', 'NEW', 11]]);
    expect(bench.ledger.x12Interchanges.latest('acme', 5)).toMatchObject([{ controlNumber: '000000001', senderId: 'PARTNER', status: 'PROCESSED', setsReceived: 2, setsAccepted: 2, orders: 2, test: false, reason: null }]);
    bench.reopen();
    bench.take(interchange('000000002'));
    const acks = bench.ledger.pendingOutputs();
    expect(acks.map((o) => [o.kind, o.target, o.name])).toEqual([
      ['997', 'partner:acme:ack', '997-acme-20261122T181500Z-000001.edi'],
      ['997', 'partner:acme:ack', '997-acme-20261122T181500Z-000002.edi'],
    ]);
    const isa13 = acks.map((o) => /^ISA(?:\*[^*]*){12}\*(\d{9})/.exec(o.content.toString())?.[1]);
    expect(isa13).toEqual(['000000001', '000000002']);
    expect(acks[1]?.content.toString()).toContain('GS*FA*US*PARTNER*20261122*1015*2*X*004010~\nST*997*0002~\nAK1*PO*42~');
  });

  it('skips an interchange received before (duplicate ISA13), recorded and not acknowledged again', () => {
    bench = judgeBench();
    bench.take(interchange('000000005'));
    const again = bench.take(Buffer.concat([interchange('000000005'), interchange('000000006', [transactionSet('850', '0001', ['BEG*00*SA*PO-6**20261122', 'N1*ST*B', 'N3*1 St', 'N4*Salem*OR*97301', 'PO1*1*1*EA*1**SK*W'])])]));
    expect(again).toMatchObject({ ok: true, orders: 1 });
    expect(bench.ledger.x12Interchanges.latest('acme', 5).map((i) => [i.controlNumber, i.status])).toEqual([['000000006', 'PROCESSED'], ['000000005', 'DUPLICATE'], ['000000005', 'PROCESSED']]);
    expect(bench.ledger.orders.list({}).map((o) => o.orderNumber)).toEqual(['PO-1001', 'PO-6']);
    expect(bench.ledger.pendingOutputs()).toHaveLength(2);
    expect(bench.logs.find((l) => l.message === 'X12 interchange skipped: duplicate ISA13')?.fields).toMatchObject({ interchange: '000000005' });
  });

  it('takes the interchanges before trailing garbage and reports the garbage for status', () => {
    bench = judgeBench();
    expect(bench.take(Buffer.concat([interchange('000000011'), Buffer.from('\r\nGARBAGE AFTER THE IEA\r\n')]))).toMatchObject({ ok: true, orders: 1 });
    expect(bench.ledger.lastError('acme')?.message).toMatch(/^X12 TRAILING_GARBAGE in 'in.edi': bytes after the IEA/);
    expect(bench.ledger.x12Interchanges.countsByStatus('acme')).toEqual({ PROCESSED: 1 });
  });

  it('records a test interchange and acknowledges it with a test 997, without orders', () => {
    bench = judgeBench();
    expect(bench.take(interchange('000000007', undefined, 'T'))).toMatchObject({ ok: true, orders: 0 });
    expect(bench.ledger.x12Interchanges.countsByStatus('acme')).toEqual({ TEST: 1 });
    expect(bench.ledger.pendingOutputs()[0]?.content.toString()).toMatch(/^ISA(\*[^*]*){14}\*T\*/);
  });

  it('records a rejected interchange as an error event for status', () => {
    bench = judgeBench({ partner_id: 'SOMEONE' });
    expect(bench.take(interchange('000000008'))).toMatchObject({ ok: true, orders: 0 });
    expect(bench.ledger.x12Interchanges.countsByStatus('acme')).toEqual({ REJECTED: 1 });
    expect(bench.ledger.lastError('acme')?.message).toContain("TA1 006: ISA06 sender 'PARTNER' is not this partner's x12.partner_id 'SOMEONE'");
    expect(bench.ledger.pendingOutputs()).toEqual([]);
  });

  it('reads a 940 from an OW group like an 850 from a PO group', () => {
    bench = judgeBench();
    const set = ['ST*940*0001', 'W05*N*ORD-1*PO-1', 'N1*ST*Grace', 'N3*1 Navy Way', 'N4*Arlington*VA*22202', 'W66*PP*M***Ground', 'LX*1', 'W01*2*EA**SK*W', 'SE*9*0001'];
    const segments = purchaseOrderInterchange([set], { control: '000000010' });
    segments[1] = 'GS*OW*PARTNER*US*20261122*1815*42*X*004010';
    expect(bench.take(render(segments))).toMatchObject({ ok: true, orders: 1 });
    const [order] = bench.ledger.orders.list({});
    expect([order?.orderNumber, order?.status, order?.inbound.referenceNumber, order?.fcpOrder?.lines]).toEqual(['ORD-1', 'NEW', 'PO-1', [{ sku: 'W', quantity: 2 }]]);
    expect(bench.ledger.pendingOutputs()[0]?.content.toString()).toContain('AK1*OW*42~\nAK2*940*0001~\nAK5*A~\nAK9*A*1*1*1~');
  });

  it('says a missing product id once, and maps the ship method through the map as for CSV', () => {
    bench = judgeBench({}, [['Ground', 'G']]);
    const body = ['BEG*00*SA*PO-9**20261122', 'TD5****M*Teleport', 'N1*ST*B', 'N3*1 St', 'N4*Salem*OR*97301', 'PO1*1*1*EA*1**CB*77'];
    bench.take(interchange('000000009', [transactionSet('850', '0001', body)]));
    const [order] = bench.ledger.orders.list({});
    expect(order?.status).toBe('IMPORT ERROR');
    expect(order?.problems.map((p) => p.message)).toEqual([
      "Ship method not mapped: 'Teleport' (add a row to ship-methods.csv, or a '*' default)",
      'Invalid SKU: no product id: PO1 line 1 (segment 9) has only CB; product_qualifiers are SK, VP, IN, BP, UP, EN',
    ]);
  });
});
