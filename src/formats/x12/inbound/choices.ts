/**
 * The two choices the partner's settings steer: which product id of a line is the SKU, and which
 * carrier/routing/service text is the ship method.
 */
import { orderProblem, type Problem } from '../../../domain/problems.js';
import type { X12SetSegment } from '../envelope-types.js';
import { element } from './set-values.js';

/** A product id found on a PO1/W01 line, with the qualifier it was paired with. */
export interface ProductId {
  readonly qualifier: string;
  readonly id: string;
}

/** Every (qualifier, id) pair of a line, element numbers given for the qualifiers (ids follow them). */
export function productIds(segment: X12SetSegment, qualifierElements: readonly number[]): ProductId[] {
  const ids: ProductId[] = [];
  for (const q of qualifierElements) {
    const qualifier = element(segment, q);
    const id = element(segment, q + 1);
    if (qualifier !== '' && id !== '') ids.push({ qualifier, id });
  }
  return ids;
}

/**
 * The id paired with the first of the partner's `product_qualifiers` that the line carries
 * (preference is the partner's list order, not the order on the line); null when none.
 */
export function preferredProductId(ids: readonly ProductId[], qualifiers: readonly string[]): ProductId | null {
  for (const qualifier of qualifiers) {
    const found = ids.find((p) => p.qualifier === qualifier);
    if (found !== undefined) return found;
  }
  return null;
}

/**
 * The ship method text: the first candidate the ship-method map really knows (its `*` default
 * does not count); if none is known, the first non-empty candidate, so that the `*` default or
 * SHIP_METHOD_NOT_MAPPED (naming that text) applies as for any other format; '' when none at all.
 */
export function chooseShipMethod(candidates: readonly string[], knows: (method: string) => boolean): string {
  const present = candidates.filter((c) => c !== '');
  return present.find((c) => knows(c)) ?? present[0] ?? '';
}

/** SPEC §5.3 `Invalid SKU: no product id`, then what the line did carry, for the operator. */
export function noProductId(segmentId: string, lineId: string, carried: readonly ProductId[], wanted: readonly string[], line: number): Problem {
  const which = lineId === '' ? `${segmentId} at segment ${line}` : `${segmentId} line ${lineId} (segment ${line})`;
  const has = carried.length === 0 ? 'no qualified ids' : `only ${carried.map((p) => p.qualifier).join(', ')}`;
  return orderProblem('INVALID_SKU', `no product id: ${which} has ${has}; product_qualifiers are ${wanted.join(', ')}`, line);
}
