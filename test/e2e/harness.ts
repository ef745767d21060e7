import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** End-to-end tests run the built CLI (`npm test` builds first) on a temp folder of their own. */
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(REPO, 'dist', 'cli', 'main.js');
export const FIXED_NOW = '2026-11-22T18:15:00Z';

export interface Workspace {
  dir: string;
  config: string;
  write(relative: string, content: string | Buffer, opts?: { aged?: boolean }): string;
  read(relative: string): string;
  list(relative: string): string[];
  cli(args: string[], env?: Record<string, string>): { status: number; signal: string | null; stdout: string; stderr: string };
  /** Starts the CLI in the background; its output is collected (an unread pipe would block it). */
  spawnCli(args: string[], env?: Record<string, string>): ChildProcess & { output: () => string };
  cleanup(): void;
}

export const SHIP_CODES = 'code,description,carrier\nUPSGRD,UPS Ground,UPS\nUPS2DA,UPS 2nd Day Air,UPS\nFDXHD,FedEx Home Delivery,FEDEX\nUSPSPRI,USPS Priority Mail,USPS\n';
export const CARRIERS = 'fcp_carrier,name,scac\nUPS,UPS,UPSN\nFEDEX,FedEx,FDEG\nUSPS,USPS,USPS\n';
export const ACME_SKUS = 'partner_sku,fcp_sku,quantity\nGIFTSET,101BC,1\nGIFTSET,102NR/B,2\n';
export const ACME_SHIP_METHODS = 'partner_method,fcp_code\nGround,UPSGRD\nStandard,USPSPRI\n';
export const ACME_ITEMS = 'sku,name,active,inventory\nWIDGET,Widget,yes,yes\nGIFTSET,Gift set,yes,yes\n';

/**
 * The config up to `partners:` — local folders, the FCP files as fcp-csv unless told, and the FCP
 * feed inboxes asked for (`inbox/fcp/inventory`, `inbox/fcp/shipments`).
 */
export function configHead(opts: { logLevel?: string; format?: 'fcp-csv' | 'fcp-xml'; inventoryFeed?: boolean; shipmentsFeed?: boolean } = {}): string {
  return `data_dir: var
timezone: America/Los_Angeles
log: { level: ${opts.logLevel ?? 'debug'} }
fcp:
  merchant_id: "10001"
  ship_codes: mappings/fcp-ship-codes.csv
  carriers: mappings/carriers.csv
  orders: { format: ${opts.format ?? 'fcp-csv'}, channel: { type: local, path: outbox/fcp/orders } }
${opts.inventoryFeed === true ? '  inventory: { channel: { type: local, path: inbox/fcp/inventory } }\n' : ''}${opts.shipmentsFeed === true ? '  shipments: { channel: { type: local, path: inbox/fcp/shipments } }\n' : ''}partners:
`;
}

/** A config written from SPEC §3: partner `acme`, local inbox, fcp-csv. `extra` is appended to the partner. */
export function acmeConfig(opts: { format?: 'fcp-csv' | 'fcp-xml'; prefix?: string; stableSecs?: number; extraPartnerYaml?: string } = {}): string {
  return `${configHead({ format: opts.format })}  - id: acme
    name: ACME Retail
    orders:
      channel: { type: local, path: inbox/acme, stable_secs: ${opts.stableSecs ?? 1}, poll_interval_secs: 1 }
      format: csv
      csv: { preset: standard }
      order_number_prefix: "${opts.prefix ?? ''}"
      max_order_age_days: 30
    mappings: { items: mappings/acme/items.csv, skus: mappings/acme/skus.csv, ship_methods: mappings/acme/ship-methods.csv }
${opts.extraPartnerYaml ?? ''}`;
}

/** Every file under a folder, recursively (to look for temporary leftovers or leaked text). */
export function allFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...allFiles(path));
    else out.push(path);
  }
  return out;
}

export function makeWorkspace(configText: string = acmeConfig()): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'fcp-bridge-e2e-'));
  const ws: Workspace = {
    dir,
    config: join(dir, 'fcp-bridge.yaml'),
    write(relative, content, opts = {}) {
      const path = join(dir, relative);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
      // Files dropped by tests are "old" so the stability check takes them at once.
      if (opts.aged !== false) utimesSync(path, new Date(Date.now() - 10_000), new Date(Date.now() - 10_000));
      return path;
    },
    read: (relative) => readFileSync(join(dir, relative), 'utf8'),
    list: (relative) => (existsSync(join(dir, relative)) ? readdirSync(join(dir, relative)).sort() : []),
    cli(args, env = {}) {
      const r = spawnSync(process.execPath, [CLI, ...args, '--config', ws.config], {
        cwd: dir, encoding: 'utf8', env: { ...process.env, FCP_BRIDGE_NOW: FIXED_NOW, ...env }, timeout: 60_000,
      });
      return { status: r.status ?? -1, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
    },
    spawnCli(args, env = {}) {
      const child = spawn(process.execPath, [CLI, ...args, '--config', ws.config], {
        cwd: dir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
      child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
      return Object.assign(child, { output: () => output });
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
  ws.write('fcp-bridge.yaml', configText);
  ws.write('mappings/fcp-ship-codes.csv', SHIP_CODES);
  ws.write('mappings/carriers.csv', CARRIERS);
  ws.write('mappings/acme/items.csv', ACME_ITEMS);
  ws.write('mappings/acme/skus.csv', ACME_SKUS);
  ws.write('mappings/acme/ship-methods.csv', ACME_SHIP_METHODS);
  mkdirSync(join(dir, 'inbox', 'acme'), { recursive: true });
  return ws;
}

export const ORDER_HEADER = 'order_number,order_date,ship_method,first_name,last_name,address1,city,state,postal_code,country,sku,quantity';

export function orderRow(number: string, fields: Partial<Record<'date' | 'ship' | 'first' | 'last' | 'address1' | 'city' | 'state' | 'zip' | 'country' | 'sku' | 'qty', string>> = {}): string {
  const f = { date: '2026-11-20', ship: 'Ground', first: 'Ada', last: 'Lovelace', address1: '12 Main St', city: 'Portland', state: 'OR', zip: '97201', country: 'US', sku: 'WIDGET', qty: '1', ...fields };
  return [number, f.date, f.ship, f.first, f.last, f.address1, f.city, f.state, f.zip, f.country, f.sku, f.qty].join(',');
}

/** Every data row of every FCP CSV output, as objects keyed by header. */
export function readFcpCsvRows(ws: Workspace, folder = 'outbox/fcp/orders'): { file: string; row: Record<string, string> }[] {
  const rows: { file: string; row: Record<string, string> }[] = [];
  for (const file of ws.list(folder).filter((f) => f.endsWith('.csv'))) {
    const [header, ...lines] = ws.read(join(folder, file)).split('\r\n').filter((l) => l !== '');
    const names = (header ?? '').split(',');
    for (const line of lines) {
      const cells = line.split(',');
      rows.push({ file, row: Object.fromEntries(names.map((n, i) => [n, cells[i] ?? ''])) });
    }
  }
  return rows;
}

export function ordersJson(ws: Workspace, extra: string[] = []): { partner: string; order_number: string; fcp_order_number: string; status: string; errors: string[] }[] {
  const r = ws.cli(['orders', '--json', ...extra]);
  if (r.status !== 0) throw new Error(`orders --json failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}
