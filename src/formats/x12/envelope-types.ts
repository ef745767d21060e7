/**
 * Values produced by the envelope validator: headers, per-level results with their errors, and
 * the streaming events. A level is rejected when it has an error of its own level; a transaction
 * set is usable only if it, its group and its interchange are all accepted (see
 * `acceptedTransactionSets`).
 */
import type { X12AckCode, X12EnvelopeErrorCode, X12ErrorLevel } from './codes.js';
import type { X12Delimiters, X12StreamErrorEvent } from './types.js';

export interface X12EnvelopeError {
  readonly code: X12EnvelopeErrorCode;
  /** The level this error rejects. */
  readonly level: X12ErrorLevel;
  readonly message: string;
  /** Byte offset of the segment where it was found (end of input for a missing trailer). */
  readonly offset: number;
  /** The TA1/997 code that reports it (AK3 for segment errors inside a set). */
  readonly ack: X12AckCode;
  /** For ISA_FIELD_INVALID: the field (e.g. `ISA06`). */
  readonly element?: string;
  /** For AK3 detail: the segment id and its 1-based position in the set (ST = 1). */
  readonly segmentId?: string;
  readonly segmentPosition?: number;
}

export interface X12InterchangeHeader {
  /** Byte offset of the ISA. */
  readonly offset: number;
  readonly delimiters: X12Delimiters;
  /** false for an ISA whose separators were not at the standard positions (rejected). */
  readonly isaFixedWidth: boolean;
  /** ISA01..ISA16 as sent (untrimmed). */
  readonly elements: readonly string[];
  readonly senderQualifier: string;
  /** ISA06 without its space padding. */
  readonly senderId: string;
  readonly receiverQualifier: string;
  /** ISA08 without its space padding. */
  readonly receiverId: string;
  readonly date: string;
  readonly time: string;
  readonly version: string;
  /** ISA13, exactly as sent (`000000123` stays `000000123`). */
  readonly controlNumber: string;
  /** ISA14 = '1' asks for a TA1. */
  readonly ackRequested: string;
  /** ISA15: P production, T test, I information. */
  readonly usage: string;
}

export interface X12GroupHeader {
  readonly offset: number;
  readonly elements: readonly string[];
  /** GS01, e.g. PO, OW, FA. */
  readonly functionalId: string;
  readonly senderCode: string;
  readonly receiverCode: string;
  readonly date: string;
  readonly time: string;
  /** GS06, exactly as sent. */
  readonly controlNumber: string;
  readonly agency: string;
  /** GS08, e.g. 004010, 004010VICS, 005010. */
  readonly version: string;
}

export interface X12Trailer {
  readonly offset: number;
  /** IEA01 / GE01 / SE01 as sent. */
  readonly count: string;
  /** IEA02 / GE02 / SE02 as sent. */
  readonly controlNumber: string;
}

/** A segment of a transaction set, with its place in the set (for AK3 positions). */
export interface X12SetSegment {
  readonly id: string;
  readonly elements: readonly string[];
  readonly offset: number;
  /** 1-based position in the set; ST = 1. */
  readonly position: number;
}

export interface X12TransactionSetSummary {
  /** ST01, e.g. 850. */
  readonly id: string;
  /** ST02, exactly as sent. */
  readonly controlNumber: string;
  /** ST03 (005010+ implementation convention reference), '' when absent. */
  readonly implementationReference: string;
  readonly offset: number;
  /** Segments counted from ST to SE inclusive (a segment too long to read counts too). */
  readonly segmentCount: number;
  readonly trailer: X12Trailer | null;
  readonly errors: readonly X12EnvelopeError[];
  /** No error of the set itself (its group and interchange may still be rejected). */
  readonly accepted: boolean;
}

export interface X12TransactionSet extends X12TransactionSetSummary {
  readonly segments: readonly X12SetSegment[];
}

export interface X12GroupResult {
  readonly header: X12GroupHeader;
  readonly trailer: X12Trailer | null;
  /** Number of ST..SE sets seen in the group. */
  readonly setCount: number;
  readonly errors: readonly X12EnvelopeError[];
  readonly accepted: boolean;
}

export interface X12InterchangeResult {
  readonly header: X12InterchangeHeader;
  readonly trailer: X12Trailer | null;
  /** Number of GS groups seen. */
  readonly groupCount: number;
  /** TA1 segments found between ISA and GS (interchange acks from the partner). */
  readonly ta1: readonly (readonly string[])[];
  readonly errors: readonly X12EnvelopeError[];
  readonly accepted: boolean;
  readonly groups: readonly X12GroupResult[];
}

/**
 * Streaming output. A 'transaction-set' comes at its SE (or when it is cut short), before its
 * group's and interchange's trailers are checked: act on it only after 'interchange-end' says
 * the interchange (and 'group-end' the group) was accepted.
 */
export type X12EnvelopeEvent =
  | { readonly type: 'interchange-start'; readonly header: X12InterchangeHeader; readonly errors: readonly X12EnvelopeError[] }
  | { readonly type: 'group-start'; readonly header: X12GroupHeader; readonly errors: readonly X12EnvelopeError[] }
  | {
      readonly type: 'transaction-set';
      readonly set: X12TransactionSet;
      readonly group: X12GroupHeader;
      readonly interchange: X12InterchangeHeader;
    }
  | { readonly type: 'group-end'; readonly group: X12GroupResult }
  | { readonly type: 'interchange-end'; readonly interchange: X12InterchangeResult }
  /** Tokenizer errors and warnings (NOT_X12, TRAILING_GARBAGE, PREMATURE_END, …), in stream order. */
  | { readonly type: 'stream-error'; readonly error: X12StreamErrorEvent };

export interface X12EnvelopeOptions {
  /** Reject ISA12 outside 00200–00501 and GS08 outside 003000–005010 (SPEC §5.3). Default true. */
  readonly checkVersions?: boolean;
}

/** The whole-buffer result of parseX12. */
export interface X12Document {
  readonly interchanges: readonly X12Interchange[];
  /** Stream-level errors and warnings, in order (NOT_X12, TRAILING_GARBAGE, PREMATURE_END, …). */
  readonly streamErrors: readonly X12StreamErrorEvent[];
}

export interface X12Group extends X12GroupResult {
  readonly transactionSets: readonly X12TransactionSet[];
}

export interface X12Interchange extends Omit<X12InterchangeResult, 'groups'> {
  readonly groups: readonly X12Group[];
}
