import type { Problem } from './problems.js';

/**
 * An order as a reader found it in a partner file: every value is the partner's text, trimmed,
 * never converted (SKU `00123` stays `00123`, quantity `1.5` stays `1.5`). Validation and
 * mapping happen later, on these values, so every format gets the same checks and messages.
 */
export interface InboundOrder {
  orderNumber: string;
  referenceNumber: string;
  /** ISO `yyyy-mm-dd` when the reader could read the date, the raw text otherwise, '' when absent. */
  orderDate: string;
  shipMethod: string;
  shipTo: ShipTo;
  lines: InboundLine[];
  notes: string;
  /** 1-based line (CSV row, XML line, X12 segment number) where the order starts. */
  sourceLine: number;
  /** True when the partner asks to cancel this order number (850 BEG01 = 01). */
  cancel: boolean;
  /** Problems the reader found in this order only (e.g. CSV rows that disagree). */
  problems: Problem[];
}

export interface ShipTo {
  firstName: string;
  lastName: string;
  company: string;
  address1: string;
  address2: string;
  city: string;
  state: string;
  postalCode: string;
  country: string;
  phone: string;
  email: string;
}

export interface InboundLine {
  sku: string;
  quantity: string;
  unitPrice: string;
  description: string;
  sourceLine: number;
}

/** What a reader returns for one file: either orders, or the reason the whole file is refused. */
export type ReadResult =
  | { ok: true; orders: InboundOrder[]; warnings: Problem[] }
  | { ok: false; problem: Problem };

export const EMPTY_SHIP_TO: ShipTo = Object.freeze({
  firstName: '', lastName: '', company: '', address1: '', address2: '', city: '',
  state: '', postalCode: '', country: '', phone: '', email: '',
});

/** Order statuses, spelled as operators see them (SPEC §5.4). */
export const ORDER_STATUSES = ['NEW', 'ACCEPTED', 'IMPORT ERROR', 'CANCELLED', 'COMPLETED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** A line of the FCP import: FCP SKU and whole quantity, bundles already expanded and summed. */
export interface FcpLine {
  sku: string;
  quantity: number;
}

/** The order as it goes to the FCP: mapped ship code, prefixed number, expanded lines. */
export interface FcpOrder {
  fcpOrderNumber: string;
  referenceNumber: string;
  orderDate: string;
  shipCode: string;
  shipTo: ShipTo;
  notes: string;
  lines: FcpLine[];
}
