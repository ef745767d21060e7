/**
 * One measurement per process (`node dist/bench/measure.js <mode> <json args>`), so the peak RSS
 * it reports belongs to that measurement alone. Prints one JSON line: MeasureResult.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { readCsvOrders } from '../formats/csv/orders.js';
import { readInventoryFeed } from '../formats/fcp/inventory-feed.js';
import { X12StreamParser, X12Tokenizer } from '../formats/x12/index.js';
import { readXmlOrders } from '../formats/xml/orders.js';
import { planInventorySnapshot, type SentLine, type SnapshotFeed, type SnapshotItem, type SnapshotSkuMap } from '../jobs/inventory-snapshot/plan.js';
import { renderInventorySnapshot } from '../jobs/inventory-snapshot/writers.js';
import { skuName } from './generate.js';

export interface MeasureResult {
  ms: number;
  /** Input bytes (0 when the measurement has none). */
  bytes: number;
  /** What was counted: segments, sets, orders, records, rows… */
  count: number;
  maxRssMb: number;
  /** Extra facts for the report (e.g. rejected sets, a second count). */
  notes?: Record<string, number | string>;
}

const CHUNK = 64 * 1024;
type Mode = (args: Record<string, string | number>) => Promise<Omit<MeasureResult, 'maxRssMb'>>;

const MODES: Record<string, Mode> = {
  /** Our tokenizer alone, fed by a file stream. */
  'x12-tokenizer': async ({ file }) => {
    const tokenizer = new X12Tokenizer();
    let segments = 0;
    const start = performance.now();
    for await (const chunk of createReadStream(String(file), { highWaterMark: CHUNK })) {
      for (const e of tokenizer.push(chunk as Buffer)) if (e.type === 'segment') segments += 1;
    }
    for (const e of tokenizer.end()) if (e.type === 'segment') segments += 1;
    return { ms: performance.now() - start, bytes: bytesSeen(file), count: segments };
  },
  /** Tokenizer + envelope validator: every count and control number checked. */
  'x12-parser': async ({ file }) => {
    const parser = new X12StreamParser();
    let sets = 0;
    let rejected = 0;
    const tally = (events: ReturnType<X12StreamParser['push']>): void => {
      for (const e of events) {
        if (e.type !== 'transaction-set') continue;
        sets += 1;
        if (!e.set.accepted) rejected += 1;
      }
    };
    const start = performance.now();
    for await (const chunk of createReadStream(String(file), { highWaterMark: CHUNK })) tally(parser.push(chunk as Buffer));
    tally(parser.end());
    return { ms: performance.now() - start, bytes: bytesSeen(file), count: sets, notes: { rejected_sets: rejected } };
  },
  /** node-x12 1.7's Transform stream (segments only; it has no envelope checks). */
  'x12-nodex12': async ({ file }) => {
    // Loaded here only, so the other measurements' RSS does not carry it.
    const { X12Parser } = await import('node-x12');
    return new Promise((resolve, reject) => {
      let segments = 0;
      const start = performance.now();
      const parser = new X12Parser(false);
      createReadStream(String(file), { highWaterMark: CHUNK }).pipe(parser)
        .on('data', () => { segments += 1; })
        .on('error', reject)
        .on('end', () => resolve({ ms: performance.now() - start, bytes: bytesSeen(file), count: segments }));
    });
  },
  /** The naive reference: whole file as one string, split on the terminator, then on the separator. */
  'x12-naive': async ({ file }) => {
    const start = performance.now();
    const text = readFileSync(String(file), 'latin1');
    let segments = 0;
    let elements = 0;
    for (const segment of text.split('~')) {
      if (segment.trim() === '') continue;
      segments += 1;
      elements += segment.split('*').length;
    }
    return { ms: performance.now() - start, bytes: text.length, count: segments, notes: { elements } };
  },
  'csv-ours': async ({ file }) => {
    const bytes = readFileSync(String(file));
    const start = performance.now();
    const result = readCsvOrders(bytes, { preset: 'standard', columns: null, delimiter: ',', date_format: 'auto' });
    const ms = performance.now() - start;
    if (!result.ok) throw new Error(`readCsvOrders refused the file: ${result.problem.message}`);
    return { ms, bytes: bytes.length, count: result.orders.length, notes: { lines: result.orders.reduce((n, o) => n + o.lines.length, 0) } };
  },
  'csv-raw': async ({ file }) => {
    // A dev dependency since the product's own reader replaced it: loaded here only, like node-x12.
    const { parse: parseCsv } = await import('csv-parse/sync');
    const bytes = readFileSync(String(file));
    const start = performance.now();
    const records = parseCsv(bytes, { bom: true }) as string[][];
    return { ms: performance.now() - start, bytes: bytes.length, count: records.length - 1 };
  },
  'xml-ours': async ({ file }) => {
    const bytes = readFileSync(String(file));
    const start = performance.now();
    const result = readXmlOrders(bytes, { maxBytes: bytes.length + 1 });
    const ms = performance.now() - start;
    if (!result.ok) throw new Error(`readXmlOrders refused the file: ${result.problem.message}`);
    return { ms, bytes: bytes.length, count: result.orders.length };
  },
  'xml-raw': async ({ file }) => {
    const bytes = readFileSync(String(file));
    const start = performance.now();
    // The same decoding step ours has (bytes → text), then fast-xml-parser with values kept as strings.
    const doc = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'Order' || name === 'Item' }).parse(bytes.toString('utf8')) as { Orders?: { Order?: unknown[] } };
    return { ms: performance.now() - start, bytes: bytes.length, count: doc.Orders?.Order?.length ?? 0 };
  },
  'inventory-plan': async (args) => inventory(args, false),
  'inventory-naive': async (args) => inventory(args, true),
};

