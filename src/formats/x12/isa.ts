/**
 * Reads one ISA header and the delimiters it declares, from raw bytes.
 *
 * Why not just take bytes 3/104/105: real files break that. 80-column wrapped files put CR/LF
 * inside the ISA (so CR/LF are skipped while counting), and some senders pad an ID to 16 chars
 * (a 107-char ISA), so the reader locates the 16 element separators instead of trusting fixed
 * offsets, and reports whether they sat at the standard positions (`fixedWidth`). The caller
 * rejects a non-fixed-width interchange, but can still tokenize it and say exactly what is wrong.
 */
import { isUtf8 } from 'node:buffer';
import type { X12Delimiters } from './types.js';

const CR = 0x0d;
const LF = 0x0a;

/** Raw bytes looked at, at most, to find one ISA: 106 plus room for wrapping and bad padding. */
export const ISA_SCAN_LIMIT = 512;

/** 0-based positions of the 16 element separators in a well-formed ISA (CR/LF not counted). */
const FIXED_SEPARATOR_POSITIONS = [3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103];

/** The repetition separator (ISA11) exists from version 00402 on; earlier ISA11 is the standards id. */
const FIRST_VERSION_WITH_REPETITION = 402;

export type IsaReadResult =
  | { readonly kind: 'need-more' }
  | { readonly kind: 'invalid'; readonly truncated: boolean; readonly reason: string }
  | {
      readonly kind: 'ok';
      /** Raw bytes from the `I` of ISA up to and including the segment terminator. */
      readonly consumed: number;
      /** ISA01..ISA16, untrimmed. */
      readonly elements: string[];
      readonly delimiters: X12Delimiters;
      readonly fixedWidth: boolean;
      readonly elementSeparatorByte: number;
      readonly terminatorBytes: Buffer;
    };

const ISA = [0x49, 0x53, 0x41];

/**
 * Are the three bytes at buf[at] (CR/LF after the "I" skipped: wrapped files) "ISA"? 'need-more'
 * when the buffer ends first and the stream has not.
 */
export function isaStartsAt(buf: Buffer, at: number, streamEnded: boolean): boolean | 'need-more' {
  // Asked at every segment start: most are not an "I".
  if (at < buf.length && buf[at] !== 0x49) return false;
  let matched = 0;
  for (let i = at; i < buf.length; i++) {
    const byte = buf[i] as number;
    if ((byte === CR || byte === LF) && matched > 0) continue;
    if (byte !== ISA[matched]) return false;
    if (++matched === 3) return true;
  }
  return streamEnded ? false : 'need-more';
}

/** Are `bytes` at buf[at]? 'need-more' when the buffer ends first and the stream has not. */
export function bytesAt(buf: Buffer, at: number, bytes: readonly number[], streamEnded: boolean): boolean | 'need-more' {
  for (let i = 0; i < bytes.length; i++) {
    if (at + i >= buf.length) return streamEnded ? false : 'need-more';
    if (buf[at + i] !== bytes[i]) return false;
  }
  return true;
}

export function isAlphanumericByte(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
}

/**
 * Reads the ISA starting at buf[start] (its first three non-CR/LF bytes are `ISA`; the caller
 * checked). `end` is how much of buf is filled; `streamEnded` says no more bytes will come.
 * The answer depends only on the stream's bytes, never on how they were chunked: whenever a
 * decision needs a byte not yet available, the result is 'need-more'.
 */
