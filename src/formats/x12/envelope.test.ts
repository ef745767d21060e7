import { describe, expect, it } from 'vitest';
import { feed, fixedChunks } from '../../../test/fixtures/x12/chunking.js';
import { isa, PO_BODY, purchaseOrderInterchange, render, transactionSet } from '../../../test/fixtures/x12/build-interchange.js';
import { X12_ENVELOPE_ERRORS } from './codes.js';
import { acceptedTransactionSets, parseX12 } from './document.js';
import { transactionSetAk5Code, X12EnvelopeValidator, X12StreamParser } from './envelope.js';
import type { X12Document, X12EnvelopeError } from './envelope-types.js';
import type { X12Delimiters } from './types.js';

interface FoundError {
  code: string;
  level: string;
  ack: string;
  where: string;
}

/** Every envelope error in the document, flattened with where it sits. */
function envelopeErrors(doc: X12Document): FoundError[] {
  const found: FoundError[] = [];
  const add = (where: string, errors: readonly X12EnvelopeError[]): void => {
    for (const e of errors) found.push({ code: e.code, level: e.level, ack: `${e.ack.segment} ${e.ack.code}`, where });
  };
  for (const interchange of doc.interchanges) {
    add(`ISA ${interchange.header.controlNumber}`, interchange.errors);
    for (const group of interchange.groups) {
      add(`GS ${group.header.controlNumber}`, group.errors);
      for (const set of group.transactionSets) add(`ST ${set.controlNumber}`, set.errors);
    }
  }
  return found;
}

const parse = (segments: readonly string[]): X12Document => parseX12(render(segments));
const codes = (segments: readonly string[]): string[] => envelopeErrors(parse(segments)).map((e) => `${e.code} ${e.ack} @${e.where}`);

const GS = 'GS*PO*PARTNER*US*20261122*1815*42*X*004010';
const set1 = transactionSet('850', '0001');
const set2 = transactionSet('850', '0002');

describe('envelope validator: a valid interchange', () => {
  it('builds the tree with headers, trailers and set segments numbered from ST = 1', () => {
    const doc = parse(purchaseOrderInterchange([set1, set2]));
    expect(doc.streamErrors).toEqual([]);
    expect(envelopeErrors(doc)).toEqual([]);
    const [interchange] = doc.interchanges;
    expect(interchange?.header).toMatchObject({ senderId: 'PARTNER', receiverId: 'US', controlNumber: '000000123', version: '00401', usage: 'P', isaFixedWidth: true });
    expect(interchange?.trailer).toMatchObject({ count: '1', controlNumber: '000000123' });
    const group = interchange?.groups[0];
    expect(group?.header).toMatchObject({ functionalId: 'PO', controlNumber: '42', version: '004010' });
    expect(group?.transactionSets.map((s) => [s.id, s.controlNumber, s.segmentCount, s.accepted])).toEqual([['850', '0001', 8, true], ['850', '0002', 8, true]]);
    const segments = group?.transactionSets[0]?.segments ?? [];
    expect(segments.map((s) => `${s.position}:${s.id}`)).toEqual(['1:ST', '2:BEG', '3:N1', '4:N3', '5:N4', '6:PO1', '7:CTT', '8:SE']);
    expect(acceptedTransactionSets(doc)).toHaveLength(2);
  });

  it('tolerates TA1 segments between ISA and GS and keeps them', () => {
    const doc = parse([isa(), 'TA1*000000077*261121*1200*A*000', GS, ...set1, 'GE*1*42', 'IEA*1*000000123']);
    expect(envelopeErrors(doc)).toEqual([]);
    expect(doc.interchanges[0]?.ta1).toEqual([['000000077', '261121', '1200', 'A', '000']]);
  });

  it.each([
    ['PO', '850'], ['OW', '940'], ['IN', '810'], ['SH', '856'], ['FA', '997'], ['FA', '999'], ['IB', '846'], ['SW', '945'], ['PR', '855'],
    ['ZZ', '850'], // an unknown functional id is not checked
  ])('accepts GS01 %s with ST01 %s', (gs01, st01) => {
    expect(codes([isa(), GS.replace('GS*PO', `GS*${gs01}`), ...transactionSet(st01, '0001'), 'GE*1*42', 'IEA*1*000000123'])).toEqual([]);
  });

  it('emits each transaction set at its SE, before the group trailer is read', () => {
    const parser = new X12StreamParser();
    const input = render(purchaseOrderInterchange([set1, set2]));
    const firstSe = input.indexOf('SE*');
    const early = parser.push(input.subarray(0, firstSe + 12));
    expect(early.map((e) => e.type)).toEqual(['interchange-start', 'group-start', 'transaction-set']);
    const rest = [...parser.push(input.subarray(firstSe + 12)), ...parser.end()];
    expect(rest.map((e) => e.type)).toEqual(['transaction-set', 'group-end', 'interchange-end']);
    // The group result holds no set (each was handed on at its SE): memory stays O(one set).
    const groupEnd = rest.find((e) => e.type === 'group-end');
    expect(groupEnd?.type === 'group-end' && groupEnd.group).toEqual(expect.objectContaining({ setCount: 2, accepted: true }));
    expect(groupEnd?.type === 'group-end' && 'sets' in groupEnd.group).toBe(false);
  });

  it('gives the same envelope events for any chunking', () => {
    const input = Buffer.concat([render(purchaseOrderInterchange([set1, set1])), render(purchaseOrderInterchange([set2]).slice(0, 6))]);
    const whole = feed(new X12StreamParser(), [input]);
    for (let size = 1; size <= 40; size++) expect(feed(new X12StreamParser(), fixedChunks(input, size))).toEqual(whole);
  });
});

