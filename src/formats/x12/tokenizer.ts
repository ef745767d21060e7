/**
 * Streaming X12 tokenizer: bytes in (any chunking), events out — interchange starts, segments,
 * stream errors. Pure (no I/O, no clock). Output is identical for any chunking of the same bytes,
 * because every decision waits until the bytes it depends on have arrived; memory holds at most
 * one segment (plus the chunk being scanned and its latin1 text), never the file.
 */
import { isAscii } from 'node:buffer';
import type { X12StreamErrorCode } from './codes.js';
import { bytesAt, describeByte, isaStartsAt, readIsa } from './isa.js';
import { EventCollector } from './event-collector.js';
import { ChunkText, decodeSegment, removeLineBreaks, splitSegment } from './segment-text.js';
import type { X12Delimiters, X12Event, X12TextEncoding, X12TokenizerOptions, X12TokenSink } from './types.js';

const CR = 0x0d;
const LF = 0x0a;
const DEFAULT_MAX_SEGMENT_BYTES = 1024 * 1024;
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const EBCDIC_ISA = [0xc9, 0xe2, 0xc1];
const EMPTY = Buffer.alloc(0);

type Mode =
  | 'expect-isa' // between interchanges: skip BOM/whitespace/NUL/Ctrl-Z, then an ISA must come
  | 'read-isa' // buf[pos] starts an ISA header
  | 'segments' // inside an interchange
  | 'skip-segment' // inside a segment that exceeded the cap: discard up to its terminator
  | 'garbage'; // after reported garbage: discard until the next "ISA"

/** Bytes skipped before a segment inside an interchange (line breaks after terminators, padding). */
function isSegmentFiller(byte: number): boolean {
  return byte === 0x20 || byte === CR || byte === LF || byte === 0x09 || byte === 0x00 || byte === 0x0b || byte === 0x0c;
}

/** Bytes tolerated between and after interchanges: whitespace, NUL, Ctrl-Z (DOS end of file). */
function isInterchangeFiller(byte: number): boolean {
  return isSegmentFiller(byte) || byte === 0x1a;
}

export class X12Tokenizer {
  private readonly maxSegmentBytes: number;
  private readonly encoding: X12TextEncoding;

  /** Unconsumed bytes; buf[0] is at stream offset bufOffset. */
  private buf: Buffer = EMPTY;
  private bufOffset = 0;
  private pos = 0;
  /** Whole chunks held back while a segment is still open (avoids re-copying on tiny chunks). */
  private parked: Buffer[] = [];
  private parkedBytes = 0;
  private bufIsAscii = true;
  /** buf as latin1 text, when its segments are cut from that (see chunkTextOfBuf); null until needed. */
  private chunkText: ChunkText | null = null;

  private mode: Mode = 'expect-isa';
  private streamEnded = false;
  /** When the current ISA attempt fails: report it (false) or keep quiet while resyncing (true). */
  private quietIsaFailure = false;
  private interchanges = 0;
  private errorsReported = 0;
  private interchangeOpen = false;
  private interchangeOffset = 0;

  private delimiters: X12Delimiters | null = null;
  private separatorChar = '*';
  private separatorIsAscii = true;
  private terminator: Buffer = EMPTY;
  /** The terminator's bytes as latin1 text, to find it in chunkText. */
  private terminatorText = '';
  private terminatorByte = 0;
  private stripLineBreaks = false;
  private terminatorIsLf = false;

  private segmentIndex = 0;
  /** Inside a segment: buf index where it starts, and where to resume looking for its terminator. */
  private inSegment = false;
  private segmentStart = 0;
  private scanFrom = 0;

  private readonly collector: EventCollector | null;
  private readonly sink: X12TokenSink;

  /** With a `sink`, everything goes there as it is read and push()/end() return no events. */
  constructor(options: X12TokenizerOptions = {}, sink?: X12TokenSink) {
    this.maxSegmentBytes = options.maxSegmentBytes ?? DEFAULT_MAX_SEGMENT_BYTES;
    this.encoding = options.encoding ?? 'auto';
    this.collector = sink === undefined ? new EventCollector() : null;
    this.sink = sink ?? (this.collector as EventCollector);
  }

