/**
 * Reader figures: each measurement runs in its own child (measure.ts) on a file generated once,
 * and its baseline runs on the very same file in the same run.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCsvOrdersFile, writeX12_850File, writeXmlOrdersFile } from './generate.js';
import type { MeasureResult } from './measure.js';
import { limitTarget, ratioTarget, reportOnly, type Figure } from './report.js';

const MEASURE = join(dirname(fileURLToPath(import.meta.url)), 'measure.js');
const MIB = 2 ** 20;

/** Runs one measurement in a fresh process. */
export function measure(mode: string, args: Record<string, string | number>): MeasureResult {
  // Default heap settings for every child: a bigger limit would let V8 grow lazily and inflate RSS.
  const r = spawnSync(process.execPath, [MEASURE, mode, JSON.stringify(args)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`measure ${mode} failed (${r.status ?? r.signal}): ${r.stderr.slice(-800)}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as MeasureResult;
}

/**
 * Several modes on one input, `repeats` rounds, the modes taking turns within each round (ours,
 * baseline, ours, baseline, …) so that a change of machine load falls on both sides of a ratio;
 * each mode's median run by time is kept.
 */
export function measureRounds<M extends string>(modes: readonly M[], args: Record<string, string | number>, repeats: number): Record<M, MeasureResult> {
  const runs = new Map<M, MeasureResult[]>(modes.map((m) => [m, []]));
  for (let round = 0; round < repeats; round += 1) {
    for (const mode of modes) runs.get(mode)?.push(measure(mode, args));
  }
  const median = (list: MeasureResult[]): MeasureResult => [...list].sort((a, b) => a.ms - b.ms)[Math.floor(list.length / 2)] as MeasureResult;
  return Object.fromEntries(modes.map((m) => [m, median(runs.get(m) ?? [])])) as Record<M, MeasureResult>;
}

const mibPerSec = (r: MeasureResult): number => r.bytes / MIB / (r.ms / 1000);

export function x12Figures(dir: string, sizeMib: number, repeats: number, log: (line: string) => void): Figure[] {
  const file = join(dir, `x12-850-${sizeMib}mib.edi`);
  const facts = writeX12_850File(file, { seed: 850 + sizeMib, targetBytes: sizeMib * MIB });
  log(`X12 ${sizeMib} MiB: ${facts.sets.toLocaleString('en-US')} sets, ${facts.segments.toLocaleString('en-US')} segments`);
  const m = measureRounds(['x12-tokenizer', 'x12-nodex12', 'x12-parser', 'x12-naive'] as const, { file }, repeats);
  const [tokenizer, nodeX12, parser, naive] = [m['x12-tokenizer'], m['x12-nodex12'], m['x12-parser'], m['x12-naive']];
  const size = `${sizeMib} MiB 850`;
  const countsAgree = tokenizer.count === facts.segments && naive.count === facts.segments;
  const setsOk = parser.count === facts.sets && parser.notes?.rejected_sets === 0;
  const rssLimited = sizeMib >= 200;
  const rss = (f: Omit<Figure, 'target' | 'pass'>): Figure => (rssLimited ? limitTarget(f, 150) : reportOnly(f));
  return [
    ratioTarget({
      id: `x12.tokenizer.mibs.${sizeMib}`, label: `X12 tokenizer, ${size}`, value: mibPerSec(tokenizer), unit: 'MiB/s', better: 'higher',
      baseline: { label: 'node-x12 stream', value: mibPerSec(nodeX12) },
      note: countsAgree ? `${tokenizer.count} segments, same as the naive split` : `segment counts differ: ours ${tokenizer.count}, naive ${naive.count}, generated ${facts.segments}, node-x12 ${nodeX12.count}`,
    }, 2),
    rss({
      id: `x12.tokenizer.rss.${sizeMib}`, label: `X12 tokenizer peak RSS, ${size}`, value: tokenizer.maxRssMb, unit: 'MB', better: 'lower',
      baseline: { label: 'node-x12 stream', value: nodeX12.maxRssMb },
    }),
    ratioTarget({
      id: `x12.parser.mibs.${sizeMib}`, label: `X12 tokenizer+envelope validator, ${size}`, value: mibPerSec(parser), unit: 'MiB/s', better: 'higher',
      baseline: { label: 'naive split', value: mibPerSec(naive) },
      note: setsOk ? `${parser.count} sets, every count and control number checked, 0 rejected` : `sets: ${parser.count} of ${facts.sets}, rejected ${String(parser.notes?.rejected_sets)}`,
    }, 1),
    rss({
      id: `x12.parser.rss.${sizeMib}`, label: `X12 tokenizer+validator peak RSS, ${size}`, value: parser.maxRssMb, unit: 'MB', better: 'lower',
      baseline: { label: 'naive split', value: naive.maxRssMb },
    }),
  ];
}

export function csvFigures(dir: string, lines: number, repeats: number, log: (line: string) => void): Figure[] {
  const file = join(dir, `orders-${lines}.csv`);
  const facts = writeCsvOrdersFile(file, { seed: 31, lineCount: lines });
  log(`CSV: ${facts.lines.toLocaleString('en-US')} lines, ${facts.orders.toLocaleString('en-US')} orders, ${(facts.bytes / MIB).toFixed(1)} MiB`);
  const { 'csv-ours': ours, 'csv-raw': raw } = measureRounds(['csv-ours', 'csv-raw'] as const, { file }, repeats);
  const label = `${(facts.lines / 1e6).toFixed(facts.lines >= 1e6 ? 0 : 1)}M order lines`;
  return [
    ratioTarget({
      id: 'csv.intake.lines_per_sec', label: `CSV intake (readCsvOrders), ${label}`, value: facts.lines / (ours.ms / 1000), unit: 'lines/s', better: 'higher',
      baseline: { label: 'raw csv-parse', value: raw.count / (raw.ms / 1000) },
      note: `${ours.count} orders; ours also checks UTF-8, control characters, line numbers, dates and groups rows into orders`,
    }, 0.5),
    reportOnly({
      id: 'csv.intake.rss', label: `CSV intake peak RSS, ${label}`, value: ours.maxRssMb, unit: 'MB', better: 'lower',
      baseline: { label: 'raw csv-parse', value: raw.maxRssMb },
    }),
  ];
}

export function xmlFigures(dir: string, count: number, repeats: number, log: (line: string) => void): Figure[] {
  const file = join(dir, `orders-${count}.xml`);
  const facts = writeXmlOrdersFile(file, { seed: 41, orderCount: count });
  log(`XML: ${facts.orders.toLocaleString('en-US')} orders, ${(facts.bytes / MIB).toFixed(1)} MiB`);
  const { 'xml-ours': ours, 'xml-raw': raw } = measureRounds(['xml-ours', 'xml-raw'] as const, { file }, repeats);
  return [
    reportOnly({
      id: 'xml.intake.mibs', label: `XML intake (readXmlOrders), ${count.toLocaleString('en-US')} orders`, value: mibPerSec(ours), unit: 'MiB/s', better: 'higher',
      baseline: { label: 'raw fast-xml-parser', value: mibPerSec(raw) },
      note: 'ours adds the DTD refusal, a well-formedness pass with line numbers, and per-order checks',
    }),
    reportOnly({
      id: 'xml.intake.rss', label: `XML intake peak RSS, ${count.toLocaleString('en-US')} orders`, value: ours.maxRssMb, unit: 'MB', better: 'lower',
      baseline: { label: 'raw fast-xml-parser', value: raw.maxRssMb },
    }),
  ];
}
