import type { Bridge } from './main.js';
import { Scheduler } from './scheduler.js';

/**
 * Every scheduled job of a wired bridge: the partners' inventory and tracking snapshots.
 * The last slot of each job lives in the ledger's `state` table.
 */
export function snapshotScheduler(bridge: Bridge): Scheduler {
  const { ledger } = bridge;
  return new Scheduler([...bridge.inventory.scheduledJobs(), ...bridge.tracking.scheduledJobs()], {
    timezone: bridge.config.timezone,
    clock: bridge.clock,
    slots: { get: (key) => ledger.getState(key), set: (key, value) => ledger.setState(key, value) },
    log: bridge.log,
  });
}
