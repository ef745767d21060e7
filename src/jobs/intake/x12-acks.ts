/**
 * The 997 that answers one received functional group (SPEC §5.3): the envelope validator's
 * results turned into AK2/AK3/AK5 per set and AK9 codes, and the envelope of our answer (roles
 * swapped, version mirrored from the group's GS08). Pure; the writer is formats/x12/outbound.
 */
import type { X12EnvelopeError, X12Group, X12InterchangeHeader, X12TransactionSet } from '../../formats/x12/index.js';
import type { X12AckError, X12AckSet, X12EnvelopeParams, X12FunctionalAck, X12Version } from '../../formats/x12/outbound/index.js';

/** GS01 of the groups we read; any other group is answered AK9 R with AK905 1 (not supported). */
const SUPPORTED_GROUPS = new Set(['PO', 'OW']);
const GROUP_NOT_SUPPORTED = '1';
const SET_NOT_SUPPORTED = '1';
/** AK502 5: one or more segments in error — for a segment we could not even read (no id for an AK3). */
const SEGMENTS_IN_ERROR = '5';

export function functionalAckOf(group: X12Group): X12FunctionalAck {
  const supported = SUPPORTED_GROUPS.has(group.header.functionalId);
  const groupErrorCodes = group.errors.filter((e) => e.ack.segment === 'AK9').map((e) => e.ack.code);
  if (!supported) groupErrorCodes.unshift(GROUP_NOT_SUPPORTED);
  const ge01 = group.trailer?.count ?? '';
  const ack: X12FunctionalAck = {
    groupFunctionalId: group.header.functionalId,
    groupControlNumber: group.header.controlNumber,
    groupVersion: group.header.version,
    sets: group.transactionSets.map((set) => ackSet(set, supported)),
    groupErrorCodes,
  };
  // AK902 is the count the sender declared (GE01); without a readable GE01 the writer counts the sets.
  return /^\d{1,9}$/.test(ge01) ? { ...ack, includedSetCount: Number(ge01) } : ack;
}

function ackSet(set: X12TransactionSet, groupSupported: boolean): X12AckSet {
  const errors = set.errors.map(ackError);
  if (!groupSupported) errors.unshift({ setErrorCode: SET_NOT_SUPPORTED });
  return {
    setId: set.id,
    controlNumber: set.controlNumber,
    implementationReference: set.implementationReference,
    accepted: set.accepted && groupSupported,
    errors,
  };
}

function ackError(error: X12EnvelopeError): X12AckError {
  if (error.ack.segment === 'AK3' && error.segmentId !== undefined && error.segmentPosition !== undefined) {
    return { segmentId: error.segmentId, segmentPosition: error.segmentPosition, segmentErrorCode: error.ack.code };
  }
  if (error.ack.segment === 'AK5') return { setErrorCode: error.ack.code };
  // A segment too long to read has no id for an AK3: the set is reported as "segments in error".
  return { setErrorCode: SEGMENTS_IN_ERROR };
}

/**
 * We write 00401/004010 or 00501/005010 (SPEC §5.3): a 005xxx group is answered in 00501,
 * anything older (003xxx, 004xxx, VICS/UCS variants) in 00401; AK103 (5010) echoes GS08 exactly.
 */
export function ackVersion(gs08: string): X12Version {
  return /^005/.test(gs08) ? '00501' : '00401';
}

/** Our side of the answer: the partner's profile (config `x12:`), with sender and receiver swapped. */
export interface AckEnvelopeProfile {
  ourQualifier: string;
  ourId: string;
  partnerQualifier: string;
  partnerId: string;
}

/**
 * The 997's envelope. ISA ids come from the config profile; GS02/GS03 swap the received GS03/GS02
 * (partners route on them) unless one is not a value we can write, then the config ids are used.
 */
export function ackEnvelope(
  profile: AckEnvelopeProfile, interchange: X12InterchangeHeader, group: X12Group,
  controlNumbers: X12EnvelopeParams['controlNumbers'], local: { date: string; time: string },
): X12EnvelopeParams {
  return {
    senderQualifier: profile.ourQualifier,
    senderId: profile.ourId,
    receiverQualifier: profile.partnerQualifier,
    receiverId: profile.partnerId,
    gsSenderId: writableGsCode(group.header.receiverCode.trim(), profile.ourId),
    gsReceiverId: writableGsCode(group.header.senderCode.trim(), profile.partnerId),
    version: ackVersion(group.header.version),
    controlNumbers,
    date: local.date,
    time: local.time,
    // A test interchange is answered by a test 997.
    usage: interchange.usage === 'T' ? 'T' : 'P',
  };
}

/** The envelope writer's rule for GS02/GS03 (1–15 printable characters, none of our delimiters). */
function writableGsCode(value: string, fallback: string): string {
  return /^[!-~](?:[ -~]{0,13}[!-~])?$/.test(value) && !/[*~>^]/.test(value) ? value : fallback;
}

/** Local CCYYMMDD and HHMM in the configured time zone (ISA09/10, GS04/05). */
export function x12LocalDateTime(timezone: string, at: Date): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('year')}${get('month')}${get('day')}`, time: `${get('hour')}${get('minute')}` };
}
