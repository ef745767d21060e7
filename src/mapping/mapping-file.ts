/**
 * The reading rules shared by every mapping file (SPEC §4): a header row, `#` comment lines and
 * blank lines ignored, values trimmed, BOM/CRLF accepted, and every problem pointing at a file
 * and a line, because the person fixing it has the file open in an editor.
 */
import { normaliseHeaderName } from '../formats/csv/presets.js';
import { visitCsvRecords } from '../formats/csv/records.js';
import { decodeUtf8 } from '../formats/csv/utf8.js';
import { oneLine } from '../domain/problems.js';
import { NamedRow } from '../formats/csv/named-row.js';

export interface MappingProblem {
  file: string;
  /** 1-based line in the file. */
  line: number;
  message: string;
}

export type MappingResult<T> =
  | { ok: true; value: T; warnings: MappingProblem[] }
  | { ok: false; problems: MappingProblem[] };


export interface MappingTableSpec {
  required: readonly string[];
  optional?: readonly string[];
  /** Mapping files are written for us, so a stray column is a mistake; files from partners just carry extras. */
  unknownColumns?: 'problem' | 'warning';
  /** `#` lines are comments (default true); off for partner data, where `#` can start a real value. */
  comments?: boolean;
}

/** Whether the table itself was sound; what the visitor built counts only when it was. */
export type MappingRowsResult =
  | { ok: true; warnings: MappingProblem[] }
  | { ok: false; problems: MappingProblem[] };

/**
 * Reads a mapping CSV, handing each data row to `visit` as it is read, so that a 100k-row file is
 * never held as records or row objects. Header names compare like order-file headers (case,
 * spaces, `_`, `-` ignored). A row shorter than the header has blanks for its missing cells
 * (editors drop trailing commas); a longer one is a problem unless the extra cells are blank.
 *
 * The table's problems (encoding, CSV syntax, header, row width) fail it whatever rows came
 * before them, so a caller returns them instead of its own. Once the table has a problem no more
 * rows are visited, but the rest of the file is still checked: every header and width problem is
 * reported together.
 */
export function readMappingRows(
  input: string | Uint8Array, file: string, spec: MappingTableSpec, visit: (row: NamedRow) => void,
): MappingRowsResult {
  const at = (line: number, message: string): MappingProblem => ({ file, line, message: oneLine(message) });
  let text: string;
  if (typeof input === 'string') {
    text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  } else {
    const decoded = decodeUtf8(input);
    if (!decoded.ok) return { ok: false, problems: [at(decoded.line, `Not valid UTF-8 (byte ${decoded.column} of the line); save the file as UTF-8`)] };
    text = decoded.text;
  }
  const known = [...spec.required, ...(spec.optional ?? [])];
  const problems: MappingProblem[] = [];
  const warnings: MappingProblem[] = [];
  let header = null as Header | null;
  const syntax = visitCsvRecords(text, { delimiter: ',', comments: spec.comments ?? true }, (fields, line) => {
    if (header === null) {
      header = readHeader(fields, spec, known);
      problems.push(...header.problems.map((message) => at(line, message)));
      warnings.push(...header.warnings.map((message) => at(line, message)));
      return;
    }
    for (let i = header.width; i < fields.length; i += 1) {
      if (fields[i] !== '') {
        problems.push(at(line, `Row has ${fields.length} fields, but the header has ${header.width}`));
        return;
      }
    }
    if (problems.length === 0) visit(new NamedRow(line, fields, header.columns));
  });
  if (syntax !== null) return { ok: false, problems: [at(syntax.line ?? 1, syntax.message)] };
  if (header === null) return { ok: false, problems: [at(1, `No header row; expected columns ${known.join(',')}`)] };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, warnings };
}

interface Header {
  /** The spec's column names that the header has → their index in a row. */
  columns: ReadonlyMap<string, number>;
  width: number;
  /** Messages for the header line. */
  problems: string[];
  warnings: string[];
}

function readHeader(cells: readonly string[], spec: MappingTableSpec, known: readonly string[]): Header {
  const columns = new Map<string, number>();
  const problems: string[] = [];
  const warnings: string[] = [];
  const unknown: string[] = [];
  for (const [index, cell] of cells.entries()) {
    if (cell === '') continue;
    const column = known.find((name) => normaliseHeaderName(name) === normaliseHeaderName(cell));
    if (column === undefined) {
      unknown.push(cell);
    } else if (columns.has(column)) {
      problems.push(`Column ${column} appears twice in the header (columns ${columns.get(column)! + 1} and ${index + 1})`);
    } else {
      columns.set(column, index);
    }
  }
  if (unknown.length > 0) {
    const message = `Unknown column(s) ${unknown.map((c) => `'${c}'`).join(', ')}; expected ${known.join(',')}`;
    ((spec.unknownColumns ?? 'problem') === 'problem' ? problems : warnings).push(message);
  }
  const missing = spec.required.filter((column) => !columns.has(column));
  if (missing.length > 0) problems.push(`Missing required column(s) ${missing.join(', ')}`);
  return { columns, width: cells.length, problems, warnings };
}

/**
 * Lines in a mapping file: at least its row count, so a size hint for tables filled from it. A
 * file mixing lone CRs with LFs is under-counted, which costs only a table's growth.
 */
export function lineCountOf(input: string | Uint8Array): number {
  let lf = 0;
  let cr = 0;
  if (typeof input === 'string') {
    for (let i = input.indexOf('\n'); i !== -1; i = input.indexOf('\n', i + 1)) lf += 1;
    for (let i = input.indexOf('\r'); i !== -1; i = input.indexOf('\r', i + 1)) cr += 1;
  } else {
    for (const byte of input) {
      if (byte === 0x0a) lf += 1;
      else if (byte === 0x0d) cr += 1;
    }
  }
  // A CRLF is one line break, not two.
  return Math.max(lf, cr) + 1;
}

/** Builds a loader's result: any problem fails the whole file, so the previous version stays in force. */
export function mappingResult<T>(problems: MappingProblem[], warnings: MappingProblem[], value: () => T): MappingResult<T> {
  // Values quoted in messages may hold line breaks; a problem is shown on one line.
  const flat = (list: MappingProblem[]): MappingProblem[] => list.map((p) => ({ ...p, message: oneLine(p.message) }));
  return problems.length > 0 ? { ok: false, problems: flat(problems) } : { ok: true, value: value(), warnings: flat(warnings) };
}