describe('envelope validator: interchange errors (TA1) reject the interchange', () => {
  it.each([
    ['ISA05 sender qualifier', (s: string) => s.replace('*ZZ*PARTNER', '*Z*PARTNER'), 'TA1 005'],
    ['ISA06 sender id width', (s: string) => s.replace('PARTNER        *', 'PARTNER    *'), 'TA1 006'],
    ['ISA08 receiver id width', (s: string) => s.replace('US             *', 'US              *'), 'TA1 008'],
    ['ISA09 date', (s: string) => s.replace('261122', '261322'), 'TA1 014'],
    ['ISA10 time', (s: string) => s.replace('*1815*', '*2415*'), 'TA1 015'],
    ['ISA12 version format', (s: string) => s.replace('00401', '0040A'), 'TA1 017'],
    ['ISA13 control number', (s: string) => s.replace('000000123', '00000012A'), 'TA1 018'],
    ['ISA14 ack requested', (s: string) => s.replace('*0*P*', '*2*P*'), 'TA1 019'],
    ['ISA15 usage', (s: string) => s.replace('*0*P*', '*0*X*'), 'TA1 020'],
    ['ISA16 component separator', (s: string) => s.replace(/\*>$/, '*A'), 'TA1 027'],
  ])('ISA_FIELD_INVALID for %s', (_name, breakIsa, ack) => {
    const segments = purchaseOrderInterchange();
    const iea = breakIsa(isa()).includes('00000012A') ? 'IEA*1*00000012A' : 'IEA*1*000000123';
    const doc = parse([breakIsa(segments[0] as string), ...segments.slice(1, -1), iea]);
    expect(envelopeErrors(doc)).toEqual([expect.objectContaining({ code: 'ISA_FIELD_INVALID', level: 'interchange', ack })]);
    expect(acceptedTransactionSets(doc)).toEqual([]);
  });

  it('ISA_VERSION_UNSUPPORTED (TA1 017) outside 00200–00501, unless version checks are off', () => {
    const segments = purchaseOrderInterchange(undefined, { version: '00601' });
    expect(codes(segments)).toEqual(['ISA_VERSION_UNSUPPORTED TA1 017 @ISA 000000123']);
    expect(envelopeErrors(parseX12(render(segments), { checkVersions: false }))).toEqual([]);
  });

  it('ISA_ELEMENT_COUNT (TA1 022) for an ISA without 16 elements (fed by another tokenizer)', () => {
    const delimiters: X12Delimiters = { element: '*', component: '>', repetition: null, segment: '~' };
    const validator = new X12EnvelopeValidator();
    const events = validator.push([{ type: 'segment', id: 'ISA', elements: ['00', '          '], offset: 0, index: 1, delimiters }]);
    expect(events[0]?.type === 'interchange-start' && events[0].errors.map((e) => [e.code, e.ack.code])).toEqual([['ISA_ELEMENT_COUNT', '022']]);
  });

  it('rejects a 107-char ISA by the field that is too wide', () => {
    const wide = isa().replace('US             ', 'US              ');
    expect(codes([wide, ...purchaseOrderInterchange().slice(1)])).toEqual(['ISA_FIELD_INVALID TA1 008 @ISA 000000123']);
  });

  it('IEA01_GROUP_COUNT_MISMATCH (TA1 021) and IEA02_CONTROL_NUMBER_MISMATCH (TA1 001)', () => {
    const body = purchaseOrderInterchange().slice(0, -1);
    expect(codes([...body, 'IEA*2*000000123'])).toEqual(['IEA01_GROUP_COUNT_MISMATCH TA1 021 @ISA 000000123']);
    expect(codes([...body, 'IEA*1*000000124'])).toEqual(['IEA02_CONTROL_NUMBER_MISMATCH TA1 001 @ISA 000000123']);
    expect(codes([...body, 'IEA*1*123'])).toEqual(['IEA02_CONTROL_NUMBER_MISMATCH TA1 001 @ISA 000000123']); // no numeric leniency
  });

  it('IEA_MISSING (TA1 023) at end of input, with the open GE and SE also missing', () => {
    const doc = parse(purchaseOrderInterchange().slice(0, 5));
    expect(envelopeErrors(doc).map((e) => `${e.code} ${e.ack}`)).toEqual(['IEA_MISSING TA1 023', 'GE_MISSING AK9 3', 'SE_MISSING AK5 2']);
    expect(doc.streamErrors.map((e) => e.code)).toEqual(['PREMATURE_END']);
  });

  it('IEA_MISSING when the next ISA comes first; the next interchange is fine', () => {
    const doc = parse([...purchaseOrderInterchange().slice(0, -1), ...purchaseOrderInterchange(undefined, { control: '000000124' })]);
    expect(envelopeErrors(doc).map((e) => `${e.code} @${e.where}`)).toEqual(['IEA_MISSING @ISA 000000123']);
    expect(acceptedTransactionSets(doc).map((s) => s.interchange.controlNumber)).toEqual(['000000124']);
  });

  it('UNEXPECTED_SEGMENT_IN_INTERCHANGE (TA1 024) for a segment outside any group', () => {
    expect(codes([isa(), 'BEG*00*SA*1', GS, ...set1, 'GE*1*42', 'IEA*1*000000123'])).toEqual(['UNEXPECTED_SEGMENT_IN_INTERCHANGE TA1 024 @ISA 000000123']);
  });

  it('TOKENIZER_ERROR_IN_INTERCHANGE (TA1 024) for an unreadable segment outside any group', () => {
    const input = render([isa(), `NTE*${'x'.repeat(400)}`, GS, ...set1, 'GE*1*42', 'IEA*1*000000123']);
    expect(envelopeErrors(parseX12(input, { maxSegmentBytes: 300 })).map((e) => `${e.code} ${e.ack}`)).toEqual(['TOKENIZER_ERROR_IN_INTERCHANGE TA1 024']);
  });
});

