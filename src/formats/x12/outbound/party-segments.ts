/** The N1 loop (N1/N3/N4) that names a party in the 856 and 945: ship-from, ship-to. */
import { limited, segment } from './element-values.js';
import type { X12Segment } from './element-values.js';

export interface X12Party {
  /** N102. */
  readonly name: string;
  /** N103 / N104: an id for the party (e.g. `92` buyer-assigned store number); both or neither. */
  readonly idQualifier?: string;
  readonly id?: string;
  readonly address1?: string;
  readonly address2?: string;
  readonly city?: string;
  /** State or province code (2). */
  readonly state?: string;
  readonly postalCode?: string;
  /** ISO country code (2 or 3). */
  readonly country?: string;
}

/** Element maxima from the 004010 dictionary (N102 1/60, N104 2/80, N301 1/55, N401 2/30, N402 2/2, N403 3/15, N404 2/3). */
const N1_NAME_MAX = 60;
const N1_ID_MAX = 80;
const N3_ADDRESS_MAX = 55;
const N4_CITY_MAX = 30;
const N4_STATE_MAX = 2;
const N4_POSTAL_MAX = 15;
const N4_COUNTRY_MAX = 3;

/** `entity` is the N101 code: ST ship-to, SF ship-from. N3/N4 only when they have something to say. */
export function partySegments(entity: string, party: X12Party): X12Segment[] {
  const hasId = Boolean(party.idQualifier) && Boolean(party.id);
  const segments = [
    segment('N1', entity, limited(party.name, N1_NAME_MAX), hasId ? limited(party.idQualifier, 2) : undefined, hasId ? limited(party.id, N1_ID_MAX) : undefined),
  ];
  if (party.address1) segments.push(segment('N3', limited(party.address1, N3_ADDRESS_MAX), limited(party.address2 || undefined, N3_ADDRESS_MAX)));
  if (party.city || party.state || party.postalCode || party.country) {
    segments.push(segment('N4', limited(party.city, N4_CITY_MAX), limited(party.state, N4_STATE_MAX), limited(party.postalCode, N4_POSTAL_MAX), limited(party.country, N4_COUNTRY_MAX)));
  }
  return segments;
}
