/**
 * Strict UTF-8 decoding for partner files. TextDecoder's fatal mode says *that* a file is bad but
 * not *where*; partners fix files by line number, so the first bad byte is located separately.
 */

import { Buffer, isAscii } from 'node:buffer';

export type DecodeResult =
  | { ok: true; text: string }
  | { ok: false; offset: number; line: number; column: number };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes UTF-8 and removes one leading BOM; invalid bytes give the position of the first one.
 * `keepBom` is for text handed on to a reader that removes the BOM itself, as from a file read as a string.
 */
export function decodeUtf8(bytes: Uint8Array, options: { keepBom?: boolean } = {}): DecodeResult {
  // ASCII is the same text in UTF-8 and Latin-1, and Node keeps a Latin-1 string over about 1 MB
  // outside the JS heap: a 3 MB file read once is then not 3 MB of old-generation garbage until
  // the next full collection (20 MB off the peak of loading 40 mapping files).
  if (isAscii(bytes)) return { ok: true, text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1') };
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8Offset(bytes) ?? 0;
    return { ok: false, offset, ...bytePosition(bytes, offset) };
  }
  return { ok: true, text: !options.keepBom && text.startsWith('\uFEFF') ? text.slice(1) : text };
}

/**
 * Byte offset of the first byte that does not start or continue a well-formed sequence
 * (Unicode table 3-7: no overlongs, no surrogates, nothing above U+10FFFF), or undefined.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) { i += 1; continue; }
    let need: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b === 0xe0) { need = 2; low = 0xa0; }
    else if (b === 0xed) { need = 2; high = 0x9f; }
    else if (b >= 0xe1 && b <= 0xef) need = 2;
    else if (b === 0xf0) { need = 3; low = 0x90; }
    else if (b >= 0xf1 && b <= 0xf3) need = 3;
    else if (b === 0xf4) { need = 3; high = 0x8f; }
    else return i;
    for (let k = 1; k <= need; k += 1) {
      const c = bytes[i + k];
      const min = k === 1 ? low : 0x80;
      const max = k === 1 ? high : 0xbf;
      // A truncated or broken sequence is reported at its lead byte: that is the character the
      // partner's tool wrote in another encoding.
      if (c === undefined || c < min || c > max) return i;
    }
    i += need + 1;
  }
  return undefined;
}

/** 1-based line and column (in bytes) of a byte offset; CRLF, LF and lone CR each end a line. */
function bytePosition(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i += 1) {
    const b = bytes[i];
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