describe('envelope validator: group errors (AK9) reject the group only', () => {
  const twoGroups = (secondGs: string, secondGe = 'GE*1*43'): string[] => [isa(), GS, ...set1, 'GE*1*42', secondGs, ...set2, secondGe, 'IEA*2*000000123'];
  const GS43 = GS.replace('*42*', '*43*');

  it('GE02_CONTROL_NUMBER_MISMATCH (AK9 4) and GE01_SET_COUNT_MISMATCH (AK9 5)', () => {
    const doc = parse(twoGroups(GS43, 'GE*2*44'));
    expect(envelopeErrors(doc).map((e) => `${e.code} ${e.ack} @${e.where}`)).toEqual(['GE02_CONTROL_NUMBER_MISMATCH AK9 4 @GS 43', 'GE01_SET_COUNT_MISMATCH AK9 5 @GS 43']);
    expect(acceptedTransactionSets(doc).map((s) => s.set.controlNumber)).toEqual(['0001']);
  });

  it('DUPLICATE_GS06 (AK9 6) on the second group with the same GS06', () => {
    expect(codes(twoGroups(GS, 'GE*1*42'))).toEqual(['DUPLICATE_GS06 AK9 6 @GS 42']);
  });

  it('GS06_INVALID (AK9 6), GS08_VERSION_UNSUPPORTED (AK9 2), GS_INVALID (TA1 024)', () => {
    expect(codes(twoGroups(GS43.replace('*43*', '*4A3*'), 'GE*1*4A3'))).toEqual(['GS06_INVALID AK9 6 @GS 4A3']);
    expect(codes(twoGroups(GS43.replace('004010', '006020')))).toEqual(['GS08_VERSION_UNSUPPORTED AK9 2 @GS 43']);
    expect(codes(twoGroups('GS*PO*PARTNER*US', 'GE*1*'))).toEqual(['GS_INVALID TA1 024 @GS ']);
  });

  it('GE_MISSING (AK9 3) when a GS or IEA comes first', () => {
    expect(codes([isa(), GS, ...set1, GS.replace('*42*', '*43*'), ...set2, 'GE*1*43', 'IEA*2*000000123'])).toEqual(['GE_MISSING AK9 3 @GS 42']);
    expect(codes([isa(), GS, ...set1, 'IEA*1*000000123'])).toEqual(['GE_MISSING AK9 3 @GS 42']);
  });

  it('SEGMENT_OUTSIDE_SET (TA1 024) for a segment between SE and ST', () => {
    expect(codes([isa(), GS, ...set1, 'NTE*stray', ...set2, 'GE*2*42', 'IEA*1*000000123'])).toEqual(['SEGMENT_OUTSIDE_SET TA1 024 @GS 42']);
  });
});

