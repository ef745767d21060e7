/**
 * Element values of the X12 writers: how a value becomes a safe element, and the checked formats
 * of numbers, dates and times.
 *
 * Two kinds of input, two policies:
 * - text that comes from partners or the FCP feed (SKUs, PO numbers, tracking numbers, names) is
 *   never refused: a delimiter or control character in it is replaced by a space and an over-long
 *   value is cut to its element's maximum, and both are reported as adjustments;
 * - numbers, dates and times are produced by our own code (feed readers, the clock): a wrong one
 *   is a bug upstream, so it throws a RangeError instead of writing a wrong document.
 */

/**
 * The delimiters of every interchange we write. `~` + `*` + `>` are what most partner guides
 * show; `^` is the 00501 repetition separator (ISA11). In 00401 ISA11 is `U` and `^` is not a
 * delimiter, but it is still replaced in data so that no partner parser can misread it.
 */
export const X12_DELIMITERS = { element: '*', component: '>', repetition: '^', segment: '~' } as const;

/**
 * Characters that never reach an element: our four delimiters, C0/C1 control characters (CR and
 * LF included, which many parsers strip or treat as terminators) and the Unicode line separators.
 */
const UNSAFE_CHARACTERS = /[*~>^\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Replaces each character that could break the X12 structure by one space (length unchanged). */
export function sanitizeX12Value(value: string): string {
  return value.replace(UNSAFE_CHARACTERS, ' ');
}

/** A value with the maximum length of its element (X12 004010 dictionary; 005010 allows the same or more). */
export interface X12LimitedValue {
  readonly kind: 'limited';
  readonly value: string;
  readonly max: number;
}

/** A composite element (e.g. AK401 `2>1`): components joined by the component separator. */
export interface X12CompositeValue {
  readonly kind: 'composite';
  readonly components: readonly (string | undefined)[];
}

/** undefined or '' = an empty element (trailing empty elements are dropped when written). */
export type X12Element = string | undefined | X12LimitedValue | X12CompositeValue;

export interface X12Segment {
  readonly id: string;
  readonly elements: readonly X12Element[];
}

export function segment(id: string, ...elements: X12Element[]): X12Segment {
  return { id, elements };
}

/** Text with the maximum length of its element; undefined stays an empty element. */
export function limited(value: string | undefined, max: number): X12Element {
  return value === undefined ? undefined : { kind: 'limited', value, max };
}

export function composite(...components: (string | undefined)[]): X12CompositeValue {
  return { kind: 'composite', components };
}

/** Cuts to `max` characters, counting code points so a surrogate pair is never split. */
export function truncateToLength(value: string, max: number): string {
  if (value.length <= max) return value;
  const codePoints = Array.from(value);
  return codePoints.length <= max ? value : codePoints.slice(0, max).join('');
}

/** A whole number ≥ 0 (quantities, counts): X12 type N0/R without a decimal point. */
export function wholeNumber(value: number, what: string): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a whole number ≥ 0, got ${value}`);
  return String(value);
}

/** A decimal ≥ 0 with at most 2 decimals and no trailing zeros (X12 type R: `12.5`, `3`). */
export function decimalNumber(value: number, what: string): string {
  if (!Number.isFinite(value) || value < 0 || value >= 1e9) throw new RangeError(`${what} must be a number from 0 to 999999999, got ${value}`);
  return String(Math.round(value * 100) / 100);
}

/** CCYYMMDD (X12 type DT, 8 digits), checked because a bad date makes partners reject the set. */
export function checkDate(value: string, what: string): string {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  if (!match || month < 1 || month > 12 || day < 1 || day > 31) throw new RangeError(`${what} must be a date CCYYMMDD, got "${value}"`);
  return value;
}

/** HHMM (X12 type TM, 24-hour clock). */
export function checkTime(value: string, what: string): string {
  const match = /^(\d{2})(\d{2})$/.exec(value);
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) throw new RangeError(`${what} must be a time HHMM, got "${value}"`);
  return value;
}
