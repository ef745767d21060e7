import { describe, expect, it } from 'vitest';
import { ENVELOPE_00401, ENVELOPE_00501, expectReparsesCleanly, recount } from '../../../../test/fixtures/x12-outbound/check-output.js';
import { parseX12 } from '../document.js';
import { composite, limited, sanitizeX12Value, segment } from './element-values.js';
import { writeX12Interchange } from './envelope-writer.js';
import type { X12InterchangeParams, X12TransactionSetBody } from './envelope-writer.js';

const PARAMS: X12InterchangeParams = { ...ENVELOPE_00401, functionalId: 'IB' };
const body = (...segments: X12TransactionSetBody['segments']): X12TransactionSetBody => ({ id: '846', segments });
const SIMPLE = body(segment('BIA', '00', 'SI', 'REF1', '20261122'), segment('CTT', '0'));
const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '');

describe('envelope writer: fixed layout', () => {
  it('writes ISA/GS/ST…SE/GE/IEA with each segment ended by ~ and a newline', () => {
    const { text } = writeX12Interchange(PARAMS, [SIMPLE]);
    expect(lines(text)).toEqual([
      'ISA*00*          *00*          *ZZ*EFSBRIDGE      *ZZ*ACME           *261122*1815*U*00401*000000042*0*P*>~',
      'GS*IB*EFSBRIDGE*ACME*20261122*1815*17*X*004010~',
      'ST*846*0007~',
      'BIA*00*SI*REF1*20261122~',
      'CTT*0~',
      'SE*4*0007~',
      'GE*1*17~',
      'IEA*1*000000042~',
    ]);
    expect(text.endsWith('~\n')).toBe(true);
    expectReparsesCleanly(text);
  });

  it('keeps the ISA at exactly 106 characters with separators at the 16 fixed positions', () => {
    const { text } = writeX12Interchange({ ...PARAMS, senderId: 'A', receiverId: '123456789012345' }, [SIMPLE]);
    const isa = text.slice(0, text.indexOf('\n'));
    expect(isa).toHaveLength(106);
    const separators = [...isa].flatMap((c, i) => (c === '*' ? [i] : []));
    expect(separators).toEqual([3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103]);
    expect(isa.slice(35, 50)).toBe('A              ');
    expect(isa.slice(54, 69)).toBe('123456789012345');
    expect(isa[104]).toBe('>');
    expect(isa[105]).toBe('~');
  });

  it('00501: ISA11 is the repetition separator ^ and GS08 005010', () => {
    const { text } = writeX12Interchange({ ...ENVELOPE_00501, functionalId: 'IB' }, [SIMPLE]);
    const [isa, gs] = lines(text);
    expect(isa?.slice(82, 89)).toBe('^*00501');
    expect(gs).toBe('GS*IB*EFSBRIDGE*ACME*20261122*1815*17*X*005010~');
    expect(parseX12(Buffer.from(text)).interchanges[0]?.header.delimiters).toEqual({ element: '*', component: '>', repetition: '^', segment: '~' });
    expectReparsesCleanly(text);
  });

  it('newline: false writes one line that still re-parses', () => {
    const { text } = writeX12Interchange({ ...PARAMS, newline: false }, [SIMPLE]);
    expect(text).not.toContain('\n');
    expect(text.split('~')).toHaveLength(9);
    expectReparsesCleanly(text);
  });
});