  /** Events completed by this chunk. The chunk is kept (not copied) until consumed: do not reuse it. */
  push(chunk: Buffer): X12Event[] {
    if (this.streamEnded) throw new Error('X12Tokenizer.push after end()');
    if (chunk.length === 0) return [];
    if (this.canPark(chunk)) {
      this.parked.push(chunk);
      this.parkedBytes += chunk.length;
      return [];
    }
    this.append(chunk);
    this.run();
    return this.takeEvents();
  }

  /** The remaining events: the last unterminated segment, PREMATURE_END, NOT_X12 for an empty input. */
  end(): X12Event[] {
    if (this.streamEnded) return [];
    this.streamEnded = true;
    this.append(EMPTY);
    this.run();
    this.finish();
    return this.takeEvents();
  }

  /** A chunk without a terminator, inside an open segment that stays under the cap, can wait as is. */
  private canPark(chunk: Buffer): boolean {
    if (this.mode !== 'segments' || !this.inSegment || this.terminator.length !== 1) return false;
    const open = this.buf.length - this.segmentStart + this.parkedBytes + chunk.length;
    return open <= this.maxSegmentBytes && chunk.indexOf(this.terminatorByte) === -1;
  }

  private append(chunk: Buffer): void {
    const keep = this.buf.subarray(this.pos);
    if (keep.length === 0 && this.parked.length === 0) {
      this.buf = chunk;
    } else {
      this.buf = Buffer.concat([keep, ...this.parked, chunk]);
    }
    this.bufOffset += this.pos;
    this.segmentStart -= this.pos;
    this.scanFrom -= this.pos;
    this.pos = 0;
    this.parked = [];
    this.parkedBytes = 0;
    this.bufIsAscii = isAscii(this.buf);
    this.chunkText = null;
  }

  private run(): void {
    for (;;) {
      const before = this.mode;
      switch (this.mode) {
        case 'expect-isa':
          this.expectIsa();
          break;
        case 'read-isa':
          this.readIsaHeader();
          break;
        case 'segments':
          this.readSegments();
          break;
        case 'skip-segment':
          this.skipSegment();
          break;
        case 'garbage':
          this.skipGarbage();
          break;
      }
      // Each handler returns after switching mode, or when it needs more bytes.
      if (this.mode === before) break;
    }
    // Release what has been consumed, but keep an open segment's start.
    const keepFrom = this.mode === 'segments' && this.inSegment ? this.segmentStart : this.pos;
    if (keepFrom > 0) {
      this.buf = this.buf.subarray(keepFrom);
      this.chunkText = null;
      this.bufOffset += keepFrom;
      this.segmentStart -= keepFrom;
      this.scanFrom -= keepFrom;
      this.pos -= keepFrom;
    }
  }

  private expectIsa(): void {
    const buf = this.buf;
    while (this.pos < buf.length) {
      const byte = buf[this.pos] as number;
      if (isInterchangeFiller(byte)) {
        this.pos++;
        continue;
      }
      if (byte === 0xef) {
        const bom = bytesAt(this.buf, this.pos, UTF8_BOM, this.streamEnded);
        if (bom === 'need-more') return;
        if (bom) {
          this.pos += 3;
          continue;
        }
      }
      const isa = isaStartsAt(this.buf, this.pos, this.streamEnded);
      if (isa === 'need-more') return;
      if (isa) {
        this.quietIsaFailure = false;
        this.mode = 'read-isa';
        return;
      }
      const ebcdic = bytesAt(this.buf, this.pos, EBCDIC_ISA, this.streamEnded);
      if (ebcdic === 'need-more') return;
      const offset = this.bufOffset + this.pos;
      if (this.interchanges === 0) {
        this.error('NOT_X12', offset, ebcdic
          ? 'the input starts with "ISA" in EBCDIC; X12 must be ASCII/UTF-8 (convert it first)'
          : `the input does not start with an ISA segment (first byte ${describeByte(byte)} at byte ${offset})`);
      } else {
        this.error('TRAILING_GARBAGE', offset, `bytes after the IEA at byte ${offset} that are not whitespace/NUL/Ctrl-Z (first ${describeByte(byte)})`);
      }
      this.mode = 'garbage';
      return;
    }
  }

