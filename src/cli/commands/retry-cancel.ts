import type { Config } from '../../config/types.js';
import { systemClock } from '../../daemon/clock.js';
import { createLogger } from '../../daemon/logger.js';
import { Bridge } from '../../daemon/main.js';
import { applyCancel } from '../../jobs/intake/order-file.js';
import { EXIT, UsageError } from '../context.js';

/** `retry [P [NUMBER]]`: re-check IMPORT ERROR orders now, and deliver the ones that pass. */
export async function retryCommand(config: Config, partner: string | undefined, number: string | undefined): Promise<number> {
  if (partner !== undefined && !config.partners.some((p) => p.id === partner)) throw new UsageError(`unknown partner '${partner}'`);
  const bridge = new Bridge(config, systemClock(), createLogger('warn', config.log.file));
  try {
    bridge.mappings.refresh();
    if (bridge.mappings.set() === null) {
      process.stderr.write('mapping files are invalid; run `fcp-bridge validate`\n');
      return EXIT.FAILED;
    }
    const result = bridge.retry(partner, number, 'retried by an operator (fcp-bridge retry)', null);
    const delivered = await bridge.flush();
    process.stdout.write(`${result.accepted} order(s) now pass and were queued for the FCP; ${result.stillFailing} still in IMPORT ERROR; ${delivered} FCP file(s) written\n`);
    return EXIT.OK;
  } finally {
    await bridge.close();
  }
}

/** `cancel P NUMBER`: NEW / IMPORT ERROR → CANCELLED; ACCEPTED → a cancellation request to the FCP. */
export async function cancelCommand(config: Config, partner: string, number: string): Promise<number> {
  if (!config.partners.some((p) => p.id === partner)) throw new UsageError(`unknown partner '${partner}'`);
  const bridge = new Bridge(config, systemClock(), createLogger('warn', config.log.file));
  try {
    const order = bridge.ledger.orders.live(partner, number);
    if (order === undefined) {
      process.stderr.write(`no order '${number}' for partner '${partner}'\n`);
      return EXIT.FAILED;
    }
    if (order.status === 'CANCELLED' || order.status === 'COMPLETED') {
      process.stderr.write(`order '${number}' is ${order.status}; nothing to cancel\n`);
      return EXIT.FAILED;
    }
    bridge.ledger.transaction(() => applyCancel({ ledger: bridge.ledger, partner, log: bridge.log }, order.id, order.status, number,
      'cancelled by an operator (fcp-bridge cancel)', bridge.clock.now().toISOString()));
    const delivered = await bridge.flush();
    const now = bridge.ledger.orders.get(order.id);
    process.stdout.write(`order '${number}' is ${now?.status ?? '?'}${delivered > 0 ? `; cancellation sent to the FCP in ${delivered} file(s)` : ''}\n`);
    return EXIT.OK;
  } finally {
    await bridge.close();
  }
}
