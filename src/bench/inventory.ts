/**
 * The inventory figures on the real bridge: a workspace with N partners, each with an items.csv
 * and a skus.csv of M items (every 50th a bundle of two FCP SKUs), and an FCP feed of S SKUs.
 * `run --once` takes the feed and writes every snapshot (the whole cycle); then, in a fresh
 * process, the snapshots alone are timed through the composition root (`inventory-cycle` in
 * measure.ts): the feed in the ledger, the mappings loaded, every partner's snapshot computed,
 * recorded and delivered.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigFile } from '../config/read.js';
import { systemClock } from '../daemon/clock.js';
import { createLogger } from '../daemon/logger.js';
import { Bridge } from '../daemon/main.js';
import { SliceWriter, skuName, writeInventoryFeedFile } from './generate.js';
import type { MeasureResult } from './measure.js';
import { measure, measureRounds } from './parsers.js';
import { limitTarget, reportOnly, type Figure } from './report.js';
import { cliIn, configHead, writeFiles } from './workspace.js';

export interface InventoryShape {
  skus: number;
  partners: number;
  items: number;
}

const partnerId = (p: number): string => `p${String(p + 1).padStart(2, '0')}`;

/** The FCP SKU behind a partner's n-th item: spread over the catalogue, different per partner. */
export function fcpSkuOf(shape: InventoryShape, p: number, n: number): string {
  return skuName(1 + ((p * 50_000 + n * 7) % shape.skus));
}

/** Config and mapping files for `shape.partners` inventory partners; the feed is left to the caller. */
export function writeInventoryWorkspace(dir: string, shape: InventoryShape): void {
  const partners = Array.from({ length: shape.partners }, (_, p) => `  - id: ${partnerId(p)}
    mappings: { items: mappings/${partnerId(p)}/items.csv, skus: mappings/${partnerId(p)}/skus.csv, ship_methods: mappings/ship-methods.csv }
    inventory: { schedule: "0 * * * *", format: csv, channel: { type: local, path: outbox/${partnerId(p)} } }
`).join('');
  const config = `${configHead('warn')}  inventory: { channel: { type: local, path: inbox/fcp/inventory, stable_secs: 0 } }
partners:
${partners}`;
  writeFiles(dir, {
    'fcp-bridge.yaml': config,
    'mappings/fcp-ship-codes.csv': 'code,description,carrier\nUPSGRD,UPS Ground,UPS\n',
    'mappings/carriers.csv': 'fcp_carrier,name,scac\nUPS,UPS,UPSN\n',
    'mappings/ship-methods.csv': 'partner_method,fcp_code\nGround,UPSGRD\n',
  });
  mkdirSync(join(dir, 'inbox', 'fcp', 'inventory'), { recursive: true });
  for (let p = 0; p < shape.partners; p += 1) {
    const folder = join(dir, 'mappings', partnerId(p));
    mkdirSync(folder, { recursive: true });
    mkdirSync(join(dir, 'outbox', partnerId(p)), { recursive: true });
    const items = new SliceWriter(join(folder, 'items.csv'));
    const skus = new SliceWriter(join(folder, 'skus.csv'));
    items.write('sku,name,active,inventory\n');
    skus.write('partner_sku,fcp_sku,quantity\n');
    for (let n = 0; n < shape.items; n += 1) {
      const sku = `${partnerId(p).toUpperCase()}-${n}`;
      items.write(`${sku},Item ${n},yes,yes\n`);
      skus.write(`${sku},${fcpSkuOf(shape, p, n)},1\n`);
      if (n % 50 === 0) skus.write(`${sku},${fcpSkuOf(shape, p, n + 1)},2\n`);
    }
    items.close();
    skus.close();
  }
}

/** Data rows of every snapshot file written, per partner folder (each must hold every item). */
function snapshotRows(dir: string, partners: number): number[] {
  return Array.from({ length: partners }, (_, p) => {
    const folder = join(dir, 'outbox', partnerId(p));
    return readdirSync(folder).filter((n) => n.endsWith('.csv'))
      .reduce((sum, n) => sum + readFileSync(join(folder, n), 'utf8').split('\n').filter((l) => l !== '').length - 1, 0);
  });
}

