/**
 * X12 orders in: an accepted 850 or 940 transaction set → the InboundOrder every format produces.
 * Pure: no ledger, no clock; the partner's profile comes in as X12OrderMappingOptions.
 */
import type { InboundOrder } from '../../../domain/order.js';
import type { X12OrderMappingOptions, X12PlacedSet } from './mapping-options.js';
import { mapPurchaseOrder850 } from './purchase-order-850.js';
import { mapShippingOrder940 } from './shipping-order-940.js';

export type { X12OrderMappingOptions, X12PlacedSet } from './mapping-options.js';
export { mapPurchaseOrder850 } from './purchase-order-850.js';
export { mapShippingOrder940 } from './shipping-order-940.js';

/** Transaction sets that carry orders, by ST01. */
export const ORDER_TRANSACTION_SETS: Readonly<Record<string, (placed: X12PlacedSet, options: X12OrderMappingOptions) => InboundOrder>> = {
  '850': mapPurchaseOrder850,
  '940': mapShippingOrder940,
};

/** The order of a set, or null when the set is not an order (e.g. an 846 or a 997 sent to us). */
export function mapX12Order(placed: X12PlacedSet, options: X12OrderMappingOptions): InboundOrder | null {
  const map = ORDER_TRANSACTION_SETS[placed.set.id];
  return map === undefined ? null : map(placed, options);
}
export { parseX12Numbered } from './numbered-document.js';
export type { NumberedX12Document } from './numbered-document.js';
export { X12_FILE_PROBLEMS } from './problems.js';
export type { X12FileProblemCode } from './problems.js';
