import { attribute, document, indent, wholeNumber, XML_DECLARATION } from './markup.js';

/**
 * Inventory snapshot, `xml` format (SPEC §8): the full list, one element per partner SKU, in the
 * order given (the snapshot planner decides it), quantities as plain digits.
 *
 * <?xml version="1.0" encoding="UTF-8"?>
 * <Inventory asOf="2026-03-01T12:00:00Z">
 *   <Item sku="00123" quantity="5"/>
 * </Inventory>
 */
export interface InventoryXmlRow {
  sku: string;
  quantity: number;
}

export function writeInventoryXml(asOf: string, rows: readonly InventoryXmlRow[]): string {
  return document([
    XML_DECLARATION,
    `<Inventory ${attribute('asOf', asOf)}>`,
    ...rows.map((row) => `${indent(1)}<Item ${attribute('sku', row.sku)} ${attribute('quantity', wholeNumber(row.quantity, `quantity of ${row.sku}`))}/>`),
    '</Inventory>',
  ]);
}
