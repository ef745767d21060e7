/**
 * 945 Warehouse Shipping Advice — the answer to a 940 (research §2.5):
 *
 *   W06*F*<depositor order # = the 940's W05-02>*<ship date>*<shipment id>**<PO #>
 *   N1 loops (ST ship-to, SF ship-from)
 *   G62*11*<ship date>
 *   W27*<transport method>*<SCAC>*<service>
 *   per package: LX*<n>  MAN*CP*<tracking>  per item: W12*<CC|CP>*<ordered>*<shipped>*<difference>*EA**<qualifier>*<sku>
 *   W03*<total units>[*<weight>*LB]
 *
 * W0601 F = full detail. W1201 is CC (shipment complete) when the ordered quantity is met or
 * unknown and CP (partial) when fewer units shipped than ordered; without an ordered quantity
 * W1202/W1204 stay empty rather than invent one.
 */
import { checkDate, decimalNumber, limited, segment, wholeNumber } from './element-values.js';
import type { X12Segment } from './element-values.js';
import { oneOrMany, writeX12Interchange } from './envelope-writer.js';
import type { X12EnvelopeParams, X12Output, X12TransactionSetBody } from './envelope-writer.js';
import { partySegments } from './party-segments.js';
import type { X12Party } from './party-segments.js';
import type { X12ShippedItem } from './x12-856.js';

export interface X12WarehouseShippingAdvicePackage {
  /** MAN*CP: the carrier's tracking number. */
  readonly trackingNumber: string;
  readonly weightLbs?: number;
  readonly items: readonly X12ShippedItem[];
}

export interface X12WarehouseShippingAdvice {
  /** W0602: the 940's W05-02, so the partner can match the advice to its order. */
  readonly depositorOrderNumber: string;
  /** W0606: the 940's W05-03, when it had one. */
  readonly purchaseOrder?: string;
  /** W0604: our shipment id (optional). */
  readonly shipmentId?: string;
  /** W0603 and G62*11: the date shipped, CCYYMMDD. */
  readonly shipDate: string;
  readonly shipTo?: X12Party;
  readonly shipFrom?: X12Party;
  /** W2702 ← carriers.csv `scac`. */
  readonly carrierScac: string;
  /** W2703 routing text, e.g. `UPS Ground`. */
  readonly service?: string;
  /** W2701; default M (motor, common carrier), which every guide we read accepts with a SCAC. U = private parcel service. */
  readonly transportationMethod?: string;
  readonly packages: readonly X12WarehouseShippingAdvicePackage[];
}

/** 004010 maxima: W0602 1/22, W0604 1/30, W0606 1/22, W2702 2/4, W2703 1/35, MAN02 1/48, W1208 1/48. */
const ORDER_NUMBER_MAX = 22;
const SHIPMENT_ID_MAX = 30;
const SCAC_MAX = 4;
const ROUTING_MAX = 35;
const MARKS_MAX = 48;
const PRODUCT_ID_MAX = 48;

export function write945(docs: X12WarehouseShippingAdvice | readonly X12WarehouseShippingAdvice[], envelope: X12EnvelopeParams): X12Output {
  return writeX12Interchange({ ...envelope, functionalId: 'SW' }, oneOrMany(docs).map(shippingAdviceSet));
}

function shippingAdviceSet(doc: X12WarehouseShippingAdvice): X12TransactionSetBody {
  const shipDate = checkDate(doc.shipDate, '945 ship date');
  const segments: X12Segment[] = [
    segment('W06', 'F', limited(doc.depositorOrderNumber, ORDER_NUMBER_MAX), shipDate, limited(doc.shipmentId || undefined, SHIPMENT_ID_MAX), undefined, limited(doc.purchaseOrder || undefined, ORDER_NUMBER_MAX)),
  ];
  if (doc.shipTo) segments.push(...partySegments('ST', doc.shipTo));
  if (doc.shipFrom) segments.push(...partySegments('SF', doc.shipFrom));
  segments.push(segment('G62', '11', shipDate));
  segments.push(segment('W27', limited(doc.transportationMethod ?? 'M', 2), limited(doc.carrierScac, SCAC_MAX), limited(doc.service || undefined, ROUTING_MAX)));

  let totalUnits = 0;
  doc.packages.forEach((pkg, index) => {
    segments.push(segment('LX', String(index + 1)));
    segments.push(segment('MAN', 'CP', limited(pkg.trackingNumber, MARKS_MAX)));
    for (const item of pkg.items) {
      segments.push(itemDetailSegment(item));
      totalUnits += item.quantity;
    }
  });

  const weights = doc.packages.map((p) => p.weightLbs);
  const allWeighed = doc.packages.length > 0 && weights.every((w) => w !== undefined);
  const weight = allWeighed ? decimalNumber(weights.reduce<number>((sum, w) => sum + (w ?? 0), 0), '945 total weight') : undefined;
  segments.push(segment('W03', wholeNumber(totalUnits, '945 total units'), weight, weight && 'LB'));
  return { id: '945', segments };
}

function itemDetailSegment(item: X12ShippedItem): X12Segment {
  const shipped = wholeNumber(item.quantity, `945 quantity of SKU "${item.sku}"`);
  const ordered = item.orderedQuantity === undefined ? undefined : wholeNumber(item.orderedQuantity, `945 ordered quantity of SKU "${item.sku}"`);
  const status = item.orderedQuantity !== undefined && item.quantity < item.orderedQuantity ? 'CP' : 'CC';
  // W1204 is signed (type R): more shipped than ordered gives a negative difference.
  const difference = item.orderedQuantity === undefined ? undefined : String(item.orderedQuantity - item.quantity);
  return segment('W12', status, ordered, shipped, difference, 'EA', undefined, limited(item.skuQualifier, 2), limited(item.sku, PRODUCT_ID_MAX));
}
