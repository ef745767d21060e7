/**
 * The one catalogue of problem codes. A Problem is bad data (never a transport failure):
 * the file is quarantined or the order goes to IMPORT ERROR, and it is retried only when
 * mappings change. Every code carries the doc line that docs/problems.md is checked against.
 */

/** Order-level checks of SPEC §5.4, in the order they run, with the FCP's own message prefixes. */
export const ORDER_PROBLEMS = {
  INVALID_ORDER_NUMBER: { prefix: 'Invalid order number: ', doc: 'A blank order number, or one with control characters or longer than 50 characters (fcp-bridge addition).' },
  CUSTOMER_INFO_MISSING: { prefix: 'Customer information missing: ', doc: 'No ship-to name and no company.' },
  ADDRESS_VALIDATION_FAILED: { prefix: 'Address validation failed: ', doc: 'Missing address1/city/postal code/country, missing US/CA state, bad US ZIP, or a PO Box with a FedEx/UPS ship code.' },
  MALFORMED_ADDRESS: { prefix: 'Malformed address: ', doc: 'Control characters, or a ship-to field longer than the FCP allows.' },
  INCONSISTENT_ORDER: { prefix: 'Order rows disagree: ', doc: 'CSV rows of one order number differ in an order-level field.' },
  INVALID_QUANTITY: { prefix: 'Invalid quantity: ', doc: 'A line quantity that is not a whole number in 1..999999.' },
  SHIP_METHOD_NOT_MAPPED: { prefix: 'Ship method not mapped: ', doc: 'No row in ship-methods.csv for the ship method and no `*` default.' },
  INVALID_SHIP_METHOD_CODE: { prefix: 'Invalid ship method code: ', doc: 'The partner sends FCP codes itself and this one is not in fcp-ship-codes.csv.' },
  INVALID_SKU: { prefix: 'Invalid SKU: ', doc: 'A line without a SKU, or a (mapped) FCP SKU not in the latest FCP inventory feed.' },
  FILTERED: { prefix: 'Filtered by item filter: ', doc: 'The item filter refuses the whole order (level: order). Not an error.' },
  DUPLICATE_ORDER_NUMBER: { prefix: 'Duplicate order number: ', doc: 'The number is already ACCEPTED/COMPLETED for this partner with other content.' },
  INVALID_ORDER_DATE: { prefix: 'Invalid order date: ', doc: 'An order date that cannot be read as a calendar date (fcp-bridge addition).' },
  ORDER_TOO_OLD: { prefix: 'Order older than history window: ', doc: 'Order date before now minus max_order_age_days.' },
} as const;

/** Whole-file rejections: the file is quarantined with `<name>.reason.txt` and creates no orders. */
export const FILE_PROBLEMS = {
  NOT_REGULAR_FILE: 'A symlink, FIFO, socket or device in an inbox; never opened.',
  TOO_LARGE: 'The file is larger than limits.max_file_bytes.',
  INVALID_UTF8: 'The file is not valid UTF-8.',
  CSV_MISSING_COLUMN: 'A required column is missing from the header.',
  CSV_DUPLICATE_HEADER: 'Two header cells name the same field.',
  CSV_UNCLOSED_QUOTE: 'A quoted field is never closed, or a quote is misplaced.',
  CSV_RAGGED_ROW: 'A row has a different number of fields than the header.',
  CSV_UNKNOWN_COLUMN: 'Warning only, the file is taken: header columns that name no order field are ignored.',
  CSV_COLUMNS_SETTING: 'Warning only, the file is taken: the partner\'s csv.columns names an unknown field, or one header text for two fields.',
  CONTROL_CHARACTER: 'A NUL or other control character in a field.',
  READ_FAILED: 'The file could not be read as a whole (an unexpected reader failure).',
} as const;

export type OrderProblemCode = keyof typeof ORDER_PROBLEMS;
export type FileProblemCode = keyof typeof FILE_PROBLEMS;
/** Formats may add their own file-level codes (XML_*, X12_*); they must be documented too. */
export type ProblemCode = OrderProblemCode | FileProblemCode | (string & {});

export interface Problem {
  code: ProblemCode;
  /** The full message, prefix included for order problems. One line, no partner line breaks. */
  message: string;
  /** 1-based line in the source file, when known. */
  line?: number;
  column?: number;
}

/** Builds an order problem with its fixed prefix; the detail is flattened to one line. */
export function orderProblem(code: OrderProblemCode, detail: string, line?: number): Problem {
  const problem: Problem = { code, message: ORDER_PROBLEMS[code].prefix + oneLine(detail) };
  if (line !== undefined) problem.line = line;
  return problem;
}

export function fileProblem(code: ProblemCode, message: string, line?: number, column?: number): Problem {
  const problem: Problem = { code, message: oneLine(message) };
  if (line !== undefined) problem.line = line;
  if (column !== undefined) problem.column = column;
  return problem;
}

/** Partner text shown inside a message: control characters become visible escapes. */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Human text of a problem for reason files and tables: `code line N: message`. */
export function describeProblem(problem: Problem): string {
  const where = problem.line !== undefined ? ` at line ${problem.line}${problem.column !== undefined ? `:${problem.column}` : ''}` : '';
  return `${problem.code}${where}: ${problem.message}`;
}
