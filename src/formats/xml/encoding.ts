import { fileProblem, type Problem } from '../../domain/problems.js';

/**
 * Bytes → text for the XML reader. Only UTF-8 (and its subset US-ASCII) is read: transcoding
 * other encodings would make the bridge guess, and a wrong guess silently corrupts names and SKUs.
 */
export type DecodedXml = { ok: true; text: string } | { ok: false; problem: Problem };

const ACCEPTED_ENCODINGS = new Set(['utf-8', 'us-ascii']);
/** The declaration must start the document, so its encoding is always within the first bytes. */
const DECLARATION_WINDOW_BYTES = 1024;
const DECLARED_ENCODING = /^<\?xml[ \t\r\n][^>]*?\bencoding[ \t\r\n]*=[ \t\r\n]*(["'])([^"'>]*)\1/;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeXmlBytes(bytes: Buffer): DecodedXml {
  const wideEncoding = sniffWideEncoding(bytes);
  if (wideEncoding !== undefined) {
    return reject(fileProblem('XML_ENCODING', `The file is ${wideEncoding}; only UTF-8 is accepted.`, 1, 1));
  }
  const body = hasUtf8Bom(bytes) ? bytes.subarray(3) : bytes;

  const declaration = DECLARED_ENCODING.exec(body.toString('latin1', 0, DECLARATION_WINDOW_BYTES));
  const declared = declaration?.[2];
  if (declaration !== null && declared !== undefined && !ACCEPTED_ENCODINGS.has(declared.toLowerCase())) {
    const valueOffset = declaration[0].length - 1 - declared.length;
    const { line, column } = utf8Position(body, valueOffset);
    return reject(fileProblem('XML_ENCODING', `The XML declaration names encoding "${declared}"; only UTF-8 or US-ASCII is accepted.`, line, column));
  }

  try {
    return { ok: true, text: strictUtf8.decode(body) };
  } catch {
    const badOffset = firstInvalidUtf8Offset(body);
    if (badOffset === -1) return reject(fileProblem('INVALID_UTF8', 'The file is not valid UTF-8.'));
    const { line, column } = utf8Position(body, badOffset);
    const badByte = (body[badOffset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    return reject(fileProblem('INVALID_UTF8', `The file is not valid UTF-8 (byte 0x${badByte}); it must be saved as UTF-8.`, line, column));
  }
}

function reject(problem: Problem): DecodedXml {
  return { ok: false, problem };
}

function hasUtf8Bom(bytes: Buffer): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/**
 * A UTF-8 XML document starts with a BOM, `<` or whitespace, never NUL; UTF-16 and UTF-32 put a
 * NUL in the first two bytes whenever the first character is ASCII, with or without a BOM.
 */
function sniffWideEncoding(bytes: Buffer): string | undefined {
  if (bytes.length < 2) return undefined;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16 (big-endian byte-order mark)';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16 or UTF-32 (little-endian byte-order mark)';
  if (bytes[0] === 0 || bytes[1] === 0) return 'UTF-16 or UTF-32 (NUL bytes at the start)';
  return undefined;
}

/** TextDecoder says only "invalid"; operators need to know where, so the first bad byte is found here. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let at = 0;
  while (at < bytes.length) {
    const lead = bytes[at] ?? 0;
    if (lead < 0x80) {
      at += 1;
      continue;
    }
    let continuationCount: number;
    // The second byte's range excludes overlong forms, UTF-16 surrogates and code points past U+10FFFF.
    let secondMin = 0x80;
    let secondMax = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) continuationCount = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      continuationCount = 2;
      if (lead === 0xe0) secondMin = 0xa0;
      if (lead === 0xed) secondMax = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      continuationCount = 3;
      if (lead === 0xf0) secondMin = 0x90;
      if (lead === 0xf4) secondMax = 0x8f;
    } else return at;
    for (let k = 1; k <= continuationCount; k++) {
      const byte = bytes[at + k];
      const min = k === 1 ? secondMin : 0x80;
      const max = k === 1 ? secondMax : 0xbf;
      if (byte === undefined || byte < min || byte > max) return at;
    }
    at += continuationCount + 1;
  }
  return -1;
}

/** Position of a byte offset whose preceding bytes are valid UTF-8; the column counts characters. */
function utf8Position(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let at = 0; at < offset; at++) {
    const byte = bytes[at] ?? 0;
    if (byte === 0x0a) {
      line += 1;
      column = 1;
    } else if ((byte & 0xc0) !== 0x80) {
      column += 1;
    }
  }
  return { line, column };
}