describe('envelope writer: control numbers and counts', () => {
  it.each([
    [1, '000000001', '1', '0001'],
    [7, '000000007', '7', '0007'],
    [12345, '000012345', '12345', '12345'],
    [999999999, '999999999', '999999999', '999999999'],
  ])('control number %i → ISA13 %s, GS06 %s, ST02 %s', (n, isa13, gs06, st02) => {
    const { text } = writeX12Interchange({ ...PARAMS, controlNumbers: { isa: n, gs: n, st: [n] } }, [SIMPLE]);
    const { segments } = recount(text);
    expect(segments[0]?.[13]).toBe(isa13);
    expect(segments.at(-1)).toEqual(['IEA', '1', isa13]);
    expect(segments[1]?.[6]).toBe(gs06);
    expect(segments.at(-2)).toEqual(['GE', '1', gs06]);
    expect(segments[2]).toEqual(['ST', '846', st02]);
    expect(segments.at(-3)).toEqual(['SE', '4', st02]);
    expectReparsesCleanly(text);
  });

  it('counts every set: SE01 per set, GE01 = number of sets, IEA01 = 1', () => {
    const bigger = body(...Array.from({ length: 25 }, (_, i) => segment('LIN', undefined, 'SK', `S${i}`)));
    const { text } = writeX12Interchange({ ...PARAMS, controlNumbers: { isa: 1, gs: 2, st: [3, 4, 5] } }, [SIMPLE, bigger, SIMPLE]);
    const { problems, sets, segments } = recount(text);
    expect(problems).toEqual([]);
    expect(sets.map((s) => [s.controlNumber, s.segments.length, s.segments.at(-1)?.[1]])).toEqual([['0003', 4, '4'], ['0004', 27, '27'], ['0005', 4, '4']]);
    expect(segments.find((s) => s[0] === 'GE')).toEqual(['GE', '3', '2']);
    expect(segments.find((s) => s[0] === 'IEA')).toEqual(['IEA', '1', '000000001']);
    expectReparsesCleanly(text);
  });

  it.each<[string, Partial<X12InterchangeParams>, string]>([
    ['ISA13 0', { controlNumbers: { isa: 0, gs: 1, st: [1] } }, 'ISA13 control number'],
    ['ISA13 over 9 digits', { controlNumbers: { isa: 1_000_000_000, gs: 1, st: [1] } }, 'ISA13 control number'],
    ['GS06 not whole', { controlNumbers: { isa: 1, gs: 1.5, st: [1] } }, 'GS06 control number'],
    ['ST02 negative', { controlNumbers: { isa: 1, gs: 1, st: [-3] } }, 'ST02 of set 1'],
    ['one ST02 too many', { controlNumbers: { isa: 1, gs: 1, st: [1, 2] } }, '2 ST control numbers for 1'],
    ['a qualifier of 3 chars', { senderQualifier: 'ZZZ' }, 'senderQualifier'],
    ['an id of 16 chars', { receiverId: '1234567890123456' }, 'receiverId'],
    ['an id with a delimiter', { senderId: 'EFS*BRIDGE' }, 'senderId'],
    ['an empty GS id', { gsReceiverId: '' }, 'gsReceiverId'],
    ['an impossible date', { date: '20261332' }, 'date'],
    ['a two-digit year', { date: '261122' }, 'date'],
    ['an impossible time', { time: '2460' }, 'time'],
    ['usage I', { usage: 'I' as 'P' }, 'usage'],
    ['version 00403', { version: '00403' as '00401' }, 'version'],
    ['functional id of digits', { functionalId: '12' }, 'functionalId'],
  ])('refuses %s (a caller bug, not partner data)', (_, change, message) => {
    expect(() => writeX12Interchange({ ...PARAMS, ...change }, [SIMPLE])).toThrow(message);
  });

  it('refuses repeated ST02 in one group and an empty group', () => {
    expect(() => writeX12Interchange({ ...PARAMS, controlNumbers: { isa: 1, gs: 1, st: [5, 5] } }, [SIMPLE, SIMPLE])).toThrow('repeat');
    expect(() => writeX12Interchange({ ...PARAMS, controlNumbers: { isa: 1, gs: 1, st: [] } }, [])).toThrow('at least one');
  });
});

describe('envelope writer: element values', () => {
  it('replaces * ~ > ^ CR LF and other control characters in data by spaces, and reports it', () => {
    const nasty = 'A*B~C>D^E\rF\nG\tH\u0000I\u0085J\u2028K';
    const { text, adjustments } = writeX12Interchange(PARAMS, [body(segment('LIN', undefined, 'SK', nasty), segment('CTT', '1'))]);
    expect(lines(text)[3]).toBe('LIN**SK*A B C D E F G H I J K~');
    expect(adjustments).toEqual([{ setControlNumber: '0007', element: 'LIN03', sanitised: true, truncated: false, original: nasty, written: 'A B C D E F G H I J K' }]);
    expectReparsesCleanly(text);
    const reparsed = parseX12(Buffer.from(text)).interchanges[0]?.groups[0]?.transactionSets[0]?.segments[1];
    expect(reparsed?.elements).toEqual(['', 'SK', 'A B C D E F G H I J K']);
  });

  it('sanitises the ^ separator of 00501 data too, so a repetition can never be faked', () => {
    const { text } = writeX12Interchange({ ...ENVELOPE_00501, functionalId: 'IB' }, [body(segment('REF', 'ZZ', 'X^Y'))]);
    expect(text).toContain('REF*ZZ*X Y~');
    expectReparsesCleanly(text);
  });

  it('cuts over-long values to the element maximum, by code points, and reports it', () => {
    const { text, adjustments } = writeX12Interchange(PARAMS, [body(segment('PRF', limited('PO-0123456789-0123456789', 22)), segment('N1', 'ST', limited('😀😀😀', 2)))]);
    expect(text).toContain('PRF*PO-0123456789-01234567~');
    expect(text).toContain('N1*ST*😀😀~');
    expect(adjustments.map((a) => [a.element, a.truncated, a.written])).toEqual([['PRF01', true, 'PO-0123456789-01234567'], ['N102', true, '😀😀']]);
    expectReparsesCleanly(text);
  });

  it('drops trailing empty elements and components but keeps inner empty ones', () => {
    const { text } = writeX12Interchange(PARAMS, [body(segment('TD5', undefined, '2', 'UPSN', undefined, '', undefined), segment('AK4', composite('2', undefined), undefined, '7'), segment('AK4', composite('3', '1'), '66', '7'))]);
    expect(lines(text).slice(3, 6)).toEqual(['TD5**2*UPSN~', 'AK4*2**7~', 'AK4*3>1*66*7~']);
  });

  it('sanitizeX12Value keeps the length and ordinary text', () => {
    expect(sanitizeX12Value('Smith & Sons, Suite #5 (rear) 50% off: yes/no')).toBe('Smith & Sons, Suite #5 (rear) 50% off: yes/no');
    expect(sanitizeX12Value('Müller ~ Straße')).toBe('Müller   Straße');
    expect(sanitizeX12Value('\r\n')).toBe('  ');
  });
});
