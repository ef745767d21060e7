import { describe, expect, it } from 'vitest';
import { ENVELOPE_00401, ENVELOPE_00501, expectGolden, expectReparsesCleanly, recount } from '../../../../test/fixtures/x12-outbound/check-output.js';
import { write997 } from './x12-997.js';
import type { X12AckSet, X12FunctionalAck } from './x12-997.js';

const accepted = (controlNumber: string): X12AckSet => ({ setId: '850', controlNumber, accepted: true, errors: [] });
const ack = (sets: X12AckSet[], extra: Partial<X12FunctionalAck> = {}): X12FunctionalAck => ({
  groupFunctionalId: 'PO', groupControlNumber: '000123', groupVersion: '004010', sets, ...extra,
});
/** The AK segments of the first 997, as strings. */
const akSegments = (text: string): string[] => recount(text).segments.filter((s) => s[0]?.startsWith('AK')).map((s) => s.join('*'));

const REJECTED_AND_ACCEPTED: X12FunctionalAck = {
  groupFunctionalId: 'PO',
  groupControlNumber: '000123',
  groupVersion: '005010',
  sets: [
    {
      setId: '850', controlNumber: '0001', implementationReference: '005010', accepted: false,
      errors: [
        { segmentId: 'N4', segmentPosition: 7, loopId: 'N1', segmentErrorCode: '8', elementPosition: 2, elementReference: '156', elementErrorCode: '7', badValue: 'ZZ*~' },
        { segmentId: 'N4', segmentPosition: 7, elementPosition: 4, componentPosition: 1, elementErrorCode: '5', badValue: 'UNITED STATES' },
        { segmentId: 'PO1', segmentPosition: 9, segmentErrorCode: '3' },
        { setErrorCode: '4' },
      ],
    },
    accepted('0002'),
  ],
};

describe('write997', () => {
  it('golden: one accepted set, 00401', () => {
    const { text } = write997(ack([accepted('0001')]), ENVELOPE_00401);
    expectGolden('997-accepted-00401.edi', text);
    expect(akSegments(text)).toEqual(['AK1*PO*000123', 'AK2*850*0001', 'AK5*A', 'AK9*A*1*1*1']);
    expectReparsesCleanly(text);
  });

  it('golden: a rejected set with AK3/AK4 detail and an accepted one, 00501 (AK103 and AK203 mirrored)', () => {
    const { text, adjustments } = write997(REJECTED_AND_ACCEPTED, ENVELOPE_00501);
    expectGolden('997-partial-ak3-ak4-00501.edi', text);
    expect(akSegments(text)).toEqual([
      'AK1*PO*000123*005010',
      'AK2*850*0001*005010',
      'AK3*N4*7*N1*8',
      'AK4*2*156*7*ZZ  ',
      'AK4*4>1**5*UNITED STATES',
      'AK3*PO1*9**3',
      'AK5*R*4*5',
      'AK2*850*0002',
      'AK5*A',
      'AK9*P*2*2*1',
    ]);
    expect(adjustments).toEqual([{ setControlNumber: '0007', element: 'AK404', sanitised: true, truncated: false, original: 'ZZ*~', written: 'ZZ  ' }]);
    expectReparsesCleanly(text);
  });

  it('004010 leaves out AK103 and AK203 (the elements do not exist there)', () => {
    expect(akSegments(write997(REJECTED_AND_ACCEPTED, ENVELOPE_00401).text).slice(0, 2)).toEqual(['AK1*PO*000123', 'AK2*850*0001']);
  });

  it.each<[string, X12AckSet[], string[], string]>([
    ['all accepted', [accepted('0001'), accepted('0002')], ['AK5*A', 'AK5*A'], 'AK9*A*2*2*2'],
    ['accepted with noted errors', [accepted('0001'), { ...accepted('0002'), errors: [{ segmentId: 'PID', segmentPosition: 5, segmentErrorCode: '2' }] }], ['AK5*A', 'AK5*E*5'], 'AK9*E*2*2*2'],
    ['some rejected', [accepted('0001'), { ...accepted('0002'), accepted: false, errors: [{ setErrorCode: '3' }] }], ['AK5*A', 'AK5*R*3'], 'AK9*P*2*2*1'],
    ['all rejected', [{ ...accepted('0001'), accepted: false, errors: [{ setErrorCode: '2' }] }], ['AK5*R*2'], 'AK9*R*1*1*0'],
  ])('AK5/AK9 when %s', (_, sets, ak5, ak9) => {
    const segments = akSegments(write997(ack(sets), ENVELOPE_00401).text);
    expect(segments.filter((s) => s.startsWith('AK5'))).toEqual(ak5);
    expect(segments.at(-1)).toBe(ak9);
  });

  it('a group error rejects the group: AK9 R with its codes and no accepted sets; GE01 as received goes to AK902', () => {
    const segments = akSegments(write997(ack([accepted('0001')], { groupErrorCodes: ['5', '5', '4'], includedSetCount: 3 }), ENVELOPE_00401).text);
    expect(segments.at(-1)).toBe('AK9*R*3*1*0*5*4');
  });

  it('keeps at most five codes in AK5 and AK9', () => {
    const codes = ['1', '2', '3', '4', '6', '7', '23'];
    const set: X12AckSet = { ...accepted('0001'), accepted: false, errors: codes.map((setErrorCode) => ({ setErrorCode })) };
    const segments = akSegments(write997(ack([set], { groupErrorCodes: codes }), ENVELOPE_00401).text);
    expect(segments).toContain('AK5*R*1*2*3*4*6');
    expect(segments.at(-1)).toBe('AK9*R*1*1*0*1*2*3*4*6');
  });

  it('writes one 997 set per acknowledged group, all in one GS*FA group', () => {
    const { text } = write997([ack([accepted('0001')]), ack([accepted('0001')], { groupControlNumber: '124' })], { ...ENVELOPE_00401, controlNumbers: { isa: 42, gs: 17, st: [7, 8] } });
    const { sets, segments } = recount(text);
    expect(segments[1]?.[1]).toBe('FA');
    expect(sets.map((s) => [s.id, s.controlNumber, s.segments[1]?.join('*')])).toEqual([['997', '0007', 'AK1*PO*000123'], ['997', '0008', 'AK1*PO*124']]);
    expectReparsesCleanly(text);
  });

  it('refuses element errors it cannot place (AK4 lives under an AK3)', () => {
    const bad = (error: X12AckSet['errors'][number]): X12FunctionalAck => ack([{ ...accepted('0001'), accepted: false, errors: [error] }]);
    expect(() => write997(bad({ elementPosition: 2, elementErrorCode: '7' }), ENVELOPE_00401)).toThrow('segmentId');
    expect(() => write997(bad({ segmentId: 'N4', elementPosition: 2, elementErrorCode: '7' }), ENVELOPE_00401)).toThrow('segmentPosition');
    expect(() => write997(bad({ segmentId: 'N4', segmentPosition: 3, elementPosition: 2 }), ENVELOPE_00401)).toThrow('elementErrorCode');
  });
});
