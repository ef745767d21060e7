/**
 * How every CSV the bridge writes encodes its cells (SPEC §6). Text cells that a spreadsheet
 * would run as a formula (first character = + - @ TAB CR LF, or their full-width forms, after
 * leading spaces) get a leading apostrophe (OWASP CSV injection); numeric cells are written as
 * plain digits and never touched, so `-5` stays a number.
 */
const FORMULA_START = /^[\s]*[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]/;

export type CsvCell = string | number;

export function encodeTextCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function encodeNumberCell(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`not a whole number: ${value}`);
  return String(value);
}

/** One CSV document: header + rows, CRLF line ends (RFC 4180, and what Windows importers expect). */
export function writeCsv(header: string[], rows: CsvCell[][]): string {
  const line = (cells: CsvCell[]): string =>
    cells.map((c) => (typeof c === 'number' ? encodeNumberCell(c) : encodeTextCell(c))).join(',');
  return [line(header), ...rows.map(line)].join('\r\n') + '\r\n';
}
