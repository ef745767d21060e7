/**
 * End-to-end runs of the real CLI against SFTP servers. The in-process server and the proxy
 * share the test's event loop, so the CLI is always run asynchronously here (the harness's
 * `cli` uses spawnSync, which would freeze them); the harness's `cli` stays fine for commands
 * that only read the ledger (`orders`, `status`).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ACME_ITEMS, ACME_SHIP_METHODS, ACME_SKUS, CLI, FIXED_NOW, makeWorkspace, type Workspace } from '../e2e/harness.js';

export interface SftpEndpoint {
  port: number;
  fingerprints: string[];
  keyFile: string;
  path: string;
  username?: string;
  /** Extra flow-style keys, e.g. `after_download: "move:archive"`. */
  extra?: string;
}

export interface SftpWorkspaceOptions {
  /** acme's order inbox; local `inbox/acme` when absent. */
  inbox?: SftpEndpoint;
  /** fcp.orders channel; local `outbox/fcp/orders` when absent. */
  fcpOutbox?: SftpEndpoint;
  /** Adds partner `beta` with a local inbox `inbox/beta` (to show other partners keep flowing). */
  withLocalPartner?: boolean;
}

export function sftpChannelYaml(e: SftpEndpoint): string {
  return `{ type: sftp, host: 127.0.0.1, port: ${e.port}, username: ${e.username ?? 'bridge'}, private_key_file: "${e.keyFile}", `
    + `host_key_sha256: [${e.fingerprints.map((f) => `"${f}"`).join(', ')}], path: "${e.path}", poll_interval_secs: 1, stable_secs: 1, timeout_secs: 5`
    + `${e.extra === undefined ? '' : `, ${e.extra}`} }`;
}

function partnerYaml(id: string, name: string, channel: string): string {
  return `  - id: ${id}
    name: ${name}
    orders:
      channel: ${channel}
      format: csv
      csv: { preset: standard }
      max_order_age_days: 30
    mappings: { items: mappings/${id}/items.csv, skus: mappings/${id}/skus.csv, ship_methods: mappings/${id}/ship-methods.csv }
`;
}

export function sftpWorkspace(options: SftpWorkspaceOptions): Workspace {
  const fcpChannel = options.fcpOutbox === undefined ? '{ type: local, path: outbox/fcp/orders }' : sftpChannelYaml(options.fcpOutbox);
  const acmeChannel = options.inbox === undefined ? '{ type: local, path: inbox/acme, stable_secs: 0, poll_interval_secs: 1 }' : sftpChannelYaml(options.inbox);
  const config = `data_dir: var
timezone: America/Los_Angeles
log: { level: debug }
fcp:
  merchant_id: "10001"
  ship_codes: mappings/fcp-ship-codes.csv
  carriers: mappings/carriers.csv
  orders: { format: fcp-csv, channel: ${fcpChannel} }
partners:
${partnerYaml('acme', 'ACME Retail', acmeChannel)}${options.withLocalPartner === true ? partnerYaml('beta', 'Beta Shop', '{ type: local, path: inbox/beta, stable_secs: 0, poll_interval_secs: 1 }') : ''}`;
  const ws = makeWorkspace(config);
  if (options.withLocalPartner === true) {
    ws.write('mappings/beta/items.csv', ACME_ITEMS);
    ws.write('mappings/beta/skus.csv', ACME_SKUS);
    ws.write('mappings/beta/ship-methods.csv', ACME_SHIP_METHODS);
    mkdirSync(join(ws.dir, 'inbox', 'beta'), { recursive: true });
  }
  return ws;
}

export interface CliResult {
  status: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

/** The CLI without blocking this process's event loop (where the test servers run). */
export function runCli(ws: Workspace, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args, '--config', ws.config], {
      cwd: ws.dir, env: { ...process.env, FCP_BRIDGE_NOW: FIXED_NOW, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('close', (status, signal) => { clearTimeout(timer); resolve({ status, signal, stdout, stderr }); });
  });
}

export interface LogRecord {
  level: string;
  msg: string;
  [field: string]: unknown;
}

export function logRecords(output: string): LogRecord[] {
  return output.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as LogRecord);
}

/** Every data row of the FCP CSV files in a folder (on the server side), with the file name. */
export function fcpRows(folder: string): { file: string; order: string; sku: string; quantity: string }[] {
  const rows: { file: string; order: string; sku: string; quantity: string }[] = [];
  for (const file of listFolder(folder).filter((f) => f.endsWith('.csv'))) {
    const [header, ...lines] = readFileSync(join(folder, file), 'utf8').split('\r\n').filter((l) => l !== '');
    const names = (header ?? '').split(',');
    const at = (cells: string[], name: string): string => cells[names.indexOf(name)] ?? '';
    for (const line of lines) {
      const cells = line.split(',');
      rows.push({ file, order: at(cells, 'Order Number'), sku: at(cells, 'SKU'), quantity: at(cells, 'Quantity') });
    }
  }
  return rows;
}

export function listFolder(folder: string): string[] {
  try {
    return readdirSync(folder).sort();
  } catch {
    return [];
  }
}

/** The ledger's files table: what the bridge recorded for each file it took. */
export function ledgerFiles(ws: Workspace): { name: string; status: string }[] {
  const db = new Database(join(ws.dir, 'var', 'ledger.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT name, status FROM files ORDER BY id').all() as { name: string; status: string }[];
  } finally {
    db.close();
  }
}
