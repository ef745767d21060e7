import type { FcpSkus } from './feed-index.js';
import type { FcpLine, FcpOrder, InboundLine, InboundOrder, ShipTo } from './order.js';
import { ORDER_PROBLEMS, orderProblem, type Problem } from './problems.js';

/**
 * The order checks of SPEC §5.4, run on the partner's values with the mappings in force.
 * Every failing check is reported (not just the first), in the SPEC's order, so an operator
 * fixes everything in one pass. Duplicate-number checks need the ledger and live in the intake plan.
 */
export interface OrderRules {
  orderNumberPrefix: string;
  maxOrderAgeDays: number;
  shipMethodsAreFcpCodes: boolean;
  shipCodes: { get(code: string): { code: string; carrier: string } | undefined };
  shipMethods: { lookup(method: string): string | undefined };
  skus: { resolve(partnerSku: string): { fcpSku: string; quantity: number }[] };
  itemFilter: { mode: 'allow' | 'deny'; level: 'item' | 'order'; skus: ReadonlySet<string> } | null;
  /** SKUs of the latest FCP inventory feed; null while no feed has arrived (the check is skipped). */
  fcpSkus: FcpSkus | null;
  /** Today as `yyyy-mm-dd` in the configured time zone. */
  today: string;
}

export interface OrderVerdict {
  problems: Problem[];
  /** The FCP order when there is no problem. */
  fcpOrder: FcpOrder | null;
  /** Partner SKUs left out by the item filter (not an error). */
  filteredSkus: string[];
  /** True when the item filter refuses the whole order. */
  filteredOut: boolean;
}

/** Field limits of the FCP's order import, in characters. */
const LIMITS: [keyof ShipTo | 'name', string, number][] = [
  ['name', 'ship-to name', 35], ['company', 'company', 35], ['address1', 'address 1', 60],
  ['address2', 'address 2', 60], ['city', 'city', 60], ['state', 'state', 30],
  ['postalCode', 'postal code', 14], ['phone', 'phone', 20], ['email', 'email', 80],
];
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\r\n\t]/;
const PO_BOX = /\b(p\.?\s*o\.?\s*box|post\s+office\s+box|pob)\b/i;
const US_ZIP = /^\d{5}(-\d{4})?$/;
const WHOLE = /^[0-9]{1,6}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A real day in `YYYY-MM-DD`. Date.parse alone is not enough: V8 rolls 2026-02-30 over to
 * March 2 instead of refusing it (found by the bad-input suite, test/proof/bad-inputs.test.ts).
 */
function isCalendarDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text;
}

export function validateOrder(order: InboundOrder, rules: OrderRules): OrderVerdict {
  const problems: Problem[] = [];
  const at = order.sourceLine;
  const add = (p: Problem): void => { problems.push(p); };

  if (order.orderNumber === '') add(orderProblem('INVALID_ORDER_NUMBER', 'the order number is blank', at));
  else if (CONTROL.test(order.orderNumber) || order.orderNumber.length + rules.orderNumberPrefix.length > 50) {
    add(orderProblem('INVALID_ORDER_NUMBER', `'${order.orderNumber}' has control characters or is longer than 50 characters with its prefix`, at));
  }

  const shipTo = order.shipTo;
  const fullName = `${shipTo.firstName} ${shipTo.lastName}`.trim();
  if (fullName === '' && shipTo.company === '') add(orderProblem('CUSTOMER_INFO_MISSING', 'no ship-to name or company', at));

  const shipCode = resolveShipCode(order, rules, add);
  const addressIssues = addressProblems(shipTo, shipCode === undefined ? undefined : rules.shipCodes.get(shipCode)?.carrier);
  if (addressIssues.length > 0) add(orderProblem('ADDRESS_VALIDATION_FAILED', addressIssues.join('; '), at));

  const malformed = malformedFields(shipTo, fullName);
  if (malformed.length > 0) add(orderProblem('MALFORMED_ADDRESS', malformed.join('; '), at));

  for (const p of order.problems) add(p);

  const { kept, filteredSkus } = applyItemFilter(order.lines, rules.itemFilter);
  const filteredOut = filteredSkus.length > 0 && (rules.itemFilter?.level === 'order' || kept.length === 0);

  for (const line of kept) {
    if (!WHOLE.test(line.quantity) || Number(line.quantity) < 1) {
      add(orderProblem('INVALID_QUANTITY', `'${line.quantity}' for SKU '${line.sku}' is not a whole number from 1 to 999999`, line.sourceLine));
    }
  }
  if (order.lines.length === 0) add(orderProblem('INVALID_SKU', 'the order has no lines', at));
  const lines = expandLines(kept, rules, add, readerFlaggedLines(order));

  if (order.orderDate !== '') {
    if (!isCalendarDate(order.orderDate)) {
      add(orderProblem('INVALID_ORDER_DATE', `'${order.orderDate}' is not a date`, at));
    } else if (order.orderDate < shiftDays(rules.today, -rules.maxOrderAgeDays)) {
      add(orderProblem('ORDER_TOO_OLD', `order date ${order.orderDate} is more than ${rules.maxOrderAgeDays} days before ${rules.today}`, at));
    }
  }

  // Checks ran in the order their inputs were at hand; report them in the SPEC's order.
  problems.sort((a, b) => rank(a.code) - rank(b.code));
  const valid = problems.length === 0 && !filteredOut && shipCode !== undefined;
  return {
    problems,
    filteredSkus,
    filteredOut,
    fcpOrder: valid ? {
      fcpOrderNumber: rules.orderNumberPrefix + order.orderNumber,
      referenceNumber: order.referenceNumber,
      orderDate: order.orderDate,
      shipCode,
      shipTo,
      notes: order.notes,
      lines,
    } : null,
  };
}

