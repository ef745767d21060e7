/**
 * `items.csv` (SPEC §4): the partner's item list. Duplicate or blank SKUs do not fail the load:
 * SPEC makes them fail only that partner's inventory sync, which needs the full list of them.
 */
import { mappingResult, readMappingTable } from './mapping-file.js';
import type { MappingProblem, MappingResult } from './mapping-file.js';

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
  const linesOf = new Map<string, number[]>();
  for (const row of read.table.rows) {
    const flags: Record<'active' | 'inventory', boolean> = { active: false, inventory: true };
    for (const column of ['active', 'inventory'] as const) {
      const value = readYesNo(row.value(column), column === 'inventory');
      if (value === undefined) {
        problems.push({ file, line: row.line, message: `${column} '${row.value(column)}' is not yes or no` });
      } else {
        flags[column] = value;
      }
    }
    const sku = row.value('sku');
    const lines = linesOf.get(sku);
    if (lines === undefined) linesOf.set(sku, [row.line]);
    else lines.push(row.line);
    if (sku !== '') items.push({ sku, name: row.value('name'), active: flags.active, inventory: flags.inventory, line: row.line });
  }
  const duplicates = [...linesOf]
    .filter(([sku, lines]) => sku === '' || lines.length > 1)
    .map(([sku, lines]) => ({ sku, lines }));
  return mappingResult(problems, read.warnings, () => ({ items, duplicates }));
}
