/**
 * Event types of the X12 tokenizer. The tokenizer only cuts bytes into segments; envelope
 * rules (counts, control numbers) live in envelope.ts.
 */
import type { X12StreamErrorCode } from './codes.js';

/** Delimiters of one interchange, read from its ISA. One frozen object per interchange. */
export interface X12Delimiters {
  /** ISA byte 3. */
  readonly element: string;
  /** ISA16 (byte 104). */
  readonly component: string;
  /** ISA11 when the version allows it (≥ 00402) and it is not alphanumeric; otherwise null. */
  readonly repetition: string | null;
  /** Byte 105; one character, or a multi-byte UTF-8 character (e.g. U+2026). */
  readonly segment: string;
}

export interface X12InterchangeStartEvent {
  readonly type: 'interchange-start';
  /** Byte offset of the `I` of `ISA` in the whole stream. */
  readonly offset: number;
  readonly delimiters: X12Delimiters;
  /**
   * false when the separators are not at the 16 fixed ISA positions and the ISA had to be read
   * by splitting on the element separator (e.g. a 15-char ID padded to 16). The envelope
   * validator rejects such an interchange; the tokenizer still reads it so the error is precise.
   */
  readonly isaFixedWidth: boolean;
}

export interface X12SegmentEvent {
  readonly type: 'segment';
  /** Segment id (`ISA`, `GS`, `BEG`, …), as sent (not validated here). */
  readonly id: string;
  /**
   * Data elements; elements[0] is the first one after the id (ISA01 for the ISA). Untrimmed.
   * A long value may share the text of the chunk it was cut from: copy what is kept for long.
   */
  readonly elements: readonly string[];
  /** Byte offset of the first byte of the segment id in the whole stream. */
  readonly offset: number;
  /** 1-based number of the segment in its interchange (ISA = 1). */
  readonly index: number;
  readonly delimiters: X12Delimiters;
}

export interface X12StreamErrorEvent {
  readonly type: 'error';
  readonly code: X12StreamErrorCode;
  /** 'warning' events are tolerated input (reported, nothing rejected by them alone). */
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** Byte offset in the whole stream where the problem starts. */
  readonly offset: number;
}

export type X12Event = X12InterchangeStartEvent | X12SegmentEvent | X12StreamErrorEvent;

/**
 * Where a tokenizer puts what it reads, in stream order. By default it collects X12Event objects
 * (what push() returns); the envelope validator takes segments as arguments instead, so the
 * streaming parser builds no event object per segment (there are millions in a large file).
 */
export interface X12TokenSink {
  /** Interchange starts, stream errors and warnings. */
  event(event: X12InterchangeStartEvent | X12StreamErrorEvent): void;
  /** A segment: the fields of an X12SegmentEvent. */
  segment(id: string, elements: string[], offset: number, index: number, delimiters: X12Delimiters): void;
}

/**
 * How element bytes become strings. 'auto' (default): UTF-8 when the segment is valid UTF-8,
 * else latin1 — lossless for both legacy 8-bit files and UTF-8 partners.
 */
export type X12TextEncoding = 'auto' | 'utf8' | 'latin1';

export interface X12TokenizerOptions {
  /** Raw byte length above which a segment is reported as SEGMENT_TOO_LONG and skipped. Default 1 MiB. */
  readonly maxSegmentBytes?: number;
  readonly encoding?: X12TextEncoding;
}
