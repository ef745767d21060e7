/**
 * Whole-bridge figures on the real CLI: `run --once` on one big order file (file → ledger → FCP
 * file), and the daemon's latency from a file's arrival to the FCP file holding its order.
 */
import { existsSync, readdirSync, readFileSync, renameSync, utimesSync, watch, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { orders, singleOrderCsv, writeCsvOrdersFile, writeX12_850File } from './generate.js';
import { benchWorkspace, fcpOrderNumbers } from './workspace.js';

export interface RunOnceFigure {
  orders: number;
  bytes: number;
  ms: number;
  ordersPerSec: number;
  maxRssMb: number | null;
  /** Orders found in the FCP files: must equal `orders`. */
  delivered: number;
}

/** `run --once` over one file of `orderCount` orders in the partner's format. */
export async function runOnceThroughput(format: 'csv' | 'x12', orderCount: number, seed: number): Promise<RunOnceFigure> {
  const ws = benchWorkspace({ format, stableSecs: 0 });
  try {
    const file = join(ws.inbox, format === 'x12' ? 'po-batch.edi' : 'po-batch.csv');
    const bytes = format === 'x12' ? writeX12_850File(file, { seed, orderCount }).bytes : writeCsvOrdersFile(file, { seed, orderCount }).bytes;
    const run = await ws.start(['run', '--once']).done;
    if (run.code !== 0) throw new Error(`run --once (${format}) exited ${run.code}: ${run.stderr.slice(0, 500)}`);
    let delivered = 0;
    for (const name of readdirSync(ws.outbox)) delivered += fcpOrderNumbers(readFileSync(join(ws.outbox, name), 'utf8')).length;
    return { orders: orderCount, bytes, ms: run.ms, ordersPerSec: orderCount / (run.ms / 1000), maxRssMb: run.maxRssMb, delivered };
  } finally {
    ws.cleanup();
  }
}

export interface LatencyFigure {
  files: number;
  intervalMs: number;
  stableSecs: number;
  p50: number;
  p95: number;
  max: number;
  /** Orders never seen in an FCP file before the deadline (must be 0). */
  missing: number;
  /** Orders seen in more than one FCP file (must be 0). */
  doubled: number;
  maxRssMb: number | null;
}

/**
 * Drops `count` single-order files into the watched inbox of a running daemon, one every
 * `intervalMs`, each by a rename (the way partners should deliver), and times drop → FCP file.
 * Files are written in a staging folder beforehand and aged past `stable_secs`, so the figure is
 * the bridge's reaction, not the stability wait.
 */
export async function dropLatency(count: number, intervalMs: number, stableSecs: number): Promise<LatencyFigure> {
  const ws = benchWorkspace({ format: 'csv', stableSecs });
  const staging = join(ws.dir, 'staging');
  mkdirSync(staging, { recursive: true });
  const numbers: string[] = [];
  const old = new Date(Date.now() - (stableSecs + 5) * 1000);
  let i = 0;
  for (const order of orders(7, count, { maxLines: 2, prefix: 'LAT' })) {
    i += 1;
    const path = join(staging, `po-${String(i).padStart(5, '0')}.csv`);
    writeFileSync(path, singleOrderCsv(order));
    utimesSync(path, old, old);
    numbers.push(order.number);
  }
  const dropped = new Map<string, number>();
  const seen = new Map<string, number>();
  const seenIn = new Map<string, Set<string>>();
  const readFiles = new Set<string>();
  const look = (): void => {
    const now = performance.now();
    for (const name of readdirSync(ws.outbox)) {
      if (name.startsWith('.') || readFiles.has(name)) continue;
      readFiles.add(name);
      for (const n of fcpOrderNumbers(readFileSync(join(ws.outbox, name), 'utf8'))) {
        if (!seen.has(n)) seen.set(n, now);
        seenIn.set(n, (seenIn.get(n) ?? new Set()).add(name));
      }
    }
  };
  const watcher = watch(ws.outbox, () => look());
  const poller = setInterval(look, 25);
  const { child, done } = ws.start(['run']);
  try {
    await waitUntil(() => existsSync(join(ws.dir, 'var', 'ledger.sqlite')), 20_000);
    await sleep(1000); // the watcher is armed once recovery is done
    for (const [k, n] of numbers.entries()) {
      renameSync(join(staging, `po-${String(k + 1).padStart(5, '0')}.csv`), join(ws.inbox, `po-${String(k + 1).padStart(5, '0')}.csv`));
      dropped.set(n, performance.now());
      await sleep(intervalMs);
    }
    await waitUntil(() => { look(); return seen.size >= numbers.length; }, 60_000).catch(() => undefined);
  } finally {
    watcher.close();
    clearInterval(poller);
    child.kill('SIGTERM');
  }
  const run = await done;
  ws.cleanup();
  const latencies = numbers.flatMap((n) => {
    const at = seen.get(n);
    const from = dropped.get(n);
    return at === undefined || from === undefined ? [] : [at - from];
  }).sort((a, b) => a - b);
  const pct = (p: number): number => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? Number.NaN;
  return {
    files: count, intervalMs, stableSecs, p50: pct(50), p95: pct(95), max: latencies.at(-1) ?? Number.NaN,
    missing: numbers.length - latencies.length, doubled: [...seenIn.values()].filter((s) => s.size > 1).length, maxRssMb: run.maxRssMb,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function waitUntil(test: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > until) throw new Error('timed out');
    await sleep(10);
  }
}
