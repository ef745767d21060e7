import { readInventoryFeed } from '../../formats/fcp/inventory-feed.js';
import type { Ledger } from '../../ledger/ledger.js';
import type { FileVerdict } from '../intake/take-files.js';
import type { Clock, Log } from '../ports.js';

export interface FeedFileContext {
  ledger: Ledger;
  clock: Clock;
  log: Log;
  /** The config's zone, for an as_of written without an offset. */
  timezone: string;
}

/** The partner id feeds are filed under (files, archive and quarantine folders). */
export const FCP_PARTNER = 'fcp';

/**
 * Judges an FCP inventory export (SPEC §7): a bad row refuses the whole file, which is then
 * quarantined like any bad file while the previous feed stays in force; a good file becomes the
 * feed, whose as_of is the file's own or, when it has none, the moment it arrived.
 */
export function judgeInventoryFeed(ctx: FeedFileContext, content: Buffer, fileName: string): FileVerdict {
  const now = ctx.clock.now();
  const result = readInventoryFeed(content, { now, timezone: ctx.timezone });
  if (!result.ok) return { ok: false, problem: result.problem };
  const { feed } = result;
  return {
    ok: true,
    apply: (fileId) => {
      const receivedAt = ctx.clock.now().toISOString();
      const feedId = ctx.ledger.inventory.insertFeed({ fileId, asOf: feed.asOf ?? receivedAt, asOfInFile: feed.asOf !== null, receivedAt, rows: feed.rows });
      ctx.log.info('FCP inventory feed stored', { partner: FCP_PARTNER, file: fileName, feed: feedId, rows: feed.rows.length, as_of: feed.asOf ?? receivedAt });
      // Feeds carry no orders: the file's order count stays 0.
      return 0;
    },
  };
}
