import { describe, expect, it } from 'vitest';
import { decodeUtf8, firstInvalidUtf8Offset } from './utf8.js';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

describe('decodeUtf8', () => {
  it('decodes UTF-8 and strips exactly one BOM', () => {
    expect(decodeUtf8(Buffer.from('\uFEFFcafé'))).toEqual({ ok: true, text: 'café' });
    expect(decodeUtf8(Buffer.from('\uFEFF\uFEFFx'))).toEqual({ ok: true, text: '\uFEFFx' });
    expect(decodeUtf8(Buffer.from(''))).toEqual({ ok: true, text: '' });
  });

  it('decodes ASCII, small or big, as the UTF-8 decoder does', () => {
    for (const text of ['', 'a,b\r\n1,2\n', 'sku,name\n'.repeat(200_000), '\u0000\u007f']) {
      const bytes = Buffer.from(text);
      expect(decodeUtf8(bytes)).toEqual({ ok: true, text: new TextDecoder().decode(bytes) });
      expect(decodeUtf8(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))).toEqual({ ok: true, text });
    }
  });

  it('keeps the BOM when asked to', () => {
    expect(decodeUtf8(Buffer.from('\uFEFF\uFEFFx'), { keepBom: true })).toEqual({ ok: true, text: '\uFEFF\uFEFFx' });
  });

  it('locates a Latin-1 byte by line and column', () => {
    const input = Buffer.concat([Buffer.from('a,b\r\nx,caf'), bytes(0xe9), Buffer.from('\n')]);
    expect(decodeUtf8(input)).toEqual({ ok: false, offset: 10, line: 2, column: 6 });
  });

  it('counts lone CR as a line break', () => {
    expect(decodeUtf8(Buffer.concat([Buffer.from('a\rb\r'), bytes(0xff)]))).toMatchObject({ ok: false, line: 3, column: 1 });
  });
});

describe('firstInvalidUtf8Offset', () => {
  it.each([
    ['valid multi-byte text', Buffer.from('aé€😀'), undefined],
    ['lone continuation byte', bytes(0x61, 0x80), 1],
    ['overlong two-byte NUL', bytes(0xc0, 0x80), 0],
    ['overlong three-byte', bytes(0xe0, 0x80, 0x80), 0],
    ['UTF-16 surrogate', bytes(0x61, 0xed, 0xa0, 0x80), 1],
    ['above U+10FFFF', bytes(0xf4, 0x90, 0x80, 0x80), 0],
    ['F5 lead byte', bytes(0xf5, 0x80, 0x80, 0x80), 0],
    ['truncated at the end', bytes(0x61, 0x62, 0xe2, 0x82), 2],
  ])('%s', (_name, input, expected) => {
    expect(firstInvalidUtf8Offset(input)).toBe(expected);
  });
});
