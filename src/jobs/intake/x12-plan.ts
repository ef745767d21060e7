/**
 * What an X12 order file means (SPEC §5.3), decided before anything is written: per interchange
 * whether it is processed, a test, rejected or a duplicate; the orders of its accepted 850/940
 * sets; the functional groups a 997 answers. Pure: the ledger is asked only through `earlier`.
 */
import type { InboundOrder } from '../../domain/order.js';
import { fileProblem, oneLine, type Problem } from '../../domain/problems.js';
import type { X12Group, X12Interchange, X12InterchangeHeader, X12StreamErrorEvent } from '../../formats/x12/index.js';
import { mapX12Order, parseX12Numbered, X12_FILE_PROBLEMS, type X12OrderMappingOptions } from '../../formats/x12/inbound/index.js';
import type { X12InterchangeStatus } from '../../ledger/x12-store.js';

/** The partner's `x12:` profile as the plan needs it. */
export interface X12IntakeProfile extends X12OrderMappingOptions {
  /** `partner_id`: the ISA06 we accept (compared without padding). */
  readonly partnerId: string;
  /** `our_id`: the ISA08 we accept. */
  readonly ourId: string;
  readonly acceptTest: boolean;
  readonly acknowledge: boolean;
}

/** An interchange of this sender with this ISA13 that was already processed or acknowledged. */
export type EarlierInterchange = (senderId: string, controlNumber: string, test: boolean) => { fileId: number | null; receivedAt: string } | undefined;

export interface X12InterchangePlan {
  readonly header: X12InterchangeHeader;
  readonly test: boolean;
  readonly status: X12InterchangeStatus;
  /** Why it was rejected or skipped, with the TA1 note codes; null when nothing is wrong. */
  readonly reason: string | null;
  readonly setsReceived: number;
  readonly setsAccepted: number;
  readonly orders: readonly InboundOrder[];
  /** Every group received in it, with its results. */
  readonly groups: readonly X12Group[];
  /** Groups answered by a 997 (none when the interchange is rejected or a duplicate, or acknowledge is off). */
  readonly acks: readonly X12Group[];
  /** Groups of a processed interchange that no 997 can answer, and why (logged). */
  readonly unacknowledged: readonly { readonly group: X12Group; readonly why: string }[];
}

export type X12FilePlan =
  | { readonly ok: false; readonly problem: Problem }
  | {
      readonly ok: true;
      readonly interchanges: readonly X12InterchangePlan[];
      /** Every order to plan, in file order. */
      readonly orders: readonly InboundOrder[];
      /** Tokenizer findings outside the interchanges (trailing garbage, …): reported, the file is still taken. */
      readonly streamNotes: readonly X12StreamErrorEvent[];
    };

/** GS01 of the groups whose sets are orders. */
const ORDER_GROUPS = new Set(['PO', 'OW']);
/** A 997/999 (GS01 FA) is never acknowledged (research §2.8). */
const ACKNOWLEDGMENT_GROUP = 'FA';

export function planX12File(content: Buffer, profile: X12IntakeProfile, earlier: EarlierInterchange): X12FilePlan {
  const { document, stNumbers } = parseX12Numbered(content);
  if (document.interchanges.length === 0) {
    const first = document.streamErrors.find((e) => e.severity === 'error') ?? document.streamErrors[0];
    const code = first !== undefined && first.code in X12_FILE_PROBLEMS ? first.code : 'NOT_X12';
    const message = first?.message ?? 'no ISA interchange header in the file';
    return { ok: false, problem: fileProblem(code, `not an X12 file: ${message}`, first === undefined ? undefined : lineAt(content, first.offset)) };
  }
  const seenInFile = new Set<string>();
  const interchanges = document.interchanges.map((interchange) => planInterchange(interchange, profile, stNumbers, (sender, control, test) => {
    const key = `${sender}\u0000${control}\u0000${test}`;
    if (seenInFile.has(key)) return 'earlier in this file';
    const found = earlier(sender, control, test);
    return found === undefined ? null : `in file #${found.fileId ?? '?'} at ${found.receivedAt}`;
  }, (sender, control, test) => seenInFile.add(`${sender}\u0000${control}\u0000${test}`)));
  return {
    ok: true,
    interchanges,
    orders: interchanges.flatMap((i) => i.orders),
    // Errors inside an interchange already show as its IEA_MISSING / set errors; these are the rest.
    streamNotes: document.streamErrors.filter((e) => e.code === 'TRAILING_GARBAGE' || e.code === 'NOT_X12' || e.code === 'INVALID_ISA' || e.code === 'MISSING_TERMINATOR'),
  };
}

