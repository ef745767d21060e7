/**
 * The one place csv-parse is called. It turns text into trimmed records, each with the 1-based
 * line where it STARTS (csv-parse only reports where a record ends, which is wrong for rows with
 * quoted line breaks), and turns every csv-parse failure into a Problem instead of an exception.
 */
import { parse } from 'csv-parse/sync';
import type { InfoRecord, Options } from 'csv-parse/sync';
import { fileProblem } from '../../domain/problems.js';
import type { Problem } from '../../domain/problems.js';

export interface CsvRecord {
  /** Field values, trimmed. The count is the row's own: callers decide what a ragged row means. */
  fields: string[];
  /** 1-based line where the record starts. */
  line: number;
}

export interface CsvRecordOptions {
  delimiter: string;
  /** Mapping files: a line whose first non-blank character is `#` is ignored. */
  comments?: boolean;
}

export type CsvRecordsResult =
  | { ok: true; records: CsvRecord[] }
  | { ok: false; problem: Problem };

/** C0 controls and DEL except TAB, LF and CR: they are never legitimate in an order or a mapping. */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const COMMENT_LINE = /^[ \t]*#/;

/** Reads CSV text (BOM already removed or not) into records; never throws. */
export function readCsvRecords(text: string, options: CsvRecordOptions): CsvRecordsResult {
  // csv-parse guesses the record delimiter from the first line break it meets, so a file that mixes
  // CRLF and LF (a partner's export appended to by hand) would be mis-split; one form avoids that.
  let normalised = text.replace(/\r\n?/g, '\n');
  const control = CONTROL_CHARACTER.exec(normalised);
  if (control) {
    const { line, column } = textPosition(normalised, control.index);
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return {
      ok: false,
      problem: fileProblem('CONTROL_CHARACTER', `Control character U+${code} at line ${line}, column ${column}`, line, column),
    };
  }
  if (options.comments) {
    // Blanked rather than removed, so that line numbers still match what the editor shows.
    normalised = normalised.split('\n').map((l) => (COMMENT_LINE.test(l) ? '' : l)).join('\n');
  }

  const records: CsvRecord[] = [];
  let lastEndLine = 0;
  // With `raw: true` csv-parse hands on_record `{ record, raw }`, which its types do not model.
  const onRecord = (value: unknown, context: InfoRecord): null => {
    const { record, raw } = value as { record: string[]; raw: string };
    lastEndLine = context.lines;
    const fields = record.map((f) => f.trim());
    if (fields.some((f) => f !== '')) records.push({ fields, line: recordStartLine(raw, context.lines) });
    return null;
  };
  try {
    parse(normalised, {
      bom: true,
      delimiter: options.delimiter,
      record_delimiter: '\n',
      skip_empty_lines: true,
      // Counts are checked by the callers, so that a whitespace-only line can be skipped (strict
      // mode rejects it as a one-field row) and a ragged row is reported at its first line.
      relax_column_count: true,
      raw: true,
      on_record: onRecord as unknown as Options['on_record'],
    });
  } catch (error) {
    return { ok: false, problem: csvParseProblem(error, normalised, lastEndLine) };
  }
  return { ok: true, records };
}

/**
 * csv-parse's `raw` holds the empty lines skipped before the record, the record, and its line
 * break; the record starts after those empty lines. (A record's own first line is never empty.)
 */
function recordStartLine(raw: string, endLine: number): number {
  const body = raw.endsWith('\n') ? raw.slice(0, -1) : raw;
  const lines = body.split('\n');
  let skipped = 0;
  while (skipped < lines.length - 1 && lines[skipped] === '') skipped += 1;
  return endLine - (lines.length - 1 - skipped);
}

function csvParseProblem(error: unknown, text: string, lastEndLine: number): Problem {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const reported = typeof error === 'object' && error !== null && 'lines' in error && typeof error.lines === 'number'
    ? error.lines
    : undefined;
  const detail = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED': {
      // csv-parse names the last line of the file; the partner needs the row where the quote opened.
      const line = firstContentLineAfter(text, lastEndLine);
      return fileProblem('CSV_UNCLOSED_QUOTE', `Unclosed quote in the row starting at line ${line}`, line);
    }
    case 'CSV_INVALID_CLOSING_QUOTE':
      return fileProblem('CSV_UNCLOSED_QUOTE', `Misplaced quote at line ${reported ?? '?'}: a closing quote is followed by other text instead of the delimiter`, reported);
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_OPENING_QUOTE':
      return fileProblem('CSV_UNCLOSED_QUOTE', `Misplaced quote at line ${reported ?? '?'}: a quote inside an unquoted field (quote the whole field and double the inner quote)`, reported);
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
      return fileProblem('CSV_RAGGED_ROW', `Row at line ${reported ?? '?'} has a different number of fields than the header`, reported);
    default:
      if (code.startsWith('CSV_INVALID_OPTION')) return fileProblem('READ_FAILED', `Invalid CSV options: ${detail}`);
      if (code !== '') return fileProblem('CSV_BAD_ROW', `Could not read the row at line ${reported ?? '?'}: ${detail}`, reported);
      return fileProblem('READ_FAILED', `CSV reader failed: ${detail}`);
  }
}

/** The first non-empty line after `line` (1-based), i.e. where the next record begins. */
function firstContentLineAfter(text: string, line: number): number {
  const lines = text.split('\n');
  for (let i = line; i < lines.length; i += 1) {
    if (lines[i] !== '') return i + 1;
  }
  return Math.max(1, line);
}

function textPosition(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}
