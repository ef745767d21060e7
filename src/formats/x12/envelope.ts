/**
 * Streaming envelope validator (SPEC §5.3): consumes tokenizer events, checks ISA/IEA, GS/GE and
 * ST/SE (widths, counts, control numbers, uniqueness, GS01↔ST01) and emits each transaction set
 * as soon as it ends. Memory: one transaction set's segments, the control numbers seen in the
 * open group and interchange (to report duplicates), and a result per group of the open
 * interchange — never the file. A set's result is handed on in its 'transaction-set' event and
 * not kept: the 997 is built by whoever collects those (buildX12Document, the intake).
 *
 * Rejection follows the level of the error: ISA/IEA → interchange, GS/GE → group, ST/SE (or a bad
 * segment inside) → set. Sets of a rejected group are still emitted, with their own result, so a
 * 997 can list them; use `acceptedTransactionSets` / the group and interchange results to decide.
 */
import { AK5_SEGMENTS_IN_ERROR } from './codes.js';
import {
  checkGroupHeader,
  checkInterchangeHeader,
  checkSetHeader,
  countMatches,
  envelopeError,
  isValidSegmentId,
  readGroupHeader,
  readInterchangeHeader,
} from './envelope-checks.js';
import type {
  X12EnvelopeError,
  X12EnvelopeEvent,
  X12EnvelopeOptions,
  X12GroupHeader,
  X12GroupResult,
  X12InterchangeHeader,
  X12SetSegment,
  X12TransactionSet,
  X12TransactionSetSummary,
  X12Trailer,
} from './envelope-types.js';
import { SeenControlNumbers } from './seen-control-numbers.js';
import { detachedCopies } from './segment-text.js';
import { X12Tokenizer } from './tokenizer.js';
import type { X12Delimiters, X12Event, X12InterchangeStartEvent, X12SegmentEvent, X12StreamErrorEvent, X12TokenizerOptions, X12TokenSink } from './types.js';

interface OpenInterchange {
  header: X12InterchangeHeader;
  errors: X12EnvelopeError[];
  groups: X12GroupResult[];
  groupControlNumbers: SeenControlNumbers;
  ta1: (readonly string[])[];
  strayReported: boolean;
}

interface OpenGroup {
  header: X12GroupHeader;
  errors: X12EnvelopeError[];
  /** ST..SE sets seen so far (for GE01). */
  setCount: number;
  setControlNumbers: SeenControlNumbers;
  strayReported: boolean;
}

interface OpenSet {
  id: string;
  controlNumber: string;
  implementationReference: string;
  offset: number;
  segments: X12SetSegment[];
  /** Segments counted so far, including any too long to read. */
  count: number;
  errors: X12EnvelopeError[];
}

/** Fed as tokenizer events (push) or as the tokenizer's sink (event/segment, then takeEvents). */
export class X12EnvelopeValidator implements X12TokenSink {
  private readonly checkVersions: boolean;
  private interchange: OpenInterchange | null = null;
  private group: OpenGroup | null = null;
  private set: OpenSet | null = null;
  private pendingStart: X12InterchangeStartEvent | null = null;
  private lastOffset = 0;
  private out: X12EnvelopeEvent[] = [];

  constructor(options: X12EnvelopeOptions = {}) {
    this.checkVersions = options.checkVersions ?? true;
  }

  push(events: readonly X12Event[]): X12EnvelopeEvent[] {
    for (const event of events) {
      if (event.type === 'segment') this.onSegment(event);
      else this.event(event);
    }
    return this.takeEvents();
  }

  /** Closes whatever is still open (normally the tokenizer reported PREMATURE_END already). */
  end(): X12EnvelopeEvent[] {
    this.closeInterchange(this.lastOffset, 'end of input');
    return this.takeEvents();
  }

