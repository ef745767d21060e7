// The server zone must not matter (croner works in the configured zone), so the test runs in a DST zone.
process.env.TZ = 'America/New_York';

import { describe, expect, it } from 'vitest';
import type { Log } from '../jobs/ports.js';
import { scheduleInterval, Scheduler, slotKey, type ScheduledJob } from './scheduler.js';

const silent: Log = { error() {}, warn() {}, info() {}, debug() {} };
const ZONE = 'America/New_York';

/** A fake business clock and ledger state; several schedulers can share them (a restart). */
function world(startIso: string) {
  let now = new Date(startIso).getTime();
  const state = new Map<string, string>();
  return {
    clock: { now: () => new Date(now) },
    slots: { get: (k: string) => state.get(k), set: (k: string, v: string) => { state.set(k, v); } },
    state,
    set: (iso: string) => { now = new Date(iso).getTime(); },
    advance: (ms: number) => { now += ms; },
    nowMs: () => now,
  };
}

function recordingJob(name: string, pattern: string, runs: string[], clock: { now: () => Date }): ScheduledJob {
  return { name, pattern, run: async () => { runs.push(clock.now().toISOString()); } };
}

/** Local calendar day of an instant in the zone. */
const localDay = (iso: string): string => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(iso));

async function stepThrough(w: ReturnType<typeof world>, scheduler: Scheduler, untilIso: string, stepMs = 60_000): Promise<void> {
  const until = new Date(untilIso).getTime();
  while (w.nowMs() < until) {
    w.advance(stepMs);
    await scheduler.runDue();
  }
}

