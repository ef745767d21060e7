/**
 * 997 Functional Acknowledgment: one transaction set per received functional group, with an
 * AK2…AK5 loop per received transaction set (research §2.8):
 *
 *   AK1*<GS01>*<GS06>[*<GS08>, 005010 only]
 *   AK2*<ST01>*<ST02>[*<ST03>, 005010 only] → [AK3*<seg>*<pos>*<loop>*<code> → AK4*<pos[>comp]>*<ref>*<code>*<bad data>] → AK5*<A|E|R>*<codes>
 *   AK9*<A|E|P|R>*<sets in group>*<received>*<accepted>*<group codes>
 *
 * Inbound control numbers are echoed exactly as sent (`000123` stays `000123`): the partner
 * matches its own numbers as strings.
 */
import { composite, limited, segment, wholeNumber } from './element-values.js';
import type { X12Segment } from './element-values.js';
import { oneOrMany, writeX12Interchange } from './envelope-writer.js';
import type { X12EnvelopeParams, X12Output, X12TransactionSetBody, X12Version } from './envelope-writer.js';

/**
 * One error found in a received set. Segment fields → AK3, element fields → AK4 under it,
 * `setErrorCode` → AK502..506. Errors naming the same segment (id + position) share one AK3.
 */
export interface X12AckError {
  readonly segmentId?: string;
  /** 1-based position of the segment in the set, ST = 1 (AK302). */
  readonly segmentPosition?: number;
  readonly loopId?: string;
  /** AK304 (720): 1 unrecognized, 2 unexpected, 3 mandatory missing, … 8 has element errors. */
  readonly segmentErrorCode?: string;
  /** 1-based element position in the segment (AK401-1); `componentPosition` → AK401-2. */
  readonly elementPosition?: number;
  readonly componentPosition?: number;
  /** AK402: the data element reference number (e.g. `66`), when known. */
  readonly elementReference?: string;
  /** AK403 (723): 1 mandatory missing, … 7 invalid code value, 8 invalid date. Needed with elementPosition. */
  readonly elementErrorCode?: string;
  /** AK404: a copy of the bad value (sanitised like any partner text). */
  readonly badValue?: string;
  /** AK502..AK506 (718): 2 trailer missing, 3 control number mismatch, 4 count mismatch, 5 segments in error, … */
  readonly setErrorCode?: string;
}

export interface X12AckSet {
  /** ST01 as received. */
  readonly setId: string;
  /** ST02 as received. */
  readonly controlNumber: string;
  /** ST03 as received (005010 AK203); ignored in 004010. */
  readonly implementationReference?: string;
  /** false → AK501 R. true with errors → E (accepted with errors), without → A. */
  readonly accepted: boolean;
  readonly errors: readonly X12AckError[];
}

export interface X12FunctionalAck {
  /** GS01 of the received group (AK101). */
  readonly groupFunctionalId: string;
  /** GS06 as received (AK102). */
  readonly groupControlNumber: string;
  /** GS08 as received, mirrored into AK103 in 005010 (research §2.8, eppye-bots#366). */
  readonly groupVersion: string;
  /** GE01 as received when it was a number (AK902); default: the number of sets received. */
  readonly includedSetCount?: number;
  readonly sets: readonly X12AckSet[];
  /** AK905..AK909 (716). Any code rejects the whole group: AK901 R, AK904 0. */
  readonly groupErrorCodes?: readonly string[];
}

/** AK5 and AK9 carry at most five codes each (AK502–506, AK905–909). */
const MAX_CODES = 5;
/** AK502 5: "One or more segments in error" — the summary code for a set with AK3 detail. */
const SEGMENTS_IN_ERROR = '5';

/** One 997 set per acknowledged group, all in one GS*FA group. */
export function write997(acks: X12FunctionalAck | readonly X12FunctionalAck[], envelope: X12EnvelopeParams): X12Output {
  return writeX12Interchange({ ...envelope, functionalId: 'FA' }, oneOrMany(acks).map((ack) => functionalAckSet(ack, envelope.version)));
}

