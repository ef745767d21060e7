/**
 * How every CSV the bridge writes encodes its cells (SPEC §6). Text cells that a spreadsheet
 * would run as a formula (first character = + - @ TAB CR LF, or their full-width forms, after
 * leading spaces) get a leading apostrophe (OWASP CSV injection); numeric cells are written as
 * plain digits and never touched, so `-5` stays a number.
 */
const FORMULA_START = /^[\s]*[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]/;

export type CsvCell = string | number;

export function encodeTextCell(value: string): string {
  if (isPlainCell(value)) return value;
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The common case without regular expressions (a snapshot encodes 100k SKUs per partner): ASCII
 * ends that are neither space nor a formula start, and nothing inside that needs quoting. Anything
 * else, non-ASCII ends included (full-width signs, Unicode spaces), takes the general path.
 */
function isPlainCell(value: string): boolean {
  const n = value.length;
  if (n === 0) return true;
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(n - 1);
  if (first <= 0x20 || first >= 0x7f || first === 0x3d || first === 0x2b || first === 0x2d || first === 0x40) return false;
  if (last <= 0x20 || last >= 0x7f) return false;
  for (let i = 0; i < n; i += 1) {
    const c = value.charCodeAt(i);
    if (c === 0x22 || c === 0x2c || c === 0x0d || c === 0x0a) return false;
  }
  return true;
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
