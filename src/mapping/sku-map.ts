/**
 * `skus.csv` (SPEC §4): partner SKU → FCP SKU(s). Several rows for one partner SKU are a bundle;
 * a partner SKU without rows is its own FCP SKU, so most partners need no file at all.
 */
import { IntColumn } from '../domain/int-column.js';
import { StringList, StringTable } from '../domain/string-table.js';
import { lineCountOf, mappingResult, readMappingRows } from './mapping-file.js';
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
 * Most rows of a big skus.csv are renames (one FCP SKU, quantity 1); those are kept compactly (a
 * string table of partner SKUs, and by their id a string list of FCP SKUs), and only bundles and
 * multi-packs as component lists. At 20 partners × 100k rows, a Map of strings per partner cost
 * about 200 MB of heap.
 */
export class SkuMap {
  /** Every mapped partner SKU: renames, multi-packs and bundles. */
  readonly #partnerSkus: StringTable;
  /** By partner SKU id: the FCP SKU of its first row, which is the whole mapping unless the id is in #computed. */
  readonly #renamedTo: StringList;
  /** Multi-packs and bundles by partner SKU id; frozen, so that `mapped` hands them out without a copy. */
  readonly #computed: ReadonlyMap<number, readonly SkuComponent[]>;

  /** From entries (tests, the identity map), or from the builder readSkuMap filled while reading. */
  constructor(source: Iterable<SkuMapEntry> | SkuMapBuilder) {
    const built = source instanceof SkuMapBuilder ? source : SkuMapBuilder.of(source);
    // Nothing kept may be a piece cut from the file's text, or it keeps all of the text alive.
    built.partnerSkus.detach();
    built.renamedTo.detach();
    for (const components of built.computed.values()) {
      for (const c of components) {
        c.fcpSku = flatCopy(c.fcpSku);
        Object.freeze(c);
      }
      Object.freeze(components);
    }
    this.#partnerSkus = built.partnerSkus;
    this.#renamedTo = built.renamedTo;
    this.#computed = built.computed;
  }

  /**
   * The FCP SKUs for one unit of the partner SKU when skus.csv maps it (rename, multi-pack or
   * bundle), null when it does not: one table probe, for walks over every item. Read-only: a
   * bundle's list is the map's own (frozen).
   */
  mapped(partnerSku: string): readonly SkuComponent[] | null {
    const id = this.#partnerSkus.get(partnerSku.trim());
    if (id < 0) return null;
    return this.#computed.get(id) ?? [{ fcpSku: this.#renamedTo.at(id), quantity: 1 }];
  }

