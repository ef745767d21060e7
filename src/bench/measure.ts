/**
 * One measurement per process (`node dist/bench/measure.js <mode> <json args>`), so the peak RSS
 * it reports belongs to that measurement alone. Prints one JSON line: MeasureResult.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { readCsvOrders } from '../formats/csv/orders.js';
import { X12StreamParser, X12Tokenizer } from '../formats/x12/index.js';
import { readXmlOrders } from '../formats/xml/orders.js';
import { fcpSkuOf, inventoryCycle } from './inventory.js';

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
  'inventory-naive': async (args) => naiveInventory(args),
  'inventory-cycle': async ({ config }) => inventoryCycle(String(config)),
};

/** From the file system: reading the file again would spoil the peak RSS of a streaming run. */
function bytesSeen(file: string | number | undefined): number {
  return statSync(String(file)).size;
}

/**
 * The baseline of the inventory figures: the feed file parsed in memory, then per partner one Map
 * lookup per item component and a CSV line — the arithmetic alone, with no ledger, no item list,
 * no rules, no record of what was sent.
 */
async function naiveInventory(args: Record<string, string | number>): Promise<Omit<MeasureResult, 'maxRssMb'>> {
  const shape = { skus: Number(args.skus), partners: Number(args.partners), items: Number(args.items) };
  const text = readFileSync(String(args.feed), 'latin1');
  const start = performance.now();
  const good = new Map<string, number>();
  for (const line of text.split('\n').slice(1)) {
    if (line === '') continue;
    const [sku = '', , quantity = '0'] = line.split(',');
    good.set(sku, (good.get(sku) ?? 0) + Number(quantity));
  }
  let rows = 0;
  for (let p = 0; p < shape.partners; p += 1) {
    const out: string[] = ['sku,quantity\n'];
    for (let n = 0; n < shape.items; n += 1) {
      let q = Math.floor(good.get(fcpSkuOf(shape, p, n)) ?? 0);
      if (n % 50 === 0) q = Math.min(q, Math.floor((good.get(fcpSkuOf(shape, p, n + 1)) ?? 0) / 2));
      out.push(`P${p}-${n},${q}\n`);
    }
    rows += out.length - 1;
    if (out.join('').length === 0) throw new Error('unreachable: keeps the join from being optimised away');
  }
  return { ms: performance.now() - start, bytes: text.length, count: rows };
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
