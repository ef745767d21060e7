/**
 * CSV order files (SPEC §5.1): one row per order line, rows with the same order number form one
 * order. Everything that makes the file unreadable as a whole (bad UTF-8, broken quoting, a
 * ragged row, a wrong header) rejects the file; everything about one order's content is left to
 * validation, so a single bad order never holds back the others.
 */
import type { CsvOptions } from '../../config/types.js';
import type { InboundLine, InboundOrder, ReadResult } from '../../domain/order.js';
import { fileProblem, orderProblem } from '../../domain/problems.js';
import type { Problem } from '../../domain/problems.js';
import { readOrderDate } from './order-dates.js';
import { CSV_FIELDS, EXTENSIV_SIMPLE_LAYOUT, matchHeader } from './presets.js';
import type { CsvField } from './presets.js';
import { visitCsvRecords } from './records.js';
import { decodeUtf8 } from './utf8.js';

/** Where each field sits in a row, and how a disagreement about a name is labelled. */
interface Layout {
  /** Column of each field, -1 when the file has none. */
  columnOf: Readonly<Record<CsvField, number>>;
  firstNameLabel: string;
  /** Columns of the order-level fields: every row of one order must repeat their values. */
  orderColumns: readonly number[];
}

/** Fields of one order line; the rest are order-level. */
const LINE_FIELDS: readonly CsvField[] = ['sku', 'quantity', 'unit_price', 'description'];

function layoutOf(columnOf: ReadonlyMap<CsvField, number>, firstNameLabel: string): Layout {
  const columns = Object.fromEntries(CSV_FIELDS.map((field) => [field, columnOf.get(field) ?? -1])) as Record<CsvField, number>;
  const orderColumns = CSV_FIELDS.filter((f) => !LINE_FIELDS.includes(f) && columns[f] !== -1).map((f) => columns[f]);
  return { columnOf: columns, firstNameLabel, orderColumns };
}

export function readCsvOrders(bytes: Uint8Array, options: CsvOptions): ReadResult {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    return {
      ok: false,
      problem: fileProblem('INVALID_UTF8', `Not valid UTF-8 at line ${decoded.line}, byte ${decoded.column} (byte offset ${decoded.offset}); save the file as UTF-8`, decoded.line, decoded.column),
    };
  }
  const rows = new OrderRows(options);
  const syntax = visitCsvRecords(decoded.text, { delimiter: options.delimiter }, (fields, line) => rows.add(fields, line));
  // A syntax error anywhere is reported ahead of any header or row problem.
  return syntax === null ? rows.result() : { ok: false, problem: syntax };
}

/**
 * The file's rows as they are read: the header (standard preset), then each row checked for its
 * width and grouped into orders. Once the file is refused, the remaining rows are only counted.
 */
class OrderRows {
  private readonly warnings: Problem[] = [];
  private grouper: OrderGrouper | null = null;
  private expectedFields = EXTENSIV_SIMPLE_LAYOUT.length;
  private rowsAre = `the extensiv-simple layout has ${EXTENSIV_SIMPLE_LAYOUT.length}`;
  private records = 0;
  private refusal: { problem: Problem; badHeader: boolean } | null = null;

  constructor(private readonly options: CsvOptions) {
    if (options.preset === 'extensiv-simple') {
      const columnOf = new Map(EXTENSIV_SIMPLE_LAYOUT.map((field, index) => [field, index]));
      this.grouper = new OrderGrouper(layoutOf(columnOf, 'first_name'), options.date_format);
    }
  }

  add(fields: string[], line: number): void {
    this.records += 1;
    if (this.refusal !== null) return;
    if (this.grouper === null) {
      this.readHeader(fields, line);
    } else if (fields.length !== this.expectedFields) {
      const problem = fileProblem('CSV_RAGGED_ROW', `Row at line ${line} has ${fields.length} fields; ${this.rowsAre}`, line);
      this.refusal = { problem, badHeader: false };
    } else {
      this.grouper.add(fields, line);
    }
  }

  result(): ReadResult {
    if (this.refusal === null) return { ok: true, orders: this.grouper?.orders ?? [], warnings: this.warnings };
    const { problem, badHeader } = this.refusal;
    // SPEC: a header-only file is taken with no orders; a bad header there is only worth a warning.
    if (badHeader && this.records === 1) return { ok: true, orders: [], warnings: [problem] };
    return { ok: false, problem };
  }

  private readHeader(cells: string[], line: number): void {
    const match = matchHeader(cells, this.options.columns);
    if (!match.ok) {
      this.refusal = { problem: fileProblem(match.code, match.message, line), badHeader: true };
      return;
    }
    for (const message of match.settingWarnings) this.warnings.push(fileProblem('CSV_COLUMNS_SETTING', message));
    if (match.ignored.length > 0) {
      this.warnings.push(fileProblem('CSV_UNKNOWN_COLUMN', `Ignored column(s) that name no order field: ${match.ignored.map((c) => `'${c}'`).join(', ')}`, line));
    }
    const hasShipNameOnly = match.columnOf.has('ship_name') && !match.columnOf.has('first_name');
    this.grouper = new OrderGrouper(layoutOf(match.columnOf, hasShipNameOnly ? 'ship_name' : 'first_name'), this.options.date_format);
    this.expectedFields = cells.length;
    this.rowsAre = `the header (line ${line}) has ${cells.length}`;
  }
}

