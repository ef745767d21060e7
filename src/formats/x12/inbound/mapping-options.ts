import type { X12TransactionSet } from '../envelope-types.js';

/** What the partner's profile decides when a transaction set becomes an order. */
export interface X12OrderMappingOptions {
  /** `x12.product_qualifiers`, in order of preference (e.g. SK, VP, IN, BP, UP, EN). */
  readonly productQualifiers: readonly string[];
  /**
   * True when the partner's ship-method map has a row for this text (its `*` default does not
   * count), or, with `ship_methods_are_fcp_codes`, when it is an FCP ship code.
   */
  readonly knowsShipMethod: (method: string) => boolean;
}

/** An accepted transaction set and where it stands: the segment number of its ST in the interchange. */
export interface X12PlacedSet {
  readonly set: X12TransactionSet;
  readonly stNumber: number;
}
