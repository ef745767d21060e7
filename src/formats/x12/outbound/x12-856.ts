/**
 * 856 Ship Notice/Manifest in the S/O/P/I hierarchy, pick-and-pack structure 0001 (research §2.4):
 *
 *   BSN*00*<shipment id>*<created date>*<created time>*0001
 *   HL S   TD1*CTN25*<packages>****G*<weight>*LB  TD5**2*<SCAC>**<service>  REF*CN*<first tracking>
 *          DTM*011*<ship date>[*<time>]  N1 loops (ST ship-to, SF ship-from)
 *   HL O   PRF*<PO>***<PO date>
 *   HL P   [TD5 if its carrier differs] [REF*CN*<tracking>] MAN*CP*<tracking>
 *   HL I   LIN**<qualifier>*<sku>  SN1**<shipped>*EA[**<ordered>*EA]
 *   CTT*<number of HL>
 *
 * BSN03/BSN04 are, by the standard's note, the date and time the set was created, so they carry
 * the envelope's date/time; the ship date goes to DTM*011. HL01 counts 1, 2, 3… in writing order
 * (depth first), HL02 names the parent, HL04 says whether children follow (1) or not (0).
 */
import { checkDate, checkTime, decimalNumber, limited, segment, wholeNumber } from './element-values.js';
import type { X12Segment } from './element-values.js';
import { oneOrMany, writeX12Interchange } from './envelope-writer.js';
import type { X12EnvelopeParams, X12Output, X12TransactionSetBody } from './envelope-writer.js';
import { partySegments } from './party-segments.js';
import type { X12Party } from './party-segments.js';

/** One SKU in one package (856 HL I; 945 W12). */
export interface X12ShippedItem {
  readonly sku: string;
  /** Units shipped in this package (SN102 / W1203). */
  readonly quantity: number;
  /** LIN02 / W1207 ← config `x12.sku_qualifier`, or the qualifier the order came with. */
  readonly skuQualifier: string;
  /** Units ordered on the order line, when known (SN105 / W1202). */
  readonly orderedQuantity?: number;
}

export interface X12ShipNoticePackage {
  /** MAN*CP (and REF*CN): the carrier's tracking number. */
  readonly trackingNumber: string;
  /** TD503 ← carriers.csv `scac`. */
  readonly carrierScac: string;
  /** TD505 routing text, e.g. `UPS Ground`. */
  readonly service?: string;
  readonly weightLbs?: number;
  readonly items: readonly X12ShippedItem[];
}

export interface X12ShipNoticeOrder {
  /** PRF01: the partner's PO / order number. */
  readonly purchaseOrder: string;
  /** PRF04 CCYYMMDD. */
  readonly orderDate?: string;
  readonly packages: readonly X12ShipNoticePackage[];
}

export interface X12ShipNotice {
  /** BSN02: our shipment id, unique per partner. */
  readonly shipmentId: string;
  /** DTM*011 shipped date CCYYMMDD, optional time HHMM. */
  readonly shipDate: string;
  readonly time?: string;
  readonly shipFrom?: X12Party;
  readonly shipTo?: X12Party;
  readonly orders: readonly X12ShipNoticeOrder[];
}

export interface X12ShipNoticeOptions {
  /** Also put REF*CN*<tracking> in each package loop (some partners read REF, others MAN). Default false. */
  readonly packageReferenceNumbers?: boolean;
}

/** 004010 maxima: BSN02 2/30, TD503 2/80, TD505 1/35, REF02 1/30, PRF01 1/22, MAN02 1/48, LIN03 1/48. */
const SHIPMENT_ID_MAX = 30;
const CARRIER_CODE_MAX = 80;
const ROUTING_MAX = 35;
const REFERENCE_MAX = 30;
const PURCHASE_ORDER_MAX = 22;
const MARKS_MAX = 48;
const PRODUCT_ID_MAX = 48;

export function write856(notices: X12ShipNotice | readonly X12ShipNotice[], envelope: X12EnvelopeParams, options: X12ShipNoticeOptions = {}): X12Output {
  return writeX12Interchange({ ...envelope, functionalId: 'SH' }, oneOrMany(notices).map((n) => shipNoticeSet(n, envelope, options)));
}

