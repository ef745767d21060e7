/**
 * Segment bytes → id and element strings: the per-segment hot path (millions of calls on a large
 * file), kept apart from the tokenizer's state machine. Most segments are cut straight out of
 * their chunk's latin1 text (ChunkText); the rest (non-ASCII bytes read as UTF-8, wrapped lines)
 * are decoded and split one by one.
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

/**
 * One buffer as latin1 text (one character per byte, so indexes agree with the buffer), and
 * segments cut out of it. Decoding a 64 KiB chunk once and slicing it is much cheaper than
 * decoding every segment on its own. Positions asked never go back (a chunk is read front to
 * back), so each search's result also answers the next ones: a chunk is scanned about once.
 */
export class ChunkText {
  private readonly text: string;
  /** The next element separator / LF / CR at or after the last position asked (text length: none). */
  private nextSeparator = -1;
  private separator = '';
  private nextLf = -1;
  private nextCr = -1;

  constructor(buf: Buffer) {
    this.text = buf.toString('latin1');
  }

  indexOf(search: string, from: number): number {
    return this.text.indexOf(search, from);
  }

  charCodeAt(at: number): number {
    return this.text.charCodeAt(at);
  }

  /** Splits text[start, end) on `separator` into `elements`; returns the id. */
  cut(start: number, end: number, separator: string, elements: string[]): string {
    const text = this.text;
    if (separator !== this.separator) {
      // A new interchange with other delimiters: the remembered position was of the old separator.
      this.separator = separator;
      this.nextSeparator = -1;
    }
    // A search may run past `end`, to the next separator: remembered for the next segment.
    let at = this.nextSeparator >= start ? this.nextSeparator : text.indexOf(separator, start);
    if (at === -1) at = text.length;
    let id: string;
    if (at >= end) {
      id = text.slice(start, end);
    } else {
      id = text.slice(start, at);
      for (;;) {
        const from = at + 1;
        at = text.indexOf(separator, from);
        if (at === -1) at = text.length;
        if (at >= end) {
          elements.push(text.slice(from, end));
          break;
        }
        elements.push(text.slice(from, at));
      }
    }
    this.nextSeparator = at;
    return id;
  }

  /** Is there a CR or LF in text[start, end)? (80-column wrapped files.) */
  hasLineBreak(start: number, end: number): boolean {
    if (this.nextLf < start) {
      this.nextLf = this.text.indexOf('\n', start);
      if (this.nextLf === -1) this.nextLf = this.text.length;
    }
    if (this.nextLf < end) return true;
    if (this.nextCr < start) {
      this.nextCr = this.text.indexOf('\r', start);
      if (this.nextCr === -1) this.nextCr = this.text.length;
    }
    return this.nextCr < end;
  }
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
