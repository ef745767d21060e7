/**
 * `skus.csv` (SPEC §4): partner SKU → FCP SKU(s). Several rows for one partner SKU are a bundle;
 * a partner SKU without rows is its own FCP SKU, so most partners need no file at all.
 */
import { StringTable } from '../domain/string-table.js';
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
}

/** Bundle quantities share the order-line limit, so no bundle can expand beyond what the FCP takes. */
const MAX_COMPONENT_QUANTITY = 999_999;

/**
 * Most rows of a big skus.csv are renames (one FCP SKU, quantity 1); those are kept in compact
 * string tables (partner SKU id → FCP SKU id), and only bundles and multi-packs as component
 * lists. At 20 partners × 100k rows, a Map of strings per partner cost about 200 MB of heap.
 */
export class SkuMap {
  readonly #renamed = new StringTable();
  readonly #fcpSkus = new StringTable();
  /** Per renamed partner SKU id: its FCP SKU's id. */
  readonly #renameTo: number[] = [];
  readonly #computed = new Map<string, readonly SkuComponent[]>();

  constructor(entries: Iterable<SkuMapEntry>) {
    for (const e of entries) {
      const only = e.components.length === 1 ? e.components[0] : undefined;
      if (only !== undefined && only.quantity === 1) {
        this.#renameTo[this.#renamed.add(e.partnerSku)] = this.#fcpSkus.add(only.fcpSku);
      } else {
        this.#computed.set(e.partnerSku, e.components.map((c) => ({ fcpSku: c.fcpSku, quantity: c.quantity })));
      }
    }
  }

  /** The FCP SKUs and units for one unit of the partner SKU; the SKU itself × 1 when unmapped. */
  resolve(partnerSku: string): SkuComponent[] {
    const sku = partnerSku.trim();
    const renamed = this.#renamed.get(sku);
    if (renamed >= 0) return [{ fcpSku: this.#fcpSkus.at(this.#renameTo[renamed] as number), quantity: 1 }];
    const components = this.#computed.get(sku);
    return components === undefined ? [{ fcpSku: sku, quantity: 1 }] : components.map((c) => ({ ...c }));
  }

  has(partnerSku: string): boolean {
    const sku = partnerSku.trim();
    return this.#renamed.has(sku) || this.#computed.has(sku);
  }

  /**
   * True unless the partner SKU is one FCP SKU one-for-one: a multi-pack (one row, quantity 2)
   * counts as a bundle too, since its stock must be computed (`bundles: one-to-one-only`).
   */
  isBundle(partnerSku: string): boolean {
    return this.#computed.has(partnerSku.trim());
  }

  /** Mapped partner SKUs. */
  get size(): number {
    return this.#renamed.size + this.#computed.size;
  }
}

/** For partners without a skus file: every SKU maps to itself. */
export function identitySkuMap(): SkuMap {
  return new SkuMap([]);
}

export function readSkuMap(text: string | Uint8Array, file: string): MappingResult<SkuMap> {
  const read = readMappingTable(text, file, { required: ['partner_sku', 'fcp_sku'], optional: ['quantity'] });
  if (!read.ok) return read;
  const problems: MappingProblem[] = [];
  // Each component keeps its line while reading, for the repeated-pair message.
  const entries = new Map<string, { partnerSku: string; components: (SkuComponent & { line: number })[] }>();
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
    const entry = entries.get(partnerSku);
    const first = entry?.components.find((c) => c.fcpSku === fcpSku);
    if (first !== undefined) {
      problem(`partner_sku '${partnerSku}' → fcp_sku '${fcpSku}' is already listed at line ${first.line}`);
      continue;
    }
    if (entry === undefined) entries.set(partnerSku, { partnerSku, components: [{ fcpSku, quantity, line: row.line }] });
    else entry.components.push({ fcpSku, quantity, line: row.line });
  }
  return mappingResult(problems, read.warnings, () => new SkuMap(entries.values()));
}

/** Digits only: `Number()` would take `1e3`, `0x10`, `1.0` and ` 2 `. */
function readWholeNumber(text: string): number | undefined {
  return /^[0-9]{1,9}$/.test(text) ? Number(text) : undefined;
}
