/** `carriers.csv` (SPEC §4): how an FCP carrier is named in CSV/XML snapshots, and its SCAC for X12. */
import { mappingResult, readMappingRows } from './mapping-file.js';
import type { MappingProblem, MappingResult } from './mapping-file.js';

export interface Carrier {
  fcpCarrier: string;
  /** The name shown to partners; the FCP name when the row leaves it blank. */
  name: string;
  /** Upper-case 2–4 letters, or '' when the carrier has none. */
  scac: string;
}

const SCAC = /^[A-Za-z]{2,4}$/;

export class Carriers {
  readonly #exact: ReadonlyMap<string, Carrier>;
  readonly #folded: ReadonlyMap<string, Carrier>;

  constructor(carriers: Iterable<Carrier>) {
    const exact = new Map<string, Carrier>();
    const folded = new Map<string, Carrier>();
    for (const carrier of carriers) {
      exact.set(carrier.fcpCarrier, { ...carrier });
      const key = carrier.fcpCarrier.toLowerCase();
      if (!folded.has(key)) folded.set(key, { ...carrier });
    }
    this.#exact = exact;
    this.#folded = folded;
  }

  /** Exact first; then case-insensitive, because FCP exports are not consistent about `UPS` vs `Ups`. */
  lookup(fcpCarrier: string): Carrier | undefined {
    const key = fcpCarrier.trim();
    const found = this.#exact.get(key) ?? this.#folded.get(key.toLowerCase());
    return found === undefined ? undefined : { ...found };
  }

  /** In file order. */
  all(): Carrier[] {
    return [...this.#exact.values()].map((c) => ({ ...c }));
  }
}

export function readCarriers(text: string | Uint8Array, file: string): MappingResult<Carriers> {
  const problems: MappingProblem[] = [];
  const rowWarnings: MappingProblem[] = [];
  const exactLine = new Map<string, number>();
  const foldedLine = new Map<string, { line: number; text: string }>();
  const carriers: Carrier[] = [];
  const read = readMappingRows(text, file, { required: ['fcp_carrier'], optional: ['name', 'scac'] }, (row) => {
    const fcpCarrier = row.value('fcp_carrier');
    const scac = row.value('scac');
    if (fcpCarrier === '') {
      problems.push({ file, line: row.line, message: 'Blank fcp_carrier' });
      return;
    }
    const first = exactLine.get(fcpCarrier);
    if (first !== undefined) {
      problems.push({ file, line: row.line, message: `fcp_carrier '${fcpCarrier}' is already listed at line ${first}` });
      return;
    }
    if (scac !== '' && !SCAC.test(scac)) {
      problems.push({ file, line: row.line, message: `scac '${scac}' is not 2 to 4 letters` });
      return;
    }
    const sameButCase = foldedLine.get(fcpCarrier.toLowerCase());
    if (sameButCase !== undefined) {
      rowWarnings.push({ file, line: row.line, message: `fcp_carrier '${fcpCarrier}' differs only in case from '${sameButCase.text}' at line ${sameButCase.line}; other spellings find line ${sameButCase.line}` });
    } else {
      foldedLine.set(fcpCarrier.toLowerCase(), { line: row.line, text: fcpCarrier });
    }
    exactLine.set(fcpCarrier, row.line);
    carriers.push({ fcpCarrier, name: row.value('name') || fcpCarrier, scac: scac.toUpperCase() });
  });
  if (!read.ok) return read;
  return mappingResult(problems, [...read.warnings, ...rowWarnings], () => new Carriers(carriers));
}
