/**
 * Reported packages → the partner's tracking format (SPEC §9). The table is explicit, like the
 * inventory writers: csv, xml, x12-856 (one transaction set per order: S/O/P/I), x12-945 (one set
 * per order, the answer to its 940). Pure: carriers, envelope values and the clock come in.
 */
import type { TrackingSnapshotConfig } from '../../config/types.js';
import type { ShipTo } from '../../domain/order.js';
import { writeCsv } from '../../formats/csv-output.js';
import { write856, write945, type X12EnvelopeParams, type X12Output, type X12Party, type X12Version } from '../../formats/x12/outbound/index.js';
import { writeTrackingXml, type TrackingRow } from '../../formats/xml/tracking-xml.js';
import type { OrderReport } from './plan.js';

export type TrackingFormat = TrackingSnapshotConfig['format'];

export const TRACKING_EXT: Record<TrackingFormat, string> = { csv: 'csv', xml: 'xml', 'x12-856': 'edi', 'x12-945': 'edi' };

export const TRACKING_CSV_HEADER = ['order_number', 'reference_number', 'ship_date', 'carrier', 'service', 'tracking_number', 'sku', 'quantity'];

/** How an FCP carrier is shown: carriers.csv `name` (CSV/XML) and `scac` (X12); null = not listed. */
export type CarrierLookup = (fcpCarrier: string) => { name: string; scac: string } | null;

export interface TrackingX12 {
  ourQualifier: string;
  ourId: string;
  partnerQualifier: string;
  partnerId: string;
  version: X12Version;
  skuQualifier: string;
  /** ISA13, GS06 and one ST02 per order, from the partner's persisted counters. */
  controlNumbers: { isa: number; gs: number; st: readonly number[] };
}

export interface TrackingDocument {
  reports: readonly OrderReport[];
  carriers: CarrierLookup;
  /** Local CCYYMMDD and HHMM of the moment the file is made (ISA/GS/BSN). */
  date: string;
  time: string;
  /** Our reference for this file (the output's sequence): BSN02 / W0604 are `<reference>-<n>`. */
  reference: string;
  x12: TrackingX12 | null;
}

export interface RenderedTracking {
  content: Buffer;
  /** X12 values changed to fit (a delimiter in a SKU, a SCAC cut to 4): logged, never silent. */
  adjustments: string[];
  /** FCP carriers carriers.csv does not list: passed through as the FCP wrote them. */
  unknownCarriers: string[];
}