describe('envelope validator: set errors (AK5) reject the set only', () => {
  const inGroup = (...sets: string[][]): string[] => [isa(), GS, ...sets.flat(), `GE*${sets.length}*42`, 'IEA*1*000000123'];

  it('SE01_SEGMENT_COUNT_MISMATCH (AK5 4) and SE02_CONTROL_NUMBER_MISMATCH (AK5 3); the other set goes on', () => {
    const doc = parse(inGroup(transactionSet('850', '0001', PO_BODY, { count: '7', control: '0009' }), set2));
    expect(envelopeErrors(doc).map((e) => `${e.code} ${e.ack} @${e.where}`)).toEqual(['SE02_CONTROL_NUMBER_MISMATCH AK5 3 @ST 0001', 'SE01_SEGMENT_COUNT_MISMATCH AK5 4 @ST 0001']);
    expect(acceptedTransactionSets(doc).map((s) => s.set.controlNumber)).toEqual(['0002']);
  });

  it('SE_MISSING (AK5 2) when the next ST or the GE comes first', () => {
    expect(codes(inGroup(set1.slice(0, -1), set2))).toEqual(['SE_MISSING AK5 2 @ST 0001']);
    expect(codes(inGroup(set1.slice(0, -1)))).toEqual(['SE_MISSING AK5 2 @ST 0001']);
  });

  it('DUPLICATE_ST02 (AK5 23) for a repeated ST02 in the group', () => {
    expect(codes(inGroup(set1, set1))).toEqual(['DUPLICATE_ST02 AK5 23 @ST 0001']);
  });

  it('ST02_INVALID (AK5 7), ST01_INVALID (AK5 6), ST01_GS01_MISMATCH (AK5 6)', () => {
    expect(codes(inGroup(transactionSet('850', '001')))).toEqual(['ST02_INVALID AK5 7 @ST 001']);
    expect(codes(inGroup(transactionSet('85O', '0001')))).toEqual(['ST01_INVALID AK5 6 @ST 0001']);
    expect(codes(inGroup(transactionSet('940', '0001')))).toEqual(['ST01_GS01_MISMATCH AK5 6 @ST 0001']);
    const ow = [isa(), GS.replace('GS*PO', 'GS*OW'), ...set1, 'GE*1*42', 'IEA*1*000000123'];
    expect(codes(ow)).toEqual(['ST01_GS01_MISMATCH AK5 6 @ST 0001']);
  });

  it('SEGMENT_ID_INVALID (AK3 1) with position; the set is rejected with AK502 5', () => {
    const doc = parse(inGroup(transactionSet('850', '0001', ['BEG*00*SA*1**20261122', 'TEST*1', 'ctt*1'])));
    const set = doc.interchanges[0]?.groups[0]?.transactionSets[0];
    expect(set?.errors.map((e) => [e.code, e.ack.segment, e.ack.code, e.segmentId, e.segmentPosition])).toEqual([
      ['SEGMENT_ID_INVALID', 'AK3', '1', 'TEST', 3],
      ['SEGMENT_ID_INVALID', 'AK3', '1', 'ctt', 4],
    ]);
    expect(set && transactionSetAk5Code(set)).toBe('5');
  });

  it('SEGMENT_TOO_LONG (AK3 8) counts the skipped segment in SE01', () => {
    const body = ['BEG*00*SA*1**20261122', `MSG*${'x'.repeat(400)}`, 'CTT*0'];
    const doc = parseX12(render(inGroup(transactionSet('850', '0001', body))), { maxSegmentBytes: 300 });
    const set = doc.interchanges[0]?.groups[0]?.transactionSets[0];
    expect(set?.errors.map((e) => [e.code, e.ack.code, e.segmentPosition])).toEqual([['SEGMENT_TOO_LONG', '8', 3]]);
    expect(set?.segmentCount).toBe(5);
    expect(set?.segments.map((s) => s.id)).toEqual(['ST', 'BEG', 'CTT', 'SE']);
  });

  it('transactionSetAk5Code gives the first set-level code, null when accepted', () => {
    const doc = parse(inGroup(transactionSet('850', '0001', PO_BODY, { count: '99' }), set2));
    const sets = doc.interchanges[0]?.groups[0]?.transactionSets ?? [];
    expect(sets.map((s) => transactionSetAk5Code(s))).toEqual(['4', null]);
  });
});

describe('error catalogue', () => {
  it('documents every envelope error code with a level and (except ISA fields) an ack code', () => {
    for (const [code, definition] of Object.entries(X12_ENVELOPE_ERRORS)) {
      expect(definition.doc.length, code).toBeGreaterThan(10);
      if (code !== 'ISA_FIELD_INVALID') expect(definition.ack, code).not.toBeNull();
    }
  });
});