/** Rows with the same order number form one order, in first-appearance order. */
class OrderGrouper {
  readonly orders: InboundOrder[] = [];
  /** Each order by number, with the fields already reported as disagreeing (made on the first). */
  private readonly byNumber = new Map<string, { order: InboundOrder; reported: Set<string> | null }>();
  /** The previous row's cells and order, for the usual case of an order's rows one after another. */
  private previousFields: readonly string[] = [];
  private previousOrder: InboundOrder | null = null;

  constructor(private readonly layout: Layout, private readonly dateFormat: string) {}

  add(fields: string[], line: number): void {
    const { layout } = this;
    const number = cell(fields, layout.columnOf.order_number);
    // A blank order number stays an order of its own, so validation rejects it visibly instead
    // of its lines being merged into some other order or lost.
    const existing = number === '' ? undefined : this.byNumber.get(number);
    if (existing === undefined) {
      const order = rowToOrder(fields, line, layout, this.dateFormat);
      this.orders.push(order);
      if (number !== '') this.byNumber.set(number, { order, reported: null });
      this.previousFields = fields;
      this.previousOrder = order;
      return;
    }
    const first = existing.order;
    // A row repeating the previous row of the same order cell for cell in every order-level column
    // can disagree with the first row only where that row did, and that is reported already.
    if (this.previousOrder !== first || !sameCells(this.previousFields, fields, layout.orderColumns)) {
      const order = rowToOrder(fields, line, layout, this.dateFormat);
      const theirs = orderLevelValues(order, layout);
      for (const [index, [label, value]] of orderLevelValues(first, layout).entries()) {
        // One problem per field: the first row that disagrees is enough to find and fix it.
        if (theirs[index]?.[1] === value || existing.reported?.has(label) === true) continue;
        (existing.reported ??= new Set()).add(label);
        first.problems.push(orderProblem('INCONSISTENT_ORDER', `${label} differs between line ${first.sourceLine} and line ${line}`, line));
      }
    }
    first.lines.push(lineOf(fields, line, layout));
    this.previousFields = fields;
    this.previousOrder = first;
  }
}

/** Order-level values compared across the rows of one order, by the field name shown to people. */
function orderLevelValues(order: InboundOrder, layout: Layout): [string, string][] {
  const s = order.shipTo;
  return [
    ['reference_number', order.referenceNumber], ['order_date', order.orderDate],
    ['ship_method', order.shipMethod], [layout.firstNameLabel, s.firstName], ['last_name', s.lastName],
    ['company', s.company], ['address1', s.address1], ['address2', s.address2], ['city', s.city],
    ['state', s.state], ['postal_code', s.postalCode], ['country', s.country], ['phone', s.phone],
    ['email', s.email], ['notes', order.notes],
  ];
}

function sameCells(a: readonly string[], b: readonly string[], columns: readonly number[]): boolean {
  for (const c of columns) if (a[c] !== b[c]) return false;
  return true;
}

/** The cell at `column` ('' when the file has no such column). */
function cell(fields: readonly string[], column: number): string {
  return column === -1 ? '' : (fields[column] ?? '');
}

function lineOf(fields: readonly string[], line: number, layout: Layout): InboundLine {
  const c = layout.columnOf;
  return { sku: cell(fields, c.sku), quantity: cell(fields, c.quantity), unitPrice: cell(fields, c.unit_price), description: cell(fields, c.description), sourceLine: line };
}

function rowToOrder(fields: readonly string[], line: number, layout: Layout, dateFormat: string): InboundOrder {
  const c = layout.columnOf;
  let firstName = cell(fields, c.first_name);
  const lastName = cell(fields, c.last_name);
  // The FCP joins first and last name with a space, so a whole ship_name in firstName arrives
  // intact; splitting it would guess wrong for names like "Mary Ann van Dyke".
  if (firstName === '' && lastName === '') firstName = cell(fields, c.ship_name);
  return {
    orderNumber: cell(fields, c.order_number),
    referenceNumber: cell(fields, c.reference_number),
    orderDate: readOrderDate(cell(fields, c.order_date), dateFormat),
    shipMethod: cell(fields, c.ship_method),
    shipTo: {
      firstName,
      lastName,
      company: cell(fields, c.company),
      address1: cell(fields, c.address1),
      address2: cell(fields, c.address2),
      city: cell(fields, c.city),
      state: cell(fields, c.state),
      postalCode: cell(fields, c.postal_code),
      country: cell(fields, c.country),
      phone: cell(fields, c.phone),
      email: cell(fields, c.email),
    },
    lines: [lineOf(fields, line, layout)],
    notes: cell(fields, c.notes),
    sourceLine: line,
    cancel: false,
    problems: [],
  };
}
