/**
 * The X12 code catalogue: our error codes (each with its doc line and the acknowledgment code a
 * TA1/997 would carry for it) and the standard code lists those acks use.
 *
 * Sources: ASC X12 code lists for data elements 717/716/718 (AK5/AK9 in the 997), 720/723
 * (AK3/AK4) and I18 (TA105), as tabulated by BizTalk, EdiFabric and pyx12 (see
 * shared/reference/x12-research.md §2.9).
 */

/** Errors the tokenizer reports about the byte stream itself (outside any envelope logic). */
export const X12_STREAM_ERRORS = {
  NOT_X12: 'No ISA where an interchange must start (binary, EBCDIC, another format, or an empty file); the file is quarantined.',
  INVALID_ISA: 'Bytes start with "ISA" but no usable header can be read (bad separators, no 16 elements, terminator alphanumeric).',
  TRAILING_GARBAGE: 'Bytes after an IEA that are not whitespace, NUL or Ctrl-Z; the complete interchanges before them still count.',
  SEGMENT_TOO_LONG: 'A segment longer than maxSegmentBytes (default 1 MiB); it is skipped and its transaction set rejected.',
  PREMATURE_END: 'The input ends inside an interchange (before its IEA).',
  MISSING_TERMINATOR: 'Warning: the last segment of the input has no segment terminator; it is read anyway.',
} as const;
export type X12StreamErrorCode = keyof typeof X12_STREAM_ERRORS;

/** Acknowledgment segment and code that report an error back to the sender. */
export interface X12AckCode {
  /** TA1 (TA105 note code), AK9 (AK905), AK5 (AK502), AK3 (AK304) or AK4 (AK403). */
  readonly segment: 'TA1' | 'AK9' | 'AK5' | 'AK3' | 'AK4';
  readonly code: string;
}

/** Where an envelope error sits; an error rejects that level (interchange, group or set). */
export type X12ErrorLevel = 'interchange' | 'group' | 'set';

interface EnvelopeErrorDefinition {
  readonly level: X12ErrorLevel;
  /** null when the ack code depends on the case (ISA field errors carry their own TA1 code). */
  readonly ack: X12AckCode | null;
  readonly doc: string;
}

const ta1 = (code: string): X12AckCode => ({ segment: 'TA1', code });
const ak9 = (code: string): X12AckCode => ({ segment: 'AK9', code });
const ak5 = (code: string): X12AckCode => ({ segment: 'AK5', code });
const ak3 = (code: string): X12AckCode => ({ segment: 'AK3', code });

