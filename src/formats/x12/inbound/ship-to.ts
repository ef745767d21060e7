/**
 * The ship-to party of an 850 or 940: the header `N1*ST` loop (N1, N2, N3, N4, PER or G61).
 *
 * Choices where SPEC §5.3 is silent (docs/x12.md): N102 is the ship-to name and goes whole into
 * firstName (lastName stays '': X12 has no first/last split and the FCP joins them with a space);
 * N201 (+ N202) is the company; a second N3 fills address2 when the first had none; N404 absent =
 * `US`. Phone/email come from the loop's PER (TE/EM) or G61 (940), else from a header PER outside
 * any N1 loop (drop-ship 850s put the consumer's contact there).
 */
import { EMPTY_SHIP_TO, type ShipTo } from '../../../domain/order.js';
import type { X12SetSegment } from '../envelope-types.js';
import { element, headerSegments } from './set-values.js';

interface Contact {
  phone: string;
  email: string;
}

export function readShipTo(segments: readonly X12SetSegment[]): ShipTo {
  const shipTo: ShipTo = { ...EMPTY_SHIP_TO };
  const loopContact: Contact = { phone: '', email: '' };
  const headerContact: Contact = { phone: '', email: '' };
  let loop: 'none' | 'ship-to' | 'other' = 'none';
  let seenShipTo = false;
  let n3Count = 0;

  for (const segment of headerSegments(segments)) {
    if (segment.id === 'N1') {
      // Only the first ship-to loop counts; a later N1*ST (rare) is another party for us.
      loop = element(segment, 1) === 'ST' && !seenShipTo ? 'ship-to' : 'other';
      if (loop === 'ship-to') {
        seenShipTo = true;
        shipTo.firstName = element(segment, 2);
      }
      continue;
    }
    if (segment.id === 'PER' || segment.id === 'G61') {
      if (loop === 'ship-to') addContact(loopContact, segment);
      else if (loop === 'none') addContact(headerContact, segment);
      continue;
    }
    if (loop !== 'ship-to') continue;
    switch (segment.id) {
      case 'N2':
        if (shipTo.company === '') shipTo.company = [element(segment, 1), element(segment, 2)].filter((v) => v !== '').join(' ');
        break;
      case 'N3':
        n3Count += 1;
        if (n3Count === 1) {
          shipTo.address1 = element(segment, 1);
          shipTo.address2 = element(segment, 2);
        } else if (shipTo.address2 === '') {
          shipTo.address2 = [element(segment, 1), element(segment, 2)].filter((v) => v !== '').join(' ');
        }
        break;
      case 'N4':
        shipTo.city = element(segment, 1);
        shipTo.state = element(segment, 2);
        shipTo.postalCode = element(segment, 3);
        shipTo.country = element(segment, 4);
        break;
    }
  }
  shipTo.phone = loopContact.phone || headerContact.phone;
  shipTo.email = loopContact.email || headerContact.email;
  if (shipTo.country === '') shipTo.country = 'US';
  return shipTo;
}

/** PER03/04, 05/06, 07/08 and G61-03/04 are (qualifier, number) pairs: TE telephone, EM email. */
function addContact(contact: Contact, segment: X12SetSegment): void {
  for (let q = 3; q <= 7; q += 2) {
    const qualifier = element(segment, q);
    const value = element(segment, q + 1);
    if (value === '') continue;
    if (qualifier === 'TE' && contact.phone === '') contact.phone = value;
    if (qualifier === 'EM' && contact.email === '') contact.email = value;
  }
}
