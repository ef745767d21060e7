import type { Config } from '../../config/types.js';
import { ORDER_STATUSES, type OrderStatus } from '../../domain/order.js';
import { Ledger } from '../../ledger/ledger.js';
import type { OrderRecord } from '../../ledger/records.js';
import { join } from 'node:path';
import { EXIT, UsageError } from '../context.js';
import { printJson, renderTable } from '../table.js';

export function openLedger(config: Config): Ledger {
  return new Ledger(join(config.data_dir, 'ledger.sqlite'));
}

export function orderSummary(o: OrderRecord): Record<string, unknown> {
  return {
    partner: o.partner, order_number: o.orderNumber, fcp_order_number: o.fcpOrderNumber, status: o.status,
    errors: o.problems.map((p) => p.message), received_at: o.receivedAt, updated_at: o.updatedAt,
  };
}

/** `orders [--partner P] [--status S] [--json]`: the Received Orders list. */
export function ordersCommand(config: Config, opts: { partner?: string | undefined; status?: string | undefined; json: boolean }): number {
  if (opts.status !== undefined && !(ORDER_STATUSES as readonly string[]).includes(opts.status)) {
    throw new UsageError(`--status must be one of ${ORDER_STATUSES.map((s) => `'${s}'`).join(', ')}`);
  }
  if (opts.partner !== undefined && !config.partners.some((p) => p.id === opts.partner)) throw new UsageError(`unknown partner '${opts.partner}'`);
  const ledger = openLedger(config);
  try {
    const orders = ledger.orders.list({ partner: opts.partner, status: opts.status as OrderStatus | undefined });
    if (opts.json) {
      printJson(orders.map(orderSummary));
    } else {
      process.stdout.write(renderTable(
        ['PARTNER', 'ORDER', 'FCP ORDER', 'STATUS', 'RECEIVED', 'ERRORS'],
        orders.map((o) => [o.partner, o.orderNumber, o.fcpOrderNumber, o.status, o.receivedAt, o.problems.map((p) => p.message).join(' | ')]),
      ));
      process.stdout.write(`${orders.length} order(s)\n`);
    }
    return EXIT.OK;
  } finally {
    ledger.close();
  }
}
