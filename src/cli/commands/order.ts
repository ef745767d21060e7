import type { Config } from '../../config/types.js';
import type { Ledger } from '../../ledger/ledger.js';
import type { OrderRecord } from '../../ledger/records.js';
import { EXIT } from '../context.js';
import { printJson, renderTable } from '../table.js';
import { openLedger, orderSummary } from './orders.js';

/** `order P NUMBER [--json]`: one order with its lines, FCP lines, history, errors and files. */
export function orderCommand(config: Config, partner: string, number: string, json: boolean): number {
  const ledger = openLedger(config);
  try {
    const order = ledger.orders.live(partner, number);
    if (order === undefined) {
      process.stderr.write(`no order '${number}' for partner '${partner}'\n`);
      return EXIT.FAILED;
    }
    const detail = describe(ledger, order);
    if (json) printJson(detail);
    else printHuman(detail);
    return EXIT.OK;
  } finally {
    ledger.close();
  }
}

function describe(ledger: Ledger, order: OrderRecord): Record<string, unknown> {
  const file = order.fileId === null ? undefined : ledger.file(order.fileId);
  return {
    ...orderSummary(order),
    source: file === undefined ? null : { file: file.name, file_id: file.id, line: order.sourceLine, stored_at: file.storedPath },
    problems: order.problems.map((p) => ({ code: p.code, message: p.message, line: p.line ?? null })),
    redeliveries: order.redeliveries,
    cancel_requested: order.cancelRequested,
    ship_method: order.inbound.shipMethod,
    ship_code: order.fcpOrder?.shipCode ?? null,
    ship_to: order.inbound.shipTo,
    lines: order.inbound.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unit_price: l.unitPrice, line: l.sourceLine })),
    fcp_lines: order.fcpOrder?.lines ?? [],
    outputs: ledger.outputsOfOrder(order.id).map((o) => ({ name: o.name, action: o.action, status: o.status, delivered_at: o.deliveredAt })),
    // FCP shipment packages and the tracking file that reported each (SPEC §9).
    packages: ledger.shipments.ofOrder(order.id).map((p) => ({
      tracking_number: p.trackingNumber, carrier: p.carrier, service: p.service, ship_date: p.shipDate, weight_lbs: p.weightLbs, lines: p.lines,
      feed_file: p.fileName, received_at: p.receivedAt,
      tracking_file: p.output === null ? null : { name: p.output.name, status: p.output.status, delivered_at: p.output.deliveredAt },
    })),
    history: ledger.orders.history(order.id).map((h) => ({ at: h.at, from: h.fromStatus, to: h.toStatus, cause: h.cause })),
    rejected_duplicates: ledger.orders.duplicatesOf(order.id).map((d) => ({ received_at: d.receivedAt, errors: d.problems.map((p) => p.message) })),
  };
}

function printHuman(d: Record<string, unknown>): void {
  const out = (s: string): boolean => process.stdout.write(`${s}\n`);
  out(`${String(d.partner)} ${String(d.order_number)}  (FCP ${String(d.fcp_order_number)})  ${String(d.status)}`);
  const source = d.source as { file: string; line: number } | null;
  if (source !== null) out(`from ${JSON.stringify(source.file)} line ${source.line}`);
  out(`ship method ${JSON.stringify(d.ship_method)} → ${String(d.ship_code ?? '(not mapped)')}`);
  for (const e of d.errors as string[]) out(`error: ${e}`);
  out('');
  out(renderTable(['SKU', 'QTY', 'LINE'], (d.lines as { sku: string; quantity: string; line: number }[]).map((l) => [l.sku, l.quantity, String(l.line)])));
  const fcp = d.fcp_lines as { sku: string; quantity: number }[];
  if (fcp.length > 0) out(renderTable(['FCP SKU', 'QTY'], fcp.map((l) => [l.sku, String(l.quantity)])));
  const outputs = d.outputs as { name: string; action: string; status: string }[];
  if (outputs.length > 0) out(renderTable(['FCP FILE', 'ACTION', 'STATUS'], outputs.map((o) => [o.name, o.action, o.status])));
  const packages = d.packages as { tracking_number: string; carrier: string; ship_date: string; lines: { sku: string; quantity: number }[]; tracking_file: { name: string; status: string } | null }[];
  if (packages.length > 0) {
    out(renderTable(['TRACKING', 'CARRIER', 'SHIPPED', 'FCP LINES', 'TRACKING FILE'], packages.map((p) => [
      p.tracking_number, p.carrier, p.ship_date, p.lines.map((l) => `${l.sku} x${l.quantity}`).join(', '),
      p.tracking_file === null ? '(not reported yet)' : `${p.tracking_file.name} ${p.tracking_file.status}`,
    ])));
  }
  out(renderTable(['AT', 'FROM', 'TO', 'CAUSE'], (d.history as { at: string; from: string | null; to: string; cause: string }[]).map((h) => [h.at, h.from ?? '', h.to, h.cause])));
}
