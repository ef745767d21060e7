/**
 * Reading values out of one transaction set's segments: element by its X12 number, dates, and
 * where a segment stands in the interchange (the `sourceLine` of X12 orders and lines).
 */
import type { X12SetSegment } from '../envelope-types.js';

/**
 * Element `n` (1-based, as X12 names them: `element(beg, 3)` is BEG03), trimmed; '' when absent.
 * InboundOrder holds the partner's text trimmed, never converted.
 */
export function element(segment: X12SetSegment, n: number): string {
  return (segment.elements[n - 1] ?? '').trim();
}

/** CCYYMMDD → `yyyy-mm-dd`; anything else is returned as sent, so validation names it (INVALID_ORDER_DATE). */
export function isoDate(value: string): string {
  return /^\d{8}$/.test(value) ? `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}` : value;
}

/**
 * For X12, the "line" of an order or order line is the segment number in the interchange
 * (ISA = 1), the number an EDI viewer shows. A set's segments are contiguous, so a segment's
 * number is its ST's number plus its position in the set minus one.
 */
export function segmentNumber(stNumber: number, segment: X12SetSegment): number {
  return stNumber + segment.position - 1;
}

/** Segments that open the detail area: header loops (N1, TD5, …) end where these begin. */
export const DETAIL_START = new Set(['PO1', 'LX', 'W01', 'CTT', 'SE']);

/** The header of a set: every segment before the first detail segment. */
export function headerSegments(segments: readonly X12SetSegment[]): X12SetSegment[] {
  const end = segments.findIndex((s) => s.position > 1 && DETAIL_START.has(s.id));
  return end === -1 ? [...segments] : segments.slice(0, end);
}
