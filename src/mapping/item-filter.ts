/** The item filter file (SPEC §3 `item_filter`): one `sku` column; allow/deny is the config's business. */
import { mappingResult, readMappingRows } from './mapping-file.js';
import type { MappingResult } from './mapping-file.js';

export function readItemFilter(text: string | Uint8Array, file: string): MappingResult<Set<string>> {
  // Rows are never blank here (blank lines are skipped and there is one column); a SKU listed
  // twice means the same thing as once.
  const skus = new Set<string>();
  const read = readMappingRows(text, file, { required: ['sku'] }, (row) => { skus.add(row.value('sku')); });
  if (!read.ok) return read;
  return mappingResult([], read.warnings, () => skus);
}
