/**
 * One segment's bytes → its id and element strings, for the segments the tokenizer cannot cut
 * straight out of its chunk's latin1 text (non-ASCII bytes read as UTF-8, wrapped lines).
 */
import { isAscii, isUtf8 } from 'node:buffer';
import type { X12TextEncoding } from './types.js';

/**
 * Decodes buf[start, end). `knownAscii` (the whole buffer is ASCII) skips the per-segment check;
 * a non-ASCII element separator forces latin1 so the separator stays one character.
 */
export function decodeSegment(buf: Buffer, start: number, end: number, encoding: X12TextEncoding, knownAscii: boolean, separatorIsAscii: boolean): string {
  if (encoding === 'latin1' || knownAscii || !separatorIsAscii) return buf.toString('latin1', start, end);
  if (encoding === 'utf8') return buf.toString('utf8', start, end);
  const bytes = buf.subarray(start, end);
  return !isAscii(bytes) && isUtf8(bytes) ? bytes.toString('utf8') : bytes.toString('latin1');
}

/**
 * Drops line breaks that are not data: all CR/LF when the terminator is something else (80-column
 * wrapping), or a CR left before an LF terminator (CRLF lines in a newline-terminated file).
 */
export function removeLineBreaks(text: string, stripAll: boolean, terminatorIsLf: boolean): string {
  if (stripAll) return text.includes('\n') || text.includes('\r') ? text.replace(/[\r\n]+/g, '') : text;
  return terminatorIsLf && text.endsWith('\r') ? text.slice(0, -1) : text;
}

export interface SplitSegment {
  readonly id: string;
  readonly elements: string[];
}

/** Splits on the element separator; a hand-written loop, measurably faster than split() + shift(). */
export function splitSegment(text: string, separator: string): SplitSegment {
  const elements: string[] = [];
  let from = text.indexOf(separator);
  if (from === -1) return { id: text, elements };
  const id = text.slice(0, from);
  for (;;) {
    const next = text.indexOf(separator, ++from);
    if (next === -1) break;
    elements.push(text.slice(from, next));
    from = next;
  }
  elements.push(text.slice(from));
  return { id, elements };
}

/**
 * Copies of element values that do not share memory with the text they were cut from. Values
 * cut from a chunk's text keep that whole chunk (64 KiB) alive; a value kept for as long as an
 * interchange (a GS, a TA1) must not, or a mailbag of many groups would hold most of the file.
 */
export function detachedCopies(values: readonly string[]): string[] {
  // A UTF-8 round trip is exact for decoded text (no lone surrogates) and always builds new strings.
  return values.map((value) => Buffer.from(value, 'utf8').toString('utf8'));
}
