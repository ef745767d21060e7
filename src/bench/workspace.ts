/**
 * A throw-away bridge installation for the end-to-end figures: config, mappings and folders in a
 * temp folder, and the real CLI run on it in a child process whose peak RSS is recorded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { X12_RECEIVER, X12_SENDER } from './generate.js';

const HERE = dirname(fileURLToPath(import.meta.url));
/** dist/bench/cli-with-rss.js: the CLI, reporting its own peak RSS when it exits. */
const CLI_WITH_RSS = join(HERE, 'cli-with-rss.js');
/** Inside the orders' 30-day history window of the generated order dates (2026-11-20). */
export const BENCH_NOW = '2026-11-22T18:15:00Z';

export interface BenchWorkspace {
  dir: string;
  config: string;
  inbox: string;
  outbox: string;
  /** Starts the CLI; `done` resolves with its exit code, wall time and peak RSS. */
  start(args: string[], env?: Record<string, string>): { child: ChildProcess; done: Promise<CliRun> };
  cleanup(): void;
}

export interface CliRun {
  code: number | null;
  ms: number;
  maxRssMb: number | null;
  stderr: string;
}

export function benchWorkspace(opts: { format: 'csv' | 'x12'; stableSecs: number; logLevel?: string }): BenchWorkspace {
  const dir = mkdtempSync(join(tmpdir(), 'fcp-bridge-bench-'));
  const x12 = opts.format === 'x12'
    ? `    x12: { our_qualifier: ZZ, our_id: ${X12_RECEIVER}, partner_qualifier: ZZ, partner_id: ${X12_SENDER}, ack_channel: { type: local, path: outbox/acme } }\n`
    : '';
  const config = `${configHead(opts.logLevel ?? 'info')}partners:
  - id: acme
    name: ACME Retail
    orders:
      channel: { type: local, path: inbox/acme, stable_secs: ${opts.stableSecs}, poll_interval_secs: 1 }
      format: ${opts.format}
      max_order_age_days: 30
    mappings: { skus: mappings/acme/skus.csv, ship_methods: mappings/acme/ship-methods.csv }
${x12}`;
  const files: Record<string, string> = {
    'fcp-bridge.yaml': config,
    'mappings/fcp-ship-codes.csv': 'code,description,carrier\nUPSGRD,UPS Ground,UPS\n',
    'mappings/carriers.csv': 'fcp_carrier,name,scac\nUPS,UPS,UPSN\n',
    // No rows: every partner SKU is its own FCP SKU.
    'mappings/acme/skus.csv': 'partner_sku,fcp_sku,quantity\n',
    'mappings/acme/ship-methods.csv': 'partner_method,fcp_code\nGround,UPSGRD\nUPSN,UPSGRD\n',
  };
  writeFiles(dir, files);
  const inbox = join(dir, 'inbox', 'acme');
  const outbox = join(dir, 'outbox', 'fcp', 'orders');
  mkdirSync(inbox, { recursive: true });
  mkdirSync(outbox, { recursive: true });
  const configPath = join(dir, 'fcp-bridge.yaml');

  return { dir, config: configPath, inbox, outbox, ...cliIn(dir, configPath) };
}

/** The config's top and its `fcp:` section up to `orders` (a caller may add feeds below it). */
export function configHead(logLevel: string): string {
  return `data_dir: var
timezone: America/Los_Angeles
log: { level: ${logLevel} }
limits: { max_file_bytes: 268435456 }
fcp:
  merchant_id: "10001"
  ship_codes: mappings/fcp-ship-codes.csv
  carriers: mappings/carriers.csv
  orders: { format: fcp-csv, channel: { type: local, path: outbox/fcp/orders } }
`;
}

/** Small files of a workspace, by path relative to `dir`. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

/** The CLI in a workspace folder, with `FCP_BRIDGE_NOW` at BENCH_NOW; `cleanup` removes the folder. */
export function cliIn(dir: string, configPath: string): Pick<BenchWorkspace, 'start' | 'cleanup'> {
  return {
    start(args: string[], env: Record<string, string> = {}) {
      const rssFile = join(dir, `.rss-${Date.now()}-${Math.random().toString(16).slice(2)}`);
      const started = performance.now();
      const child = spawn(process.execPath, [CLI_WITH_RSS, ...args, '--config', configPath], {
        cwd: dir, stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, FCP_BRIDGE_NOW: BENCH_NOW, FCP_BENCH_RSS_FILE: rssFile, ...env },
      });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
      const done = new Promise<CliRun>((resolveRun) => {
        child.once('close', (code) => {
          let maxRssMb: number | null = null;
          try { maxRssMb = Number(readFileSync(rssFile, 'utf8')); } catch { /* killed before it could say */ }
          resolveRun({ code, ms: performance.now() - started, maxRssMb, stderr });
        });
      });
      return { child, done };
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Every order number in the FCP CSV files of a folder, per file. */
export function fcpOrderNumbers(text: string): string[] {
  const numbers = new Set<string>();
  const lines = text.split('\r\n');
  for (let i = 1; i < lines.length; i += 1) {
    const line = lines[i] as string;
    if (line === '') continue;
    numbers.add(line.slice(0, line.indexOf(',')));
  }
  return [...numbers];
}

export const REPO_ROOT = resolve(HERE, '..', '..');
