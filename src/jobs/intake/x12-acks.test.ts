import { describe, expect, it } from 'vitest';
import { isa, purchaseOrderInterchange, render, transactionSet } from '../../../test/fixtures/x12/build-interchange.js';
import { parseX12, type X12Group } from '../../formats/x12/index.js';
import { write997 } from '../../formats/x12/outbound/index.js';
import { ackEnvelope, ackVersion, functionalAckOf, x12LocalDateTime } from './x12-acks.js';

function groupsOf(segments: string[]): X12Group[] {
  return parseX12(render(segments)).interchanges.flatMap((i) => i.groups);
}

describe('the 997 of a received group', () => {
  it('reports each set: AK5 A, or R with its AK502 code; AK9 P when some were rejected', () => {
    const [group] = groupsOf(purchaseOrderInterchange([
      transactionSet('850', '0001'), transactionSet('850', '0002', undefined, { count: '42' }), transactionSet('850', '0003', undefined, { control: '9999' }),
    ]));
    const ack = functionalAckOf(group as X12Group);
    expect(ack).toMatchObject({ groupFunctionalId: 'PO', groupControlNumber: '42', groupVersion: '004010', includedSetCount: 3, groupErrorCodes: [] });
    expect(ack.sets.map((s) => [s.controlNumber, s.accepted, s.errors])).toEqual([
      ['0001', true, []], ['0002', false, [{ setErrorCode: '4' }]], ['0003', false, [{ setErrorCode: '3' }]],
    ]);
    const text = write997(ack, { ...ENVELOPE }).text;
    expect(text).toContain('AK5*R*4~');
    expect(text).toContain('AK9*P*3*3*1~');
  });

  it('puts segment errors in AK3 (position in the set) and group errors in AK9', () => {
    const sets = [transactionSet('850', '0001', ['BEG*00*SA*X**20261122', '1BAD*X', 'PO1*1*1*EA*1**SK*A'])];
    const segments = purchaseOrderInterchange(sets);
    segments[segments.length - 2] = 'GE*5*42';
    const ack = functionalAckOf(groupsOf(segments)[0] as X12Group);
    expect(ack.groupErrorCodes).toEqual(['5']);
    expect(ack.sets[0]?.errors).toEqual([{ segmentId: '1BAD', segmentPosition: 3, segmentErrorCode: '1' }]);
    const text = write997(ack, ENVELOPE).text;
    expect(text).toContain('AK3*1BA*3**1~');
    expect(text).toContain('AK5*R*5~');
    expect(text).toContain('AK9*R*5*1*0*5~');
  });

  it('answers a group we do not read (here invoices) AK9 R 1, its sets AK5 R 1', () => {
    const segments = [isa(), 'GS*IN*PARTNER*US*20261122*1815*8*X*004010', 'ST*810*0001', 'BIG*20261122*INV1', 'SE*3*0001', 'GE*1*8', 'IEA*1*000000123'];
    const ack = functionalAckOf(groupsOf(segments)[0] as X12Group);
    expect(ack.groupErrorCodes).toEqual(['1']);
    expect(ack.sets).toEqual([{ setId: '810', controlNumber: '0001', implementationReference: '', accepted: false, errors: [{ setErrorCode: '1' }] }]);
    expect(write997(ack, ENVELOPE).text).toContain('AK5*R*1~\nAK9*R*1*1*0*1~');
  });

  it('answers each group of a mailbag: ST02 duplicates in and out of order, a wrong SE01, a bad segment id, a duplicate GS06', () => {
    const w940 = ['W05*N*O1*P1', 'LX*1', 'W01*2*EA**SK*A'];
    const first = [
      isa(), 'GS*PO*PARTNER*US*20261122*1815*42*X*004010',
      // Out of order, a duplicate ST02 (AK5 23), a wrong SE01 (AK5 4), a bad segment id (AK3).
      ...transactionSet('850', '0001'), ...transactionSet('850', '0003'), ...transactionSet('850', '0002'), ...transactionSet('850', '0003'),
      ...transactionSet('850', '0004', undefined, { count: '99' }), ...transactionSet('850', '0005', ['BEG*00*SA*X**20261122', '1BAD*X']),
      'GE*6*42',
      'GS*PO*PARTNER*US*20261122*1815*42*X*004010', ...transactionSet('850', '0001'), 'GE*1*42', // DUPLICATE_GS06 (AK9 6)
      'IEA*2*000000123',
    ];
    const second = [
      isa({ control: '000000124' }), 'GS*OW*PARTNER*US*20261122*1815*7*X*005010',
      ...transactionSet('940', '0001', w940), ...transactionSet('940', '0001', w940), 'GE*2*7', 'IEA*1*000000124',
    ];
    const input = Buffer.concat([render(first), render(second, { element: '|', terminator: '\x15', suffix: '\r\n' })]);
    const groups = parseX12(input).interchanges.flatMap((i) => i.groups);
    const head = ['ISA*00*          *00*          *ZZ*US             *ZZ*PARTNER        *261122*1015*U*00401*000000001*0*P*>', 'GS*FA*US*PARTNER*20261122*1015*1*X*004010', 'ST*997*0001'];
    const tail = ['GE*1*1', 'IEA*1*000000001'];
    const lines = (...segments: string[]): string => [...head, ...segments, ...tail].map((s) => `${s}~\n`).join('');
    expect(groups.map((group) => write997(functionalAckOf(group), ENVELOPE).text)).toEqual([
      lines('AK1*PO*42', 'AK2*850*0001', 'AK5*A', 'AK2*850*0003', 'AK5*A', 'AK2*850*0002', 'AK5*A', 'AK2*850*0003', 'AK5*R*23',
        'AK2*850*0004', 'AK5*R*4', 'AK2*850*0005', 'AK3*1BA*3**1', 'AK5*R*5', 'AK9*P*6*6*3', 'SE*17*0001'),
      lines('AK1*PO*42', 'AK2*850*0001', 'AK5*A', 'AK9*R*1*1*0*6', 'SE*6*0001'),
      lines('AK1*OW*7', 'AK2*940*0001', 'AK5*A', 'AK2*940*0001', 'AK5*R*23', 'AK9*P*2*2*1', 'SE*8*0001'),
    ]);
  });

  it('mirrors the version: 005xxx → 00501 (AK103 = GS08), everything older → 00401', () => {
    expect(['005010', '005010X222A1', '004010', '004010VICS', '004030', '003060'].map(ackVersion)).toEqual(['00501', '00501', '00401', '00401', '00401', '00401']);
  });

  it('swaps roles: our ids as sender, the received GS03/GS02 as GS02/GS03, test answered as test', () => {
    const document = parseX12(render(purchaseOrderInterchange(undefined, { usage: 'T' })));
    const interchange = document.interchanges[0];
    const group = interchange?.groups[0] as X12Group;
    const envelope = ackEnvelope({ ourQualifier: 'ZZ', ourId: 'EFS', partnerQualifier: '01', partnerId: 'ACME' }, interchange!.header, group,
      { isa: 7, gs: 8, st: [9] }, { date: '20261122', time: '1015' });
    expect(envelope).toMatchObject({ senderId: 'EFS', receiverQualifier: '01', receiverId: 'ACME', gsSenderId: 'US', gsReceiverId: 'PARTNER', version: '00401', usage: 'T' });
    const odd = { ...group, header: { ...group.header, senderCode: 'A*B', receiverCode: '' } };
    expect(ackEnvelope({ ourQualifier: 'ZZ', ourId: 'EFS', partnerQualifier: '01', partnerId: 'ACME' }, interchange!.header, odd,
      { isa: 7, gs: 8, st: [9] }, { date: '20261122', time: '1015' })).toMatchObject({ gsSenderId: 'EFS', gsReceiverId: 'ACME' });
  });

  it('writes ISA/GS date and time in the configured zone', () => {
    expect(x12LocalDateTime('America/Los_Angeles', new Date('2026-11-22T05:15:00Z'))).toEqual({ date: '20261121', time: '2115' });
    expect(x12LocalDateTime('UTC', new Date('2026-11-22T00:05:00Z'))).toEqual({ date: '20261122', time: '0005' });
  });
});

const ENVELOPE = {
  senderQualifier: 'ZZ', senderId: 'US', receiverQualifier: 'ZZ', receiverId: 'PARTNER', gsSenderId: 'US', gsReceiverId: 'PARTNER',
  version: '00401' as const, controlNumbers: { isa: 1, gs: 1, st: [1] }, date: '20261122', time: '1015', usage: 'P' as const,
};
