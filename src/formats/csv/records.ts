/**
 * The one CSV reader (RFC 4180 with the tolerances partners need): text in, trimmed records out,
 * each with the 1-based line where it STARTS — a row with quoted line breaks is reported where the
 * partner sees it begin — and every syntax error as a Problem with its line instead of an
 * exception. Hand-written rather than csv-parse: there, the start line took a per-record callback
 * with its info context, a re-split of each record's raw text and a line-break-normalising copy of
 * the whole text, and with csv-parse's own buffer work that was most of intake time. Here the line
 * count is kept while scanning, and records go to a visitor instead of one big array.
 */
import { fileProblem } from '../../domain/problems.js';
import type { Problem } from '../../domain/problems.js';

export interface CsvRecordOptions {
  /** One character, not a quote or a line break (the config schema enforces the same). */
  delimiter: string;
  /** Mapping files: a line whose first non-blank character is `#` is ignored. */
  comments?: boolean;
}

/** C0 controls and DEL except TAB, LF and CR: they are never legitimate in an order or a mapping. */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Thrown inside the scanner only, so the hot loop carries no error plumbing; caught below. */
class CsvSyntaxError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

/**
 * Receives each record that has a non-blank field, in file order: its values, trimmed (the count
 * is the row's own: callers decide what a ragged row means), and the 1-based line where it starts.
 */
export type CsvRecordVisitor = (fields: string[], line: number) => void;

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
  const source = options.comments && text.includes('#') ? blankComments(text) : text;
  try {
    new CsvScanner(source, delimiter.charCodeAt(0)).scan(visit);
    return null;
  } catch (error) {
    if (error instanceof CsvSyntaxError) return error.problem;
    throw error;
  }
}

/**
 * The state machine, over char codes. A field is quoted only when its first character is a quote;
 * inside, `""` is a quote, and the closing quote must be followed by the delimiter, a line break
 * or the end. A quote anywhere else (`12" tv`, ` "x"`) is refused rather than guessed at.
 */
class CsvScanner {
  private pos: number;
  /** Line of `pos`: every line break passed so far, quoted ones included. */
  private line = 1;
  private readonly end: number;

  constructor(private readonly text: string, private readonly delimiter: number) {
    this.end = text.length;
    this.pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  scan(visit: CsvRecordVisitor): void {
    const { text, end, delimiter } = this;
    while (this.pos < end) {
      const first = text.charCodeAt(this.pos);
      if (first === LF || first === CR) {
        this.skipLineBreak();
        continue;
      }
      const startLine = this.line;
      const fields: string[] = [];
      let blank = true;
      for (;;) {
        const value = (text.charCodeAt(this.pos) === QUOTE ? this.quoted(startLine) : this.unquoted()).trim();
        if (value !== '') blank = false;
        fields.push(value);
        if (this.pos >= end || text.charCodeAt(this.pos) !== delimiter) break;
        this.pos += 1;
      }
      if (!blank) visit(fields, startLine);
      // The record's own line break, so that it is not taken for a blank line.
      if (this.pos < end) this.skipLineBreak();
    }
  }

  /** A field from its opening quote: jumps from quote to quote, counting the line breaks between. */
  private quoted(startLine: number): string {
    const { text, end, delimiter } = this;
    let from = this.pos + 1;
    let value = '';
    for (;;) {
      const close = text.indexOf('"', from);
      if (close === -1) throw syntaxError('CSV_UNCLOSED_QUOTE', `Unclosed quote in the row starting at line ${startLine}`, startLine);
      this.line += lineBreaksIn(text, from, close);
      const after = close + 1 < end ? text.charCodeAt(close + 1) : -1;
      if (after === QUOTE) {
        value += text.slice(from, close + 1);
        from = close + 2;
        continue;
      }
      if (after !== -1 && after !== delimiter && after !== LF && after !== CR) {
        throw syntaxError('CSV_UNCLOSED_QUOTE', `Misplaced quote at line ${this.line}: a closing quote is followed by other text instead of the delimiter`, this.line);
      }
      value += text.slice(from, close);
      this.pos = close + 1;
      return value.includes('\r') ? value.replace(/\r\n?/g, '\n') : value;
    }
  }

  /** A field up to the delimiter or line break; a quote inside it was meant to open a field. */
  private unquoted(): string {
    const { text, end, delimiter } = this;
    const start = this.pos;
    let pos = start;
    for (; pos < end; pos += 1) {
      const c = text.charCodeAt(pos);
      if (c === delimiter || c === LF || c === CR) break;
      if (c === QUOTE) {
        throw syntaxError('CSV_UNCLOSED_QUOTE', `Misplaced quote at line ${this.line}: a quote inside an unquoted field (quote the whole field and double the inner quote)`, this.line);
      }
    }
    this.pos = pos;
    return text.slice(start, pos);
  }

  private skipLineBreak(): void {
    const { text } = this;
    this.pos += text.charCodeAt(this.pos) === CR && text.charCodeAt(this.pos + 1) === LF ? 2 : 1;
    this.line += 1;
  }
}

/**
 * Comment lines blanked rather than removed, so that line numbers still match what the editor
 * shows. Any line counts, even one inside a quoted value: a rule that needs no CSV context is one
 * a person can apply by eye. Replaces over the text rather than a split into lines, which for a
 * 100k-row mapping file was 100k strings of garbage. Line breaks become LF first: blanking a line
 * between a lone CR and an LF would otherwise leave one CRLF where there were two line breaks.
 * (Not the `m` flag: its `^` also starts a line after U+2028 and U+2029, which are not CSV line breaks.)
 */
function blankComments(text: string): string {
  const lf = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  return lf.replace(/(^|\n)[ \t]*#[^\n]*/g, '$1');
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
