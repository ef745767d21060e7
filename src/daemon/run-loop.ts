import chokidar, { type FSWatcher } from 'chokidar';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Log } from '../jobs/ports.js';
import type { Bridge, CycleReport } from './main.js';

/**
 * The daemon loop. Watcher events and timers only *request* a cycle; cycles never overlap,
 * and a request that arrives during one runs right after it. The periodic scan is the source of
 * truth (events can be missed on network mounts or when a folder is recreated).
 */
export class RunLoop {
  private watcher: FSWatcher | null = null;
  private timers: NodeJS.Timeout[] = [];
  private stableTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopping = false;
  private stopped!: () => void;
  readonly done: Promise<void> = new Promise((resolve) => { this.stopped = resolve; });

  constructor(private readonly bridge: Bridge, private readonly log: Log) {}

  async start(): Promise<void> {
    await this.bridge.recover();
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
    this.log.info('fcp-bridge running', { config: this.bridge.config.file, partners: this.bridge.config.partners.map((p) => p.id), scan_every_secs: everySecs });
    this.request();
  }

  /** Asks for a cycle as soon as the current one (if any) ends. */
  request(): void {
    if (this.stopping) return;
    if (this.running !== null) { this.again = true; return; }
    this.running = this.runCycles().finally(() => { this.running = null; });
  }

  private async runCycles(): Promise<void> {
    do {
      this.again = false;
      let report: CycleReport;
      try {
        report = await this.bridge.cycle({ shouldStop: () => this.stopping });
      } catch (error) {
        this.log.error('cycle failed; the next one will try again', { error: (error as Error).message, stack: (error as Error).stack });
        continue;
      }
      for (const f of report.failures) this.log.warn('cycle step failed', { partner: f.partner, what: f.what, error: f.error });
      this.scheduleStableCheck(report.files.nextCheckMs);
    } while (this.again && !this.stopping);
  }

  /** A file seen while still young is looked at again the moment it can be stable. */
  private scheduleStableCheck(ms: number | null): void {
    if (ms === null || this.stopping) return;
    if (this.stableTimer !== null) clearTimeout(this.stableTimer);
    this.stableTimer = setTimeout(() => { this.stableTimer = null; this.request(); }, Math.max(20, Math.ceil(ms) + 20));
  }

  /** Finish the file in hand, stop watching, close the ledger. */
  async stop(): Promise<void> {
    if (this.stopping) return this.done;
    this.stopping = true;
    for (const t of this.timers) clearInterval(t);
    if (this.stableTimer !== null) clearTimeout(this.stableTimer);
    await this.watcher?.close();
    await this.running;
    await this.bridge.close();
    this.log.info('fcp-bridge stopped');
    this.stopped();
    return this.done;
  }
}
