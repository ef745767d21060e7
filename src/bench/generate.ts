/**
 * Seeded generators of large, realistic inputs for the benchmarks. The same seed gives the same
 * bytes, so two runs (and the baseline and our code within one run) read identical files. Big
 * files are written in slices, never held whole.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

/** mulberry32: tiny, fast, good enough to vary names and quantities reproducibly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'John', 'Radia', 'Ken', 'Margaret', 'Linus'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Backus', 'Perlman', 'Thompson', 'Hamilton'];
const STREETS = ['Main St', 'Oak Ave', 'Pine Rd', 'Maple Dr', 'Cedar Ln', 'Elm St', 'Harbor Blvd', 'Market St'];
const CITIES: [string, string, string][] = [['Portland', 'OR', '97201'], ['Seattle', 'WA', '98101'], ['Austin', 'TX', '73301'], ['Denver', 'CO', '80202'], ['Boston', 'MA', '02108'], ['Chicago', 'IL', '60601']];

export interface OrderSpec {
  number: string;
  first: string;
  last: string;
  address1: string;
  city: string;
  state: string;
  zip: string;
  lines: { sku: string; quantity: number }[];
}

/** Orders with 1..maxLines lines each over `skuCount` SKUs named SKU000001…; deterministic per seed. */
export function* orders(seed: number, count: number, opts: { maxLines?: number; skuCount?: number; prefix?: string } = {}): Generator<OrderSpec> {
  const rnd = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const maxLines = opts.maxLines ?? 4;
  const skuCount = opts.skuCount ?? 5000;
  for (let i = 1; i <= count; i += 1) {
    const [city, state, zip] = pick(CITIES);
    const lines = Array.from({ length: 1 + Math.floor(rnd() * maxLines) }, (_, k) => ({
      sku: skuName(1 + ((i * 7 + k * 131 + Math.floor(rnd() * skuCount)) % skuCount)),
      quantity: 1 + Math.floor(rnd() * 9),
    }));
    yield {
      number: `${opts.prefix ?? 'PO'}${String(i).padStart(8, '0')}`,
      first: pick(FIRST), last: pick(LAST), address1: `${1 + Math.floor(rnd() * 9999)} ${pick(STREETS)}`, city, state, zip, lines,
    };
  }
}

export function skuName(n: number): string {
  return `SKU${String(n).padStart(7, '0')}`;
}

/** Appends text in ~1 MiB slices to a file. */
export class SliceWriter {
  private readonly fd: number;
  private parts: string[] = [];
  private length = 0;
  bytes = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(text: string): void {
    this.parts.push(text);
    this.length += text.length;
    if (this.length >= 1 << 20) this.flush();
  }

  close(): number {
    this.flush();
    closeSync(this.fd);
    return this.bytes;
  }

  private flush(): void {
    if (this.parts.length === 0) return;
    const buffer = Buffer.from(this.parts.join(''), 'latin1');
    writeSync(this.fd, buffer);
    this.bytes += buffer.length;
    this.parts = [];
    this.length = 0;
  }
}

export const X12_SENDER = 'ACMEEDI';
export const X12_RECEIVER = 'EFSBRIDGE';

function isa(control: string): string {
  const pad = (s: string, n: number): string => s.padEnd(n, ' ');
  return `ISA*00*${pad('', 10)}*00*${pad('', 10)}*ZZ*${pad(X12_SENDER, 15)}*ZZ*${pad(X12_RECEIVER, 15)}*261120*1015*U*00401*${control}*0*P*>`;
}

/** The segments of one 850 (VICS 004010 shape: BEG, REF, DTM, TD5, N1*ST loop, PO1+PID lines, CTT). */
function purchaseOrder850(order: OrderSpec, control: string): string[] {
  const segments = [
    `ST*850*${control}`,
    `BEG*00*SA*${order.number}**20261120`,
    'REF*DP*038',
    'REF*IA*000123456',
    'DTM*002*20261127',
    'TD5**2*UPSN*M*Ground',
    `N1*ST*${order.first} ${order.last}*92*0042`,
    `N3*${order.address1}`,
    `N4*${order.city}*${order.state}*${order.zip}*US`,
    'PER*IC*Receiving*TE*5035550100',
  ];
  order.lines.forEach((line, i) => {
    segments.push(`PO1*${i + 1}*${line.quantity}*EA*12.50*PE*SK*${line.sku}*UP*0123456${String(i).padStart(5, '0')}*VP*V-${line.sku}`);
    segments.push(`PID*F****Widget model ${line.sku.slice(-4)} in blue`);
  });
  segments.push(`CTT*${order.lines.length}`);
  segments.push(`SE*${segments.length + 1}*${control}`);
  return segments;
}

export interface X12FileFacts {
  bytes: number;
  sets: number;
  segments: number;
  lines: number;
}

/**
 * One interchange, one PO group, as many 850 sets as fit `targetBytes` (or `orderCount` sets).
 * Segments end in `~` plus LF, as most partners send them.
 */
