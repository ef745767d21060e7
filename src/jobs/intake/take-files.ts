import { createHash } from 'node:crypto';
import { describeProblem, fileProblem, type Problem } from '../../domain/problems.js';
import type { Ledger } from '../../ledger/ledger.js';
import type { FileRecord, FileSource } from '../../ledger/records.js';
import { faultPoint } from '../fault-points.js';
import { FileChangedError, TransientError, type Clock, type FileStore, type InboundChannel, type InboundEntry, type Log } from '../ports.js';

/**
 * What a file means, decided before anything is committed: either a change to apply to the
 * ledger (inside the transaction that finishes the file), or the problem that refuses it whole.
 */
export type FileVerdict =
  | { ok: true; apply: (fileId: number) => number }
  | { ok: false; problem: Problem };

export interface TakeContext {
  ledger: Ledger;
  store: FileStore;
  clock: Clock;
  log: Log;
  maxFileBytes: number;
  /** Today in the configured zone, for the archive folder. */
  today: () => string;
  /**
   * Files that recovery finished as QUARANTINED, by partner/source/SHA-256: their originals may
   * still be in the inbox (a crash between storing the copy and removing the original). Such an
   * original is the same delivery, not a re-send, so it is removed instead of quarantined twice.
   */
  replayedQuarantines?: Map<string, { id: number; name: string }>;
}

export interface TakeSource {
  partner: string;
  source: FileSource;
  channel: InboundChannel;
  judge: (content: Buffer, fileName: string) => FileVerdict;
}

export interface TakeSummary {
  taken: number;
  quarantined: number;
  duplicates: number;
  waiting: number;
  nextCheckMs: number | null;
}

/**
 * Takes every ready file of one inbound channel, one at a time, in name order. The order of
 * steps is the no-loss guarantee (SPEC §10): ledger row (RECEIVED) → durable copy in var/ →
 * original removed → verdict applied and file finished in one transaction. A crash anywhere
 * leaves either the original in the inbox or a RECEIVED row whose copy `recoverUnfinished` replays.
 */
export async function takeReadyFiles(ctx: TakeContext, src: TakeSource, shouldStop: () => boolean = () => false): Promise<TakeSummary> {
  const summary: TakeSummary = { taken: 0, quarantined: 0, duplicates: 0, waiting: 0, nextCheckMs: null };
  const listing = await src.channel.listReady();
  summary.waiting = listing.waiting;
  summary.nextCheckMs = listing.nextCheckMs;
  for (const entry of listing.ready) {
    // Local file work is synchronous, so without a turn of the event loop a SIGTERM would only be
    // seen after the whole batch; one turn per file lets "finish the file in hand" mean that.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (shouldStop()) break;
    faultPoint('L1-listed');
    const outcome = await takeOne(ctx, src, entry);
    if (outcome === 'waiting') summary.waiting += 1;
    else summary[outcome] += 1;
  }
  return summary;
}

type Outcome = 'taken' | 'quarantined' | 'duplicates' | 'waiting';

async function takeOne(ctx: TakeContext, src: TakeSource, entry: InboundEntry): Promise<Outcome> {
  const fields = { partner: src.partner, file: entry.name, source: src.source };
  const now = ctx.clock.now().toISOString();

  if (entry.kind === 'not-regular' || entry.size > ctx.maxFileBytes) {
    const problem = entry.kind === 'not-regular'
      ? fileProblem('NOT_REGULAR_FILE', `'${entry.name}' is a ${entry.detail ?? 'special file'}, not a regular file; it was not opened`)
      : fileProblem('TOO_LARGE', `'${entry.name}' has ${entry.size} bytes, more than limits.max_file_bytes (${ctx.maxFileBytes})`);
    const id = ctx.ledger.insertFile({ partner: src.partner, source: src.source, name: entry.name, size: entry.size, sha256: '', status: 'RECEIVED', receivedAt: now });
    const path = ctx.store.quarantinePath(src.partner, id, entry.name);
    ctx.ledger.setFileStoredPath(id, path);
    ctx.store.putReason(path, reasonText(entry.name, problem));
    await src.channel.moveAside(entry, path);
    ctx.ledger.finishFile(id, 'QUARANTINED', now, 0, problem.code, problem.message);
    ctx.log.warn('file quarantined', { ...fields, code: problem.code, reason: problem.message });
    return 'quarantined';
  }

  let content: Buffer;
  try {
    content = await src.channel.read(entry);
  } catch (error) {
    if (error instanceof FileChangedError) return 'waiting';
    throw error;
  }
  const sha256 = createHash('sha256').update(content).digest('hex');

  const replayKey = sourceKey(src.partner, src.source) + `\u0000${sha256}`;
  const replayed = ctx.replayedQuarantines?.get(replayKey);
  if (replayed !== undefined && replayed.name === entry.name) {
    ctx.replayedQuarantines?.delete(replayKey);
    await src.channel.remove(entry);
    ctx.log.info('original of a file quarantined at recovery removed: the same delivery, already kept', { ...fields, file_id: replayed.id });
    return 'duplicates';
  }

  const earlier = ctx.ledger.findFileBySha(src.partner, src.source, sha256);
  if (earlier !== undefined) {
    const id = ctx.ledger.insertFile({ partner: src.partner, source: src.source, name: entry.name, size: content.length, sha256, status: 'RECEIVED', receivedAt: now });
    const path = ctx.store.archivePath(src.partner, id, entry.name, ctx.today());
    ctx.ledger.setFileStoredPath(id, path);
    ctx.store.put(path, content);
    await src.channel.remove(entry);
    const reason = `same content as file #${earlier.id} '${earlier.name}' received ${earlier.receivedAt}`;
    ctx.ledger.finishFile(id, 'DUPLICATE', now, 0, 'DUPLICATE_FILE', reason);
    ctx.log.info('duplicate file: not processed again', { ...fields, same_as_file: earlier.id });
    return 'duplicates';
  }

  // Judged before it is stored, so the copy goes straight to archive or quarantine.
  const verdict = judgeSafely(src, content, entry.name);
  const id = ctx.ledger.insertFile({ partner: src.partner, source: src.source, name: entry.name, size: content.length, sha256, status: 'RECEIVED', receivedAt: now });
  const path = verdict.ok ? ctx.store.archivePath(src.partner, id, entry.name, ctx.today()) : ctx.store.quarantinePath(src.partner, id, entry.name);
  ctx.ledger.setFileStoredPath(id, path);
  faultPoint('L2-ledger-received');
  if (!verdict.ok) ctx.store.putReason(path, reasonText(entry.name, verdict.problem));
  ctx.store.put(path, content);
  faultPoint('L3-stored');
  await src.channel.remove(entry);
  faultPoint('L4-original-removed');
  return finish(ctx, src, id, entry.name, verdict);
}

