import type { FcpOrder, InboundOrder, OrderStatus } from '../domain/order.js';
import type { Problem } from '../domain/problems.js';

/** Values the ledger hands out: plain data, camelCase, JSON columns already decoded. */

export type FileSource = 'orders' | 'inventory-feed' | 'shipments-feed' | 'catalog';
export type FileStatus = 'RECEIVED' | 'PROCESSED' | 'QUARANTINED' | 'DUPLICATE';

export interface FileRecord {
  id: number;
  partner: string;
  source: FileSource;
  name: string;
  size: number;
  sha256: string;
  status: FileStatus;
  reasonCode: string | null;
  reason: string | null;
  storedPath: string | null;
  orderCount: number;
  receivedAt: string;
  processedAt: string | null;
}

export interface OrderRecord {
  id: number;
  partner: string;
  orderNumber: string;
  fcpOrderNumber: string;
  status: OrderStatus;
  problems: Problem[];
  fileId: number | null;
  sourceLine: number | null;
  contentHash: string;
  inbound: InboundOrder;
  fcpOrder: FcpOrder | null;
  duplicateOf: number | null;
  cancelRequested: boolean;
  redeliveries: number;
  receivedAt: string;
  updatedAt: string;
}

export interface HistoryRecord {
  at: string;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus;
  cause: string;
}

export type OutputKind = 'orders' | '997' | 'inventory' | 'tracking';

export interface OutputRecord {
  id: number;
  kind: OutputKind;
  partner: string;
  target: string;
  name: string;
  content: Buffer;
  sha256: string;
  status: 'PENDING' | 'DELIVERED';
  createdAt: string;
  deliveredAt: string | null;
  attempts: number;
  lastError: string | null;
}

export interface EventRecord {
  at: string;
  partner: string | null;
  kind: string;
  message: string;
}
