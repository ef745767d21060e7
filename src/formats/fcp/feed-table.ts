import { fileProblem, type Problem } from '../../domain/problems.js';
import { normaliseHeaderName } from '../csv/presets.js';
import { readCsvRecords } from '../csv/records.js';
import { decodeUtf8 } from '../csv/utf8.js';

/** One data row of an FCP export: its line and its cells by column name ('' when absent). */
export interface FeedTableRow {
  line: number;
  value(column: string): string;
}

/**
 * The CSV table shared by the FCP's exports (inventory, shipments): UTF-8 (BOM allowed), a header
 * row naming the columns in any order and case (extra columns ignored), every data row as wide as
 * the header. A row may be short only by optional columns, which then read as blank — a missing
 * required value is never mistaken for a zero. `rows` is null for a file with no header at all;
 * each reader decides what an empty export means.
 */
export function readFeedTable(
  input: Buffer | string, required: readonly string[], optional: readonly string[],
): { ok: true; rows: FeedTableRow[] | null } | { ok: false; problem: Problem } {
  let text: string;
  if (typeof input === 'string') {
    text = input.replace(/^\uFEFF/, '');
  } else {
    const decoded = decodeUtf8(input);
    if (!decoded.ok) return fail('INVALID_UTF8', `Not valid UTF-8 at line ${decoded.line}, byte ${decoded.column}`, decoded.line);
    text = decoded.text;
  }
  const parsed = readCsvRecords(text, { delimiter: ',' });
  if (!parsed.ok) return { ok: false, problem: parsed.problem };
  const [header, ...body] = parsed.records;
  if (header === undefined) return { ok: true, rows: null };

  const index = new Map<string, number>();
  for (const [i, cell] of header.fields.entries()) {
    const name = normaliseHeaderName(cell);
    const known = [...required, ...optional].find((c) => normaliseHeaderName(c) === name);
    if (known === undefined) continue; // extra export columns carry nothing we use
    if (index.has(known)) return fail('CSV_DUPLICATE_HEADER', `Column ${known} appears twice in the header (columns ${(index.get(known) ?? 0) + 1} and ${i + 1})`, header.line);
    index.set(known, i);
  }
  const missing = required.filter((c) => !index.has(c));
  if (missing.length > 0) return fail('CSV_MISSING_COLUMN', `Missing required column(s) ${missing.join(', ')} in the header`, header.line);

  const width = header.fields.length;
  const rows: FeedTableRow[] = [];
  for (const record of body) {
    const line = record.line;
    if (record.fields.length < width) {
      const absent = [...index].filter(([, i]) => i >= record.fields.length).map(([c]) => c);
      if (absent.some((c) => !optional.includes(c))) return fail('CSV_RAGGED_ROW', `Row at line ${line} has ${record.fields.length} fields, the header has ${width}: ${absent.join(', ')} missing`, line);
    } else if (record.fields.slice(width).some((f) => f !== '')) {
      return fail('CSV_RAGGED_ROW', `Row at line ${line} has ${record.fields.length} fields, the header has ${width}`, line);
    }
    rows.push({ line, value: (column) => record.fields[index.get(column) ?? -1] ?? '' });
  }
  return { ok: true, rows };
}

function fail(code: string, message: string, line: number): { ok: false; problem: Problem } {
  return { ok: false, problem: fileProblem(code, message, line) };
}
