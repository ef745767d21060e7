/**
 * `npm run bench` — every figure with its ratio to a baseline measured in the same run on the
 * same input; writes proof/bench.json. Not part of `npm test` (minutes, large temp files).
 *   --quick        smaller inputs (about a minute); the default takes a few minutes on 2 cores
 *   --only=a,b     some sections: x12, csv, xml, inventory, e2e, latency
 *   --out=FILE     where the JSON goes (default proof/bench.json)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dropLatency, runOnceThroughput } from './end-to-end.js';
import { inventoryFigures } from './inventory.js';
import { csvFigures, x12Figures, xmlFigures } from './parsers.js';
import { currentLoad, describeMachine, FIGURE_HEADER, figureRows, limitTarget, ratioOf, renderTable, reportOnly, type Figure } from './report.js';
import { REPO_ROOT } from './workspace.js';

export const SECTIONS = ['x12', 'csv', 'xml', 'inventory', 'e2e', 'latency'] as const;
type Section = (typeof SECTIONS)[number];

interface Sizes {
  x12Mib: number[];
  csvLines: number;
  xmlOrders: number;
  inventory: { skus: number; partners: number; items: number };
  e2eOrders: number;
  latencyFiles: number;
  repeats: number;
}

const FULL: Sizes = { x12Mib: [50, 200], csvLines: 1_000_000, xmlOrders: 50_000, inventory: { skus: 1_000_000, partners: 20, items: 100_000 }, e2eOrders: 20_000, latencyFiles: 500, repeats: 3 };
const QUICK: Sizes = { x12Mib: [20], csvLines: 200_000, xmlOrders: 10_000, inventory: { skus: 200_000, partners: 5, items: 20_000 }, e2eOrders: 5_000, latencyFiles: 200, repeats: 3 };
const LATENCY_INTERVAL_MS = 20;
const LATENCY_STABLE_SECS = 1;

export interface BenchReport {
  variant: 'full' | 'quick';
  started_at: string;
  seconds: number;
  machine: ReturnType<typeof describeMachine>;
  figures: (Figure & { ratio: number | null })[];
}

export async function runBench(opts: { quick: boolean; only: readonly Section[]; log: (line: string) => void }): Promise<BenchReport> {
  const sizes = opts.quick ? QUICK : FULL;
  const machine = describeMachine();
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'fcp-bridge-bench-data-'));
  const figures: Figure[] = [];
  const want = (s: Section): boolean => opts.only.includes(s);
  try {
    if (want('x12')) {
      // One round at 200 MiB (about 40 s a round): enough, since the modes alternate within it.
      for (const mib of sizes.x12Mib) figures.push(...x12Figures(dir, mib, mib >= 200 ? 1 : sizes.repeats, opts.log));
    }
    if (want('csv')) figures.push(...csvFigures(dir, sizes.csvLines, 1, opts.log));
    if (want('xml')) figures.push(...xmlFigures(dir, sizes.xmlOrders, sizes.repeats, opts.log));
    if (want('inventory')) figures.push(...(await inventoryFigures(dir, sizes.inventory, opts.log)));
    if (want('e2e')) figures.push(...(await endToEndFigures(sizes.e2eOrders, opts.log)));
    if (want('latency')) figures.push(...(await latencyFigures(sizes.latencyFiles, opts.log)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  machine.load_at_end = currentLoad();
  return {
    variant: opts.quick ? 'quick' : 'full',
    started_at: new Date(started).toISOString(),
    seconds: Math.round((Date.now() - started) / 1000),
    machine,
    figures: figures.map((f) => ({ ...f, ratio: ratioOf(f) })),
  };
}

async function endToEndFigures(count: number, log: (line: string) => void): Promise<Figure[]> {
  log(`end to end: run --once on ${count.toLocaleString('en-US')} orders as X12 850, then as CSV`);
  const x12 = await runOnceThroughput('x12', count, 61);
  const csv = await runOnceThroughput('csv', count, 61);
  const whole = x12.delivered === count && csv.delivered === count;
  const figure = reportOnly({
    id: 'e2e.x12.orders_per_sec', label: `X12 850 file → ledger → FCP file (run --once), ${count.toLocaleString('en-US')} orders`,
    value: x12.ordersPerSec, unit: 'orders/s', better: 'higher',
    baseline: { label: 'same orders as CSV', value: csv.ordersPerSec },
    note: `${x12.delivered}/${count} orders in FCP files (CSV ${csv.delivered}); includes process start, ledger fsyncs and the 997; peak RSS ${x12.maxRssMb?.toFixed(0) ?? '?'} MB (CSV ${csv.maxRssMb?.toFixed(0) ?? '?'} MB)${whole ? '' : ' — ORDERS MISSING'}`,
  });
  // No speed target of its own (the X12 speed target is the parser's, above); a lost order still fails it.
  return [whole ? figure : { ...figure, target: 'every order delivered', pass: false }];
}

async function latencyFigures(files: number, log: (line: string) => void): Promise<Figure[]> {
  log(`latency: ${files} single-order files dropped ${LATENCY_INTERVAL_MS} ms apart into the daemon's inbox (stable_secs ${LATENCY_STABLE_SECS})`);
  const l = await dropLatency(files, LATENCY_INTERVAL_MS, LATENCY_STABLE_SECS);
  const whole = l.missing === 0 && l.doubled === 0;
  const shape = `${files} files ${LATENCY_INTERVAL_MS} ms apart, stable_secs ${LATENCY_STABLE_SECS}`;
  const note = `${files - l.missing}/${files} orders seen, ${l.doubled} in two files; daemon peak RSS ${l.maxRssMb?.toFixed(0) ?? '?'} MB`;
  const p95 = limitTarget({ id: 'latency.p95_ms', label: `Drop → FCP file p95 (run), ${shape}`, value: l.p95, unit: 'ms', better: 'lower', baseline: null, note }, 2000);
  return [
    { id: 'latency.p50_ms', label: `Drop → FCP file p50 (run), ${shape}`, value: l.p50, unit: 'ms', better: 'lower', baseline: null, target: null, pass: null },
    { ...p95, pass: p95.pass === true && whole },
    { id: 'latency.max_ms', label: `Drop → FCP file max (run), ${shape}`, value: l.max, unit: 'ms', better: 'lower', baseline: null, target: null, pass: null },
  ];
}

export function printFigures(figures: readonly Figure[]): string {
  const table = renderTable(FIGURE_HEADER, figureRows(figures));
  const notes = figures.filter((f) => f.note !== undefined).map((f) => `  ${f.label}: ${f.note}`);
  return `${table}\n\nnotes:\n${notes.join('\n')}\n`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, out: { type: 'string' } } });
  const only = values.only === undefined ? SECTIONS : values.only.split(',').map((s) => s.trim()) as Section[];
  const unknown = only.filter((s) => !SECTIONS.includes(s));
  if (unknown.length > 0) throw new Error(`unknown section(s) ${unknown.join(', ')}; one of ${SECTIONS.join(', ')}`);
  const log = (line: string): void => { process.stderr.write(`bench: ${line}\n`); };
  const report = await runBench({ quick: values.quick, only, log });
  const out = resolve(values.out ?? join(REPO_ROOT, 'proof', 'bench.json'));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  const m = report.machine;
  process.stdout.write(`fcp-bridge bench (${report.variant}), ${m.cpus} × ${m.cpu}, ${m.memory_gib} GiB, Node ${m.node}; load ${m.load_at_start.join(' ')} → ${m.load_at_end?.join(' ') ?? '?'}; ${report.seconds} s\n\n`);
  process.stdout.write(printFigures(report.figures));
  const misses = report.figures.filter((f) => f.pass === false);
  process.stdout.write(`\n${report.figures.filter((f) => f.pass === true).length} targets met, ${misses.length} missed${misses.length > 0 ? `: ${misses.map((f) => f.id).join(', ')}` : ''}; written to ${out}\n`);
}

// Imported by the proof runner for runBench; run as a program only when it is the entry point.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  });
}
