/**
 * Snapshot rows → the partner's format (SPEC §8). The table is explicit, like the channel tables
 * of the composition root: a format is either wired here or refused with a clear error.
 */
import { encodeNumberCell, encodeTextCell } from '../../formats/csv-output.js';
import { write846 } from '../../formats/x12/outbound/x12-846.js';
import type { X12Version } from '../../formats/x12/outbound/envelope-writer.js';
import { writeInventoryXml } from '../../formats/xml/inventory-xml.js';

export type InventoryFormat = 'csv' | 'xml' | 'x12-846';

export interface X12Envelope {
  ourQualifier: string;
  ourId: string;
  partnerQualifier: string;
  partnerId: string;
  version: X12Version;
  skuQualifier: string;
  /** ISA13, GS06, ST02 from the ledger's per-partner counters. */
  controlNumbers: { isa: number; gs: number; st: number };
}

export interface SnapshotDocument {
  rows: readonly { sku: string; quantity: number }[];
  /** ISO UTC instant of the feed the numbers come from. */
  asOf: string;
  /** When the snapshot is made, and the zone its local date/time is written in (X12). */
  at: Date;
  timezone: string;
  x12: X12Envelope | null;
}

export interface RenderedSnapshot {
  content: Buffer;
  ext: string;
  /** Values changed to fit the format (X12 delimiters in a SKU): logged, never silent. */
  adjustments: string[];
}

export const INVENTORY_EXT: Record<InventoryFormat, string> = { csv: 'csv', xml: 'xml', 'x12-846': 'edi' };

export function renderInventorySnapshot(format: InventoryFormat, doc: SnapshotDocument): RenderedSnapshot {
  const asOf = doc.asOf.replace(/\.000Z$/, 'Z');
  switch (format) {
    case 'csv': {
      // Row by row rather than through writeCsv's cell arrays (100k rows per partner; as_of is the
      // same on each, so it is encoded once), and into a Buffer a few thousand rows at a time: the
      // lines then die young instead of 100k strings outliving a garbage collection or two.
      const asOfCell = encodeTextCell(asOf);
      const parts: Buffer[] = [];
      let lines = ['sku,quantity,as_of'];
      for (const r of doc.rows) {
        lines.push(`${encodeTextCell(r.sku)},${encodeNumberCell(r.quantity)},${asOfCell}`);
        if (lines.length === 4096) {
          parts.push(Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8'));
          lines = [];
        }
      }
      if (lines.length > 0) parts.push(Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8'));
      return { content: Buffer.concat(parts), ext: 'csv', adjustments: [] };
    }
    case 'xml':
      return { content: Buffer.from(writeInventoryXml(asOf, doc.rows), 'utf8'), ext: 'xml', adjustments: [] };
    case 'x12-846': {
      if (doc.x12 === null) throw new Error('format x12-846 needs the partner\'s x12: section');
      const { date, time } = localDateTime(doc.at, doc.timezone);
      const x = doc.x12;
      const out = write846(
        { referenceId: String(x.controlNumbers.isa), date, time, skuQualifier: x.skuQualifier, items: doc.rows },
        {
          senderQualifier: x.ourQualifier, senderId: x.ourId, receiverQualifier: x.partnerQualifier, receiverId: x.partnerId,
          gsSenderId: x.ourId, gsReceiverId: x.partnerId, version: x.version, date, time, usage: 'P',
          controlNumbers: { isa: x.controlNumbers.isa, gs: x.controlNumbers.gs, st: [x.controlNumbers.st] },
        },
      );
      const adjustments = out.adjustments.map((a) => `${a.element}: ${JSON.stringify(a.original)} written as ${JSON.stringify(a.written)}`);
      return { content: Buffer.from(out.text, 'utf8'), ext: 'edi', adjustments };
    }
  }
}

/** CCYYMMDD and HHMM on the zone's wall clock (ISA09/10, GS04/05, BIA04/05). */
export function localDateTime(at: Date, timezone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).formatToParts(at);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('year')}${get('month')}${get('day')}`, time: `${get('hour')}${get('minute')}` };
}
