/**
 * The one CSV reader (RFC 4180 with the tolerances partners need): text in, trimmed records out,
 * each with the 1-based line where it STARTS — a row with quoted line breaks is reported where the
 * partner sees it begin — and every syntax error as a Problem with its line instead of an
 * exception. Hand-written rather than csv-parse because knowing the start line there cost a
 * per-record callback and a re-split of each record's raw text (a third of intake time); here the
 * line count is kept while scanning, for free.
 */
import { fileProblem } from '../../domain/problems.js';
import type { Problem } from '../../domain/problems.js';

export interface CsvRecord {
  /** Field values, trimmed. The count is the row's own: callers decide what a ragged row means. */
  fields: string[];
  /** 1-based line where the record starts. */
  line: number;
}

export interface CsvRecordOptions {
  /** One character, not a quote or a line break (the config schema enforces the same). */
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
const LINE_BREAK = /\r\n?|\n/;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Thrown inside the scanner only, so the hot loop carries no error plumbing; caught below. */
class CsvSyntaxError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

/** Receives each record that has a non-blank field, in file order. */
export type CsvRecordVisitor = (fields: string[], line: number) => void;

/** Reads CSV text into an array of records; never throws. See visitCsvRecords. */
export function readCsvRecords(text: string, options: CsvRecordOptions): CsvRecordsResult {
  const records: CsvRecord[] = [];
  const problem = visitCsvRecords(text, options, (fields, line) => { records.push({ fields, line }); });
  return problem === null ? { ok: true, records } : { ok: false, problem };
}

/**
 * Hands each record of `text` to `visit` as it is read, so that a million-row file never holds
 * all its records at once, and returns the file's problem or null. No input makes it throw (only
 * the visitor can). A problem can come after records were visited, so what the visitor built
 * counts only when this returns null. Line breaks may be CRLF, LF or a lone CR, mixed in one
 * file (a partner's export appended to by hand); inside quoted values each becomes `\n`. One
 * leading BOM is dropped. Blank lines, and rows whose fields are all blank, are skipped.
 */
export function visitCsvRecords(text: string, options: CsvRecordOptions, visit: CsvRecordVisitor): Problem | null {
  const { delimiter } = options;
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n') {
    return fileProblem('READ_FAILED', `Invalid CSV options: the delimiter must be one character other than a quote or a line break, got ${JSON.stringify(delimiter)}`);
  }
  const control = CONTROL_CHARACTER.exec(text);
  if (control) {
    const { line, column } = textPosition(text, control.index);
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return fileProblem('CONTROL_CHARACTER', `Control character U+${code} at line ${line}, column ${column}`, line, column);
  }
  // Blanked rather than removed, so that line numbers still match what the editor shows. Any line
  // counts, even one inside a quoted value: mapping files are small and hand-written, and a rule
  // that needs no CSV context is one a person can apply by eye.
  const source = options.comments
    ? text.split(LINE_BREAK).map((l) => (COMMENT_LINE.test(l) ? '' : l)).join('\n')
    : text;
  try {
    scanRecords(source, delimiter.charCodeAt(0), visit);
    return null;
  } catch (error) {
    if (error instanceof CsvSyntaxError) return error.problem;
    throw error;
  }
}

/**
 * The state machine. A field is quoted only when its first character is a quote; inside, `""` is
 * a quote, and the closing quote must be followed by the delimiter, a line break or the end. A
 * quote anywhere else (`12" tv`, ` "x"`) is refused rather than guessed at.
 */
function scanRecords(text: string, delimiter: number, visit: CsvRecordVisitor): void {
  const end = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (pos < end) {
    const first = text.charCodeAt(pos);
    if (first === LF || first === CR) {
      pos += first === CR && text.charCodeAt(pos + 1) === LF ? 2 : 1;
      line += 1;
      continue;
    }
    const startLine = line;
    const fields: string[] = [];
    let blank = true;
    for (;;) {
      let value: string;
      if (text.charCodeAt(pos) === QUOTE) {
        // Quoted: jump from quote to quote, counting the line breaks in between.
        let from = pos + 1;
        value = '';
        for (;;) {
          const close = text.indexOf('"', from);
          if (close === -1) throw syntaxError('CSV_UNCLOSED_QUOTE', `Unclosed quote in the row starting at line ${startLine}`, startLine);
          line += lineBreaksIn(text, from, close);
          const after = close + 1 < end ? text.charCodeAt(close + 1) : -1;
          if (after === QUOTE) {
            value += text.slice(from, close + 1);
            from = close + 2;
            continue;
          }
          if (after !== -1 && after !== delimiter && after !== LF && after !== CR) {
            throw syntaxError('CSV_UNCLOSED_QUOTE', `Misplaced quote at line ${line}: a closing quote is followed by other text instead of the delimiter`, line);
          }
          value += text.slice(from, close);
          pos = close + 1;
          break;
        }
        if (value.includes('\r')) value = value.replace(/\r\n?/g, '\n');
      } else {
        // Unquoted: up to the delimiter or line break; a quote here was meant to open a field.
        const start = pos;
        let c = pos < end ? text.charCodeAt(pos) : -1;
        while (c !== delimiter && c !== LF && c !== CR && c !== -1) {
          if (c === QUOTE) {
            throw syntaxError('CSV_UNCLOSED_QUOTE', `Misplaced quote at line ${line}: a quote inside an unquoted field (quote the whole field and double the inner quote)`, line);
          }
          pos += 1;
          c = pos < end ? text.charCodeAt(pos) : -1;
        }
        value = text.slice(start, pos);
      }
      value = value.trim();
      if (value !== '') blank = false;
      fields.push(value);
      if (pos < end && text.charCodeAt(pos) === delimiter) {
        pos += 1;
        continue;
      }
      break;
    }
    if (!blank) visit(fields, startLine);
    // The record ends at its line break (consumed here, so that it is not taken for a blank line) or at the end.
    if (pos < end) {
      pos += text.charCodeAt(pos) === CR && text.charCodeAt(pos + 1) === LF ? 2 : 1;
      line += 1;
    }
  }
}

/** Line breaks (CRLF, LF or lone CR, each one) in text[from, to). */
function lineBreaksIn(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i += 1) {
    const c = text.charCodeAt(i);
    if (c === LF) count += 1;
    else if (c === CR) {
      count += 1;
      if (i + 1 < to && text.charCodeAt(i + 1) === LF) i += 1;
    }
  }
  return count;
}

function syntaxError(code: string, message: string, line: number): CsvSyntaxError {
  return new CsvSyntaxError(fileProblem(code, message, line));
}

/** 1-based line and column of a character; CRLF, LF and lone CR each end a line. */
function textPosition(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i += 1) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: index - lineStart + 1 };
}
