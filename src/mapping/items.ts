/**
 * `items.csv` (SPEC §4): the partner's item list. Duplicate or blank SKUs do not fail the load:
 * SPEC makes them fail only that partner's inventory sync, which needs the full list of them.
 */
import { StringList } from '../domain/string-table.js';
import { mappingResult, readMappingTable } from './mapping-file.js';
import type { MappingProblem, MappingResult, MappingRow } from './mapping-file.js';

export interface ItemRow {
  sku: string;
  name: string;
  /** False = NEW (not yet activated). */
  active: boolean;
  /** The seeds' "Inventory Enabled". */
  inventory: boolean;
  line: number;
}

export interface ItemList {
  /** Every row with a SKU, in file order, duplicates included. */
  items: ItemRow[];
  /** SKUs listed more than once, and (as sku '') every row with a blank SKU, with their lines. */
  duplicates: { sku: string; lines: number[] }[];
}

const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);

/** yes/no, y/n, true/false, 1/0 in any case; blank means the SPEC default. */
export function readYesNo(text: string, blank: boolean): boolean | undefined {
  const value = text.toLowerCase();
  if (value === '') return blank;
  if (YES.has(value)) return true;
  if (NO.has(value)) return false;
  return undefined;
}

export function readItems(text: string | Uint8Array, file: string): MappingResult<ItemList> {
  const read = readMappingTable(text, file, { required: ['sku'], optional: ['name', 'active', 'inventory'] });
  if (!read.ok) return read;
  const problems: MappingProblem[] = [];
  const items: ItemRow[] = [];
  // First line of every SKU; the lines of a SKU only once it repeats (100k arrays for 100k items would be waste).
  const firstLine = new Map<string, number>();
  const repeated = new Map<string, number[]>();
  const flag = (row: MappingRow, column: 'active' | 'inventory'): boolean => {
    const value = readYesNo(row.value(column), column === 'inventory');
    if (value !== undefined) return value;
    problems.push({ file, line: row.line, message: `${column} '${row.value(column)}' is not yes or no` });
    return column === 'inventory';
  };
  for (const row of read.table.rows) {
    const active = flag(row, 'active');
    const inventory = flag(row, 'inventory');
    const sku = row.value('sku');
    const first = firstLine.get(sku);
    if (first === undefined) firstLine.set(sku, row.line);
    else repeated.set(sku, [...(repeated.get(sku) ?? [first]), row.line]);
    if (sku !== '') items.push({ sku, name: row.value('name'), active, inventory, line: row.line });
  }
  // Duplicates in the order their SKU first appears; a blank SKU is reported even once.
  const duplicates = [...firstLine]
    .filter(([sku]) => sku === '' || repeated.has(sku))
    .map(([sku, line]) => ({ sku, lines: repeated.get(sku) ?? [line] }));
  return mappingResult(problems, read.warnings, () => ({ items, duplicates }));
}

/** An item list as the daemon keeps it between loads: rows read back one at a time. */
export interface StoredItemList {
  items: Iterable<ItemRow>;
  duplicates: readonly { sku: string; lines: readonly number[] }[];
}

/**
 * The rows in compact columns (two string lists, flags and lines in number arrays) instead of an
 * object and two strings per row: at 20 partners × 100k items that was about 260 MB of heap, which
 * every full garbage collection had to walk.
 */
export function storeItemList(list: ItemList): StoredItemList {
  const skus = new StringList();
  const names = new StringList();
  const flags: number[] = [];
  const lines: number[] = [];
  for (const row of list.items) {
    skus.push(row.sku);
    names.push(row.name);
    flags.push((row.active ? 1 : 0) | (row.inventory ? 2 : 0));
    lines.push(row.line);
  }
  const rows = function* (): Generator<ItemRow> {
    for (let i = 0; i < skus.length; i += 1) {
      const f = flags[i] as number;
      yield { sku: skus.at(i), name: names.at(i), active: (f & 1) !== 0, inventory: (f & 2) !== 0, line: lines[i] as number };
    }
  };
  return { items: { [Symbol.iterator]: rows }, duplicates: list.duplicates };
}
