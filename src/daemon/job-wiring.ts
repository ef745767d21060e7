import type { ChannelConfig, Config } from '../config/types.js';
import type { DeliverContext } from '../jobs/deliver/run.js';
import type { TakeContext } from '../jobs/intake/take-files.js';
import type { Clock, InboundChannel, Log, OutboundChannel } from '../jobs/ports.js';
import type { Ledger } from '../ledger/ledger.js';
import type { MappingState } from './mapping-state.js';

/** What the composition root hands the inventory and tracking sides of the bridge. */
export interface JobWiring {
  config: Config;
  ledger: Ledger;
  clock: Clock;
  log: Log;
  take: TakeContext;
  deliver: DeliverContext;
  /** The composition root's target table; each side adds its partners' outbound channels to it. */
  targets: Map<string, OutboundChannel>;
  mappings: MappingState;
  openInbound: (c: ChannelConfig) => InboundChannel;
  openOutbound: (c: ChannelConfig) => OutboundChannel;
}
