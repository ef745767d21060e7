import { describe, expect, it } from 'vitest';
import { isa, purchaseOrderInterchange, render, transactionSet } from '../../../test/fixtures/x12/build-interchange.js';
import { planX12File, type EarlierInterchange, type X12IntakeProfile } from './x12-plan.js';

const PROFILE: X12IntakeProfile = {
  partnerId: 'PARTNER', ourId: 'US', acceptTest: false, acknowledge: true,
  productQualifiers: ['SK'], knowsShipMethod: () => false,
};
const NEVER: EarlierInterchange = () => undefined;

function plan(content: Buffer, profile: Partial<X12IntakeProfile> = {}, earlier: EarlierInterchange = NEVER) {
  const result = planX12File(content, { ...PROFILE, ...profile }, earlier);
  if (!result.ok) throw new Error(`unexpected file problem ${result.problem.code}`);
  return result;
}

const one = (control = '000000123', fields: Parameters<typeof isa>[0] = {}): Buffer => render(purchaseOrderInterchange(undefined, { control, ...fields }));

describe('planX12File', () => {
  it('refuses a file that holds no interchange at all, with the tokenizer code', () => {
    const cases: [Buffer, string][] = [
      [Buffer.alloc(0), 'NOT_X12'],
      [Buffer.from('order_number,sku\n1,A\n'), 'NOT_X12'],
      [Buffer.from([0xc9, 0xe2, 0xc1, 0x5c, 0xf0, 0xf0, 0x40, 0x40]), 'NOT_X12'], // "ISA*00  " in EBCDIC
      [Buffer.from('ISA*00*trunc'), 'PREMATURE_END'],
      [Buffer.from(`ISA*00*${'x'.repeat(600)}~`), 'INVALID_ISA'],
    ];
    for (const [content, code] of cases) {
      const result = planX12File(content, PROFILE, NEVER);
      expect(result.ok, code).toBe(false);
      if (!result.ok) {
        expect(result.problem.code).toBe(code);
        expect(result.problem.message).toMatch(/^not an X12 file: /);
      }
    }
  });

  it('processes a clean interchange: orders numbered by segment, one group to acknowledge', () => {
    const result = plan(one());
    expect(result.interchanges).toHaveLength(1);
    const [interchange] = result.interchanges;
    expect(interchange).toMatchObject({ status: 'PROCESSED', test: false, reason: null, setsReceived: 1, setsAccepted: 1 });
    expect(interchange?.acks).toHaveLength(1);
    // ISA = 1, GS = 2, ST = 3; the PO1 is the 6th segment of the set.
    expect(result.orders.map((o) => [o.orderNumber, o.sourceLine, o.lines[0]?.sourceLine, o.lines[0]?.sku])).toEqual([['PO-1001', 3, 8, 'SKU-1']]);
  });

  it('rejects an interchange from another sender or to another receiver (TA1 006 / 009), with no orders and no 997', () => {
    const result = plan(Buffer.concat([one('000000001', { sender: 'STRANGER' }), one('000000002', { receiver: 'SOMEONE' }), one('000000003')]));
    expect(result.interchanges.map((i) => i.status)).toEqual(['REJECTED', 'REJECTED', 'PROCESSED']);
    expect(result.interchanges[0]?.reason).toBe("TA1 006: ISA06 sender 'STRANGER' is not this partner's x12.partner_id 'PARTNER'");
    expect(result.interchanges[1]?.reason).toBe("TA1 009: ISA08 receiver 'SOMEONE' is not our x12.our_id 'US'");
    expect(result.interchanges[0]?.acks).toEqual([]);
    expect(result.orders).toHaveLength(1);
  });

  it('rejects an interchange with envelope errors, naming the code and its TA1 note', () => {
    const segments = purchaseOrderInterchange();
    segments[segments.length - 1] = 'IEA*1*000000999';
    const [interchange] = plan(render(segments)).interchanges;
    expect(interchange?.status).toBe('REJECTED');
    expect(interchange?.reason).toContain('IEA02_CONTROL_NUMBER_MISMATCH (TA1 001)');
  });

  it('acknowledges a test interchange without orders, unless accept_test', () => {
    const test = one('000000123', { usage: 'T' });
    const skipped = plan(test);
    expect(skipped.interchanges[0]).toMatchObject({ status: 'TEST', test: true });
    expect(skipped.interchanges[0]?.acks).toHaveLength(1);
    expect(skipped.orders).toEqual([]);
    const taken = plan(test, { acceptTest: true });
    expect(taken.interchanges[0]).toMatchObject({ status: 'PROCESSED', test: true });
    expect(taken.orders).toHaveLength(1);
  });

  it('skips an ISA13 this sender sent before (ledger or earlier in the file) as a duplicate', () => {
    const earlier: EarlierInterchange = (sender, control, test) => (sender === 'PARTNER' && control === '000000007' && !test ? { fileId: 4, receivedAt: '2026-11-21T10:00:00.000Z' } : undefined);
    const result = plan(Buffer.concat([one('000000007'), one('000000008'), one('000000008')]), {}, earlier);
    expect(result.interchanges.map((i) => i.status)).toEqual(['DUPLICATE', 'PROCESSED', 'DUPLICATE']);
    expect(result.interchanges[0]?.reason).toBe('duplicate interchange (TA1 025): ISA13 000000007 from PARTNER was already received in file #4 at 2026-11-21T10:00:00.000Z; not processed again');
    expect(result.interchanges[2]?.reason).toContain('earlier in this file');
    expect(result.orders).toHaveLength(1);
    expect(result.interchanges[0]?.acks).toEqual([]);
  });

  it('keeps test and production numbering apart', () => {
    const result = plan(Buffer.concat([one('000000009', { usage: 'T' }), one('000000009')]));
    expect(result.interchanges.map((i) => i.status)).toEqual(['TEST', 'PROCESSED']);
  });

  it('takes the complete interchanges before trailing garbage and reports the garbage', () => {
    const result = plan(Buffer.concat([one(), Buffer.from('this is not X12\n')]));
    expect(result.interchanges.map((i) => i.status)).toEqual(['PROCESSED']);
    expect(result.orders).toHaveLength(1);
    expect(result.streamNotes.map((n) => n.code)).toEqual(['TRAILING_GARBAGE']);
  });

  it('reads only accepted sets of accepted groups; never acknowledges a 997 group; acknowledge: false sends none', () => {
    const sets = [transactionSet('850', '0001'), transactionSet('850', '0002', undefined, { count: '3' })];
    const fa = ['GS*FA*PARTNER*US*20261122*1815*43*X*004010', 'ST*997*0001', 'AK1*SH*5', 'AK9*A*1*1*1', 'SE*4*0001', 'GE*1*43'];
    const segments = purchaseOrderInterchange(sets);
    segments.splice(segments.length - 1, 1, ...fa, 'IEA*2*000000123');
    const result = plan(render(segments));
    const [interchange] = result.interchanges;
    expect(interchange).toMatchObject({ status: 'PROCESSED', setsReceived: 3, setsAccepted: 2 });
    expect(result.orders).toHaveLength(1);
    expect(interchange?.acks.map((g) => g.header.functionalId)).toEqual(['PO']);
    expect(interchange?.unacknowledged.map((u) => u.why)).toEqual(['a functional acknowledgment group (GS01 FA) is never acknowledged']);
    expect(plan(render(segments), { acknowledge: false }).interchanges[0]?.acks).toEqual([]);
  });

  it('numbers the sets of a second interchange from its own ISA', () => {
    const result = plan(Buffer.concat([one('000000001'), render(purchaseOrderInterchange([transactionSet('850', '0001'), transactionSet('850', '0002')], { control: '000000002' }), { element: '|', terminator: '\n', suffix: '' })]));
    expect(result.orders.map((o) => o.sourceLine)).toEqual([3, 3, 11]);
  });
});