export const X12_ENVELOPE_ERRORS = {
  // Interchange (ISA/IEA): rejects the interchange; reported in a TA1.
  ISA_ELEMENT_COUNT: { level: 'interchange', ack: ta1('022'), doc: 'The ISA does not have exactly 16 elements.' },
  ISA_FIELD_INVALID: { level: 'interchange', ack: null, doc: 'An ISA field has the wrong fixed width or an invalid value; the TA1 note code names the field (005–020, 026, 027).' },
  ISA_VERSION_UNSUPPORTED: { level: 'interchange', ack: ta1('017'), doc: 'ISA12 is outside 00200–00501.' },
  IEA_MISSING: { level: 'interchange', ack: ta1('023'), doc: 'The interchange has no IEA (input ended, or another ISA or unreadable bytes came first).' },
  IEA01_GROUP_COUNT_MISMATCH: { level: 'interchange', ack: ta1('021'), doc: 'IEA01 differs from the number of GS groups in the interchange.' },
  IEA02_CONTROL_NUMBER_MISMATCH: { level: 'interchange', ack: ta1('001'), doc: 'IEA02 differs from ISA13.' },
  UNEXPECTED_SEGMENT_IN_INTERCHANGE: { level: 'interchange', ack: ta1('024'), doc: 'A segment other than GS, TA1 or IEA outside any functional group.' },
  TOKENIZER_ERROR_IN_INTERCHANGE: { level: 'interchange', ack: ta1('024'), doc: 'A segment too long to read outside any transaction set.' },
  // Functional group (GS/GE): rejects the group; reported in the 997's AK9.
  GS_INVALID: { level: 'group', ack: ta1('024'), doc: 'A GS with fewer than 8 elements or an empty GS01/GS06: no 997 can name it, so the TA1 reports it (024).' },
  GS08_VERSION_UNSUPPORTED: { level: 'group', ack: ak9('2'), doc: 'GS08 is not a version 003000–005010 (suffixes such as VICS, UCS, X222 allowed).' },
  GE_MISSING: { level: 'group', ack: ak9('3'), doc: 'The group has no GE (a GS, IEA or end of input came first).' },
  GE02_CONTROL_NUMBER_MISMATCH: { level: 'group', ack: ak9('4'), doc: 'GE02 differs from GS06.' },
  GE01_SET_COUNT_MISMATCH: { level: 'group', ack: ak9('5'), doc: 'GE01 differs from the number of ST sets in the group.' },
  GS06_INVALID: { level: 'group', ack: ak9('6'), doc: 'GS06 is not 1–9 digits.' },
  DUPLICATE_GS06: { level: 'group', ack: ak9('6'), doc: 'GS06 repeats an earlier group control number of the same interchange (6; 005010 also defines 19).' },
  SEGMENT_OUTSIDE_SET: { level: 'group', ack: ta1('024'), doc: 'A segment inside a group but outside any ST..SE; no 997 element can name it.' },
  // Transaction set (ST/SE): rejects the set; reported in the 997's AK5.
  ST01_INVALID: { level: 'set', ack: ak5('6'), doc: 'ST01 is not a 3-digit transaction set identifier.' },
  ST01_GS01_MISMATCH: { level: 'set', ack: ak5('6'), doc: 'ST01 does not belong to the group\'s GS01 functional id (e.g. GS*OW with ST*850).' },
  ST02_INVALID: { level: 'set', ack: ak5('7'), doc: 'ST02 is not 4–9 characters.' },
  DUPLICATE_ST02: { level: 'set', ack: ak5('23'), doc: 'ST02 repeats an earlier set control number of the same group.' },
  SE_MISSING: { level: 'set', ack: ak5('2'), doc: 'The set has no SE (an ST, GE, IEA, ISA or end of input came first).' },
  SE02_CONTROL_NUMBER_MISMATCH: { level: 'set', ack: ak5('3'), doc: 'SE02 differs from ST02.' },
  SE01_SEGMENT_COUNT_MISMATCH: { level: 'set', ack: ak5('4'), doc: 'SE01 differs from the number of segments from ST to SE inclusive.' },
  // Segment errors inside a set: the set is rejected with AK502 5 and the AK3 detail below.
  SEGMENT_ID_INVALID: { level: 'set', ack: ak3('1'), doc: 'A segment id that is not 2–3 characters A–Z/0–9 starting with a letter (AK304 1, unrecognized).' },
  SEGMENT_TOO_LONG: { level: 'set', ack: ak3('8'), doc: 'A segment longer than the tokenizer cap inside a set (AK304 8, data element errors).' },
} as const satisfies Record<string, EnvelopeErrorDefinition>;
export type X12EnvelopeErrorCode = keyof typeof X12_ENVELOPE_ERRORS;

/** AK502 for a set whose errors are all at segment level (AK3/AK4 carry the detail). */
export const AK5_SEGMENTS_IN_ERROR = '5';

/** TA105 interchange note codes (data element I18). */
export const TA1_NOTE_CODES = {
  '000': 'No error',
  '001': 'The Interchange Control Number in the Header and Trailer Do Not Match',
  '002': 'This Standard as Noted in the Control Standards Identifier is Not Supported',
  '003': 'This Version of the Controls is Not Supported',
  '004': 'The Segment Terminator is Invalid',
  '005': 'Invalid Interchange ID Qualifier for Sender',
  '006': 'Invalid Interchange Sender ID',
  '007': 'Invalid Interchange ID Qualifier for Receiver',
  '008': 'Invalid Interchange Receiver ID',
  '009': 'Unknown Interchange Receiver ID',
  '010': 'Invalid Authorization Information Qualifier Value',
  '011': 'Invalid Authorization Information Value',
  '012': 'Invalid Security Information Qualifier Value',
  '013': 'Invalid Security Information Value',
  '014': 'Invalid Interchange Date Value',
  '015': 'Invalid Interchange Time Value',
  '016': 'Invalid Interchange Standards Identifier Value',
  '017': 'Invalid Interchange Version ID Value',
  '018': 'Invalid Interchange Control Number Value',
  '019': 'Invalid Acknowledgment Requested Value',
  '020': 'Invalid Test Indicator Value',
  '021': 'Invalid Number of Included Groups Value',
  '022': 'Invalid Control Structure',
  '023': 'Improper (Premature) End-of-File (Transmission)',
  '024': 'Invalid Interchange Content (e.g., Invalid GS Segment)',
  '025': 'Duplicate Interchange Control Number',
  '026': 'Invalid Data Element Separator',
  '027': 'Invalid Component Element Separator',
} as const;

