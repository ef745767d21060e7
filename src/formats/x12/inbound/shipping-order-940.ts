/**
 * 940 Warehouse Shipping Order → InboundOrder (SPEC §5.3). Like the 850, values stay the
 * partner's text and checks happen in validateOrder. Not read: N9/NTE references and notes,
 * W20 packing, W76 totals; W05-01 (order status) — SPEC defines cancellation for the 850 only.
 */
import type { InboundLine, InboundOrder } from '../../../domain/order.js';
import type { Problem } from '../../../domain/problems.js';
import type { X12SetSegment } from '../envelope-types.js';
import { chooseShipMethod, noProductId, preferredProductId, productIds } from './choices.js';
import type { X12OrderMappingOptions, X12PlacedSet } from './mapping-options.js';
import { readShipTo } from './ship-to.js';
import { element, headerSegments, isoDate, segmentNumber } from './set-values.js';

/** W01-04/05, W01-06/07 and W01-15/16 are (qualifier, product id) pairs (W01-03 is a case UPC, unqualified). */
const W01_QUALIFIERS = [4, 6, 15];

/** G62-01 `04` = purchase order date: the order date when present; else the first header G62's date. */
const PO_DATE = '04';

export function mapShippingOrder940({ set, stNumber }: X12PlacedSet, options: X12OrderMappingOptions): InboundOrder {
  const segments = set.segments;
  const header = headerSegments(segments);
  const w05 = segments.find((s) => s.id === 'W05');
  const dates = header.filter((s) => s.id === 'G62');
  const date = dates.find((g) => element(g, 1) === PO_DATE) ?? dates[0];
  const problems: Problem[] = [];
  return {
    orderNumber: w05 === undefined ? '' : element(w05, 2),
    referenceNumber: w05 === undefined ? '' : element(w05, 3),
    orderDate: date === undefined ? '' : isoDate(element(date, 2)),
    shipMethod: chooseShipMethod(w66Candidates(header), options.knowsShipMethod),
    shipTo: readShipTo(segments),
    lines: readLines(segments, stNumber, options, problems),
    notes: '',
    sourceLine: stNumber,
    cancel: false,
    problems,
  };
}

/** W66-10 SCAC, then W66-05 routing (W66-01 is the freight payment method, W66-02 the transport mode). */
function w66Candidates(header: readonly X12SetSegment[]): string[] {
  return header.filter((s) => s.id === 'W66').flatMap((w66) => [element(w66, 10), element(w66, 5)]);
}

function readLines(segments: readonly X12SetSegment[], stNumber: number, options: X12OrderMappingOptions, problems: Problem[]): InboundLine[] {
  const lines: InboundLine[] = [];
  let current: InboundLine | null = null;
  let lx = '';
  for (const segment of segments) {
    if (segment.id === 'LX') {
      lx = element(segment, 1);
      current = null;
    } else if (segment.id === 'W01') {
      const line = segmentNumber(stNumber, segment);
      const ids = productIds(segment, W01_QUALIFIERS);
      const chosen = preferredProductId(ids, options.productQualifiers);
      if (chosen === null) problems.push(noProductId('W01', lx, ids, options.productQualifiers, line));
      current = { sku: chosen?.id ?? '', quantity: element(segment, 1), unitPrice: '', description: '', sourceLine: line };
      lines.push(current);
    } else if (segment.id === 'G69' && current !== null && current.description === '') {
      current.description = element(segment, 1);
    }
  }
  return lines;
}
