/**
 * The reading rules shared by every mapping file (SPEC §4): a header row, `#` comment lines and
 * blank lines ignored, values trimmed, BOM/CRLF accepted, and every problem pointing at a file
 * and a line, because the person fixing it has the file open in an editor.
 */
import { normaliseHeaderName } from '../formats/csv/presets.js';
import { readCsvRecords } from '../formats/csv/records.js';
import { decodeUtf8 } from '../formats/csv/utf8.js';
import { oneLine } from '../domain/problems.js';

export interface MappingProblem {
  file: string;
  /** 1-based line in the file. */
  line: number;
  message: string;
}

export type MappingResult<T> =
  | { ok: true; value: T; warnings: MappingProblem[] }
  | { ok: false; problems: MappingProblem[] };

export interface MappingRow {
  line: number;
  /** The trimmed value of a column named in the table's spec; '' when absent from the file or the row. */
  value(column: string): string;
}

export interface MappingTable {
  file: string;
  headerLine: number;
  /** The spec's column names that the header has. */
  columns: ReadonlySet<string>;
  rows: MappingRow[];
}

export interface MappingTableSpec {
  required: readonly string[];
  optional?: readonly string[];
  /** Mapping files are written for us, so a stray column is a mistake; files from partners just carry extras. */
  unknownColumns?: 'problem' | 'warning';
  /** `#` lines are comments (default true); off for partner data, where `#` can start a real value. */
  comments?: boolean;
}

export type MappingTableResult =
  | { ok: true; table: MappingTable; warnings: MappingProblem[] }
  | { ok: false; problems: MappingProblem[] };

/**
 * Reads a mapping CSV into rows keyed by the spec's column names. Header names compare like
 * order-file headers (case, spaces, `_`, `-` ignored). A row shorter than the header has blanks
 * for its missing cells (editors drop trailing commas); a longer one is a problem unless the
 * extra cells are blank.
 */
export function readMappingTable(input: string | Uint8Array, file: string, spec: MappingTableSpec): MappingTableResult {
  const at = (line: number, message: string): MappingProblem => ({ file, line, message: oneLine(message) });
  let text: string;
  if (typeof input === 'string') {
    text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  } else {
    const decoded = decodeUtf8(input);
    if (!decoded.ok) return { ok: false, problems: [at(decoded.line, `Not valid UTF-8 (byte ${decoded.column} of the line); save the file as UTF-8`)] };
    text = decoded.text;
  }
  const parsed = readCsvRecords(text, { delimiter: ',', comments: spec.comments ?? true });
  if (!parsed.ok) return { ok: false, problems: [at(parsed.problem.line ?? 1, parsed.problem.message)] };

  const known = [...spec.required, ...(spec.optional ?? [])];
  const [header, ...body] = parsed.records;
  if (header === undefined) {
    return { ok: false, problems: [at(1, `No header row; expected columns ${known.join(',')}`)] };
  }

  const problems: MappingProblem[] = [];
  const warnings: MappingProblem[] = [];
  const indexOf = new Map<string, number>();
  const unknown: string[] = [];
  for (const [index, cell] of header.fields.entries()) {
    if (cell === '') continue;
    const column = known.find((name) => normaliseHeaderName(name) === normaliseHeaderName(cell));
    if (column === undefined) {
      unknown.push(cell);
    } else if (indexOf.has(column)) {
      problems.push(at(header.line, `Column ${column} appears twice in the header (columns ${indexOf.get(column)! + 1} and ${index + 1})`));
    } else {
      indexOf.set(column, index);
    }
  }
  if (unknown.length > 0) {
    const message = `Unknown column(s) ${unknown.map((c) => `'${c}'`).join(', ')}; expected ${known.join(',')}`;
    ((spec.unknownColumns ?? 'problem') === 'problem' ? problems : warnings).push(at(header.line, message));
  }
  const missing = spec.required.filter((column) => !indexOf.has(column));
  if (missing.length > 0) problems.push(at(header.line, `Missing required column(s) ${missing.join(', ')}`));

  const width = header.fields.length;
  const rows: MappingRow[] = [];
  for (const record of body) {
    if (record.fields.slice(width).some((f) => f !== '')) {
      problems.push(at(record.line, `Row has ${record.fields.length} fields, but the header has ${width}`));
      continue;
    }
    rows.push({
      line: record.line,
      value: (column) => {
        const index = indexOf.get(column);
        return index === undefined ? '' : (record.fields[index] ?? '');
      },
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, table: { file, headerLine: header.line, columns: new Set(indexOf.keys()), rows }, warnings };
}

/** Builds a loader's result: any problem fails the whole file, so the previous version stays in force. */
export function mappingResult<T>(problems: MappingProblem[], warnings: MappingProblem[], value: () => T): MappingResult<T> {
  // Values quoted in messages may hold line breaks; a problem is shown on one line.
  const flat = (list: MappingProblem[]): MappingProblem[] => list.map((p) => ({ ...p, message: oneLine(p.message) }));
  return problems.length > 0 ? { ok: false, problems: flat(problems) } : { ok: true, value: value(), warnings: flat(warnings) };
}
