/** `fcp-ship-codes.csv` (SPEC §4): the FCP ship codes a ship method may map to. */
import { mappingResult, readMappingRows } from './mapping-file.js';
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
  const problems: MappingProblem[] = [];
  const seen = new Map<string, number>();
  const codes: ShipCode[] = [];
  const read = readMappingRows(text, file, { required: ['code'], optional: ['description', 'carrier'] }, (row) => {
    const code = row.value('code');
    if (code === '') {
      problems.push({ file, line: row.line, message: 'Blank code' });
      return;
    }
    const first = seen.get(code);
    if (first !== undefined) {
      problems.push({ file, line: row.line, message: `Code '${code}' is already listed at line ${first}` });
      return;
    }
    seen.set(code, row.line);
    codes.push({ code, description: row.value('description'), carrier: row.value('carrier') });
  });
  if (!read.ok) return read;
  return mappingResult(problems, read.warnings, () => new ShipCodes(codes));
}