function shipNoticeSet(notice: X12ShipNotice, envelope: X12EnvelopeParams, options: X12ShipNoticeOptions): X12TransactionSetBody {
  const segments: X12Segment[] = [segment('BSN', '00', limited(notice.shipmentId, SHIPMENT_ID_MAX), envelope.date, envelope.time, '0001')];
  let hlCount = 0;
  const addHl = (parent: number | undefined, level: 'S' | 'O' | 'P' | 'I', hasChildren: boolean): number => {
    hlCount += 1;
    segments.push(segment('HL', String(hlCount), parent === undefined ? undefined : String(parent), level, hasChildren ? '1' : '0'));
    return hlCount;
  };

  const packages = notice.orders.flatMap((o) => o.packages);
  // The shipment-level carrier is the first package's; a package with another carrier gets its own TD5.
  const first = packages[0];
  const shipmentHl = addHl(undefined, 'S', notice.orders.length > 0);
  if (first) {
    segments.push(ladingSegment(packages));
    segments.push(carrierSegment(first));
    segments.push(segment('REF', 'CN', limited(first.trackingNumber, REFERENCE_MAX)));
  }
  segments.push(segment('DTM', '011', checkDate(notice.shipDate, '856 ship date'), notice.time === undefined ? undefined : checkTime(notice.time, '856 ship time')));
  if (notice.shipTo) segments.push(...partySegments('ST', notice.shipTo));
  if (notice.shipFrom) segments.push(...partySegments('SF', notice.shipFrom));

  for (const order of notice.orders) {
    const orderHl = addHl(shipmentHl, 'O', order.packages.length > 0);
    const orderDate = order.orderDate === undefined ? undefined : checkDate(order.orderDate, `856 order date of ${order.purchaseOrder}`);
    segments.push(segment('PRF', limited(order.purchaseOrder, PURCHASE_ORDER_MAX), undefined, undefined, orderDate));
    for (const pkg of order.packages) {
      const packageHl = addHl(orderHl, 'P', pkg.items.length > 0);
      if (first && (pkg.carrierScac !== first.carrierScac || (pkg.service ?? '') !== (first.service ?? ''))) segments.push(carrierSegment(pkg));
      if (options.packageReferenceNumbers) segments.push(segment('REF', 'CN', limited(pkg.trackingNumber, REFERENCE_MAX)));
      segments.push(segment('MAN', 'CP', limited(pkg.trackingNumber, MARKS_MAX)));
      for (const item of pkg.items) {
        addHl(packageHl, 'I', false);
        segments.push(segment('LIN', undefined, limited(item.skuQualifier, 2), limited(item.sku, PRODUCT_ID_MAX)));
        const ordered = item.orderedQuantity === undefined ? undefined : wholeNumber(item.orderedQuantity, `856 ordered quantity of SKU "${item.sku}"`);
        segments.push(segment('SN1', undefined, wholeNumber(item.quantity, `856 quantity of SKU "${item.sku}"`), 'EA', undefined, ordered, ordered === undefined ? undefined : 'EA'));
      }
    }
  }
  segments.push(segment('CTT', String(hlCount)));
  return { id: '856', segments };
}

/** TD1: the number of cartons, and their gross weight when every package has one (a partial sum would mislead). */
function ladingSegment(packages: readonly X12ShipNoticePackage[]): X12Segment {
  const weights = packages.map((p) => p.weightLbs);
  const allWeighed = weights.every((w) => w !== undefined);
  const total = allWeighed ? decimalNumber(weights.reduce<number>((sum, w) => sum + (w ?? 0), 0), '856 total weight') : undefined;
  return segment('TD1', 'CTN25', String(packages.length), undefined, undefined, undefined, total && 'G', total, total && 'LB');
}

/** TD5**2*<SCAC>**<service>: TD502 2 = the id is a Standard Carrier Alpha Code. */
function carrierSegment(pkg: X12ShipNoticePackage): X12Segment {
  return segment('TD5', undefined, '2', limited(pkg.carrierScac, CARRIER_CODE_MAX), undefined, limited(pkg.service || undefined, ROUTING_MAX));
}
