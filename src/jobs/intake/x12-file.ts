/**
 * Judges an X12 order file (SPEC §5.3). Not X12 at all → quarantined. Otherwise the file is taken
 * whatever its interchanges hold: the orders of accepted 850/940 sets go through the same
 * planOrders/applyDecisions as CSV and XML, every interchange is recorded (processed, test,
 * rejected, duplicate), and the 997s are queued in the same transaction as the orders.
 */
import type { X12Config } from '../../config/types.js';
import { outputName } from '../../domain/output-name.js';
import type { OrderRules } from '../../domain/validate-order.js';
import { write997 } from '../../formats/x12/outbound/index.js';
import type { X12Group, X12InterchangeHeader } from '../../formats/x12/index.js';
import type { Ledger } from '../../ledger/ledger.js';
import type { Clock, Log } from '../ports.js';
import { applyDecisions, ledgerView } from './order-file.js';
import { planOrders } from './plan.js';
import type { FileVerdict } from './take-files.js';
import { ackEnvelope, functionalAckOf, x12LocalDateTime } from './x12-acks.js';
import { planX12File, type X12InterchangePlan } from './x12-plan.js';

export interface X12FileContext {
  partner: string;
  /** order_number_prefix. */
  prefix: string;
  ledger: Ledger;
  clock: Clock;
  log: Log;
  /** Config `timezone`: the 997's ISA/GS date and time are local. */
  timezone: string;
  x12: X12Config;
  /** The mappings and rules in force (throws TransientError while no valid mappings exist). */
  rules: () => OrderRules;
  /** The partner's ship-method map: `find` ignores the `*` default (TD5/W66 candidates). */
  shipMethods: () => { find(method: string): string | undefined };
  /** Outbox target of the partner's 997s, registered in the daemon's target map. */
  ackTarget: string;
}

export function ackTargetOf(partner: string): string {
  return `partner:${partner}:ack`;
}

export function judgeX12File(ctx: X12FileContext, content: Buffer, fileName: string): FileVerdict {
  const rules = ctx.rules();
  const shipMethods = ctx.shipMethods();
  const knowsShipMethod = rules.shipMethodsAreFcpCodes
    ? (method: string): boolean => rules.shipCodes.get(method) !== undefined
    : (method: string): boolean => shipMethods.find(method) !== undefined;
  const plan = planX12File(content, {
    partnerId: ctx.x12.partner_id,
    ourId: ctx.x12.our_id,
    acceptTest: ctx.x12.accept_test,
    acknowledge: ctx.x12.acknowledge,
    productQualifiers: ctx.x12.product_qualifiers,
    knowsShipMethod,
  }, (sender, control, test) => ctx.ledger.x12Interchanges.earlier(ctx.partner, sender, control, test));
  if (!plan.ok) return { ok: false, problem: plan.problem };
  const decisions = planOrders([...plan.orders], rules, ledgerView(ctx.ledger, ctx.partner));
  return {
    ok: true,
    apply: (fileId) => {
      const count = applyDecisions(ctx, decisions, fileId, fileName);
      const at = ctx.clock.now();
      for (const note of plan.streamNotes) {
        const message = `X12 ${note.code} in '${fileName}': ${note.message}`;
        ctx.log.warn('X12 file: content outside the interchanges', { partner: ctx.partner, file: fileName, code: note.code, note: note.message });
        if (note.severity === 'error') ctx.ledger.addEvent(at.toISOString(), ctx.partner, 'x12-error', message);
      }
      for (const interchange of plan.interchanges) recordInterchange(ctx, interchange, fileId, fileName, at);
      return count;
    },
  };
}

