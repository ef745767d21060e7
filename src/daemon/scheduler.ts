import { Cron } from 'croner';
import type { Clock, Log } from '../jobs/ports.js';

/**
 * Cron schedules in the configured zone (SPEC §3 `schedule`), generic: a job is a name, a
 * pattern and a run function (inventory snapshots now, tracking snapshots later).
 *
 * Which slot is due is decided from the business clock and the last slot each job ran, which is
 * kept in the ledger: a restart or a clock jump never runs a slot twice, and slots missed while
 * the daemon was down run once at start, not once per missed slot. croner computes the slots
 * (it handles the DST gap and overlap: a 02:30 job runs once on both change days) and its timers
 * only wake the daemon up (`onDue`); `runDue` does the running, between the loop's cycles.
 */
export interface ScheduledJob {
  /** Unique and stable: the ledger key of its last slot (`inventory:acme`). */
  name: string;
  pattern: string;
  run: () => Promise<void>;
}

/** Where the last slot of each job is kept (the ledger's `state` table). */
export interface SlotStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

export interface SchedulerOptions {
  timezone: string;
  clock: Clock;
  slots: SlotStore;
  log: Log;
}

export function slotKey(job: string): string {
  return `schedule:${job}:last_slot`;
}

export class Scheduler {
  private readonly crons = new Map<string, Cron>();
  private timers: Cron[] = [];
  private readonly busy = new Set<string>();

  constructor(private readonly jobs: readonly ScheduledJob[], private readonly opts: SchedulerOptions) {
    for (const job of jobs) {
      if (this.crons.has(job.name)) throw new Error(`two scheduled jobs are named ${job.name}`);
      // Paused: this one only computes slots; the config loader already refused bad patterns.
      this.crons.set(job.name, new Cron(job.pattern, { timezone: opts.timezone, paused: true }));
    }
  }

  /**
   * Arms one croner timer per job that calls `onDue` at each slot. A job never seen before
   * starts from now: a fresh install does not run every job at once for slots it never had.
   */
  start(onDue: () => void): void {
    this.setBaselines();
    for (const job of this.jobs) {
      this.timers.push(new Cron(job.pattern, {
        timezone: this.opts.timezone, protect: true, name: job.name,
        catch: (error) => this.opts.log.error('schedule timer failed', { job: job.name, error: (error as Error).message }),
      }, () => onDue()));
    }
  }

  private setBaselines(): void {
    const now = this.opts.clock.now().toISOString();
    for (const job of this.jobs) if (this.opts.slots.get(slotKey(job.name)) === undefined) this.opts.slots.set(slotKey(job.name), now);
  }

  stop(): void {
    for (const t of this.timers) t.stop();
    this.timers = [];
  }

  /** The latest slot of a job that is due now, if any: after its last slot and not after now. */
  dueSlot(name: string): Date | null {
    const cron = this.crons.get(name);
    if (cron === undefined) return null;
    const now = this.opts.clock.now();
    const stored = this.opts.slots.get(slotKey(name));
    if (stored === undefined) return null;
    const last = new Date(stored);
    // A clock that jumped back leaves the last slot in the future: nothing is due until it passes.
    if (last.getTime() >= now.getTime()) return null;
    const next = cron.nextRun(last);
    if (next === null || next.getTime() > now.getTime()) return null;
    // Several slots may have passed (daemon down): only the latest one runs.
    const latest = cron.previousRuns(2, new Date(now.getTime() + 1)).find((d) => d.getTime() <= now.getTime());
    return latest !== undefined && latest.getTime() >= next.getTime() ? latest : next;
  }

  /**
   * Runs every job whose slot is due, one after another. The slot is claimed (stored) before the
   * job runs, so a crash during the run does not run that slot again; the jobs themselves are
   * crash-safe through the outbox. A failing job is logged and the others still run.
   */
  async runDue(shouldStop: () => boolean = () => false): Promise<{ ran: string[]; failed: { job: string; error: string }[] }> {
    const ran: string[] = [];
    const failed: { job: string; error: string }[] = [];
    this.setBaselines();
    for (const job of this.jobs) {
      if (shouldStop()) break;
      if (this.busy.has(job.name)) continue;
      const slot = this.dueSlot(job.name);
      if (slot === null) continue;
      this.opts.slots.set(slotKey(job.name), slot.toISOString());
      this.busy.add(job.name);
      try {
        this.opts.log.debug('scheduled job due', { job: job.name, slot: slot.toISOString() });
        await job.run();
        ran.push(job.name);
      } catch (error) {
        failed.push({ job: job.name, error: (error as Error).message });
        this.opts.log.error('scheduled job failed', { job: job.name, slot: slot.toISOString(), error: (error as Error).message });
      } finally {
        this.busy.delete(job.name);
      }
    }
    return { ran, failed };
  }

  /** The next slot of a job after now (for status). */
  nextSlot(name: string): Date | null {
    return this.crons.get(name)?.nextRun(this.opts.clock.now()) ?? null;
  }
}

/**
 * The usual gap between two slots of a pattern, measured over the last two slots before `at`
 * (so a weekday schedule on a Monday counts the weekend). `status` calls a snapshot overdue when
 * it is older than twice this.
 */
export function scheduleInterval(pattern: string, timezone: string, at: Date): number | null {
  const cron = new Cron(pattern, { timezone, paused: true });
  const [last, before] = cron.previousRuns(2, at);
  if (last !== undefined && before !== undefined) return last.getTime() - before.getTime();
  const [a, b] = cron.nextRuns(2, at);
  return a !== undefined && b !== undefined ? b.getTime() - a.getTime() : null;
}
