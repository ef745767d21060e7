/**
 * The FCP inventory export (SPEC §7): CSV `sku,warehouse,good,hurt,allocated[,as_of]`, header
 * required. One file is the complete inventory at one moment, so any bad row refuses the whole
 * file: a half-read feed would zero (or invent) stock for the rows it dropped. Pure: bytes in,
 * rows or the one problem that names the line out.
 */
import { fileProblem, type Problem } from '../../domain/problems.js';
import { instantOfWallTime } from '../../domain/zoned-time.js';
import type { FeedRow as FeedIndexRow } from '../../domain/feed-index.js';
import type { NamedRow } from '../csv/named-row.js';
import { readFeedTable } from './feed-table.js';

/** Feed-only file problem codes (the reader also uses INVALID_UTF8, CONTROL_CHARACTER and the CSV_* codes). */
export const FEED_PROBLEMS = {
  FEED_BAD_VALUE: 'A feed row with a blank sku or warehouse, or a good/hurt/allocated that is not a whole number >= 0.',
  FEED_DUPLICATE_ROW: 'The same sku and warehouse appear on two rows of one feed.',
  FEED_BAD_AS_OF: 'An as_of that is not an ISO 8601 time, or lies more than a day after the time the file was read.',
} as const;

export const FEED_COLUMNS = ['sku', 'warehouse', 'good', 'hurt', 'allocated'] as const;

/** A feed row as read, with its line in the file. */
export interface FeedRow extends FeedIndexRow {
  line: number;
}

export interface InventoryFeed {
  /** ISO instant (UTC) the feed describes; null when the file has no as_of (the arrival time counts). */
  asOf: string | null;
  rows: FeedRow[];
}

export type InventoryFeedResult = { ok: true; feed: InventoryFeed } | { ok: false; problem: Problem };

export interface FeedReadOptions {
  /** The business clock: an as_of more than a day after it is refused. */
  now: Date;
  /** Zone of an as_of written without an offset (the config's `timezone`). */
  timezone: string;
}

/** Exports come from a database, so the counts stay far below this; more means a garbled file. */
const MAX_QUANTITY = 999_999_999;
const DAY_MS = 86_400_000;

export function readInventoryFeed(input: Buffer | string, options: FeedReadOptions): InventoryFeedResult {
  const rows: FeedRow[] = [];
  // Warehouse → sku → first line: nested maps, so no two different pairs can share a key.
  const firstLine = new Map<string, Map<string, number>>();
  let earliest: number | null = null;
  // Exports usually stamp every row with the same as_of; it is parsed once, not once per row.
  let lastAsOf: { text: string; at: number | null } | null = null;

  const table = readFeedTable(input, FEED_COLUMNS, ['as_of'], (row) => {
    const { line } = row;
    const sku = row.value('sku');
    const warehouse = row.value('warehouse');
    if (sku === '') return fileProblem('FEED_BAD_VALUE', `Blank sku at line ${line}`, line);
    if (warehouse === '') return fileProblem('FEED_BAD_VALUE', `Blank warehouse for sku '${sku}' at line ${line}`, line);
    const good = readCount(row, 'good', sku);
    if (typeof good !== 'number') return good;
    const hurt = readCount(row, 'hurt', sku);
    if (typeof hurt !== 'number') return hurt;
    const allocated = readCount(row, 'allocated', sku);
    if (typeof allocated !== 'number') return allocated;

    let skus = firstLine.get(warehouse);
    if (skus === undefined) firstLine.set(warehouse, (skus = new Map()));
    const first = skus.get(sku);
    if (first !== undefined) return fileProblem('FEED_DUPLICATE_ROW', `sku '${sku}' in warehouse '${warehouse}' at line ${line} is already listed at line ${first}`, line);
    skus.set(sku, line);

    const asOfText = row.value('as_of');
    if (asOfText !== '') {
      if (lastAsOf?.text !== asOfText) lastAsOf = { text: asOfText, at: readAsOf(asOfText, options.timezone) };
      const { at } = lastAsOf;
      if (at === null) return fileProblem('FEED_BAD_AS_OF', `as_of '${asOfText}' at line ${line} is not an ISO 8601 time (e.g. 2026-11-22T10:00:00Z)`, line);
      if (at > options.now.getTime() + DAY_MS) {
        return fileProblem('FEED_BAD_AS_OF', `as_of '${asOfText}' at line ${line} is more than a day after now (${options.now.toISOString()})`, line);
      }
      earliest = earliest === null ? at : Math.min(earliest, at);
    }
    rows.push({ sku, warehouse, good, hurt, allocated, line });
    return null;
  });
  if (!table.ok) return table;
  if (!table.hasHeader) return fail('CSV_MISSING_COLUMN', `No header row; expected ${FEED_COLUMNS.join(',')}[,as_of]`, 1);
  // Rows stamped at different times: the earliest is the feed's moment, so orders sent after it
  // are subtracted even from rows exported later — selling too little, never too much.
  return { ok: true, feed: { asOf: earliest === null ? null : new Date(earliest).toISOString(), rows } };
}

/** A count cell as a number, or the problem that names it. */
function readCount(row: NamedRow, column: 'good' | 'hurt' | 'allocated', sku: string): number | Problem {
  const raw = row.value(column);
  if (!/^[0-9]{1,9}$/.test(raw) || Number(raw) > MAX_QUANTITY) {
    const why = raw === '' ? 'is blank' : /^-\d/.test(raw) ? 'is negative' : 'is not a whole number';
    return fileProblem('FEED_BAD_VALUE', `${column} '${raw}' for sku '${sku}' at line ${row.line} ${why}`, row.line);
  }
  return Number(raw);
}

/** `2026-11-22T10:00:00Z`, `…+01:00`, `2026-11-22 10:00`, `2026-11-22`; no offset = the config's zone. */
const AS_OF = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

export function readAsOf(text: string, timezone: string): number | null {
  const m = AS_OF.exec(text.trim());
  if (m === null) return null;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? '0')) as [number, number, number, number, number, number];
  const millisecond = Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3));
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const zone = m[8];
  if (zone === undefined) return instantOfWallTime({ year, month, day, hour, minute, second, millisecond }, timezone).getTime();
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  if (zone.toUpperCase() === 'Z') return utc;
  const digits = zone.slice(1).replace(':', '');
  const offset = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')) * 60_000;
  if (Number(digits.slice(0, 2)) > 23 || Number(digits.slice(2) || '0') > 59) return null;
  return zone.startsWith('-') ? utc + offset : utc - offset;
}

function fail(code: string, message: string, line: number): InventoryFeedResult {
  return { ok: false, problem: fileProblem(code, message, line) };
}
