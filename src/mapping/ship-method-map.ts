/**
 * `ship-methods.csv` (SPEC §4): the partner's ship method text → an FCP ship code. Matching is
 * exact first, then ignoring case and spaces; `*` is the default for everything else.
 */
import { mappingResult, readMappingRows } from './mapping-file.js';
import type { MappingProblem, MappingResult } from './mapping-file.js';
import type { ShipCodes } from './ship-codes.js';

const DEFAULT_METHOD = '*';

/** `UPS  Ground`, `ups ground` and `UPSGround` are one method. */
export function normaliseShipMethod(method: string): string {
  return method.toLowerCase().replace(/\s+/g, '');
}

export interface ShipMethodRow {
  partnerMethod: string;
  fcpCode: string;
  line: number;
}

export class ShipMethodMap {
  readonly #rows: readonly ShipMethodRow[];
  readonly #exact = new Map<string, string>();
  readonly #normalised = new Map<string, string>();
  readonly #default: string | undefined;

  constructor(rows: Iterable<ShipMethodRow>) {
    this.#rows = [...rows].map((r) => ({ ...r }));
    let fallback: string | undefined;
    for (const row of this.#rows) {
      if (row.partnerMethod === DEFAULT_METHOD) {
        fallback ??= row.fcpCode;
        continue;
      }
      if (!this.#exact.has(row.partnerMethod)) this.#exact.set(row.partnerMethod, row.fcpCode);
      const key = normaliseShipMethod(row.partnerMethod);
      if (!this.#normalised.has(key)) this.#normalised.set(key, row.fcpCode);
    }
    this.#default = fallback;
  }

  /** The FCP code for a method, the `*` default included; undefined = SHIP_METHOD_NOT_MAPPED. */
  lookup(method: string): string | undefined {
    return this.find(method) ?? this.#default;
  }

  /**
   * The FCP code of a row that names this method, without the default: X12 tries TD5's SCAC,
   * routing and service in turn and takes the first that the map really knows.
   */
  find(method: string): string | undefined {
    const text = method.trim();
    return this.#exact.get(text) ?? this.#normalised.get(normaliseShipMethod(text));
  }

  get defaultCode(): string | undefined {
    return this.#default;
  }

  /** In file order. */
  rows(): ShipMethodRow[] {
    return this.#rows.map((r) => ({ ...r }));
  }
}

/** For partners without a ship-methods file: nothing is mapped. */
export function emptyShipMethodMap(): ShipMethodMap {
  return new ShipMethodMap([]);
}

export function readShipMethodMap(text: string | Uint8Array, file: string, shipCodes: ShipCodes): MappingResult<ShipMethodMap> {
  const problems: MappingProblem[] = [];
  const rowWarnings: MappingProblem[] = [];
  const byKey = new Map<string, ShipMethodRow>();
  const rows: ShipMethodRow[] = [];
  const read = readMappingRows(text, file, { required: ['partner_method', 'fcp_code'] }, (row) => {
    const partnerMethod = row.value('partner_method');
    const fcpCode = row.value('fcp_code');
    const problem = (message: string): void => { problems.push({ file, line: row.line, message }); };
    if (partnerMethod === '') { problem(`Blank partner_method (use * for the default)`); return; }
    if (fcpCode === '') { problem(`Blank fcp_code for partner_method '${partnerMethod}'`); return; }
    if (!shipCodes.has(fcpCode)) {
      problem(`fcp_code '${fcpCode}' for partner_method '${partnerMethod}' is not in the FCP ship codes`);
      return;
    }
    const key = partnerMethod === DEFAULT_METHOD ? DEFAULT_METHOD : normaliseShipMethod(partnerMethod);
    const earlier = byKey.get(key);
    if (earlier !== undefined) {
      if (earlier.fcpCode !== fcpCode) {
        problem(`partner_method '${partnerMethod}' → '${fcpCode}' conflicts with '${earlier.partnerMethod}' → '${earlier.fcpCode}' at line ${earlier.line} (case and spaces are ignored)`);
      } else {
        rowWarnings.push({ file, line: row.line, message: `partner_method '${partnerMethod}' repeats line ${earlier.line}` });
      }
      return;
    }
    byKey.set(key, { partnerMethod, fcpCode, line: row.line });
    rows.push({ partnerMethod, fcpCode, line: row.line });
  });
  if (!read.ok) return read;
  return mappingResult(problems, [...read.warnings, ...rowWarnings], () => new ShipMethodMap(rows));
}