function resolveShipCode(order: InboundOrder, rules: OrderRules, add: (p: Problem) => void): string | undefined {
  const method = order.shipMethod;
  if (rules.shipMethodsAreFcpCodes) {
    const known = rules.shipCodes.get(method);
    if (known === undefined) add(orderProblem('INVALID_SHIP_METHOD_CODE', `'${method}' is not in fcp-ship-codes.csv`, order.sourceLine));
    return known?.code;
  }
  const code = rules.shipMethods.lookup(method);
  if (code === undefined) {
    add(orderProblem('SHIP_METHOD_NOT_MAPPED', `'${method}' (add a row to ship-methods.csv, or a '*' default)`, order.sourceLine));
  }
  return code;
}

const SPEC_ORDER: string[] = Object.keys(ORDER_PROBLEMS);

function rank(code: string): number {
  const i = SPEC_ORDER.indexOf(code);
  return i === -1 ? SPEC_ORDER.length : i;
}

function addressProblems(shipTo: ShipTo, carrier: string | undefined): string[] {
  const issues: string[] = [];
  if (shipTo.address1 === '') issues.push('address1 is missing');
  if (shipTo.city === '') issues.push('city is missing');
  if (shipTo.postalCode === '') issues.push('postal code is missing');
  if (shipTo.country === '') issues.push('country is missing');
  const country = countryCode(shipTo.country);
  if ((country === 'US' || country === 'CA') && shipTo.state === '') issues.push(`state is missing for ${country}`);
  if (country === 'US' && shipTo.postalCode !== '' && !US_ZIP.test(shipTo.postalCode)) {
    issues.push(`US ZIP '${shipTo.postalCode}' is not 12345 or 12345-6789`);
  }
  if (carrier !== undefined && /fedex|ups/i.test(carrier) && (PO_BOX.test(shipTo.address1) || PO_BOX.test(shipTo.address2))) {
    issues.push(`${carrier} does not deliver to PO Boxes`);
  }
  return issues;
}

/** Partners write the country many ways; only the US/CA rules depend on it. */
export function countryCode(country: string): string {
  const c = country.trim().toUpperCase().replace(/\./g, '');
  if (c === 'US' || c === 'USA' || c === 'UNITED STATES' || c === 'UNITED STATES OF AMERICA') return 'US';
  if (c === 'CA' || c === 'CAN' || c === 'CANADA') return 'CA';
  return c;
}

function malformedFields(shipTo: ShipTo, fullName: string): string[] {
  const issues: string[] = [];
  const values: Record<string, string> = { ...shipTo, name: fullName };
  for (const [key, label, max] of LIMITS) {
    const value = values[key] ?? '';
    if (CONTROL.test(value)) issues.push(`${label} has control characters`);
    else if ([...value].length > max) issues.push(`${label} is longer than ${max} characters`);
  }
  if (CONTROL.test(shipTo.country)) issues.push('country has control characters');
  return issues;
}

function applyItemFilter(lines: InboundLine[], filter: OrderRules['itemFilter']): { kept: InboundLine[]; filteredSkus: string[] } {
  if (filter === null) return { kept: lines, filteredSkus: [] };
  const kept: InboundLine[] = [];
  const filteredSkus: string[] = [];
  for (const line of lines) {
    const listed = filter.skus.has(line.sku);
    const allowed = filter.mode === 'allow' ? listed : !listed;
    if (allowed) kept.push(line);
    else filteredSkus.push(line.sku);
  }
  return { kept, filteredSkus };
}

/** Bundles become their FCP components with multiplied quantities; the same FCP SKU is summed. */
function expandLines(lines: InboundLine[], rules: OrderRules, add: (p: Problem) => void, flagged: ReadonlySet<number>): FcpLine[] {
  const totals = new Map<string, number>();
  for (const line of lines) {
    if (line.sku === '') {
      if (!flagged.has(line.sourceLine)) add(orderProblem('INVALID_SKU', `blank SKU on line ${line.sourceLine}`, line.sourceLine));
      continue;
    }
    const quantity = WHOLE.test(line.quantity) ? Number(line.quantity) : 0;
    for (const part of rules.skus.resolve(line.sku)) {
      if (rules.fcpSkus !== null && !rules.fcpSkus.has(part.fcpSku)) {
        const mapped = part.fcpSku === line.sku ? '' : ` (FCP SKU '${part.fcpSku}')`;
        add(orderProblem('INVALID_SKU', `'${line.sku}'${mapped} is not in the FCP inventory feed`, line.sourceLine));
        continue;
      }
      totals.set(part.fcpSku, (totals.get(part.fcpSku) ?? 0) + quantity * part.quantity);
    }
  }
  return [...totals].map(([sku, quantity]) => ({ sku, quantity }));
}

/** Lines whose missing SKU the reader already explained (X12: `Invalid SKU: no product id`), so it is said once. */
function readerFlaggedLines(order: InboundOrder): ReadonlySet<number> {
  return new Set(order.problems.flatMap((p) => (p.code === 'INVALID_SKU' && p.line !== undefined ? [p.line] : [])));
}

function shiftDays(isoDay: string, days: number): string {
  const t = Date.parse(`${isoDay}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