/** AK905 functional group syntax error codes (data element 716), the ones a 997 of ours uses. */
export const AK905_CODES = {
  '1': 'Functional Group Not Supported',
  '2': 'Functional Group Version Not Supported',
  '3': 'Functional Group Trailer Missing',
  '4': 'Group Control Number in the Functional Group Header and Trailer Do Not Agree',
  '5': 'Number of Included Transaction Sets Does Not Match Actual Count',
  '6': 'Group Control Number Violates Syntax',
  '19': 'Functional Group Control Number not Unique within Interchange (004030 and later)',
} as const;

/** AK502 transaction set syntax error codes (data element 718). */
export const AK502_CODES = {
  '1': 'Transaction Set Not Supported',
  '2': 'Transaction Set Trailer Missing',
  '3': 'Transaction Set Control Number in Header and Trailer Do Not Match',
  '4': 'Number of Included Segments Does Not Match Actual Count',
  '5': 'One or More Segments in Error',
  '6': 'Missing or Invalid Transaction Set Identifier',
  '7': 'Missing or Invalid Transaction Set Control Number',
  '23': 'Transaction Set Control Number Not Unique within the Functional Group',
} as const;

/** AK304 segment syntax error codes (data element 720). */
export const AK304_CODES = {
  '1': 'Unrecognized segment ID',
  '2': 'Unexpected segment',
  '3': 'Mandatory segment missing',
  '4': 'Loop Occurs Over Maximum Times',
  '5': 'Segment Exceeds Maximum Use',
  '6': 'Segment Not in Defined Transaction Set',
  '7': 'Segment Not in Proper Sequence',
  '8': 'Segment Has Data Element Errors',
} as const;

/** AK403 data element syntax error codes (data element 723). */
export const AK403_CODES = {
  '1': 'Mandatory data element missing',
  '2': 'Conditional required data element missing',
  '3': 'Too many data elements',
  '4': 'Data element too short',
  '5': 'Data element too long',
  '6': 'Invalid character in data element',
  '7': 'Invalid code value',
  '8': 'Invalid Date',
  '9': 'Invalid Time',
  '10': 'Exclusion Condition Violated',
  '12': 'Too Many Repetitions',
  '13': 'Too Many Components',
} as const;

/**
 * GS01 functional identifier → the ST01 transaction sets it may hold. A GS01 not listed here is
 * not checked against ST01 (we cannot tell right from wrong).
 */
export const FUNCTIONAL_GROUP_SETS: Readonly<Record<string, readonly string[]>> = {
  PO: ['850'], // purchase order
  PC: ['860'], // PO change request (buyer)
  CA: ['865'], // PO change acknowledgment (seller)
  PR: ['855'], // PO acknowledgment
  IN: ['810'], // invoice
  SH: ['856'], // ship notice / manifest
  IB: ['846'], // inventory inquiry / advice
  OW: ['940'], // warehouse shipping order
  SW: ['945'], // warehouse shipping advice
  AR: ['943'], // warehouse stock transfer shipment advice
  RE: ['944'], // warehouse stock transfer receipt advice
  FA: ['997', '999'], // functional / implementation acknowledgment
  RA: ['820'], // payment order / remittance advice
  AG: ['824'], // application advice
  TX: ['864'], // text message
  PS: ['830'], // planning schedule
  SS: ['862'], // shipping schedule
  QM: ['214'], // transportation carrier shipment status
  IM: ['210'], // motor carrier freight details and invoice
  SM: ['204'], // motor carrier load tender
  GF: ['990'], // response to a load tender
};