function planInterchange(
  interchange: X12Interchange,
  profile: X12IntakeProfile,
  stNumbers: ReadonlyMap<number, number>,
  duplicateOf: (sender: string, control: string, test: boolean) => string | null,
  remember: (sender: string, control: string, test: boolean) => void,
): X12InterchangePlan {
  const header = interchange.header;
  const test = header.usage === 'T';
  const setsReceived = interchange.groups.reduce((n, g) => n + g.transactionSets.length, 0);
  const groups = interchange.groups;
  const base = { header, test, setsReceived, groups, orders: [], acks: [], unacknowledged: [] };

  const problems = [
    ...interchange.errors.map((e) => `${e.code} (${e.ack.segment} ${e.ack.code}): ${e.message}`),
    ...identityProblems(header, profile),
  ];
  if (problems.length > 0) return { ...base, status: 'REJECTED', reason: oneLine(problems.join('; ')), setsAccepted: 0 };

  const earlier = duplicateOf(header.senderId, header.controlNumber, test);
  if (earlier !== null) {
    const reason = `duplicate interchange (TA1 025): ISA13 ${header.controlNumber} from ${header.senderId} was already received ${earlier}; not processed again`;
    return { ...base, status: 'DUPLICATE', reason: oneLine(reason), setsAccepted: 0 };
  }
  remember(header.senderId, header.controlNumber, test);

  const acceptedGroups = interchange.groups.filter((g) => g.accepted);
  const setsAccepted = acceptedGroups.reduce((n, g) => n + g.transactionSets.filter((s) => s.accepted).length, 0);
  const makesOrders = !test || profile.acceptTest;
  const orders = makesOrders ? acceptedGroups.flatMap((g) => groupOrders(g, profile, stNumbers)) : [];
  const acks: X12Group[] = [];
  const unacknowledged: { group: X12Group; why: string }[] = [];
  if (profile.acknowledge) {
    for (const group of groups) {
      const why = whyNo997(group);
      if (why === null) acks.push(group);
      else unacknowledged.push({ group, why });
    }
  }
  return {
    header, test, setsReceived, setsAccepted, groups, orders, acks, unacknowledged,
    status: makesOrders ? 'PROCESSED' : 'TEST',
    reason: makesOrders ? null : 'test interchange (ISA15 T): acknowledged, no orders (x12.accept_test is false)',
  };
}

/** SPEC §5.3: ISA06/ISA08 must be the partner's `partner_id` / our `our_id`. */
function identityProblems(header: X12InterchangeHeader, profile: X12IntakeProfile): string[] {
  const problems: string[] = [];
  if (header.senderId !== profile.partnerId.trim()) {
    problems.push(`TA1 006: ISA06 sender '${header.senderId}' is not this partner's x12.partner_id '${profile.partnerId.trim()}'`);
  }
  if (header.receiverId !== profile.ourId.trim()) {
    problems.push(`TA1 009: ISA08 receiver '${header.receiverId}' is not our x12.our_id '${profile.ourId.trim()}'`);
  }
  return problems;
}

function groupOrders(group: X12Group, profile: X12IntakeProfile, stNumbers: ReadonlyMap<number, number>): InboundOrder[] {
  if (!ORDER_GROUPS.has(group.header.functionalId)) return [];
  return group.transactionSets.flatMap((set) => {
    if (!set.accepted) return [];
    const order = mapX12Order({ set, stNumber: stNumbers.get(set.offset) ?? 0 }, profile);
    return order === null ? [] : [order];
  });
}

/** null when a 997 can answer the group; else why not. */
function whyNo997(group: X12Group): string | null {
  if (group.header.functionalId === ACKNOWLEDGMENT_GROUP) return 'a functional acknowledgment group (GS01 FA) is never acknowledged';
  const ta1Only = group.errors.find((e) => e.ack.segment === 'TA1');
  if (ta1Only !== undefined) return `${ta1Only.code}: ${ta1Only.message} (only a TA1 could report it; no 997 is sent)`;
  return null;
}

/** 1-based line of a byte offset, for the reason file of a quarantined file. */
function lineAt(content: Buffer, offset: number): number {
  let line = 1;
  const end = Math.min(offset, content.length);
  for (let i = content.indexOf(0x0a); i !== -1 && i < end; i = content.indexOf(0x0a, i + 1)) line += 1;
  return line;
}
