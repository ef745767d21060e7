/** X12 writing: the envelope and the 997, 846, 856 and 945 documents (docs/x12-outbound.md). */
export { writeX12Interchange, GS08_FOR_VERSION } from './envelope-writer.js';
export type {
  X12EnvelopeParams,
  X12InterchangeParams,
  X12Output,
  X12TransactionSetBody,
  X12ValueAdjustment,
  X12Version,
} from './envelope-writer.js';
export { X12_DELIMITERS, sanitizeX12Value, segment, limited, composite } from './element-values.js';
export type { X12Element, X12Segment } from './element-values.js';
export type { X12Party } from './party-segments.js';
export { write997 } from './x12-997.js';
export type { X12AckError, X12AckSet, X12FunctionalAck } from './x12-997.js';
export { write846 } from './x12-846.js';
export type { X12InventoryAdvice } from './x12-846.js';
export { write856 } from './x12-856.js';
export type { X12ShipNotice, X12ShipNoticeOrder, X12ShipNoticePackage, X12ShipNoticeOptions, X12ShippedItem } from './x12-856.js';
export { write945 } from './x12-945.js';
export type { X12WarehouseShippingAdvice, X12WarehouseShippingAdvicePackage } from './x12-945.js';
