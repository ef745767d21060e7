/**
 * Field-level checks of the envelope headers (ISA, GS, ST), and the one constructor of
 * envelope errors so that every error carries its catalogue level and ack code.
 */
import { FUNCTIONAL_GROUP_SETS, X12_ENVELOPE_ERRORS } from './codes.js';
import type { X12AckCode, X12EnvelopeErrorCode } from './codes.js';
import type { X12EnvelopeError, X12GroupHeader, X12InterchangeHeader } from './envelope-types.js';
import type { X12InterchangeStartEvent, X12SegmentEvent } from './types.js';

type ErrorDetail = Pick<X12EnvelopeError, 'element' | 'segmentId' | 'segmentPosition'> & { ack?: X12AckCode };

export function envelopeError(code: X12EnvelopeErrorCode, offset: number, message: string, detail: ErrorDetail = {}): X12EnvelopeError {
  const definition = X12_ENVELOPE_ERRORS[code];
  const ack = detail.ack ?? definition.ack;
  if (ack === null) throw new Error(`envelope error ${code} needs an explicit ack code`);
  const error: { -readonly [K in keyof X12EnvelopeError]: X12EnvelopeError[K] } = { code, level: definition.level, message, offset, ack };
  if (detail.element !== undefined) error.element = detail.element;
  if (detail.segmentId !== undefined) error.segmentId = detail.segmentId;
  if (detail.segmentPosition !== undefined) error.segmentPosition = detail.segmentPosition;
  return error;
}

interface IsaField {
  readonly width: number;
  /** TA105 note code for a bad value in this field. */
  readonly ta1: string;
  readonly label: string;
  readonly valid?: (value: string) => boolean;
}

const ISA_FIELDS: readonly IsaField[] = [
  { width: 2, ta1: '010', label: 'authorization information qualifier' },
  { width: 10, ta1: '011', label: 'authorization information' },
  { width: 2, ta1: '012', label: 'security information qualifier' },
  { width: 10, ta1: '013', label: 'security information' },
  { width: 2, ta1: '005', label: 'sender id qualifier' },
  { width: 15, ta1: '006', label: 'sender id' },
  { width: 2, ta1: '007', label: 'receiver id qualifier' },
  { width: 15, ta1: '008', label: 'receiver id' },
  { width: 6, ta1: '014', label: 'date (YYMMDD)', valid: isYymmdd },
  { width: 4, ta1: '015', label: 'time (HHMM)', valid: isHhmm },
  { width: 1, ta1: '016', label: 'standards identifier / repetition separator' },
  { width: 5, ta1: '017', label: 'version', valid: (v) => /^\d{5}$/.test(v) },
  { width: 9, ta1: '018', label: 'control number', valid: (v) => /^\d{9}$/.test(v) },
  { width: 1, ta1: '019', label: 'acknowledgment requested (0/1)', valid: (v) => v === '0' || v === '1' },
  { width: 1, ta1: '020', label: 'usage indicator (P/T/I)', valid: (v) => v === 'P' || v === 'T' || v === 'I' },
  { width: 1, ta1: '027', label: 'component separator' },
];

const FIRST_ISA_VERSION = 200;
const LAST_ISA_VERSION = 501;
const FIRST_GS_VERSION = 3000;
const LAST_GS_VERSION = 5010;

export function readInterchangeHeader(start: X12InterchangeStartEvent | null, isa: X12SegmentEvent): X12InterchangeHeader {
  const e = (i: number): string => isa.elements[i] ?? '';
  return {
    offset: isa.offset,
    delimiters: isa.delimiters,
    isaFixedWidth: start?.isaFixedWidth ?? true,
    elements: isa.elements,
    senderQualifier: e(4),
    senderId: e(5).trim(),
    receiverQualifier: e(6),
    receiverId: e(7).trim(),
    date: e(8),
    time: e(9),
    version: e(11),
    controlNumber: e(12),
    ackRequested: e(13),
    usage: e(14),
  };
}