function functionalAckSet(ack: X12FunctionalAck, version: X12Version): X12TransactionSetBody {
  const is5010 = version === '00501';
  const segments: X12Segment[] = [
    segment('AK1', limited(ack.groupFunctionalId, 2), limited(ack.groupControlNumber, 9), is5010 ? limited(ack.groupVersion, 12) : undefined),
  ];
  for (const set of ack.sets) {
    segments.push(segment('AK2', limited(set.setId, 3), limited(set.controlNumber, 9), is5010 ? limited(set.implementationReference || undefined, 35) : undefined));
    segments.push(...segmentErrorSegments(set));
    const status = !set.accepted ? 'R' : set.errors.length > 0 ? 'E' : 'A';
    segments.push(segment('AK5', status, ...setErrorCodes(set, status)));
  }
  segments.push(groupResponse(ack));
  return { id: '997', segments };
}

/** AK3 per erroneous segment (first-seen order), each followed by its AK4s. */
function segmentErrorSegments(set: X12AckSet): X12Segment[] {
  const bySegment = new Map<string, X12AckError[]>();
  for (const error of set.errors) {
    const hasElementPart = error.elementPosition !== undefined || error.elementErrorCode !== undefined || error.badValue !== undefined;
    if (error.segmentId === undefined) {
      // AK4 lives inside the AK3 loop: an element error without its segment cannot be written.
      if (hasElementPart) throw new RangeError(`997 for set ${set.controlNumber}: an element error needs segmentId and segmentPosition`);
      continue;
    }
    if (error.segmentPosition === undefined) throw new RangeError(`997 for set ${set.controlNumber}: segment ${error.segmentId} needs segmentPosition (AK302)`);
    const key = `${error.segmentId}@${error.segmentPosition}`;
    const group = bySegment.get(key);
    if (group) group.push(error);
    else bySegment.set(key, [error]);
  }
  const segments: X12Segment[] = [];
  for (const errors of bySegment.values()) {
    const first = errors[0] as X12AckError;
    const loopId = errors.find((e) => e.loopId !== undefined)?.loopId;
    const code = errors.find((e) => e.segmentErrorCode !== undefined)?.segmentErrorCode;
    segments.push(segment('AK3', limited(first.segmentId, 3), wholeNumber(first.segmentPosition ?? 0, 'AK302 segment position'), limited(loopId, 6), limited(code, 3)));
    for (const error of errors) {
      if (error.elementPosition === undefined) continue;
      if (error.elementErrorCode === undefined) throw new RangeError(`997 for set ${set.controlNumber}: element ${error.elementPosition} of ${first.segmentId} needs elementErrorCode (AK403)`);
      const position = composite(
        wholeNumber(error.elementPosition, 'AK401 element position'),
        error.componentPosition === undefined ? undefined : wholeNumber(error.componentPosition, 'AK401 component position'),
      );
      segments.push(segment('AK4', position, limited(error.elementReference, 4), limited(error.elementErrorCode, 3), limited(error.badValue, 99)));
    }
  }
  return segments;
}

function setErrorCodes(set: X12AckSet, status: 'A' | 'E' | 'R'): string[] {
  const codes: string[] = [];
  for (const error of set.errors) {
    if (error.setErrorCode !== undefined && !codes.includes(error.setErrorCode)) codes.push(error.setErrorCode);
  }
  const hasSegmentErrors = set.errors.some((e) => e.segmentId !== undefined);
  if (status !== 'A' && hasSegmentErrors && !codes.includes(SEGMENTS_IN_ERROR)) codes.push(SEGMENTS_IN_ERROR);
  return codes.slice(0, MAX_CODES);
}

/** AK9: R when the group itself failed, else from the sets: all A → A, some with errors → E, some rejected → P, none accepted → R. */
function groupResponse(ack: X12FunctionalAck): X12Segment {
  const groupCodes = [...new Set(ack.groupErrorCodes ?? [])].slice(0, MAX_CODES);
  const received = ack.sets.length;
  const acceptedSets = ack.sets.filter((s) => s.accepted);
  const groupRejected = groupCodes.length > 0;
  const accepted = groupRejected ? 0 : acceptedSets.length;
  let status: 'A' | 'E' | 'P' | 'R';
  if (groupRejected) status = 'R';
  else if (received > 0 && accepted === 0) status = 'R';
  else if (accepted < received) status = 'P';
  else if (acceptedSets.some((s) => s.errors.length > 0)) status = 'E';
  else status = 'A';
  const included = ack.includedSetCount ?? received;
  return segment('AK9', status, wholeNumber(included, 'AK902 included sets'), String(received), String(accepted), ...groupCodes.map((c) => limited(c, 3)));
}