/** measure.ts `inventory-cycle`: every partner's snapshot once, through the composition root. */
export async function inventoryCycle(configPath: string): Promise<Omit<MeasureResult, 'maxRssMb'>> {
  const loaded = loadConfigFile(configPath);
  if (!loaded.ok) throw new Error(`bench config refused: ${JSON.stringify(loaded.problems[0])}`);
  const openStart = performance.now();
  const bridge = new Bridge(loaded.config, systemClock(), createLogger('warn', null, process.stderr));
  try {
    bridge.mappings.refresh();
    const openMs = performance.now() - openStart;
    const rssBeforeMb = Math.round(process.memoryUsage().rss / 2 ** 20);
    const start = performance.now();
    const outcomes = await bridge.inventory.runAll('sync');
    const ms = performance.now() - start;
    const bad = outcomes.filter((o) => o.status !== 'WRITTEN' || !o.delivered);
    if (bad.length > 0) throw new Error(`snapshot not written: ${bad[0]?.partner}: ${bad[0]?.message}`);
    return { ms, bytes: 0, count: outcomes.length, notes: { open_and_mappings_ms: Math.round(openMs), rss_before_snapshots_mb: rssBeforeMb } };
  } finally {
    await bridge.close();
  }
}

export async function inventoryFigures(dir: string, shape: InventoryShape, log: (line: string) => void): Promise<Figure[]> {
  const feed = join(dir, `feed-${shape.skus}.csv`);
  const facts = writeInventoryFeedFile(feed, { seed: 51, skuCount: shape.skus });
  const label = `${shape.partners} partners × ${shape.items / 1000}k items, ${shape.skus / 1000}k FCP SKUs`;
  log(`inventory: ${facts.rows.toLocaleString('en-US')} feed rows, ${shape.partners} partners × ${shape.items.toLocaleString('en-US')} items`);

  const wsDir = mkdtempSync(join(tmpdir(), 'fcp-bridge-bench-inventory-'));
  const config = join(wsDir, 'fcp-bridge.yaml');
  const cli = cliIn(wsDir, config);
  try {
    writeInventoryWorkspace(wsDir, shape);
    writeFileSync(join(wsDir, 'inbox', 'fcp', 'inventory', 'feed.csv'), readFileSync(feed));
    const whole = await cli.start(['run', '--once']).done;
    if (whole.code !== 0) throw new Error(`run --once on the inventory workspace exited ${whole.code}: ${whole.stderr.slice(0, 800)}`);
    const cycle = measure('inventory-cycle', { config });
    const rows = snapshotRows(wsDir, shape.partners);
    const complete = rows.every((r) => r === 2 * shape.items);
    const naive = measureRounds(['inventory-naive'] as const, { feed, partners: shape.partners, items: shape.items, skus: shape.skus }, 1)['inventory-naive'];
    const note = `${rows.reduce((a, b) => a + b, 0).toLocaleString('en-US')} rows in ${shape.partners * 2} files (two cycles)${complete ? '' : ' — ROWS MISSING'}; `
      + `bridge opened and mappings loaded in ${String(cycle.notes?.open_and_mappings_ms)} ms beforehand (${String(cycle.notes?.rss_before_snapshots_mb)} MB RSS)`;
    const secs = limitTarget({
      id: 'inventory.snapshot.secs', label: `Inventory snapshots, every partner once (computed, recorded, delivered), ${label}`, value: cycle.ms / 1000, unit: 's', better: 'lower',
      baseline: { label: 'naive map lookup, in memory', value: naive.ms / 1000 }, note,
    }, 10);
    return [
      complete ? secs : { ...secs, pass: false },
      limitTarget({
        id: 'inventory.snapshot.rss', label: `Inventory snapshots peak RSS (bridge process), ${label}`, value: cycle.maxRssMb, unit: 'MB', better: 'lower',
        baseline: { label: 'naive map lookup, in memory', value: naive.maxRssMb },
      }, 500),
      reportOnly({
        id: 'inventory.run_once.secs', label: `run --once: feed taken (${(facts.rows / 1e6).toFixed(1)}M rows) + every snapshot, ${label}`, value: whole.ms / 1000, unit: 's', better: 'lower',
        baseline: null, note: `peak RSS ${whole.maxRssMb?.toFixed(0) ?? '?'} MB; includes process start and loading ${shape.partners * 2} mapping files`,
      }),
    ];
  } finally {
    cli.cleanup();
  }
}