function recordInterchange(ctx: X12FileContext, plan: X12InterchangePlan, fileId: number, fileName: string, at: Date): void {
  const { header } = plan;
  ctx.ledger.x12Interchanges.insert({
    partner: ctx.partner, senderId: header.senderId, receiverId: header.receiverId, controlNumber: header.controlNumber,
    fileId, receivedAt: at.toISOString(), test: plan.test, status: plan.status,
    setsReceived: plan.setsReceived, setsAccepted: plan.setsAccepted, orders: plan.orders.length, reason: plan.reason,
  });
  const fields = { partner: ctx.partner, file: fileName, interchange: header.controlNumber, sender: header.senderId, status: plan.status };
  if (plan.status === 'REJECTED') {
    ctx.log.warn('X12 interchange rejected', { ...fields, reason: plan.reason });
    ctx.ledger.addEvent(at.toISOString(), ctx.partner, 'x12-error', `interchange ${header.controlNumber} in '${fileName}' rejected: ${plan.reason ?? ''}`);
  } else if (plan.status === 'DUPLICATE') {
    ctx.log.warn('X12 interchange skipped: duplicate ISA13', { ...fields, reason: plan.reason });
  } else {
    ctx.log.info(plan.status === 'TEST' ? 'X12 test interchange acknowledged (no orders)' : 'X12 interchange processed',
      { ...fields, sets: plan.setsReceived, sets_accepted: plan.setsAccepted, orders: plan.orders.length });
    for (const group of plan.groups) logRejectedSets(ctx, group, fields);
  }
  for (const { group, why } of plan.unacknowledged) {
    ctx.log.warn('X12 functional group not acknowledged', { ...fields, group: group.header.controlNumber, functional_id: group.header.functionalId, why });
  }
  for (const group of plan.acks) queue997(ctx, header, group, fileName, at);
}

function logRejectedSets(ctx: X12FileContext, group: X12Group, fields: Record<string, unknown>): void {
  if (!group.accepted) {
    ctx.log.warn('X12 functional group rejected', { ...fields, group: group.header.controlNumber, errors: group.errors.map((e) => `${e.code}: ${e.message}`) });
  }
  for (const set of group.transactionSets) {
    if (set.accepted) continue;
    ctx.log.warn('X12 transaction set rejected', { ...fields, group: group.header.controlNumber, set: set.controlNumber, set_id: set.id, errors: set.errors.map((e) => `${e.code}: ${e.message}`) });
  }
}

/** One 997 per received group, its own interchange, numbered from the partner's persisted counters. */
function queue997(ctx: X12FileContext, interchange: X12InterchangeHeader, group: X12Group, fileName: string, at: Date): void {
  const { partner, ledger, x12 } = ctx;
  const counter = (name: string): number => ledger.nextSequence(`x12:${partner}:${name}`);
  let text: string;
  try {
    const envelope = ackEnvelope(
      { ourQualifier: x12.our_qualifier, ourId: x12.our_id, partnerQualifier: x12.partner_qualifier, partnerId: x12.partner_id },
      interchange, group, { isa: counter('isa'), gs: counter('gs'), st: [counter('st')] }, x12LocalDateTime(ctx.timezone, at),
    );
    const output = write997(functionalAckOf(group), envelope);
    for (const a of output.adjustments) ctx.log.info('997: a value was adjusted to fit X12', { partner, element: a.element, original: a.original, written: a.written });
    text = output.text;
  } catch (error) {
    // A writer refusal is a bug on our side; the orders of the file must still be taken.
    ctx.log.error('997 not written', { partner, file: fileName, group: group.header.controlNumber, error: (error as Error).message });
    ctx.ledger.addEvent(at.toISOString(), partner, 'x12-error', `997 for group ${group.header.controlNumber} of '${fileName}' not written: ${(error as Error).message}`);
    return;
  }
  const name = outputName('997', partner, at, ledger.nextSequence(`output:997:${partner}`), 'edi');
  ledger.insertOutput({ kind: '997', partner, target: ctx.ackTarget, name, content: Buffer.from(text, 'utf8'), createdAt: at.toISOString() });
  ctx.log.info('997 queued', { partner, file: fileName, output: name, group: group.header.controlNumber, interchange: interchange.controlNumber });
}