/** From the file system: reading the file again would spoil the peak RSS of a streaming run. */
function bytesSeen(file: string | number | undefined): number {
  return statSync(String(file)).size;
}

/**
 * The FCP feed is read (as intake does), then every partner's snapshot is planned and rendered as
 * CSV. The naive variant computes the same quantities with one Map lookup per item and no
 * explanations: what the plan's bookkeeping costs on top of the arithmetic.
 */
async function inventory(args: Record<string, string | number>, naive: boolean): Promise<Omit<MeasureResult, 'maxRssMb'>> {
  const partners = Number(args.partners);
  const itemsPerPartner = Number(args.items);
  const skuCount = Number(args.skus);
  const text = readFileSync(String(args.feed));
  const feedStart = performance.now();
  const read = readInventoryFeed(text, { now: new Date('2026-11-22T18:15:00Z'), timezone: 'America/Los_Angeles' });
  const feedMs = performance.now() - feedStart;
  if (!read.ok) throw new Error(`feed refused: ${read.problem.message}`);
  const feed: SnapshotFeed = { id: 1, asOf: read.feed.asOf ?? '2026-11-20T08:00:00.000Z', rows: read.feed.rows };
  const rssAfterFeedMb = Math.round(process.memoryUsage().rss / 2 ** 20);
  const start = performance.now();
  let rows = 0;
  let outputBytes = 0;
  for (let p = 0; p < partners; p += 1) {
    const fcpOf = (n: number): string => skuName(1 + ((p * 50_000 + n * 7) % skuCount));
    const items: SnapshotItem[] = Array.from({ length: itemsPerPartner }, (_, n) => ({ sku: `P${p}-${n}`, name: `Item ${n}`, status: 'ACTIVE', inventory: true }));
    // Every 50th item is a bundle of two FCP SKUs; the rest map one to one.
    const resolve = (partnerSku: string): { fcpSku: string; quantity: number }[] => {
      const n = Number(partnerSku.slice(partnerSku.indexOf('-') + 1));
      return n % 50 === 0 ? [{ fcpSku: fcpOf(n), quantity: 1 }, { fcpSku: fcpOf(n + 1), quantity: 2 }] : [{ fcpSku: fcpOf(n), quantity: 1 }];
    };
    const skuMap: SnapshotSkuMap = { resolve, isBundle: (s) => resolve(s).length > 1 };
    const sent: SentLine[] = Array.from({ length: 2000 }, (_, i) => ({
      partner: `p${p}`, orderNumber: `O${i}`, fcpOrderNumber: `O${i}`, fcpSku: fcpOf(i * 13), quantity: 1 + (i % 3), sentAt: '2026-11-21T00:00:00.000Z', output: 'x',
    }));
    if (naive) {
      const good = new Map<string, number>();
      for (const r of feed.rows) good.set(r.sku, (good.get(r.sku) ?? 0) + r.good);
      for (const l of sent) good.set(l.fcpSku, (good.get(l.fcpSku) ?? 0) - l.quantity);
      const out: string[] = [];
      for (const item of items) {
        const q = Math.min(...resolve(item.sku).map((c) => Math.floor(Math.max(0, good.get(c.fcpSku) ?? 0) / c.quantity)));
        out.push(`${item.sku},${q}\n`);
      }
      rows += out.length;
      outputBytes += out.join('').length;
      continue;
    }
    const plan = planInventorySnapshot(feed, items, skuMap, null, sent, { warehouse: 'all', minimumLevel: 0, bundles: 'compute' });
    if (!plan.ok) throw new Error(plan.error);
    const rendered = renderInventorySnapshot('csv', { rows: plan.rows, asOf: plan.asOf, at: new Date(), timezone: 'UTC', x12: null });
    rows += plan.rows.length;
    outputBytes += rendered.content.length;
  }
  return { ms: performance.now() - start, bytes: text.length, count: rows, notes: { feed_rows: feed.rows.length, feed_read_ms: Math.round(feedMs), rss_after_feed_mb: rssAfterFeedMb, output_bytes: outputBytes } };
}

async function main(): Promise<void> {
  const [mode = '', json = '{}'] = process.argv.slice(2);
  const run = MODES[mode];
  if (run === undefined) throw new Error(`unknown mode '${mode}'; one of ${Object.keys(MODES).join(', ')}`);
  const result = await run(JSON.parse(json) as Record<string, string | number>);
  // maxRSS is the high-water mark of this whole process, in KiB.
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ ...result, maxRssMb })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
