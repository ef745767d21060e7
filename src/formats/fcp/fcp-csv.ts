import type { FcpOrder } from '../../domain/order.js';
import { writeCsv, type CsvCell } from '../csv-output.js';

/** The FCP bulk-import columns in their default order (SPEC §6). */
export const FCP_CSV_COLUMNS = [
  'Order Number', 'Reference Number', 'Order Date', 'Ship Method', 'First Name', 'Last Name', 'Company',
  'Address 1', 'Address 2', 'City', 'State', 'Postal Code', 'Country', 'Phone', 'Email', 'SKU', 'Quantity',
  'Notes', 'Action',
] as const;
export type FcpCsvColumn = (typeof FCP_CSV_COLUMNS)[number];

export interface FcpCsvEntry {
  action: 'SUBMIT' | 'CANCEL';
  order: FcpOrder;
}

/**
 * One row per FCP line of each submitted order (Action empty), and one row per cancelled order
 * (Action CANCEL, with the order's fields but no SKU or quantity: the FCP cancels the whole order).
 */
export function writeFcpCsv(entries: FcpCsvEntry[], columns: readonly string[] = FCP_CSV_COLUMNS): string {
  const rows: CsvCell[][] = [];
  for (const { action, order } of entries) {
    const base = orderCells(order, action);
    if (action === 'CANCEL') {
      rows.push(columns.map((c) => base[c as FcpCsvColumn] ?? ''));
      continue;
    }
    for (const line of order.lines) {
      const cells: Partial<Record<FcpCsvColumn, CsvCell>> = { ...base, SKU: line.sku, Quantity: line.quantity };
      rows.push(columns.map((c) => cells[c as FcpCsvColumn] ?? ''));
    }
  }
  return writeCsv([...columns], rows);
}

function orderCells(order: FcpOrder, action: 'SUBMIT' | 'CANCEL'): Partial<Record<FcpCsvColumn, CsvCell>> {
  const s = order.shipTo;
  return {
    'Order Number': order.fcpOrderNumber, 'Reference Number': order.referenceNumber, 'Order Date': order.orderDate,
    'Ship Method': order.shipCode, 'First Name': s.firstName, 'Last Name': s.lastName, Company: s.company,
    'Address 1': s.address1, 'Address 2': s.address2, City: s.city, State: s.state, 'Postal Code': s.postalCode,
    Country: s.country, Phone: s.phone, Email: s.email, Notes: order.notes, Action: action === 'CANCEL' ? 'CANCEL' : '',
  };
}
