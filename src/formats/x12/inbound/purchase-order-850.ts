/**
 * 850 Purchase Order → InboundOrder (SPEC §5.3). Values stay the partner's text (trimmed); every
 * check happens later in validateOrder, the same for every format. Segments not named here (REF,
 * DTM, CTT, AMT, SAC, PO4, …) are ignored: they carry nothing the FCP import has a column for.
 */
import type { InboundLine, InboundOrder } from '../../../domain/order.js';
import type { Problem } from '../../../domain/problems.js';
import type { X12SetSegment } from '../envelope-types.js';
import { chooseShipMethod, noProductId, preferredProductId, productIds } from './choices.js';
import type { X12OrderMappingOptions, X12PlacedSet } from './mapping-options.js';
import { readShipTo } from './ship-to.js';
import { element, headerSegments, isoDate, segmentNumber } from './set-values.js';

/** PO106/107, PO108/109, … PO124/125: the (qualifier, product id) pairs of a PO1. */
const PO1_QUALIFIERS = [6, 8, 10, 12, 14, 16, 18, 20, 22, 24];

/** BEG01 transaction set purpose `01` = cancellation of the PO named in BEG03. */
const BEG_CANCELLATION = '01';

export function mapPurchaseOrder850({ set, stNumber }: X12PlacedSet, options: X12OrderMappingOptions): InboundOrder {
  const segments = set.segments;
  const beg = segments.find((s) => s.id === 'BEG');
  const problems: Problem[] = [];
  return {
    orderNumber: beg === undefined ? '' : element(beg, 3),
    // The 850 has no second order number the FCP would want; REF segments are partner-specific.
    referenceNumber: '',
    orderDate: beg === undefined ? '' : isoDate(element(beg, 5)),
    shipMethod: chooseShipMethod(td5Candidates(headerSegments(segments)), options.knowsShipMethod),
    shipTo: readShipTo(segments),
    lines: readLines(segments, stNumber, options, problems),
    notes: '',
    sourceLine: stNumber,
    cancel: beg !== undefined && element(beg, 1) === BEG_CANCELLATION,
    problems,
  };
}

/** TD503 SCAC, TD505 routing, TD512 service level, for each header TD5 in turn. */
function td5Candidates(header: readonly X12SetSegment[]): string[] {
  return header.filter((s) => s.id === 'TD5').flatMap((td5) => [element(td5, 3), element(td5, 5), element(td5, 12)]);
}

function readLines(segments: readonly X12SetSegment[], stNumber: number, options: X12OrderMappingOptions, problems: Problem[]): InboundLine[] {
  const lines: InboundLine[] = [];
  // A PID*F describes the PO1 it follows; after an SLN (sub-line) it describes that sub-line instead.
  let describing: InboundLine | null = null;
  for (const segment of segments) {
    if (segment.id === 'PO1') {
      const line = readPo1(segment, segmentNumber(stNumber, segment), options, problems);
      lines.push(line);
      describing = line;
    } else if (segment.id === 'SLN') {
      describing = null;
    } else if (segment.id === 'PID' && describing !== null && element(segment, 1) === 'F' && describing.description === '') {
      describing.description = element(segment, 5);
    }
  }
  return lines;
}

function readPo1(po1: X12SetSegment, line: number, options: X12OrderMappingOptions, problems: Problem[]): InboundLine {
  const ids = productIds(po1, PO1_QUALIFIERS);
  const chosen = preferredProductId(ids, options.productQualifiers);
  if (chosen === null) problems.push(noProductId('PO1', element(po1, 1), ids, options.productQualifiers, line));
  return { sku: chosen?.id ?? '', quantity: element(po1, 2), unitPrice: element(po1, 4), description: '', sourceLine: line };
}