  /** The envelope events completed since the last call. */
  takeEvents(): X12EnvelopeEvent[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  event(event: X12InterchangeStartEvent | X12StreamErrorEvent): void {
    if (event.type === 'interchange-start') this.onInterchangeStart(event);
    else this.onStreamError(event);
  }

  segment(id: string, elements: string[], offset: number, index: number, delimiters: X12Delimiters): void {
    // Most segments are the body of a set: taken here without building an event (as onSegment would).
    const set = this.set;
    if (set !== null && id !== 'SE' && id !== 'ST' && id !== 'GE' && id !== 'GS' && id !== 'IEA' && !(id === 'ISA' && index === 1)) {
      this.lastOffset = offset;
      this.addSetSegment(set, id, elements, offset);
      return;
    }
    this.onSegment({ type: 'segment', id, elements, offset, index, delimiters });
  }

  private onInterchangeStart(event: X12InterchangeStartEvent): void {
    this.closeInterchange(event.offset, `another ISA at byte ${event.offset}`);
    this.pendingStart = event;
  }

  private onStreamError(event: X12StreamErrorEvent): void {
    this.lastOffset = Math.max(this.lastOffset, event.offset);
    if (event.code === 'SEGMENT_TOO_LONG') {
      this.onSegmentTooLong(event);
    } else if (event.severity === 'error') {
      // PREMATURE_END, INVALID_ISA, …: whatever is open ends here without its trailers.
      this.closeInterchange(event.offset, event.code);
    }
    this.out.push({ type: 'stream-error', error: event });
  }

  private onSegmentTooLong(event: X12StreamErrorEvent): void {
    if (this.set) {
      this.set.count++;
      this.set.errors.push(envelopeError('SEGMENT_TOO_LONG', event.offset, event.message, { segmentPosition: this.set.count }));
    } else if (this.group) {
      this.group.errors.push(envelopeError('SEGMENT_OUTSIDE_SET', event.offset, `unreadable segment outside a transaction set: ${event.message}`));
    } else if (this.interchange) {
      this.interchange.errors.push(envelopeError('TOKENIZER_ERROR_IN_INTERCHANGE', event.offset, event.message));
    }
  }

  private onSegment(segment: X12SegmentEvent): void {
    this.lastOffset = segment.offset;
    if (segment.id === 'ISA' && segment.index === 1) {
      this.openInterchange(segment);
      return;
    }
    if (this.interchange === null) return; // the tokenizer always starts with an ISA
    if (this.set) {
      if (segment.id === 'SE') {
        this.closeSet(segment);
        return;
      }
      if (segment.id !== 'ST' && segment.id !== 'GE' && segment.id !== 'GS' && segment.id !== 'IEA') {
        this.addSetSegment(this.set, segment.id, segment.elements, segment.offset);
        return;
      }
      this.abandonSet(segment.offset, `${segment.id} at byte ${segment.offset}`);
    }
    if (this.group) {
      if (segment.id === 'ST') this.openSet(this.group, segment);
      else if (segment.id === 'GE') this.closeGroup(segment);
      else if (segment.id === 'GS' || segment.id === 'IEA') {
        this.abandonGroup(segment.offset, `${segment.id} at byte ${segment.offset}`);
        this.onInterchangeSegment(this.interchange, segment);
      } else if (!this.group.strayReported) {
        this.group.strayReported = true;
        this.group.errors.push(envelopeError('SEGMENT_OUTSIDE_SET', segment.offset, `segment ${segment.id} at byte ${segment.offset} is inside the group but outside any ST..SE`));
      }
      return;
    }
    this.onInterchangeSegment(this.interchange, segment);
  }

  private onInterchangeSegment(interchange: OpenInterchange, segment: X12SegmentEvent): void {
    if (segment.id === 'GS') this.openGroup(interchange, segment);
    else if (segment.id === 'IEA') this.finishInterchange(interchange, segment);
    else if (segment.id === 'TA1') interchange.ta1.push(detachedCopies(segment.elements));
    else if (!interchange.strayReported) {
      interchange.strayReported = true;
      interchange.errors.push(envelopeError('UNEXPECTED_SEGMENT_IN_INTERCHANGE', segment.offset, `segment ${segment.id} at byte ${segment.offset} is outside any functional group (only GS, TA1, IEA belong there)`));
    }
  }

  private openInterchange(isa: X12SegmentEvent): void {
    this.closeInterchange(isa.offset, `another ISA at byte ${isa.offset}`);
    const header = readInterchangeHeader(this.pendingStart, isa);
    this.pendingStart = null;
    const errors = checkInterchangeHeader(header, this.checkVersions);
    this.interchange = { header, errors, groups: [], groupControlNumbers: new SeenControlNumbers(), ta1: [], strayReported: false };
    this.out.push({ type: 'interchange-start', header, errors: [...errors] });
  }

  private openGroup(interchange: OpenInterchange, gs: X12SegmentEvent): void {
    // The header stays with the interchange's results: its values must not keep their chunk alive.
    const header = readGroupHeader({ ...gs, elements: detachedCopies(gs.elements) });
    const errors = checkGroupHeader(header, this.checkVersions);
    if (header.controlNumber !== '' && !interchange.groupControlNumbers.add(header.controlNumber)) {
      errors.push(envelopeError('DUPLICATE_GS06', gs.offset, `GS06 group control number ${header.controlNumber} was already used in this interchange`));
    }
    this.group = { header, errors, setCount: 0, setControlNumbers: new SeenControlNumbers(), strayReported: false };
    this.out.push({ type: 'group-start', header, errors: [...errors] });
  }

  private openSet(group: OpenGroup, st: X12SegmentEvent): void {
    const errors = checkSetHeader(st, group.header);
    const controlNumber = st.elements[1] ?? '';
    if (controlNumber !== '' && !group.setControlNumbers.add(controlNumber)) {
      errors.push(envelopeError('DUPLICATE_ST02', st.offset, `ST02 control number ${controlNumber} was already used in this group`));
    }
    this.set = {
      id: st.elements[0] ?? '',
      controlNumber,
      implementationReference: st.elements[2] ?? '',
      offset: st.offset,
      segments: [],
      count: 0,
      errors,
    };
    this.addSetSegment(this.set, 'ST', st.elements, st.offset);
  }

  private addSetSegment(set: OpenSet, id: string, elements: readonly string[], offset: number): void {
    set.count++;
    set.segments.push({ id, elements, offset, position: set.count });
    if (!isValidSegmentId(id)) {
      set.errors.push(envelopeError('SEGMENT_ID_INVALID', offset, `segment id "${id}" (position ${set.count} in the set) is not a valid X12 segment id`, { segmentId: id, segmentPosition: set.count }));
    }
  }

  private closeSet(se: X12SegmentEvent): void {
    const set = this.set as OpenSet;
    this.addSetSegment(set, 'SE', se.elements, se.offset);
    const trailer: X12Trailer = { offset: se.offset, count: se.elements[0] ?? '', controlNumber: se.elements[1] ?? '' };
    if (trailer.controlNumber !== set.controlNumber) {
      set.errors.push(envelopeError('SE02_CONTROL_NUMBER_MISMATCH', se.offset, `SE02 "${trailer.controlNumber}" differs from ST02 "${set.controlNumber}"`));
    }
    if (!countMatches(trailer.count, set.count)) {
      set.errors.push(envelopeError('SE01_SEGMENT_COUNT_MISMATCH', se.offset, `SE01 says ${trailer.count} segments, the set has ${set.count} (ST..SE)`));
    }
    this.emitSet(set, trailer);
  }

  /** The set ends without its SE (an ST/GE/GS/IEA came, or the input ended). */
  private abandonSet(offset: number, cause: string): void {
    const set = this.set;
    if (!set) return;
    set.errors.push(envelopeError('SE_MISSING', offset, `transaction set ${set.id} ${set.controlNumber} has no SE (${cause})`));
    this.emitSet(set, null);
  }

  private emitSet(set: OpenSet, trailer: X12Trailer | null): void {
    this.set = null;
    const group = this.group as OpenGroup;
    group.setCount++;
    const result: X12TransactionSet = {
      id: set.id,
      controlNumber: set.controlNumber,
      implementationReference: set.implementationReference,
      offset: set.offset,
      segmentCount: set.count,
      trailer,
      errors: set.errors,
      accepted: set.errors.length === 0,
      segments: set.segments,
    };
    this.out.push({ type: 'transaction-set', set: result, group: group.header, interchange: (this.interchange as OpenInterchange).header });
  }

  private closeGroup(ge: X12SegmentEvent): void {
    const group = this.group as OpenGroup;
    const trailer: X12Trailer = { offset: ge.offset, count: ge.elements[0] ?? '', controlNumber: ge.elements[1] ?? '' };
    if (trailer.controlNumber !== group.header.controlNumber) {
      group.errors.push(envelopeError('GE02_CONTROL_NUMBER_MISMATCH', ge.offset, `GE02 "${trailer.controlNumber}" differs from GS06 "${group.header.controlNumber}"`));
    }
    if (!countMatches(trailer.count, group.setCount)) {
      group.errors.push(envelopeError('GE01_SET_COUNT_MISMATCH', ge.offset, `GE01 says ${trailer.count} transaction sets, the group has ${group.setCount}`));
    }
    this.emitGroup(group, trailer);
  }

  private abandonGroup(offset: number, cause: string): void {
    this.abandonSet(offset, cause);
    const group = this.group;
    if (!group) return;
    group.errors.push(envelopeError('GE_MISSING', offset, `functional group ${group.header.functionalId} ${group.header.controlNumber} has no GE (${cause})`));
    this.emitGroup(group, null);
  }

  private emitGroup(group: OpenGroup, trailer: X12Trailer | null): void {
    this.group = null;
    const result: X12GroupResult = {
      header: group.header,
      trailer,
      setCount: group.setCount,
      errors: group.errors,
      accepted: group.errors.length === 0,
    };
    (this.interchange as OpenInterchange).groups.push(result);
    this.out.push({ type: 'group-end', group: result });
  }

  private finishInterchange(interchange: OpenInterchange, iea: X12SegmentEvent): void {
    const trailer: X12Trailer = { offset: iea.offset, count: iea.elements[0] ?? '', controlNumber: iea.elements[1] ?? '' };
    if (!countMatches(trailer.count, interchange.groups.length)) {
      interchange.errors.push(envelopeError('IEA01_GROUP_COUNT_MISMATCH', iea.offset, `IEA01 says ${trailer.count} functional groups, the interchange has ${interchange.groups.length}`));
    }
    if (trailer.controlNumber !== interchange.header.controlNumber) {
      interchange.errors.push(envelopeError('IEA02_CONTROL_NUMBER_MISMATCH', iea.offset, `IEA02 "${trailer.controlNumber}" differs from ISA13 "${interchange.header.controlNumber}"`));
    }
    this.emitInterchange(interchange, trailer);
  }

  /** Ends an open interchange that has no IEA (no-op when none is open). */
  private closeInterchange(offset: number, cause: string): void {
    const interchange = this.interchange;
    if (!interchange) return;
    this.abandonGroup(offset, cause);
    interchange.errors.push(envelopeError('IEA_MISSING', offset, `interchange ${interchange.header.controlNumber} has no IEA (${cause})`));
    this.emitInterchange(interchange, null);
  }

  private emitInterchange(interchange: OpenInterchange, trailer: X12Trailer | null): void {
    this.interchange = null;
    this.out.push({
      type: 'interchange-end',
      interchange: {
        header: interchange.header,
        trailer,
        groupCount: interchange.groups.length,
        ta1: interchange.ta1,
        errors: interchange.errors,
        accepted: interchange.errors.length === 0,
        groups: interchange.groups,
      },
    });
  }

}

/** The AK502 code for a rejected set: its first set-level error, else 5 (segment errors only). */
export function transactionSetAk5Code(set: X12TransactionSetSummary): string | null {
  if (set.accepted) return null;
  const own = set.errors.find((error) => error.ack.segment === 'AK5');
  return own ? own.ack.code : AK5_SEGMENTS_IN_ERROR;
}

/** Bytes in, envelope events out: the tokenizer and the validator chained, for streaming intake. */
export class X12StreamParser {
  private readonly tokenizer: X12Tokenizer;
  private readonly validator: X12EnvelopeValidator;

  constructor(options: X12TokenizerOptions & X12EnvelopeOptions = {}) {
    this.validator = new X12EnvelopeValidator(options);
    this.tokenizer = new X12Tokenizer(options, this.validator);
  }

  push(chunk: Buffer): X12EnvelopeEvent[] {
    this.tokenizer.push(chunk);
    return this.validator.takeEvents();
  }

  end(): X12EnvelopeEvent[] {
    this.tokenizer.end();
    return this.validator.end();
  }
}