function finish(ctx: TakeContext, src: { partner: string; source: FileSource }, id: number, name: string, verdict: FileVerdict): Outcome {
  const now = ctx.clock.now().toISOString();
  const fields = { partner: src.partner, file: name, file_id: id, source: src.source };
  if (!verdict.ok) {
    ctx.ledger.finishFile(id, 'QUARANTINED', now, 0, verdict.problem.code, describeProblem(verdict.problem));
    ctx.log.warn('file quarantined', { ...fields, code: verdict.problem.code, line: verdict.problem.line, reason: verdict.problem.message });
    return 'quarantined';
  }
  const orders = ctx.ledger.transaction(() => {
    const count = verdict.apply(id);
    ctx.ledger.finishFile(id, 'PROCESSED', now, count);
    return count;
  });
  faultPoint('L5-committed');
  ctx.log.info('file processed', { ...fields, orders });
  return 'taken';
}

/**
 * Replays files a crash left RECEIVED. With a whole stored copy the file is judged again and
 * finished (its original, if still in the inbox, is removed by the next listing: as a duplicate, or,
 * for a quarantined file, as the same delivery — found by test/proof/crash-points.proof.ts);
 * without one the row is dropped, because the original is still in the inbox.
 */
export function recoverUnfinished(ctx: TakeContext, sources: Map<string, TakeSource>): number {
  let recovered = 0;
  for (const file of ctx.ledger.unfinishedFiles()) {
    if (file.storedPath !== null) ctx.store.sweepTemporaries(file.storedPath);
    const src = sources.get(sourceKey(file.partner, file.source));
    const stored = file.storedPath === null || file.sha256 === '' ? undefined : ctx.store.readStored(file.storedPath, file.sha256);
    if (src === undefined || stored === undefined) {
      ctx.ledger.deleteFile(file.id);
      ctx.log.info('unfinished file dropped: its original is still in the inbox', { partner: file.partner, file: file.name, file_id: file.id });
      continue;
    }
    let verdict: FileVerdict;
    try {
      verdict = judgeSafely(src, stored, file.name);
    } catch (error) {
      ctx.log.warn('unfinished file left for later', { partner: file.partner, file: file.name, file_id: file.id, error: (error as Error).message });
      continue;
    }
    if (!verdict.ok && file.storedPath !== null) ctx.store.putReason(file.storedPath, reasonText(file.name, verdict.problem));
    finish(ctx, src, file.id, file.name, verdict);
    if (!verdict.ok) {
      ctx.replayedQuarantines ??= new Map();
      ctx.replayedQuarantines.set(sourceKey(file.partner, file.source) + `\u0000${file.sha256}`, { id: file.id, name: file.name });
    }
    recovered += 1;
  }
  return recovered;
}

export function sourceKey(partner: string, source: FileSource): string {
  return `${partner}\u0000${source}`;
}

/** A reader that throws is a bug, but the file must still be kept and the daemon go on. */
function judgeSafely(src: TakeSource, content: Buffer, name: string): FileVerdict {
  try {
    return src.judge(content, name);
  } catch (error) {
    // Not the file's fault (e.g. no valid mappings yet): nothing is committed, it is tried again.
    if (error instanceof TransientError) throw error;
    return { ok: false, problem: fileProblem('READ_FAILED', `the file could not be read: ${(error as Error).message}`) };
  }
}

function reasonText(name: string, problem: Problem): string {
  return [
    `file: ${JSON.stringify(name)}`,
    `code: ${problem.code}`,
    problem.line !== undefined ? `line: ${problem.line}${problem.column !== undefined ? `:${problem.column}` : ''}` : null,
    `message: ${problem.message}`,
  ].filter((l) => l !== null).join('\n');
}

export type { FileRecord };