describe('Scheduler', () => {
  it('runs a 02:30 daily job exactly once on the spring-forward and fall-back days (America/New_York)', async () => {
    for (const [from, until, expected] of [
      ['2026-03-07T00:00:00-05:00', '2026-03-10T00:00:00-04:00', ['2026-03-07T07:30:00.000Z', '2026-03-08T07:00:00.000Z', '2026-03-09T06:30:00.000Z']],
      ['2026-10-31T00:00:00-04:00', '2026-11-03T00:00:00-05:00', ['2026-10-31T06:30:00.000Z', '2026-11-01T07:30:00.000Z', '2026-11-02T07:30:00.000Z']],
    ] as const) {
      const w = world(from);
      const runs: string[] = [];
      const scheduler = new Scheduler([recordingJob('inventory:acme', '30 2 * * *', runs, w.clock)], { timezone: ZONE, clock: w.clock, slots: w.slots, log: silent });
      await scheduler.runDue();
      await stepThrough(w, scheduler, until);
      expect(runs).toEqual(expected);
      expect(new Set(runs.map(localDay)).size).toBe(runs.length);
    }
  });

  it('runs a 01:30 job once on the fall-back day, though 01:30 happens twice', async () => {
    const w = world('2026-10-31T12:00:00-04:00');
    const runs: string[] = [];
    const scheduler = new Scheduler([recordingJob('j', '30 1 * * *', runs, w.clock)], { timezone: ZONE, clock: w.clock, slots: w.slots, log: silent });
    await scheduler.runDue();
    await stepThrough(w, scheduler, '2026-11-01T12:00:00-05:00');
    expect(runs).toEqual(['2026-11-01T05:30:00.000Z']);
  });

  it('runs every half hour through the fall-back night: both 01:00 and both 01:30 are real instants', async () => {
    const w = world('2026-11-01T00:10:00-04:00');
    const runs: string[] = [];
    const scheduler = new Scheduler([recordingJob('j', '*/30 * * * *', runs, w.clock)], { timezone: ZONE, clock: w.clock, slots: w.slots, log: silent });
    await scheduler.runDue();
    await stepThrough(w, scheduler, '2026-11-01T02:10:00-05:00');
    expect(runs).toEqual(['04:30', '05:00', '05:30', '06:00', '06:30', '07:00'].map((t) => `2026-11-01T${t}:00.000Z`));
  });

  it('starts a never-seen job from now, and runs slots missed while down once, not once per slot', async () => {
    const w = world('2026-11-22T10:10:00Z');
    const runs: string[] = [];
    const job = recordingJob('j', '0 * * * *', runs, w.clock);
    const first = new Scheduler([job], { timezone: 'UTC', clock: w.clock, slots: w.slots, log: silent });
    expect(await first.runDue()).toEqual({ ran: [], failed: [] });
    expect(w.state.get(slotKey('j'))).toBe('2026-11-22T10:10:00.000Z');
    // Down for three days: one run at start, for the latest slot.
    w.set('2026-11-25T13:20:00Z');
    const restarted = new Scheduler([job], { timezone: 'UTC', clock: w.clock, slots: w.slots, log: silent });
    expect((await restarted.runDue()).ran).toEqual(['j']);
    expect((await restarted.runDue()).ran).toEqual([]);
    expect(runs).toEqual(['2026-11-25T13:20:00.000Z']);
    expect(w.state.get(slotKey('j'))).toBe('2026-11-25T13:00:00.000Z');
  });

  it('never runs a slot twice: not after a restart, not after the clock jumps back', async () => {
    const w = world('2026-11-22T09:59:00Z');
    const runs: string[] = [];
    const job = recordingJob('j', '0 * * * *', runs, w.clock);
    const a = new Scheduler([job], { timezone: 'UTC', clock: w.clock, slots: w.slots, log: silent });
    await a.runDue();
    await stepThrough(w, a, '2026-11-22T10:01:00Z');
    expect(runs).toHaveLength(1);
    const b = new Scheduler([job], { timezone: 'UTC', clock: w.clock, slots: w.slots, log: silent });
    await b.runDue();
    w.set('2026-11-22T09:30:00Z'); // NTP steps the clock back half an hour
    await stepThrough(w, b, '2026-11-22T10:59:00Z');
    expect(runs).toEqual(['2026-11-22T10:00:00.000Z']);
    await stepThrough(w, b, '2026-11-22T11:00:00Z');
    expect(runs).toEqual(['2026-11-22T10:00:00.000Z', '2026-11-22T11:00:00.000Z']);
    // Forward jump over five slots: one run.
    w.set('2026-11-22T16:10:00Z');
    await b.runDue();
    expect(runs.slice(2)).toEqual(['2026-11-22T16:10:00.000Z']);
  });

  it('claims the slot before running, so a failing job is not retried for that slot, and the others still run', async () => {
    const w = world('2026-11-22T09:59:00Z');
    const runs: string[] = [];
    const failing: ScheduledJob = { name: 'bad', pattern: '0 * * * *', run: async () => { throw new Error('disk full'); } };
    const s = new Scheduler([failing, recordingJob('good', '0 * * * *', runs, w.clock)], { timezone: 'UTC', clock: w.clock, slots: w.slots, log: silent });
    await s.runDue();
    w.set('2026-11-22T10:00:30Z');
    expect(await s.runDue()).toEqual({ ran: ['good'], failed: [{ job: 'bad', error: 'disk full' }] });
    expect(await s.runDue()).toEqual({ ran: [], failed: [] });
  });

  it('arms croner timers on start and stops them', () => {
    const w = world('2026-11-22T09:59:00Z');
    const s = new Scheduler([recordingJob('j', '0 * * * *', [], w.clock)], { timezone: 'UTC', clock: w.clock, slots: w.slots, log: silent });
    s.start(() => {});
    expect(w.state.get(slotKey('j'))).toBe('2026-11-22T09:59:00.000Z');
    expect(s.nextSlot('j')?.toISOString()).toBe('2026-11-22T10:00:00.000Z');
    s.stop();
  });
});

describe('scheduleInterval', () => {
  it('measures the gap between the last two slots', () => {
    expect(scheduleInterval('0 * * * *', 'UTC', new Date('2026-11-22T10:30:00Z'))).toBe(3_600_000);
    // A weekday job on a Monday: the weekend counts.
    expect(scheduleInterval('0 9 * * 1-5', 'UTC', new Date('2026-11-23T10:00:00Z'))).toBe(3 * 86_400_000);
  });
});