export function checkInterchangeHeader(header: X12InterchangeHeader, checkVersions: boolean): X12EnvelopeError[] {
  const errors: X12EnvelopeError[] = [];
  const { elements, offset, delimiters } = header;
  if (elements.length !== 16) {
    errors.push(envelopeError('ISA_ELEMENT_COUNT', offset, `the ISA has ${elements.length} elements, not 16`));
  }
  ISA_FIELDS.forEach((field, i) => {
    const value = elements[i];
    if (value === undefined) return;
    const name = `ISA${String(i + 1).padStart(2, '0')}`;
    const problem = value.length !== field.width
      ? `is ${value.length} characters, not ${field.width}`
      : field.valid && !field.valid(value) ? 'has an invalid value' : null;
    if (problem !== null) {
      errors.push(envelopeError('ISA_FIELD_INVALID', offset, `${name} (${field.label}) "${value}" ${problem}`, { element: name, ack: { segment: 'TA1', code: field.ta1 } }));
    }
  });
  const component = delimiters.component;
  if (/^[A-Za-z0-9 ]$/.test(component) || component === delimiters.element || component === delimiters.segment) {
    errors.push(envelopeError('ISA_FIELD_INVALID', offset, `ISA16 component separator "${component}" is alphanumeric or equals another delimiter`, { element: 'ISA16', ack: { segment: 'TA1', code: '027' } }));
  }
  if (checkVersions && /^\d{5}$/.test(header.version)) {
    const version = Number(header.version);
    if (version < FIRST_ISA_VERSION || version > LAST_ISA_VERSION) {
      errors.push(envelopeError('ISA_VERSION_UNSUPPORTED', offset, `ISA12 version ${header.version} is not one we read (00200–00501)`));
    }
  }
  return errors;
}

export function readGroupHeader(gs: X12SegmentEvent): X12GroupHeader {
  const e = (i: number): string => gs.elements[i] ?? '';
  return {
    offset: gs.offset,
    elements: gs.elements,
    functionalId: e(0),
    senderCode: e(1),
    receiverCode: e(2),
    date: e(3),
    time: e(4),
    controlNumber: e(5),
    agency: e(6),
    version: e(7),
  };
}

/** GS errors that reject the group at once; duplicate GS06 is checked by the caller. */
export function checkGroupHeader(header: X12GroupHeader, checkVersions: boolean): X12EnvelopeError[] {
  const { offset } = header;
  if (header.elements.length < 8 || header.functionalId === '' || header.controlNumber === '') {
    return [envelopeError('GS_INVALID', offset, `the GS has ${header.elements.length} elements (8 needed) or an empty GS01/GS06`)];
  }
  const errors: X12EnvelopeError[] = [];
  if (!/^\d{1,9}$/.test(header.controlNumber)) {
    errors.push(envelopeError('GS06_INVALID', offset, `GS06 group control number "${header.controlNumber}" is not 1–9 digits`));
  }
  if (checkVersions) {
    const match = /^(\d{6})/.exec(header.version);
    const version = match ? Number(match[1]) : NaN;
    if (!(version >= FIRST_GS_VERSION && version <= LAST_GS_VERSION)) {
      errors.push(envelopeError('GS08_VERSION_UNSUPPORTED', offset, `GS08 version "${header.version}" is not one we read (003010–005010)`));
    }
  }
  return errors;
}

/** ST checks that need only the ST and its group (duplicate ST02 is checked by the caller). */
export function checkSetHeader(st: X12SegmentEvent, group: X12GroupHeader): X12EnvelopeError[] {
  const id = st.elements[0] ?? '';
  const controlNumber = st.elements[1] ?? '';
  const errors: X12EnvelopeError[] = [];
  if (!/^\d{3}$/.test(id)) {
    errors.push(envelopeError('ST01_INVALID', st.offset, `ST01 "${id}" is not a 3-digit transaction set identifier`));
  } else {
    const allowed = FUNCTIONAL_GROUP_SETS[group.functionalId];
    if (allowed !== undefined && !allowed.includes(id)) {
      errors.push(envelopeError('ST01_GS01_MISMATCH', st.offset, `transaction set ${id} does not belong in a GS01 "${group.functionalId}" group (expects ${allowed.join('/')})`));
    }
  }
  if (controlNumber.length < 4 || controlNumber.length > 9 || controlNumber.trim() !== controlNumber) {
    errors.push(envelopeError('ST02_INVALID', st.offset, `ST02 control number "${controlNumber}" is not 4–9 characters`));
  }
  return errors;
}

/** True when a count element (IEA01, GE01, SE01) states exactly `actual`. */
export function countMatches(stated: string, actual: number): boolean {
  return /^\d{1,10}$/.test(stated) && Number(stated) === actual;
}

/** 2–3 characters, A–Z then A–Z/0–9 (char codes, not a regex: this runs for every segment). */
export function isValidSegmentId(id: string): boolean {
  const length = id.length;
  if (length < 2 || length > 3) return false;
  const first = id.charCodeAt(0);
  if (first < 0x41 || first > 0x5a) return false;
  for (let i = 1; i < length; i++) {
    const code = id.charCodeAt(i);
    if (!((code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39))) return false;
  }
  return true;
}

function isYymmdd(value: string): boolean {
  if (!/^\d{6}$/.test(value)) return false;
  const month = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

function isHhmm(value: string): boolean {
  if (!/^\d{4}$/.test(value)) return false;
  return Number(value.slice(0, 2)) <= 23 && Number(value.slice(2, 4)) <= 59;
}
