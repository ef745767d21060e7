import { attribute, document, indent, wholeNumber, XML_DECLARATION } from './markup.js';

/**
 * Tracking snapshot, `xml` format (SPEC §9): one `<Package>` per run of consecutive rows with the
 * same tracking number and order number, one `<Item>` per row. The package attributes come from
 * the first row of its run (the rows of one package share them).
 *
 * <?xml version="1.0" encoding="UTF-8"?>
 * <Tracking>
 *   <Package trackingNumber="1Z…" orderNumber="PO-1" referenceNumber="R-1" shipDate="2026-03-02"
 *            carrier="UPS" service="Ground">      (all on one line in the file)
 *     <Item sku="00123" quantity="2"/>
 *   </Package>
 * </Tracking>
 */
export interface TrackingRow {
  orderNumber: string;
  referenceNumber: string;
  shipDate: string;
  carrier: string;
  service: string;
  trackingNumber: string;
  sku: string;
  quantity: number;
}

export function writeTrackingXml(rows: readonly TrackingRow[]): string {
  return document([XML_DECLARATION, '<Tracking>', ...packagesOf(rows).flatMap(packageLines), '</Tracking>']);
}

function packagesOf(rows: readonly TrackingRow[]): TrackingRow[][] {
  const packages: TrackingRow[][] = [];
  let current: TrackingRow[] | undefined;
  for (const row of rows) {
    const head = current?.[0];
    if (current !== undefined && head !== undefined && head.trackingNumber === row.trackingNumber && head.orderNumber === row.orderNumber) {
      current.push(row);
    } else {
      current = [row];
      packages.push(current);
    }
  }
  return packages;
}

function packageLines(rows: TrackingRow[]): string[] {
  const head = rows[0];
  if (head === undefined) return [];
  const attributes = [
    attribute('trackingNumber', head.trackingNumber),
    attribute('orderNumber', head.orderNumber),
    attribute('referenceNumber', head.referenceNumber),
    attribute('shipDate', head.shipDate),
    attribute('carrier', head.carrier),
    attribute('service', head.service),
  ].join(' ');
  return [
    `${indent(1)}<Package ${attributes}>`,
    ...rows.map((row) => `${indent(2)}<Item ${attribute('sku', row.sku)} ${attribute('quantity', wholeNumber(row.quantity, `quantity of ${row.sku}`))}/>`),
    `${indent(1)}</Package>`,
  ];
}
