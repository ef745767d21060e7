import { describe, expect, it } from 'vitest';
import { StabilityTracker } from './stability.js';

const file = (name: string, size: number, mtimeMs = 1_000): { name: string; size: number; mtimeMs: number } => ({ name, size, mtimeMs });

describe('remote file stability (size and mtime unchanged across two listings)', () => {
  it('never offers a file at its first sighting, however old its mtime', () => {
    const tracker = new StabilityTracker(1000);
    expect(tracker.judge([file('a.csv', 10, 0)], 50_000)).toEqual({ ready: [], waiting: 1, nextCheckMs: 1000 });
  });

  it('offers it once a listing at least stable_secs later shows the same size and mtime', () => {
    const tracker = new StabilityTracker(1000);
    tracker.judge([file('a.csv', 10)], 0);
    expect(tracker.judge([file('a.csv', 10)], 400)).toEqual({ ready: [], waiting: 1, nextCheckMs: 600 });
    expect(tracker.judge([file('a.csv', 10)], 1000).ready.map((f) => f.name)).toEqual(['a.csv']);
  });

  it('starts the wait again when the size or the mtime moved', () => {
    const tracker = new StabilityTracker(1000);
    tracker.judge([file('a.csv', 10, 1000)], 0);
    expect(tracker.judge([file('a.csv', 20, 1000)], 1500)).toMatchObject({ ready: [], waiting: 1 });
    expect(tracker.judge([file('a.csv', 20, 2000)], 3000)).toMatchObject({ ready: [], waiting: 1 });
    expect(tracker.judge([file('a.csv', 20, 2000)], 4000).ready).toHaveLength(1);
  });

  it('with stable_secs 0 needs two listings, nothing more', () => {
    const tracker = new StabilityTracker(0);
    expect(tracker.judge([file('a.csv', 1)], 0)).toEqual({ ready: [], waiting: 1, nextCheckMs: 0 });
    expect(tracker.judge([file('a.csv', 1)], 0).ready).toHaveLength(1);
  });

  it('forgets files that left the folder or were taken', () => {
    const tracker = new StabilityTracker(0);
    tracker.judge([file('a.csv', 1), file('b.csv', 1)], 0);
    tracker.judge([file('b.csv', 1)], 10);
    expect(tracker.tracking).toBe(1);
    tracker.forget('b.csv');
    expect(tracker.tracking).toBe(0);
    // A file that comes back under the same name is new again.
    expect(tracker.judge([file('a.csv', 1)], 20).ready).toEqual([]);
  });

  it('restarts the wait of a file that changed while it was read, and keeps tracking it', () => {
    const tracker = new StabilityTracker(0);
    tracker.judge([file('a.csv', 1)], 0);
    tracker.restart('a.csv');
    expect(tracker.tracking).toBe(1);
    expect(tracker.judge([file('a.csv', 1)], 10)).toMatchObject({ ready: [], waiting: 1 });
    expect(tracker.judge([file('a.csv', 1)], 20).ready).toHaveLength(1);
  });
});
