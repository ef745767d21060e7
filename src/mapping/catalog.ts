/**
 * A partner's own product list (SPEC §3 `catalog`), each file the full list. It comes from the
 * partner's cart rather than from a person, so extra columns are only a warning, `#` is not a
 * comment, and a blank or repeated SKU is skipped with a warning rather than losing the list.
 */
import { mappingResult, readMappingRows } from './mapping-file.js';
import type { MappingProblem, MappingResult } from './mapping-file.js';

export interface CatalogItem {
  sku: string;
  name: string;
}

export function readCatalog(text: string | Uint8Array, file: string): MappingResult<CatalogItem[]> {
  const rowWarnings: MappingProblem[] = [];
  const firstLine = new Map<string, number>();
  const items: CatalogItem[] = [];
  const read = readMappingRows(text, file, { required: ['sku'], optional: ['name'], unknownColumns: 'warning', comments: false }, (row) => {
    const sku = row.value('sku');
    if (sku === '') {
      rowWarnings.push({ file, line: row.line, message: 'Blank sku; row skipped' });
      return;
    }
    const first = firstLine.get(sku);
    if (first !== undefined) {
      rowWarnings.push({ file, line: row.line, message: `sku '${sku}' is already listed at line ${first}; row skipped` });
      return;
    }
    firstLine.set(sku, row.line);
    items.push({ sku, name: row.value('name') });
  });
  if (!read.ok) return read;
  return mappingResult([], [...read.warnings, ...rowWarnings], () => items);
}
