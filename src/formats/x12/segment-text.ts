/**
 * One segment's bytes → its id and element strings. Kept apart from the tokenizer's state
 * machine because this is the per-segment hot path (millions of calls on a large file).
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
