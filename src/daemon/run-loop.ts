import chokidar, { type FSWatcher } from 'chokidar';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from '../config/types.js';
import type { Log } from '../jobs/ports.js';
import type { Bridge, CycleReport } from './main.js';
import type { Scheduler } from './scheduler.js';
import { snapshotScheduler } from './schedules.js';

/**
 * The daemon loop. Watcher events and timers only *request* a cycle; cycles never overlap,
 * and a request that arrives during one runs right after it. The periodic scan is the source of
 * truth (events can be missed on network mounts or when a folder is recreated).
 */
export class RunLoop {
  private watcher: FSWatcher | null = null;
  private timers: NodeJS.Timeout[] = [];
  private stableTimer: NodeJS.Timeout | null = null;
  /** Snapshot schedules: their timers request a cycle, and due jobs run after it (never beside one). */
  private scheduler: Scheduler | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopping = false;
  /** A reload is swapping the bridge: no new cycle starts, the one in hand ends after its file. */
  private pausing = false;
  private reloading: Promise<unknown> | null = null;
  private stopped!: () => void;
  readonly done: Promise<void> = new Promise((resolve) => { this.stopped = resolve; });

  /** `openBridge` builds a bridge for a new config (SIGHUP); without it the loop cannot reload. */
  constructor(private bridge: Bridge, private readonly log: Log, private readonly openBridge?: (config: Config) => Bridge) {}

  /** The bridge in force (it changes at a reload). */
  get current(): Bridge {
    return this.bridge;
  }

  async start(): Promise<void> {
    await this.bridge.recover();
    const everySecs = this.attach();
    this.log.info('fcp-bridge running', { config: this.bridge.config.file, partners: this.bridge.config.partners.map((p) => p.id), scan_every_secs: everySecs });
    this.request();
  }

  /** Watcher, scan timer and schedules of the bridge in force; returns the scan interval. */
  private attach(): number {
    this.scheduler = snapshotScheduler(this.bridge);
    this.scheduler.start(() => this.request());
    const { inboxes, mappingFiles } = this.bridge.watchedPaths();
    // A folder that does not exist yet cannot be watched; create it so events flow from the start.
    for (const dir of inboxes) mkdirSync(dir, { recursive: true });
    // Watch folders, not files: editors save by rename, which a file watch would lose.
    const folders = [...new Set([...inboxes, ...mappingFiles.map((f) => dirname(f))])];
    const mappingSet = new Set(mappingFiles);
    this.watcher = chokidar.watch(folders, { ignoreInitial: true, depth: 0, ignored: (path) => /(^|\/)\.[^/]*$/.test(path) && !folders.includes(path) });
    this.watcher.on('all', (_event, path) => {
      if (mappingSet.has(path) || inboxes.includes(dirname(path))) this.request();
    });
    this.watcher.on('error', (error) => this.log.warn('watcher error; the periodic scan goes on', { error: (error as Error).message }));
    const everySecs = Math.min(60, ...this.bridge.config.partners.flatMap((p) => (p.orders === null ? [] : [p.orders.channel.poll_interval_secs])));
    this.timers.push(setInterval(() => this.request(), everySecs * 1000));
    return everySecs;
  }

  /** Undoes `attach`: nothing wakes the loop any more. */
  private async detach(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    this.scheduler?.stop();
    this.scheduler = null;
    if (this.stableTimer !== null) clearTimeout(this.stableTimer);
    this.stableTimer = null;
    const watcher = this.watcher;
    this.watcher = null;
    await watcher?.close();
  }

  /** True while the loop winds down (stop) or swaps its bridge (reload): finish the file in hand only. */
  private get winding(): boolean {
    return this.stopping || this.pausing;
  }

  /**
   * Puts a new, already validated config in force (daemon/reload.ts decides validity): builds the
   * new bridge first — if that throws, nothing changed — then lets the cycle in hand end after its
   * current file, stops watchers, timers and schedules, closes the old bridge (channels, ledger),
   * recovers and starts the new one. Returns the bridge now in force.
   */
  async reload(config: Config): Promise<Bridge> {
    if (this.openBridge === undefined) throw new Error('this loop was started without a way to reload');
    if (this.stopping) throw new Error('the daemon is stopping');
    if (this.reloading !== null) throw new Error('a reload is already in progress');
    const next = this.openBridge(config);
    const swap = async (): Promise<Bridge> => {
      this.pausing = true;
      try {
        await this.detach();
        await this.running;
        const old = this.bridge;
        this.bridge = next;
        await old.close();
        // stop() waits for this swap and then closes `next`; starting it would only be undone.
        if (this.stopping) return next;
        await next.recover();
      } finally {
        this.pausing = false;
      }
      if (!this.stopping) {
        this.attach();
        this.request();
      }
      return next;
    };
    const swapping = swap();
    this.reloading = swapping;
    try {
      return await swapping;
    } finally {
      this.reloading = null;
    }
  }

  /** Asks for a cycle as soon as the current one (if any) ends. */
  request(): void {
    if (this.winding) return;
    if (this.running !== null) { this.again = true; return; }
    this.running = this.runCycles().finally(() => { this.running = null; });
  }

  private async runCycles(): Promise<void> {
    do {
      this.again = false;
      let report: CycleReport;
      try {
        report = await this.bridge.cycle({ shouldStop: () => this.winding });
      } catch (error) {
        this.log.error('cycle failed; the next one will try again', { error: (error as Error).message, stack: (error as Error).stack });
        continue;
      }
      for (const f of report.failures) this.log.warn('cycle step failed', { partner: f.partner, what: f.what, error: f.error });
      this.scheduleStableCheck(report.files.nextCheckMs);
      await this.scheduler?.runDue(() => this.winding);
    } while (this.again && !this.winding);
  }

  /** A file seen while still young is looked at again the moment it can be stable. */
  private scheduleStableCheck(ms: number | null): void {
    if (ms === null || this.winding) return;
    if (this.stableTimer !== null) clearTimeout(this.stableTimer);
    this.stableTimer = setTimeout(() => { this.stableTimer = null; this.request(); }, Math.max(20, Math.ceil(ms) + 20));
  }

  /** Finish the file in hand, stop watching, close the ledger. */
  async stop(): Promise<void> {
    if (this.stopping) return this.done;
    this.stopping = true;
    // A reload in progress finishes its swap first, so the bridge closed below is the one in force.
    await this.reloading?.catch(() => undefined);
    await this.detach();
    await this.running;
    await this.bridge.close();
    this.log.info('fcp-bridge stopped');
    this.stopped();
    return this.done;
  }
}