  private skipGarbage(): void {
    const found = this.buf.indexOf('ISA', this.pos, 'latin1');
    if (found === -1) {
      // Keep two bytes: "IS" may be completed by the next chunk.
      this.pos = Math.max(this.pos, this.buf.length - 2);
      if (this.streamEnded) this.pos = this.buf.length;
      return;
    }
    this.pos = found;
    this.quietIsaFailure = true;
    this.mode = 'read-isa';
  }

  private readIsaHeader(): void {
    const result = readIsa(this.buf, this.pos, this.buf.length, this.streamEnded);
    if (result.kind === 'need-more') return;
    const offset = this.bufOffset + this.pos;
    if (result.kind === 'invalid') {
      if (result.truncated) {
        if (!this.quietIsaFailure || this.interchangeOpen) this.error('PREMATURE_END', offset, `input ends inside the ISA header at byte ${offset}`);
        this.interchangeOpen = false;
        this.pos = this.buf.length;
      } else {
        if (!this.quietIsaFailure) this.error('INVALID_ISA', offset, `unreadable ISA header at byte ${offset}: ${result.reason}`);
        this.interchangeOpen = false;
        this.pos++; // resync after this "I"
      }
      this.mode = 'garbage';
      return;
    }
    this.delimiters = result.delimiters;
    this.separatorChar = result.delimiters.element;
    this.separatorIsAscii = result.elementSeparatorByte < 0x80;
    this.terminator = result.terminatorBytes;
    this.terminatorText = result.terminatorBytes.toString('latin1');
    this.terminatorByte = result.terminatorBytes[0] as number;
    const lineBreakTerminator = result.terminatorBytes.length === 1 && (this.terminatorByte === CR || this.terminatorByte === LF);
    this.stripLineBreaks = !lineBreakTerminator;
    this.terminatorIsLf = result.terminatorBytes.length === 1 && this.terminatorByte === LF;
    this.interchanges++;
    this.interchangeOpen = true;
    this.interchangeOffset = offset;
    this.segmentIndex = 1;
    this.sink.event({ type: 'interchange-start', offset, delimiters: result.delimiters, isaFixedWidth: result.fixedWidth });
    this.sink.segment('ISA', result.elements, offset, 1, result.delimiters);
    this.pos += result.consumed;
    this.inSegment = false;
    this.mode = 'segments';
  }

  private readSegments(): void {
    const buf = this.buf;
    const text = this.chunkTextOfBuf();
    const singleByteTerminator = this.terminator.length === 1;
    for (;;) {
      if (!this.inSegment) {
        while (this.pos < buf.length) {
          const byte = buf[this.pos] as number;
          if (!isSegmentFiller(byte) && !(singleByteTerminator && byte === this.terminatorByte)) break;
          this.pos++;
        }
        if (this.pos >= buf.length) return;
        const isa = isaStartsAt(this.buf, this.pos, this.streamEnded);
        if (isa === 'need-more') return;
        if (isa) {
          // A new ISA before this interchange's IEA: read it with its own delimiters.
          this.quietIsaFailure = false;
          this.mode = 'read-isa';
          return;
        }
        this.inSegment = true;
        this.segmentStart = this.pos;
        this.scanFrom = this.pos;
      }
      const found = text !== null
        ? text.indexOf(this.terminatorText, this.scanFrom)
        : singleByteTerminator ? buf.indexOf(this.terminatorByte, this.scanFrom) : buf.indexOf(this.terminator, this.scanFrom);
      if (found === -1) {
        if (buf.length - this.segmentStart > this.maxSegmentBytes) {
          this.segmentTooLong();
          this.pos = buf.length;
          this.inSegment = false;
          this.mode = 'skip-segment';
          return;
        }
        this.scanFrom = Math.max(this.segmentStart, buf.length - this.terminator.length + 1);
        return;
      }
      this.inSegment = false;
      this.pos = found + this.terminator.length;
      if (found - this.segmentStart > this.maxSegmentBytes) {
        this.segmentTooLong();
        continue;
      }
      const id = this.emitSegment(this.segmentStart, found);
      if (id === 'IEA') {
        this.interchangeOpen = false;
        this.mode = 'expect-isa';
        return;
      }
    }
  }

  /** chunkText, decoded now if needed; null when segments must be decoded one by one (non-ASCII bytes, 'auto'/'utf8'). */
  private chunkTextOfBuf(): ChunkText | null {
    // Same choice as decodeSegment: latin1 when asked, when all is ASCII, or for a non-ASCII separator.
    if (this.encoding !== 'latin1' && !this.bufIsAscii && this.separatorIsAscii) return null;
    this.chunkText ??= new ChunkText(this.buf);
    return this.chunkText;
  }