export function readIsa(buf: Buffer, start: number, end: number, streamEnded: boolean): IsaReadResult {
  const limit = Math.min(end, start + ISA_SCAN_LIMIT);
  const hitScanLimit = end - start >= ISA_SCAN_LIMIT;
  const outOfBytes = (): IsaReadResult => {
    if (hitScanLimit) return invalid(`no complete ISA header within ${ISA_SCAN_LIMIT} bytes`);
    if (streamEnded) return { kind: 'invalid', truncated: true, reason: 'input ends inside the ISA header' };
    return { kind: 'need-more' };
  };

  // Compact view: raw index of every byte that is not CR/LF (wrapped files break anywhere).
  const compact: number[] = [];
  let raw = start;
  const compactAt = (k: number): number | undefined => {
    while (compact.length <= k && raw < limit) {
      const byte = buf[raw] as number;
      if (byte !== CR && byte !== LF) compact.push(raw);
      raw++;
    }
    return compact[k];
  };

  const sepIndex = compactAt(3);
  if (sepIndex === undefined) return outOfBytes();
  const sep = buf[sepIndex] as number;
  if (isAlphanumericByte(sep) || sep === 0x20 || sep === 0x00) {
    return invalid(`element separator ${describeByte(sep)} after "ISA" is not a valid separator`);
  }

  // Find the 16 separators: the last one precedes ISA16 (the component separator, one char).
  const separatorPositions: number[] = [3];
  let k = 4;
  while (separatorPositions.length < 16) {
    const index = compactAt(k);
    if (index === undefined) return outOfBytes();
    if (buf[index] === sep) separatorPositions.push(k);
    k++;
  }
  const lastSeparator = separatorPositions[15] as number;
  const componentIndex = compactAt(lastSeparator + 1);
  if (componentIndex === undefined) return outOfBytes();
  const fixedWidth = separatorPositions.every((position, i) => position === FIXED_SEPARATOR_POSITIONS[i]);

  const canWait = !hitScanLimit && !streamEnded;
  const terminator = locateTerminator(buf, componentIndex + 1, limit, canWait);
  if (terminator === 'need-more') return outOfBytes();
  const terminatorBytes = Buffer.from(buf.subarray(terminator.start, terminator.end));
  const firstTerminatorByte = terminatorBytes[0] as number;
  if (terminatorBytes.length === 1 && (isAlphanumericByte(firstTerminatorByte) || firstTerminatorByte === 0x20)) {
    return invalid(`segment terminator ${describeByte(firstTerminatorByte)} is alphanumeric or a space`);
  }
  if (terminatorBytes.length === 1 && firstTerminatorByte === sep) {
    return invalid('segment terminator and element separator are the same character');
  }

  const compactBytes = Buffer.from(compact.slice(4, lastSeparator + 2).map((index) => buf[index] as number));
  const elementChar = String.fromCharCode(sep);
  const elements = compactBytes.toString('latin1').split(elementChar);
  const component = String.fromCharCode(buf[componentIndex] as number);
  const segment = terminatorBytes.length === 1 ? String.fromCharCode(firstTerminatorByte) : terminatorBytes.toString('utf8');
  const delimiters: X12Delimiters = Object.freeze({
    element: elementChar,
    component,
    repetition: repetitionSeparator(elements, elementChar, component, segment),
    segment,
  });
  return {
    kind: 'ok',
    consumed: terminator.end - start,
    elements,
    delimiters,
    fixedWidth,
    elementSeparatorByte: sep,
    terminatorBytes,
  };
}

/**
 * The terminator is the raw byte after ISA16. Two refinements, both from real files:
 * - a CR/LF there may be an 80-column line break rather than the terminator: if the byte after
 *   the CR/LF run is punctuation (not a letter/digit/whitespace that could start the next
 *   segment or end the file), that byte is the terminator;
 * - a UTF-8 lead byte followed by continuation bytes is one multi-byte terminator (e.g. U+2026).
 */
function locateTerminator(
  buf: Buffer,
  at: number,
  limit: number,
  canWait: boolean,
): { start: number; end: number } | 'need-more' {
  if (at >= limit) return 'need-more';
  const first = buf[at] as number;
  if (first === CR || first === LF) {
    let next = at;
    while (next < limit && (buf[next] === CR || buf[next] === LF)) next++;
    // Nothing after the line break (yet): wait if more may come, else the CR/LF is the terminator.
    if (next >= limit) return canWait ? 'need-more' : { start: at, end: at + 1 };
    const after = buf[next] as number;
    if (isAlphanumericByte(after) || after === 0x20 || after === 0x09 || after === 0x00 || after === 0x1a) {
      return { start: at, end: at + 1 };
    }
    return locateTerminator(buf, next, limit, canWait);
  }
  const length = utf8SequenceLength(first);
  if (length > 1) {
    if (at + length > limit) return canWait ? 'need-more' : { start: at, end: at + 1 };
    const candidate = buf.subarray(at, at + length);
    if (isUtf8(candidate)) return { start: at, end: at + length };
  }
  return { start: at, end: at + 1 };
}

function utf8SequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 1;
}

function repetitionSeparator(elements: readonly string[], element: string, component: string, segment: string): string | null {
  const isa11 = elements[10] ?? '';
  const isa12 = elements[11] ?? '';
  if (!/^\d{5}$/.test(isa12) || Number(isa12) < FIRST_VERSION_WITH_REPETITION) return null;
  // Many senders keep `U` (or another letter) in ISA11 in later versions: that is not a separator.
  if (isa11.length !== 1 || isAlphanumericByte(isa11.charCodeAt(0)) || isa11 === ' ') return null;
  if (isa11 === element || isa11 === component || isa11 === segment) return null;
  return isa11;
}

function invalid(reason: string): IsaReadResult {
  return { kind: 'invalid', truncated: false, reason };
}

export function describeByte(byte: number): string {
  return byte >= 0x21 && byte <= 0x7e ? `"${String.fromCharCode(byte)}"` : `0x${byte.toString(16).padStart(2, '0')}`;
}
