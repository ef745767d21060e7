/**
 * "Stable" for a remote file (SPEC §10: size and mtime unchanged between two looks). The server's
 * clock is not ours, so age is measured on our side: a file is ready once a listing shows the same
 * size and mtime that an earlier listing, at least `stableMs` before, already showed. The first
 * sighting of a file is therefore never ready, however old its mtime.
 */
export interface Sighting {
  name: string;
  size: number;
  mtimeMs: number;
}

export interface StabilityVerdict {
  ready: Sighting[];
  waiting: number;
  /** When a waiting file can next be ready (ms from now); null when nothing waits. */
  nextCheckMs: number | null;
}

export class StabilityTracker {
  private readonly seen = new Map<string, { size: number; mtimeMs: number; sinceMs: number }>();

  constructor(private readonly stableMs: number) {}

  /** Judges one complete listing of regular files; names no longer listed are forgotten. */
  judge(files: readonly Sighting[], nowMs: number): StabilityVerdict {
    const verdict: StabilityVerdict = { ready: [], waiting: 0, nextCheckMs: null };
    const listed = new Set<string>();
    for (const file of files) {
      listed.add(file.name);
      const earlier = this.seen.get(file.name);
      let dueMs: number;
      if (earlier !== undefined && earlier.size === file.size && earlier.mtimeMs === file.mtimeMs) {
        const unchangedForMs = nowMs - earlier.sinceMs;
        if (unchangedForMs >= this.stableMs) {
          verdict.ready.push(file);
          continue;
        }
        dueMs = this.stableMs - unchangedForMs;
      } else {
        this.seen.set(file.name, { size: file.size, mtimeMs: file.mtimeMs, sinceMs: nowMs });
        dueMs = this.stableMs;
      }
      verdict.waiting += 1;
      verdict.nextCheckMs = verdict.nextCheckMs === null ? dueMs : Math.min(verdict.nextCheckMs, dueMs);
    }
    for (const name of [...this.seen.keys()]) if (!listed.has(name)) this.seen.delete(name);
    return verdict;
  }

  /** After a file was taken: a file under that name later is a new file. */
  forget(name: string): void {
    this.seen.delete(name);
  }

  /** The file changed while it was read: its wait starts again at the next listing. */
  restart(name: string): void {
    if (this.seen.has(name)) this.seen.set(name, { size: -1, mtimeMs: -1, sinceMs: 0 });
  }

  /** Files seen and not yet taken: a reason to list again before the poll interval is up. */
  get tracking(): number {
    return this.seen.size;
  }
}
