/**
 * `skus.csv` (SPEC §4): partner SKU → FCP SKU(s). Several rows for one partner SKU are a bundle;
 * a partner SKU without rows is its own FCP SKU, so most partners need no file at all.
 */
import { mappingResult, readMappingTable } from './mapping-file.js';
import type { MappingProblem, MappingResult } from './mapping-file.js';

export interface SkuComponent {
  fcpSku: string;
  /** Units of the FCP SKU in one unit of the partner SKU; a whole number ≥ 1. */
  quantity: number;
}

export interface SkuMapEntry {
  partnerSku: string;
  components: SkuComponent[];
  /** Line of the partner SKU's first row. */
  line: number;
}

/** Bundle quantities share the order-line limit, so no bundle can expand beyond what the FCP takes. */
const MAX_COMPONENT_QUANTITY = 999_999;

export class SkuMap {
  readonly #entries: ReadonlyMap<string, SkuMapEntry>;

  constructor(entries: Iterable<SkuMapEntry>) {
    this.#entries = new Map([...entries].map((e) => [e.partnerSku, copyEntry(e)]));
  }

  /** The FCP SKUs and units for one unit of the partner SKU; the SKU itself × 1 when unmapped. */
  resolve(partnerSku: string): SkuComponent[] {
    const sku = partnerSku.trim();
    const entry = this.#entries.get(sku);
    return entry === undefined ? [{ fcpSku: sku, quantity: 1 }] : entry.components.map((c) => ({ ...c }));
  }

  has(partnerSku: string): boolean {
    return this.#entries.has(partnerSku.trim());
  }

  /**
   * True unless the partner SKU is one FCP SKU one-for-one: a multi-pack (one row, quantity 2)
   * counts as a bundle too, since its stock must be computed (`bundles: one-to-one-only`).
   */
  isBundle(partnerSku: string): boolean {
    const components = this.#entries.get(partnerSku.trim())?.components;
    return components !== undefined && (components.length > 1 || components[0]?.quantity !== 1);
  }

  /** The mapped partner SKUs, in file order. */
  entries(): SkuMapEntry[] {
    return [...this.#entries.values()].map(copyEntry);
  }
}

function copyEntry(entry: SkuMapEntry): SkuMapEntry {
  return { partnerSku: entry.partnerSku, components: entry.components.map((c) => ({ ...c })), line: entry.line };
}

/** For partners without a skus file: every SKU maps to itself. */
export function identitySkuMap(): SkuMap {
  return new SkuMap([]);
}

export function readSkuMap(text: string | Uint8Array, file: string): MappingResult<SkuMap> {
  const read = readMappingTable(text, file, { required: ['partner_sku', 'fcp_sku'], optional: ['quantity'] });
  if (!read.ok) return read;
  const problems: MappingProblem[] = [];
  const entries = new Map<string, SkuMapEntry>();
  const pairLine = new Map<string, number>();
  for (const row of read.table.rows) {
    const partnerSku = row.value('partner_sku');
    const fcpSku = row.value('fcp_sku');
    const quantityText = row.value('quantity');
    const problem = (message: string): void => { problems.push({ file, line: row.line, message }); };
    if (partnerSku === '') { problem('Blank partner_sku'); continue; }
    if (fcpSku === '') { problem(`Blank fcp_sku for partner_sku '${partnerSku}'`); continue; }
    const quantity = quantityText === '' ? 1 : readWholeNumber(quantityText);
    if (quantity === undefined || quantity < 1 || quantity > MAX_COMPONENT_QUANTITY) {
      problem(`quantity '${quantityText}' is not a whole number from 1 to ${MAX_COMPONENT_QUANTITY}`);
      continue;
    }
    // JSON of the pair: no separator character can make two different pairs collide.
    const pair = JSON.stringify([partnerSku, fcpSku]);
    const first = pairLine.get(pair);
    if (first !== undefined) {
      problem(`partner_sku '${partnerSku}' → fcp_sku '${fcpSku}' is already listed at line ${first}`);
      continue;
    }
    pairLine.set(pair, row.line);
    const entry = entries.get(partnerSku);
    if (entry === undefined) entries.set(partnerSku, { partnerSku, components: [{ fcpSku, quantity }], line: row.line });
    else entry.components.push({ fcpSku, quantity });
  }
  return mappingResult(problems, read.warnings, () => new SkuMap(entries.values()));
}

/** Digits only: `Number()` would take `1e3`, `0x10`, `1.0` and ` 2 `. */
function readWholeNumber(text: string): number | undefined {
  return /^[0-9]{1,9}$/.test(text) ? Number(text) : undefined;
}
