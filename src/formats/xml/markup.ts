import { escapeXml } from './escape.js';

/** Shared by the XML writers so all of them produce the same, byte-for-byte predictable layout. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

export function indent(depth: number): string {
  return '  '.repeat(depth);
}

/** `<Name>value</Name>` on its own line; empty values are written `<Name></Name>`, never omitted. */
export function textElement(depth: number, name: string, value: string): string {
  return `${indent(depth)}<${name}>${escapeXml(value)}</${name}>`;
}

export function attribute(name: string, value: string): string {
  return `${name}="${escapeXml(value)}"`;
}

/** Lines joined with LF, ending with one LF. */
export function document(lines: readonly string[]): string {
  return `${lines.join('\n')}\n`;
}

/**
 * Quantities are plain digits. Anything else is a bug upstream, and writing `1.5`, `-2` or
 * `1e+21` into a partner or FCP file would be worse than stopping.
 */
export function wholeNumber(value: number, what: string): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a whole number >= 0, got ${value}`);
  return String(value);
}
