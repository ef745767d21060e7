/**
 * Whole-buffer convenience over the streaming parser: the interchange → group → transaction set
 * tree. Holds everything in memory; the intake of large files should use X12StreamParser.
 */
import { X12StreamParser } from './envelope.js';
import type {
  X12Document,
  X12EnvelopeEvent,
  X12EnvelopeOptions,
  X12Group,
  X12Interchange,
  X12InterchangeHeader,
  X12GroupHeader,
  X12TransactionSet,
} from './envelope-types.js';
import type { X12StreamErrorEvent, X12TokenizerOptions } from './types.js';

export function parseX12(input: Buffer, options: X12TokenizerOptions & X12EnvelopeOptions = {}): X12Document {
  const parser = new X12StreamParser(options);
  return buildX12Document([...parser.push(input), ...parser.end()]);
}

/** Assembles streaming envelope events into the tree (sets arrive before their group-end). */
export function buildX12Document(events: readonly X12EnvelopeEvent[]): X12Document {
  const interchanges: X12Interchange[] = [];
  const streamErrors: X12StreamErrorEvent[] = [];
  let groups: X12Group[] = [];
  let sets: X12TransactionSet[] = [];
  for (const event of events) {
    switch (event.type) {
      case 'transaction-set':
        sets.push(event.set);
        break;
      case 'group-end':
        groups.push({ ...event.group, transactionSets: sets });
        sets = [];
        break;
      case 'interchange-end':
        interchanges.push({ ...event.interchange, groups });
        groups = [];
        break;
      case 'stream-error':
        streamErrors.push(event.error);
        break;
      case 'interchange-start':
      case 'group-start':
        break;
    }
  }
  return { interchanges, streamErrors };
}

export interface X12AcceptedSet {
  readonly interchange: X12InterchangeHeader;
  readonly group: X12GroupHeader;
  readonly set: X12TransactionSet;
}

/** The sets that passed every envelope check at their own, their group's and their interchange's level. */
export function acceptedTransactionSets(document: X12Document): X12AcceptedSet[] {
  const accepted: X12AcceptedSet[] = [];
  for (const interchange of document.interchanges) {
    if (!interchange.accepted) continue;
    for (const group of interchange.groups) {
      if (!group.accepted) continue;
      for (const set of group.transactionSets) {
        if (set.accepted) accepted.push({ interchange: interchange.header, group: group.header, set });
      }
    }
  }
  return accepted;
}