  /** The FCP SKUs and units for one unit of the partner SKU; the SKU itself × 1 when unmapped. */
  resolve(partnerSku: string): SkuComponent[] {
    const sku = partnerSku.trim();
    const id = this.#partnerSkus.get(sku);
    if (id < 0) return [{ fcpSku: sku, quantity: 1 }];
    const components = this.#computed.get(id);
    if (components === undefined) return [{ fcpSku: this.#renamedTo.at(id), quantity: 1 }];
    return components.map((c) => ({ fcpSku: c.fcpSku, quantity: c.quantity }));
  }

  /** Mapped partner SKUs. */
  get size(): number {
    return this.#partnerSkus.size;
  }
}

/**
 * A SkuMap being filled row by row, in the form the map keeps, plus the lines of the rows so far
 * (for the repeated-pair message only; they go with the builder). Builds one map.
 */
export class SkuMapBuilder {
  readonly partnerSkus = new StringTable();
  /** As SkuMap's: one entry per partner SKU id, so that ids stay aligned. */
  readonly renamedTo = new StringList();
  readonly computed = new Map<number, SkuComponent[]>();
  /** By partner SKU id: the line of its first row. */
  readonly #firstLines: IntColumn;
  /** By partner SKU id, for the computed ones: the line of each component. */
  readonly #componentLines = new Map<number, number[]>();

  /** `rows`: about how many rows will be added (the file's line count), to size the tables once. */
  constructor(rows = 0) {
    this.partnerSkus.reserve(rows);
    this.renamedTo.reserve(rows);
    this.#firstLines = new IntColumn(rows);
  }

  /** Entries as if each component were a skus.csv row (at line 0: not from a file). */
  static of(entries: Iterable<SkuMapEntry>): SkuMapBuilder {
    const builder = new SkuMapBuilder();
    for (const e of entries) for (const c of e.components) builder.add(e.partnerSku, c.fcpSku, c.quantity, 0);
    return builder;
  }

  /**
   * Adds one row. Returns the line of an earlier row with the same partner SKU and FCP SKU (and
   * adds nothing), or null. A partner SKU's first row with quantity 1 is taken as a rename; a
   * second row with another FCP SKU turns it into a bundle.
   */
  add(partnerSku: string, fcpSku: string, quantity: number, line: number): number | null {
    const known = this.partnerSkus.size;
    const id = this.partnerSkus.add(partnerSku);
    if (id === known) {
      this.renamedTo.push(fcpSku);
      this.#firstLines.push(line);
      if (quantity !== 1) this.#compute(id, [{ fcpSku, quantity }], [line]);
      return null;
    }
    const components = this.computed.get(id);
    if (components === undefined) {
      const firstLine = this.#firstLines.at(id);
      if (this.renamedTo.equals(id, fcpSku)) return firstLine;
      this.#compute(id, [{ fcpSku: this.renamedTo.at(id), quantity: 1 }, { fcpSku, quantity }], [firstLine, line]);
      return null;
    }
    const lines = this.#componentLines.get(id) as number[];
    const same = components.findIndex((c) => c.fcpSku === fcpSku);
    if (same >= 0) return lines[same] as number;
    components.push({ fcpSku, quantity });
    lines.push(line);
    return null;
  }

  build(): SkuMap {
    return new SkuMap(this);
  }

  #compute(id: number, components: SkuComponent[], lines: number[]): void {
    this.computed.set(id, components);
    this.#componentLines.set(id, lines);
  }
}

/** For partners without a skus file: every SKU maps to itself. */
export function identitySkuMap(): SkuMap {
  return new SkuMap([]);
}

export function readSkuMap(text: string | Uint8Array, file: string): MappingResult<SkuMap> {
  const problems: MappingProblem[] = [];
  const builder = new SkuMapBuilder(lineCountOf(text));
  const read = readMappingRows(text, file, { required: ['partner_sku', 'fcp_sku'], optional: ['quantity'] }, (row) => {
    const partnerSku = row.value('partner_sku');
    const fcpSku = row.value('fcp_sku');
    const quantityText = row.value('quantity');
    if (partnerSku === '') { problems.push({ file, line: row.line, message: 'Blank partner_sku' }); return; }
    if (fcpSku === '') { problems.push({ file, line: row.line, message: `Blank fcp_sku for partner_sku '${partnerSku}'` }); return; }
    const quantity = quantityText === '' ? 1 : readWholeNumber(quantityText);
    if (quantity === undefined || quantity < 1 || quantity > MAX_COMPONENT_QUANTITY) {
      problems.push({ file, line: row.line, message: `quantity '${quantityText}' is not a whole number from 1 to ${MAX_COMPONENT_QUANTITY}` });
      return;
    }
    const earlier = builder.add(partnerSku, fcpSku, quantity, row.line);
    if (earlier !== null) problems.push({ file, line: row.line, message: `partner_sku '${partnerSku}' → fcp_sku '${fcpSku}' is already listed at line ${earlier}` });
  });
  if (!read.ok) return read;
  return mappingResult(problems, read.warnings, () => builder.build());
}

/**
 * A copy of `s` that holds nothing else alive: V8 cuts a string of 13 or more characters out of
 * its source without copying; joined to another and cut again, it is copied (with the other).
 */
function flatCopy(s: string): string {
  return ` ${s}`.slice(1);
}

const WHOLE_NUMBER = /^[0-9]{1,9}$/;

/** Digits only: `Number()` would take `1e3`, `0x10`, `1.0` and ` 2 `. */
function readWholeNumber(text: string): number | undefined {
  return WHOLE_NUMBER.test(text) ? Number(text) : undefined;
}