export function renderTracking(format: TrackingFormat, doc: TrackingDocument): RenderedTracking {
  const unknown = new Set<string>();
  const carrier = (fcpCarrier: string): { name: string; scac: string } => {
    const found = doc.carriers(fcpCarrier);
    if (found === null) unknown.add(fcpCarrier);
    return { name: found?.name ?? fcpCarrier, scac: found?.scac || fcpCarrier };
  };
  const done = (content: string, out?: X12Output): RenderedTracking => ({
    content: Buffer.from(content, 'utf8'),
    adjustments: (out?.adjustments ?? []).map((a) => `${a.element}: ${JSON.stringify(a.original)} written as ${JSON.stringify(a.written)}`),
    unknownCarriers: [...unknown],
  });
  switch (format) {
    case 'csv': {
      const rows = trackingRows(doc.reports, carrier);
      return done(writeCsv(TRACKING_CSV_HEADER, rows.map((r) => [r.orderNumber, r.referenceNumber, r.shipDate, r.carrier, r.service, r.trackingNumber, r.sku, r.quantity])));
    }
    case 'xml':
      return done(writeTrackingXml(trackingRows(doc.reports, carrier)));
    case 'x12-856': {
      const x = requireX12(doc, format);
      const notices = doc.reports.map((r, i) => ({
        shipmentId: `${doc.reference}-${i + 1}`,
        shipDate: compactDate(r.packages[0]?.package.shipDate ?? ''),
        ...(partyOf(r.order.shipTo) === null ? {} : { shipTo: partyOf(r.order.shipTo) as X12Party }),
        orders: [{
          purchaseOrder: r.order.orderNumber,
          ...(isoDay(r.order.orderDate) ? { orderDate: compactDate(r.order.orderDate) } : {}),
          packages: r.packages.map((p) => ({
            trackingNumber: p.package.trackingNumber,
            carrierScac: carrier(p.package.carrier).scac,
            ...(p.package.service === '' ? {} : { service: p.package.service }),
            ...(p.package.weightLbs === null ? {} : { weightLbs: p.package.weightLbs }),
            items: p.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, skuQualifier: x.skuQualifier, ...(l.ordered === null ? {} : { orderedQuantity: l.ordered }) })),
          })),
        }],
      }));
      const out = write856(notices, envelopeOf(x, doc), { packageReferenceNumbers: true });
      return done(out.text, out);
    }
    case 'x12-945': {
      const x = requireX12(doc, format);
      const advices = doc.reports.map((r, i) => {
        const first = r.packages[0]?.package;
        const party = partyOf(r.order.shipTo);
        return {
          depositorOrderNumber: r.order.orderNumber,
          ...(r.order.referenceNumber === '' ? {} : { purchaseOrder: r.order.referenceNumber }),
          shipmentId: `${doc.reference}-${i + 1}`,
          shipDate: compactDate(first?.shipDate ?? ''),
          ...(party === null ? {} : { shipTo: party }),
          carrierScac: carrier(first?.carrier ?? '').scac,
          ...(first === undefined || first.service === '' ? {} : { service: first.service }),
          packages: r.packages.map((p) => ({
            trackingNumber: p.package.trackingNumber,
            ...(p.package.weightLbs === null ? {} : { weightLbs: p.package.weightLbs }),
            // W1202 "ordered" is what was still open before this package, so W1201 reads CC when it completes the line.
            items: p.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, skuQualifier: x.skuQualifier,
              ...(l.ordered === null ? {} : { orderedQuantity: Math.max(0, l.ordered - l.shippedBefore) }) })),
          })),
        };
      });
      const out = write945(advices, envelopeOf(x, doc));
      return done(out.text, out);
    }
  }
}

/** One row per reported package line (CSV and XML share them). */
export function trackingRows(reports: readonly OrderReport[], carrier: (fcpCarrier: string) => { name: string }): TrackingRow[] {
  return reports.flatMap((r) => r.packages.flatMap((p) => p.lines.map((l) => ({
    orderNumber: r.order.orderNumber, referenceNumber: r.order.referenceNumber, shipDate: p.package.shipDate,
    carrier: carrier(p.package.carrier).name, service: p.package.service, trackingNumber: p.package.trackingNumber,
    sku: l.sku, quantity: l.quantity,
  }))));
}

function requireX12(doc: TrackingDocument, format: string): TrackingX12 {
  if (doc.x12 === null) throw new Error(`format ${format} needs the partner's x12: section`);
  return doc.x12;
}

function envelopeOf(x: TrackingX12, doc: TrackingDocument): X12EnvelopeParams {
  return {
    senderQualifier: x.ourQualifier, senderId: x.ourId, receiverQualifier: x.partnerQualifier, receiverId: x.partnerId,
    gsSenderId: x.ourId, gsReceiverId: x.partnerId, version: x.version, date: doc.date, time: doc.time, usage: 'P',
    controlNumbers: x.controlNumbers,
  };
}

/** The ship-to as an N1 loop: the person's name, else the company; none when both are blank. */
function partyOf(shipTo: ShipTo): X12Party | null {
  const name = `${shipTo.firstName} ${shipTo.lastName}`.trim() || shipTo.company;
  if (name === '') return null;
  const optional = (key: keyof X12Party, value: string): Partial<X12Party> => (value === '' ? {} : { [key]: value });
  return {
    name,
    ...optional('address1', shipTo.address1), ...optional('address2', shipTo.address2), ...optional('city', shipTo.city),
    ...optional('state', shipTo.state), ...optional('postalCode', shipTo.postalCode), ...optional('country', shipTo.country),
  };
}

function isoDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text);
}

function compactDate(isoDate: string): string {
  return isoDate.replace(/-/g, '');
}
