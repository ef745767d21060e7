/** `fcp-ship-codes.csv` (SPEC §4): the FCP ship codes a ship method may map to. */
import { mappingResult, readMappingTable } from './mapping-file.js';
import type { MappingProblem, MappingResult } from './mapping-file.js';

export interface ShipCode {
  code: string;
  description: string;
  /** The FCP carrier name, looked up in carriers.csv; also decides the PO Box check (FedEx/UPS). */
  carrier: string;
}

export class ShipCodes {
  readonly #byCode: ReadonlyMap<string, ShipCode>;

  constructor(codes: Iterable<ShipCode>) {
    this.#byCode = new Map([...codes].map((c) => [c.code, { ...c }]));
  }

  /** Exact, case-sensitive: the FCP's codes are identifiers. */
  has(code: string): boolean {
    return this.#byCode.has(code);
  }

  get(code: string): ShipCode | undefined {
    const found = this.#byCode.get(code);
    return found === undefined ? undefined : { ...found };
  }

  /** In file order. */
  codes(): string[] {
    return [...this.#byCode.keys()];
  }
}

export function readShipCodes(text: string | Uint8Array, file: string): MappingResult<ShipCodes> {
  const read = readMappingTable(text, file, { required: ['code'], optional: ['description', 'carrier'] });
  if (!read.ok) return read;
  const problems: MappingProblem[] = [];
  const seen = new Map<string, number>();
  const codes: ShipCode[] = [];
  for (const row of read.table.rows) {
    const code = row.value('code');
    if (code === '') {
      problems.push({ file, line: row.line, message: 'Blank code' });
      continue;
    }
    const first = seen.get(code);
    if (first !== undefined) {
      problems.push({ file, line: row.line, message: `Code '${code}' is already listed at line ${first}` });
      continue;
    }
    seen.set(code, row.line);
    codes.push({ code, description: row.value('description'), carrier: row.value('carrier') });
  }
  return mappingResult(problems, read.warnings, () => new ShipCodes(codes));
}
