/**
 * CSV order files (SPEC §5.1): one row per order line, rows with the same order number form one
 * order. Everything that makes the file unreadable as a whole (bad UTF-8, broken quoting, a
 * ragged row, a wrong header) rejects the file; everything about one order's content is left to
 * validation, so a single bad order never holds back the others.
 */
import type { CsvOptions } from '../../config/types.js';
import type { InboundOrder, ReadResult } from '../../domain/order.js';
import { fileProblem, orderProblem } from '../../domain/problems.js';
import type { Problem } from '../../domain/problems.js';
import { readOrderDate } from './order-dates.js';
import { EXTENSIV_SIMPLE_LAYOUT, matchHeader } from './presets.js';
import type { CsvField } from './presets.js';
import { readCsvRecords } from './records.js';
import type { CsvRecord } from './records.js';
import { decodeUtf8 } from './utf8.js';

/** Where each field sits in a row, and how a disagreement about a name is labelled. */
interface Layout {
  columnOf: ReadonlyMap<CsvField, number>;
  firstNameLabel: string;
}

export function readCsvOrders(bytes: Uint8Array, options: CsvOptions): ReadResult {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    return {
      ok: false,
      problem: fileProblem('INVALID_UTF8', `Not valid UTF-8 at line ${decoded.line}, byte ${decoded.column} (byte offset ${decoded.offset}); save the file as UTF-8`, decoded.line, decoded.column),
    };
  }
  const parsed = readCsvRecords(decoded.text, { delimiter: options.delimiter });
  if (!parsed.ok) return { ok: false, problem: parsed.problem };
  const records = parsed.records;
  const warnings: Problem[] = [];

  let layout: Layout;
  let rows: CsvRecord[];
  let expectedFields: number;
  let rowsAre: string;
  if (options.preset === 'extensiv-simple') {
    layout = { columnOf: new Map(EXTENSIV_SIMPLE_LAYOUT.map((field, index) => [field, index])), firstNameLabel: 'first_name' };
    rows = records;
    expectedFields = EXTENSIV_SIMPLE_LAYOUT.length;
    rowsAre = `the extensiv-simple layout has ${expectedFields}`;
  } else {
    const header = records[0];
    if (header === undefined) return { ok: true, orders: [], warnings };
    const match = matchHeader(header.fields, options.columns);
    if (!match.ok) {
      const problem = fileProblem(match.code, match.message, header.line);
      // SPEC: a header-only file is taken with no orders; a bad header there is only worth a warning.
      if (records.length === 1) return { ok: true, orders: [], warnings: [problem] };
      return { ok: false, problem };
    }
    for (const message of match.settingWarnings) warnings.push(fileProblem('CSV_COLUMNS_SETTING', message));
    if (match.ignored.length > 0) {
      warnings.push(fileProblem('CSV_UNKNOWN_COLUMN', `Ignored column(s) that name no order field: ${match.ignored.map((c) => `'${c}'`).join(', ')}`, header.line));
    }
    const hasShipNameOnly = match.columnOf.has('ship_name') && !match.columnOf.has('first_name');
    layout = { columnOf: match.columnOf, firstNameLabel: hasShipNameOnly ? 'ship_name' : 'first_name' };
    rows = records.slice(1);
    expectedFields = header.fields.length;
    rowsAre = `the header (line ${header.line}) has ${expectedFields}`;
  }

  const ragged = rows.find((row) => row.fields.length !== expectedFields);
  if (ragged !== undefined) {
    return {
      ok: false,
      problem: fileProblem('CSV_RAGGED_ROW', `Row at line ${ragged.line} has ${ragged.fields.length} fields; ${rowsAre}`, ragged.line),
    };
  }
  return { ok: true, orders: groupOrders(rows, layout, options.date_format), warnings };
}

function groupOrders(rows: readonly CsvRecord[], layout: Layout, dateFormat: string): InboundOrder[] {
  const orders: InboundOrder[] = [];
  const byNumber = new Map<string, { order: InboundOrder; reported: Set<string> }>();
  for (const row of rows) {
    const order = rowToOrder(row, layout, dateFormat);
    // A blank order number stays an order of its own, so validation rejects it visibly instead
    // of its lines being merged into some other order or lost.
    const existing = order.orderNumber === '' ? undefined : byNumber.get(order.orderNumber);
    if (existing === undefined) {
      orders.push(order);
      if (order.orderNumber !== '') byNumber.set(order.orderNumber, { order, reported: new Set() });
      continue;
    }
    const first = existing.order;
    const theirs = orderLevelValues(order, layout);
    for (const [index, [label, value]] of orderLevelValues(first, layout).entries()) {
      // One problem per field: the first row that disagrees is enough to find and fix it.
      if (theirs[index]?.[1] === value || existing.reported.has(label)) continue;
      existing.reported.add(label);
      first.problems.push(orderProblem('INCONSISTENT_ORDER', `${label} differs between line ${first.sourceLine} and line ${order.sourceLine}`, order.sourceLine));
    }
    first.lines.push(...order.lines);
  }
  return orders;
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

function rowToOrder(row: CsvRecord, layout: Layout, dateFormat: string): InboundOrder {
  const get = (field: CsvField): string => {
    const index = layout.columnOf.get(field);
    return index === undefined ? '' : (row.fields[index] ?? '');
  };
  let firstName = get('first_name');
  const lastName = get('last_name');
  // The FCP joins first and last name with a space, so a whole ship_name in firstName arrives
  // intact; splitting it would guess wrong for names like "Mary Ann van Dyke".
  if (firstName === '' && lastName === '') firstName = get('ship_name');
  return {
    orderNumber: get('order_number'),
    referenceNumber: get('reference_number'),
    orderDate: readOrderDate(get('order_date'), dateFormat),
    shipMethod: get('ship_method'),
    shipTo: {
      firstName,
      lastName,
      company: get('company'),
      address1: get('address1'),
      address2: get('address2'),
      city: get('city'),
      state: get('state'),
      postalCode: get('postal_code'),
      country: get('country'),
      phone: get('phone'),
      email: get('email'),
    },
    lines: [{
      sku: get('sku'),
      quantity: get('quantity'),
      unitPrice: get('unit_price'),
      description: get('description'),
      sourceLine: row.line,
    }],
    notes: get('notes'),
    sourceLine: row.line,
    cancel: false,
    problems: [],
  };
}
