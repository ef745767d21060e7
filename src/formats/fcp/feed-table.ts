import { fileProblem, type Problem } from '../../domain/problems.js';
import { normaliseHeaderName } from '../csv/presets.js';
import { NamedRow } from '../csv/named-row.js';
import { visitCsvRecords } from '../csv/records.js';
import { decodeUtf8 } from '../csv/utf8.js';

/** `hasHeader` is false for a file with no header at all; each reader decides what an empty export means. */
export type FeedTableResult = { ok: true; hasHeader: boolean } | { ok: false; problem: Problem };

/**
 * The CSV table shared by the FCP's exports (inventory, shipments): UTF-8 (BOM allowed), a header
 * row naming the columns in any order and case (extra columns ignored), every data row as wide as
 * the header. A row may be short only by optional columns, which then read as blank — a missing
 * required value is never mistaken for a zero.
 *
 * Rows go to `visit` as they are read (a 1M-row export is never held as records); its first
 * problem refuses the file and no further rows are visited. The file's own problems come first
 * whatever their line — CSV syntax, then the header, then a row of the wrong width — so a reader
 * sees the same problem it would if it had checked the whole table before its first row.
 */
export function readFeedTable(
  input: Buffer | string, required: readonly string[], optional: readonly string[],
  visit: (row: NamedRow) => Problem | null,
): FeedTableResult {
  let text: string;
  if (typeof input === 'string') {
    text = input.replace(/^\uFEFF/, '');
  } else {
    const decoded = decodeUtf8(input);
    if (!decoded.ok) return fail('INVALID_UTF8', `Not valid UTF-8 at line ${decoded.line}, byte ${decoded.column}`, decoded.line);
    text = decoded.text;
  }
  const state: { header: Header | null; tableProblem: Problem | null; rowProblem: Problem | null } = { header: null, tableProblem: null, rowProblem: null };
  const syntax = visitCsvRecords(text, { delimiter: ',' }, (fields, line) => {
    if (state.tableProblem !== null) return;
    if (state.header === null) {
      const header = readHeader(fields, line, required, optional);
      if ('problem' in header) state.tableProblem = header.problem;
      else state.header = header;
      return;
    }
    state.tableProblem = widthProblem(fields, line, state.header, optional);
    if (state.tableProblem === null && state.rowProblem === null) state.rowProblem = visit(new NamedRow(line, fields, state.header.columns));
  });
  const problem = syntax ?? state.tableProblem ?? state.rowProblem;
  return problem === null ? { ok: true, hasHeader: state.header !== null } : { ok: false, problem };
}

interface Header {
  /** Column name (as the reader spells it) → its index in a row. */
  columns: Map<string, number>;
  width: number;
}

function readHeader(cells: readonly string[], line: number, required: readonly string[], optional: readonly string[]): Header | { problem: Problem } {
  const columns = new Map<string, number>();
  for (const [i, cell] of cells.entries()) {
    const name = normaliseHeaderName(cell);
    const known = [...required, ...optional].find((c) => normaliseHeaderName(c) === name);
    if (known === undefined) continue; // extra export columns carry nothing we use
    if (columns.has(known)) return fail('CSV_DUPLICATE_HEADER', `Column ${known} appears twice in the header (columns ${(columns.get(known) ?? 0) + 1} and ${i + 1})`, line);
    columns.set(known, i);
  }
  const missing = required.filter((c) => !columns.has(c));
  if (missing.length > 0) return fail('CSV_MISSING_COLUMN', `Missing required column(s) ${missing.join(', ')} in the header`, line);
  return { columns, width: cells.length };
}

function widthProblem(fields: readonly string[], line: number, header: Header, optional: readonly string[]): Problem | null {
  const { width } = header;
  if (fields.length < width) {
    const absent = [...header.columns].filter(([, i]) => i >= fields.length).map(([c]) => c);
    if (absent.some((c) => !optional.includes(c))) return fail('CSV_RAGGED_ROW', `Row at line ${line} has ${fields.length} fields, the header has ${width}: ${absent.join(', ')} missing`, line).problem;
  } else if (fields.length > width && fields.slice(width).some((f) => f !== '')) {
    return fail('CSV_RAGGED_ROW', `Row at line ${line} has ${fields.length} fields, the header has ${width}`, line).problem;
  }
  return null;
}

function fail(code: string, message: string, line: number): { ok: false; problem: Problem } {
  return { ok: false, problem: fileProblem(code, message, line) };
}