  private skipSegment(): void {
    const found = this.terminator.length === 1 ? this.buf.indexOf(this.terminatorByte, this.pos) : this.buf.indexOf(this.terminator, this.pos);
    if (found === -1) {
      // Keep a possible partial multi-byte terminator.
      this.pos = Math.max(this.pos, this.buf.length - this.terminator.length + 1);
      return;
    }
    this.pos = found + this.terminator.length;
    this.mode = 'segments';
  }

  private segmentTooLong(): void {
    this.segmentIndex++;
    const offset = this.bufOffset + this.segmentStart;
    this.error('SEGMENT_TOO_LONG', offset, `segment ${this.segmentIndex} at byte ${offset} is longer than ${this.maxSegmentBytes} bytes`);
  }

  /** Decodes buf[start, end) as one segment and emits it; returns its id ('' when empty). */
  private emitSegment(start: number, end: number): string {
    const text = this.chunkTextOfBuf();
    if (text !== null && !(this.stripLineBreaks && text.hasLineBreak(start, end))) {
      // A CR left before an LF terminator is not data (CRLF lines in a newline-terminated file).
      if (this.terminatorIsLf && end > start && text.charCodeAt(end - 1) === CR) end--;
      if (end === start) return '';
      const elements: string[] = [];
      const id = text.cut(start, end, this.separatorChar, elements);
      this.pushSegment(id, elements, start);
      return id;
    }
    const raw = decodeSegment(this.buf, start, end, this.encoding, this.bufIsAscii, this.separatorIsAscii);
    const segmentText = removeLineBreaks(raw, this.stripLineBreaks, this.terminatorIsLf);
    if (segmentText.length === 0) return '';
    const { id, elements } = splitSegment(segmentText, this.separatorChar);
    this.pushSegment(id, elements, start);
    return id;
  }

  private pushSegment(id: string, elements: string[], start: number): void {
    this.segmentIndex++;
    this.sink.segment(id, elements, this.bufOffset + start, this.segmentIndex, this.delimiters as X12Delimiters);
  }

  private finish(): void {
    if (this.mode === 'segments' && this.inSegment) {
      // The last segment has no terminator (common with newline-terminated files): read it.
      let end = this.buf.length;
      while (end > this.segmentStart && isInterchangeFiller(this.buf[end - 1] as number)) end--;
      const offset = this.bufOffset + this.segmentStart;
      this.inSegment = false;
      this.pos = this.buf.length;
      if (end - this.segmentStart > this.maxSegmentBytes) {
        this.segmentTooLong();
      } else {
        const id = this.emitSegment(this.segmentStart, end);
        this.warning('MISSING_TERMINATOR', offset, `the last segment (byte ${offset}) has no segment terminator`);
        if (id === 'IEA') {
          this.interchangeOpen = false;
          this.mode = 'expect-isa';
        }
      }
    }
    const endOffset = this.bufOffset + this.buf.length;
    if (this.interchangeOpen) {
      this.error('PREMATURE_END', endOffset, `input ends at byte ${endOffset} inside the interchange that starts at byte ${this.interchangeOffset} (no IEA)`);
      this.interchangeOpen = false;
    } else if (this.interchanges === 0 && this.errorsReported === 0) {
      this.error('NOT_X12', endOffset, endOffset === 0 ? 'the input is empty' : 'the input holds only whitespace, no ISA');
    }
  }

  private error(code: X12StreamErrorCode, offset: number, message: string): void {
    this.errorsReported++;
    this.sink.event({ type: 'error', code, severity: 'error', message, offset });
  }

  private warning(code: X12StreamErrorCode, offset: number, message: string): void {
    this.sink.event({ type: 'error', code, severity: 'warning', message, offset });
  }

  private takeEvents(): X12Event[] {
    return this.collector === null ? [] : this.collector.take();
  }
}

/** Tokenizes a whole buffer (convenience for tests and small files). */
export function tokenizeX12(input: Buffer, options?: X12TokenizerOptions): X12Event[] {
  const tokenizer = new X12Tokenizer(options);
  return [...tokenizer.push(input), ...tokenizer.end()];
}