export function writeX12_850File(path: string, opts: { seed: number; targetBytes?: number; orderCount?: number }): X12FileFacts {
  const out = new SliceWriter(path);
  const limit = opts.orderCount ?? Number.MAX_SAFE_INTEGER;
  const target = opts.targetBytes ?? Number.MAX_SAFE_INTEGER;
  let segments = 0;
  let sets = 0;
  let lines = 0;
  let written = 0;
  const emit = (segment: string): void => {
    out.write(`${segment}~\n`);
    written += segment.length + 2;
    segments += 1;
  };
  emit(isa('000000001'));
  emit('GS*PO*ACMEEDI*EFSBRIDGE*20261120*1015*1*X*004010');
  // Leave room for the trailers so the file ends close to the target.
  for (const order of orders(opts.seed, limit, { maxLines: 6 })) {
    if (written >= target - 64) break;
    sets += 1;
    lines += order.lines.length;
    for (const segment of purchaseOrder850(order, String(sets).padStart(9, '0'))) emit(segment);
  }
  emit(`GE*${sets}*1`);
  emit('IEA*1*000000001');
  return { bytes: out.close(), sets, segments, lines };
}

export const CSV_HEADER = 'order_number,order_date,ship_method,first_name,last_name,address1,city,state,postal_code,country,sku,quantity';

function csvRows(order: OrderSpec): string {
  return order.lines.map((l) => `${order.number},2026-11-20,Ground,${order.first},${order.last},${order.address1},${order.city},${order.state},${order.zip},US,${l.sku},${l.quantity}\n`).join('');
}

/** A standard-preset CSV order file with at least `lineCount` rows (whole orders). */
export function writeCsvOrdersFile(path: string, opts: { seed: number; lineCount?: number; orderCount?: number }): { bytes: number; orders: number; lines: number } {
  const out = new SliceWriter(path);
  out.write(`${CSV_HEADER}\n`);
  let count = 0;
  let lines = 0;
  for (const order of orders(opts.seed, opts.orderCount ?? Number.MAX_SAFE_INTEGER)) {
    if (opts.lineCount !== undefined && lines >= opts.lineCount) break;
    out.write(csvRows(order));
    count += 1;
    lines += order.lines.length;
  }
  return { bytes: out.close(), orders: count, lines };
}

/** One small CSV file per order (the latency run drops them one by one). */
export function singleOrderCsv(order: OrderSpec): string {
  return `${CSV_HEADER}\n${csvRows(order)}`;
}

/** An XML order document (root Orders) of `orderCount` orders. */
export function writeXmlOrdersFile(path: string, opts: { seed: number; orderCount: number }): { bytes: number; orders: number } {
  const out = new SliceWriter(path);
  out.write('<?xml version="1.0" encoding="UTF-8"?>\n<Orders>\n');
  let count = 0;
  for (const o of orders(opts.seed, opts.orderCount)) {
    count += 1;
    const items = o.lines.map((l) => `      <Item><Sku>${l.sku}</Sku><Quantity>${l.quantity}</Quantity><UnitPrice>12.50</UnitPrice></Item>\n`).join('');
    out.write(`  <Order>\n    <OrderNumber>${o.number}</OrderNumber>\n    <OrderDate>2026-11-20</OrderDate>\n    <ShippingMethod>Ground</ShippingMethod>\n`
      + `    <ShippingAddress>\n      <FirstName>${o.first}</FirstName>\n      <LastName>${o.last}</LastName>\n      <Address1>${o.address1}</Address1>\n`
      + `      <City>${o.city}</City>\n      <State>${o.state}</State>\n      <PostalCode>${o.zip}</PostalCode>\n      <Country>US</Country>\n    </ShippingAddress>\n`
      + `    <ItemList>\n${items}    </ItemList>\n  </Order>\n`);
  }
  out.write('</Orders>\n');
  return { bytes: out.close(), orders: count };
}

/** An FCP inventory export: `skuCount` SKUs, each in one of two warehouses (some in both). */
export function writeInventoryFeedFile(path: string, opts: { seed: number; skuCount: number }): { bytes: number; rows: number } {
  const rnd = seededRandom(opts.seed);
  const out = new SliceWriter(path);
  out.write('sku,warehouse,good,hurt,allocated,as_of\n');
  let rows = 0;
  for (let i = 1; i <= opts.skuCount; i += 1) {
    const sku = skuName(i);
    out.write(`${sku},EAST,${Math.floor(rnd() * 500)},${Math.floor(rnd() * 3)},${Math.floor(rnd() * 20)},2026-11-20T08:00:00Z\n`);
    rows += 1;
    if (i % 10 === 0) {
      out.write(`${sku},WEST,${Math.floor(rnd() * 200)},0,0,2026-11-20T08:00:00Z\n`);
      rows += 1;
    }
  }
  return { bytes: out.close(), rows };
}
