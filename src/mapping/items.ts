/**
 * `items.csv` (SPEC §4): the partner's item list. Duplicate or blank SKUs do not fail the load:
 * SPEC makes them fail only that partner's inventory sync, which needs the full list of them.
 */
import { IntColumn } from '../domain/int-column.js';
import { StringList, StringTable } from '../domain/string-table.js';
import { lineCountOf, mappingResult, readMappingRows } from './mapping-file.js';
import type { NamedRow } from '../formats/csv/named-row.js';
import type { MappingProblem, MappingResult } from './mapping-file.js';

export interface ItemRow {
  sku: string;
  name: string;
  /** False = NEW (not yet activated). */
  active: boolean;
  /** The seeds' "Inventory Enabled". */
  inventory: boolean;
  line: number;
  /** True when an earlier row of items.csv has the same SKU (the first row speaks for a duplicated SKU). */
  repeat: boolean;
}

/** An item list as read, and as the daemon keeps it between loads. */
export interface StoredItemList {
  /** Every row with a SKU, in file order, duplicates included. */
  items: Iterable<ItemRow>;
  /** SKUs listed more than once, and (as sku '') every row with a blank SKU, with their lines (same rules as today). */
  duplicates: readonly { sku: string; lines: readonly number[] }[];
  /** True when some row has this SKU. One probe of a compact table. */
  has(sku: string): boolean;
  /** Rows with a SKU. */
  readonly size: number;
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

/** Bits of a row's flags. */
const ACTIVE = 1;
const INVENTORY = 2;
const REPEAT = 4;

/**
 * Reads straight into compact columns: the distinct SKUs in a string table (row → SKU id), names
 * in a string list, flags and lines in typed-array columns. An object and two strings per row
 * cost about 260 MB of heap at 20 partners × 100k items, which every full garbage collection had
 * to walk.
 */
export function readItems(text: string | Uint8Array, file: string): MappingResult<StoredItemList> {
  const problems: MappingProblem[] = [];
  // At least the row count: every column is sized once.
  const lineCount = lineCountOf(text);
  const skus = new StringTable();
  const names = new StringList();
  skus.reserve(lineCount);
  names.reserve(lineCount);
  const skuIds = new IntColumn(lineCount);
  const flags = new IntColumn(lineCount);
  const lines = new IntColumn(lineCount);
  const blank = { lines: [] as number[], order: 0 };
  const flag = (row: NamedRow, column: 'active' | 'inventory'): boolean => {
    const value = readYesNo(row.value(column), column === 'inventory');
    if (value !== undefined) return value;
    problems.push({ file, line: row.line, message: `${column} '${row.value(column)}' is not yes or no` });
    return column === 'inventory';
  };
  const read = readMappingRows(text, file, { required: ['sku'], optional: ['name', 'active', 'inventory'] }, (row) => {
    const active = flag(row, 'active');
    const inventory = flag(row, 'inventory');
    const sku = row.value('sku');
    if (sku === '') {
      // Ordered among the duplicates after the SKUs that came before it (see duplicatesOf).
      if (blank.lines.length === 0) blank.order = skus.size - 0.5;
      blank.lines.push(row.line);
      return;
    }
    const known = skus.size;
    const id = skus.add(sku);
    skuIds.push(id);
    names.push(row.value('name'));
    flags.push((active ? ACTIVE : 0) | (inventory ? INVENTORY : 0) | (id < known ? REPEAT : 0));
    lines.push(row.line);
  });
  if (!read.ok) return read;
  return mappingResult(problems, read.warnings, () => {
    skus.detach();
    names.detach();
    const flagBytes = Uint8Array.from({ length: flags.length }, (_, i) => flags.at(i));
    return new CompactItemList(skus, names, skuIds.trim(), flagBytes, lines.trim(), blank);
  });
}

class CompactItemList implements StoredItemList {
  readonly items: Iterable<ItemRow> = { [Symbol.iterator]: () => this.rows() };
  readonly duplicates: readonly { sku: string; lines: readonly number[] }[];

  constructor(
    /** Distinct SKUs, ids in order of first appearance. */
    private readonly skus: StringTable,
    /** By row, as the arrays after it: name, SKU id, flags, line. */
    private readonly names: StringList,
    private readonly skuIds: IntColumn,
    private readonly flags: Uint8Array,
    private readonly lines: IntColumn,
    blank: { lines: number[]; order: number },
  ) {
    this.duplicates = this.duplicatesOf(blank);
  }

  has(sku: string): boolean {
    return this.skus.has(sku);
  }

  get size(): number {
    return this.skuIds.length;
  }

  private *rows(): Generator<ItemRow> {
    const { skus, names, skuIds, flags, lines } = this;
    for (let i = 0; i < skuIds.length; i += 1) {
      const f = flags[i] as number;
      yield {
        sku: skus.at(skuIds.at(i)), name: names.at(i), active: (f & ACTIVE) !== 0, inventory: (f & INVENTORY) !== 0,
        line: lines.at(i), repeat: (f & REPEAT) !== 0,
      };
    }
  }

  /**
   * Repeated SKUs with all their lines, in the order each SKU first appears (its id); the blank
   * SKU, even once, where its first row came. Two passes over the rows only when some SKU repeats.
   */
  private duplicatesOf(blank: { lines: number[]; order: number }): { sku: string; lines: number[] }[] {
    const { skus, skuIds, flags, lines } = this;
    const linesOf = new Map<number, number[]>();
    for (let i = 0; i < skuIds.length; i += 1) {
      if (((flags[i] as number) & REPEAT) !== 0) linesOf.set(skuIds.at(i), []);
    }
    if (linesOf.size > 0) {
      for (let i = 0; i < skuIds.length; i += 1) linesOf.get(skuIds.at(i))?.push(lines.at(i));
    }
    const found = [...linesOf].map(([id, idLines]) => ({ order: id, sku: skus.at(id), lines: idLines }));
    if (blank.lines.length > 0) found.push({ order: blank.order, sku: '', lines: blank.lines });
    return found.sort((a, b) => a.order - b.order).map(({ sku, lines: skuLines }) => ({ sku, lines: skuLines }));
  }
}
