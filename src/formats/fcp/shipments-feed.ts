/**
 * The FCP shipment export (SPEC §7): CSV `order_number,ship_date,carrier,service,tracking_number,
 * sku,quantity[,weight_lbs]`, header required, one row per SKU per package. Rows with the same
 * order number and tracking number are one package. Any bad row refuses the whole file: a
 * half-read export would report part of a package as if it were all of it. Pure: bytes in,
 * packages or the one problem that names the line out.
 */
import { fileProblem, type Problem } from '../../domain/problems.js';
import { readFeedTable } from './feed-table.js';

/** Shipment-feed file problem codes (the reader also uses INVALID_UTF8, CONTROL_CHARACTER and the CSV_* codes). */
export const SHIPMENT_FEED_PROBLEMS = {
  SHIPMENT_BAD_VALUE: 'A shipment row with a blank order_number, tracking_number, sku or carrier, a ship_date that is not a date, a quantity that is not a whole number 1..999999, or a weight_lbs that is not a number >= 0.',
  SHIPMENT_DUPLICATE_ROW: 'The same sku appears twice in one package (same order_number and tracking_number).',
  SHIPMENT_INCONSISTENT_PACKAGE: 'Rows of one package disagree on ship_date, carrier, service or weight_lbs.',
} as const;

export const SHIPMENT_COLUMNS = ['order_number', 'ship_date', 'carrier', 'service', 'tracking_number', 'sku', 'quantity'] as const;
const OPTIONAL_COLUMNS = ['weight_lbs'] as const;

export interface ShipmentLine {
  /** The FCP SKU, as the FCP wrote it. */
  sku: string;
  quantity: number;
  line: number;
}

export interface ShipmentPackage {
  /** The FCP order number (the partner's number with its order_number_prefix). */
  fcpOrderNumber: string;
  trackingNumber: string;
  /** `yyyy-mm-dd`. */
  shipDate: string;
  /** The FCP's carrier name (`FEDEX`); carriers.csv names it for partners. */
  carrier: string;
  service: string;
  weightLbs: number | null;
  /** The package's first row. */
  line: number;
  lines: ShipmentLine[];
}

export type ShipmentsFeedResult = { ok: true; packages: ShipmentPackage[] } | { ok: false; problem: Problem };

const MAX_QUANTITY = 999_999;
/** `2026-11-21`, optionally with a time (`2026-11-21T10:00:00Z`, `2026-11-21 10:00`), or US `11/21/2026`. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const WEIGHT = /^(?:\d{1,6})(?:\.\d{1,4})?$/;

export function readShipmentsFeed(input: Buffer | string): ShipmentsFeedResult {
  const packages = new Map<string, ShipmentPackage>();
  const skuLine = new Map<string, number>();
  const table = readFeedTable(input, SHIPMENT_COLUMNS, OPTIONAL_COLUMNS, (cells) => {
    const { line } = cells;
    const row = readRow((column) => cells.value(column), line);
    if ('problem' in row) return row.problem;

    // JSON of the pair: no separator character can make two different packages collide.
    const key = JSON.stringify([row.fcpOrderNumber, row.trackingNumber]);
    const pkg = packages.get(key);
    if (pkg === undefined) {
      packages.set(key, { ...row.pkg, lines: [{ sku: row.sku, quantity: row.quantity, line }] });
    } else {
      const disagreement = disagree(pkg, row.pkg);
      if (disagreement !== null) {
        return fileProblem('SHIPMENT_INCONSISTENT_PACKAGE',
          `Package '${row.trackingNumber}' of order '${row.fcpOrderNumber}': ${disagreement} at line ${line} differs from line ${pkg.line}`, line);
      }
      if (pkg.weightLbs === null) pkg.weightLbs = row.pkg.weightLbs;
      pkg.lines.push({ sku: row.sku, quantity: row.quantity, line });
    }
    const skuKey = JSON.stringify([row.fcpOrderNumber, row.trackingNumber, row.sku]);
    const first = skuLine.get(skuKey);
    if (first !== undefined) {
      return fileProblem('SHIPMENT_DUPLICATE_ROW', `sku '${row.sku}' in package '${row.trackingNumber}' of order '${row.fcpOrderNumber}' at line ${line} is already listed at line ${first}`, line);
    }
    skuLine.set(skuKey, line);
    return null;
  });
  if (!table.ok) return table;
  // An empty export, even without a header (no shipments since the last one), is taken like an
  // empty order file (SPEC §5.1).
  return { ok: true, packages: [...packages.values()] };
}

type RowResult =
  | { problem: Problem }
  | { fcpOrderNumber: string; trackingNumber: string; sku: string; quantity: number; pkg: Omit<ShipmentPackage, 'lines'> };

function readRow(value: (column: string) => string, line: number): RowResult {
  const bad = (message: string): RowResult => ({ problem: fileProblem('SHIPMENT_BAD_VALUE', message, line) });
  const fcpOrderNumber = value('order_number');
  const trackingNumber = value('tracking_number');
  const sku = value('sku');
  const carrier = value('carrier');
  if (fcpOrderNumber === '') return bad(`Blank order_number at line ${line}`);
  if (trackingNumber === '') return bad(`Blank tracking_number for order '${fcpOrderNumber}' at line ${line}`);
  if (sku === '') return bad(`Blank sku for order '${fcpOrderNumber}' at line ${line}`);
  if (carrier === '') return bad(`Blank carrier for order '${fcpOrderNumber}' at line ${line}`);
  const shipDate = readShipDate(value('ship_date'));
  if (shipDate === null) return bad(`ship_date '${value('ship_date')}' for order '${fcpOrderNumber}' at line ${line} is not a date (yyyy-mm-dd)`);
  const quantityText = value('quantity');
  if (!/^[0-9]{1,6}$/.test(quantityText) || Number(quantityText) < 1 || Number(quantityText) > MAX_QUANTITY) {
    return bad(`quantity '${quantityText}' for sku '${sku}' at line ${line} is not a whole number from 1 to ${MAX_QUANTITY}`);
  }
  const weightText = value('weight_lbs');
  if (weightText !== '' && !WEIGHT.test(weightText)) return bad(`weight_lbs '${weightText}' for order '${fcpOrderNumber}' at line ${line} is not a number >= 0`);
  return {
    fcpOrderNumber, trackingNumber, sku, quantity: Number(quantityText),
    pkg: { fcpOrderNumber, trackingNumber, shipDate, carrier, service: value('service'), weightLbs: weightText === '' ? null : Number(weightText), line },
  };
}

/** The package fields two rows of one package must share; a blank weight on a later row is fine. */
function disagree(pkg: Omit<ShipmentPackage, 'lines'>, row: Omit<ShipmentPackage, 'lines'>): string | null {
  if (pkg.shipDate !== row.shipDate) return `ship_date '${row.shipDate}'`;
  if (pkg.carrier !== row.carrier) return `carrier '${row.carrier}'`;
  if (pkg.service !== row.service) return `service '${row.service}'`;
  if (pkg.weightLbs !== null && row.weightLbs !== null && pkg.weightLbs !== row.weightLbs) return `weight_lbs '${row.weightLbs}'`;
  return null;
}

/** The calendar day as written (no zone conversion: the FCP writes the warehouse's local day). */
export function readShipDate(text: string): string | null {
  let year: number;
  let month: number;
  let day: number;
  const iso = ISO_DATE.exec(text);
  const us = US_DATE.exec(text);
  if (iso !== null) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (us !== null) [year, month, day] = [Number(us[3]), Number(us[1]), Number(us[2])];
  else return null;
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
