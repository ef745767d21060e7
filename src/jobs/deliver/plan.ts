import type { FcpOrder } from '../../domain/order.js';
import { writeFcpCsv } from '../../formats/fcp/fcp-csv.js';

export interface FcpOutputPlan {
  content: Buffer;
  ext: 'csv' | 'xml';
  links: { orderId: number; action: 'SUBMIT' | 'CANCEL' }[];
}

export interface FcpFormat {
  format: 'fcp-csv' | 'fcp-xml';
  columns: readonly string[] | null;
  /** The fcp-xml writers (formats/xml); injected so this plan stays free of format wiring. */
  xml: { order: (order: FcpOrder) => string; cancel: (fcpOrderNumber: string) => string };
}

/**
 * The FCP files for one partner's unsent orders and cancellations: fcp-csv puts them all in
 * one import file; fcp-xml writes one OrderSubmitRequest (or OrderCancelRequest) per order.
 */
export function planFcpOutputs(
  submits: { orderId: number; order: FcpOrder }[],
  cancels: { orderId: number; order: FcpOrder }[],
  fmt: FcpFormat,
): FcpOutputPlan[] {
  if (submits.length + cancels.length === 0) return [];
  if (fmt.format === 'fcp-csv') {
    const entries = [
      ...submits.map((s) => ({ action: 'SUBMIT' as const, order: s.order })),
      ...cancels.map((c) => ({ action: 'CANCEL' as const, order: c.order })),
    ];
    const content = Buffer.from(fmt.columns === null ? writeFcpCsv(entries) : writeFcpCsv(entries, fmt.columns), 'utf8');
    return [{
      content, ext: 'csv',
      links: [...submits.map((s) => ({ orderId: s.orderId, action: 'SUBMIT' as const })), ...cancels.map((c) => ({ orderId: c.orderId, action: 'CANCEL' as const }))],
    }];
  }
  return [
    ...submits.map((s) => ({ content: Buffer.from(fmt.xml.order(s.order), 'utf8'), ext: 'xml' as const, links: [{ orderId: s.orderId, action: 'SUBMIT' as const }] })),
    ...cancels.map((c) => ({ content: Buffer.from(fmt.xml.cancel(c.order.fcpOrderNumber), 'utf8'), ext: 'xml' as const, links: [{ orderId: c.orderId, action: 'CANCEL' as const }] })),
  ];
}
