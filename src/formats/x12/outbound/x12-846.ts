/**
 * 846 Inventory Inquiry/Advice — the full inventory snapshot of SPEC §8 (research §2.6):
 *
 *   BIA*00*SI*<reference id>*<date>[*<time>]
 *   per item: LIN**<sku qualifier>*<sku>  QTY*33*<quantity>*EA
 *   CTT*<number of LIN>
 *
 * BIA01 00 = original, BIA02 SI = seller inventory report. QTY01 33 = quantity available for
 * sale, the common "available" qualifier. LIN01 (line number) is left empty: the snapshot has no
 * line numbers of its own, and guides mark it optional.
 */
import { checkDate, checkTime, limited, segment, wholeNumber } from './element-values.js';
import type { X12Segment } from './element-values.js';
import { oneOrMany, writeX12Interchange } from './envelope-writer.js';
import type { X12EnvelopeParams, X12Output, X12TransactionSetBody } from './envelope-writer.js';

export interface X12InventoryAdvice {
  /** BIA03: our snapshot reference (e.g. the output file's sequence). */
  readonly referenceId: string;
  /** BIA04 CCYYMMDD and optional BIA05 HHMM: when the snapshot was computed. */
  readonly date: string;
  readonly time?: string;
  /** LIN02 ← config `x12.sku_qualifier` (SK, VP, UP, …). */
  readonly skuQualifier: string;
  /** The partner's SKUs with whole quantities ≥ 0 (SPEC §8). */
  readonly items: readonly { readonly sku: string; readonly quantity: number }[];
}

/** BIA03 AN 1/30, LIN03 AN 1/48 (004010 dictionary). */
const REFERENCE_MAX = 30;
const PRODUCT_ID_MAX = 48;

export function write846(docs: X12InventoryAdvice | readonly X12InventoryAdvice[], envelope: X12EnvelopeParams): X12Output {
  return writeX12Interchange({ ...envelope, functionalId: 'IB' }, oneOrMany(docs).map(inventoryAdviceSet));
}

function inventoryAdviceSet(doc: X12InventoryAdvice): X12TransactionSetBody {
  const segments: X12Segment[] = [
    segment('BIA', '00', 'SI', limited(doc.referenceId, REFERENCE_MAX), checkDate(doc.date, '846 BIA04 date'), doc.time === undefined ? undefined : checkTime(doc.time, '846 BIA05 time')),
  ];
  for (const item of doc.items) {
    segments.push(segment('LIN', undefined, limited(doc.skuQualifier, 2), limited(item.sku, PRODUCT_ID_MAX)));
    segments.push(segment('QTY', '33', wholeNumber(item.quantity, `846 quantity of SKU "${item.sku}"`), 'EA'));
  }
  segments.push(segment('CTT', String(doc.items.length)));
  return { id: '846', segments };
}
