/**
 * Order checks of the doctor: unmapped ship methods (with the exact row to add) and orders stuck
 * in IMPORT ERROR, grouped by cause. Inputs are ledger rows reduced to plain values.
 */
import { ORDER_PROBLEMS } from '../../domain/problems.js';
import { normaliseShipMethod } from '../../mapping/ship-method-map.js';
import { csvCell, finding, plural, shown, type Finding } from './finding.js';

export interface ImportErrorOrder {
  partner: string;
  orderNumber: string;
  receivedAt: string;
  shipMethod: string;
  problems: readonly { code: string; message: string }[];
  /** A rejected copy kept beside the live order (DUPLICATE_ORDER_NUMBER): it cannot be cleared. */
  duplicateCopy: boolean;
}

export interface ShipMethodContext {
  partner: string;
  /** The partner's ship-methods.csv, or null when the config names none. */
  file: string | null;
  /** Where to add the file in the config when there is none: `partners[0].mappings`. */
  configPath: string;
  methodsAreFcpCodes: boolean;
  shipCodesFile: string;
  codes: readonly { code: string; description: string }[];
  /** The FCP code the mappings on disk now give this method (the `*` default included). */
  lookup: (method: string) => string | undefined;
}

/** How many valid FCP codes a fix lists before it says "…". */
const CODES_SHOWN = 12;

/** SHIP_METHOD_NOT_MAPPED / INVALID_SHIP_METHOD_CODE orders, one finding per partner and method. */
export function shipMethodFindings(orders: readonly ImportErrorOrder[], contexts: ReadonlyMap<string, ShipMethodContext>): Finding[] {
  const groups = new Map<string, { partner: string; method: string; code: string; orders: ImportErrorOrder[] }>();
  for (const o of orders) {
    if (o.duplicateCopy) continue;
    for (const code of ['SHIP_METHOD_NOT_MAPPED', 'INVALID_SHIP_METHOD_CODE']) {
      if (!o.problems.some((p) => p.code === code)) continue;
      // Matching ignores case and spaces, so `AIR` and `Air` need one row between them.
      const key = JSON.stringify([o.partner, code, code === 'SHIP_METHOD_NOT_MAPPED' ? normaliseShipMethod(o.shipMethod) : o.shipMethod]);
      const group = groups.get(key) ?? { partner: o.partner, method: o.shipMethod, code, orders: [] };
      group.orders.push(o);
      groups.set(key, group);
    }
  }
  const out: Finding[] = [];
  for (const g of groups.values()) {
    const ctx = contexts.get(g.partner);
    const oldest = oldestOf(g.orders);
    const what = `ship method ${shown(g.method)}: ${plural(g.orders.length, 'order')} in IMPORT ERROR with ${g.code} (oldest ${shown(oldest.orderNumber)}, received ${oldest.receivedAt})`;
    if (ctx === undefined) {
      out.push(finding('error', 'ship_methods', g.partner, what, null));
      continue;
    }
    if (g.code === 'INVALID_SHIP_METHOD_CODE') {
      out.push(finding('error', 'ship_methods', g.partner, what,
        `the partner sends FCP ship codes itself (ship_methods_are_fcp_codes: true): if the FCP has ${shown(g.method)}, add a row ${csvCell(g.method)},<description>,<carrier> to ${ctx.shipCodesFile}; otherwise ask the partner to send one of ${codeList(ctx)}`));
      continue;
    }
    const now = ctx.lookup(g.method);
    if (now !== undefined) {
      out.push(finding('warning', 'ship_methods', g.partner, `${what}; the mapping files on disk now map it to ${now}`,
        `nothing to edit: the daemon re-checks these orders at its next cycle; to do it now run: fcp-bridge retry ${g.partner}`));
      continue;
    }
    const guess = suggestCode(g.method, ctx);
    const row = `${csvCell(g.method, true)},${guess ?? '<FCP code>'}`;
    const where = ctx.file === null
      ? `create a ship-methods file with the header partner_method,fcp_code and the row  ${row}  and name it under ${ctx.configPath}.ship_methods in the config`
      : `add this row to ${ctx.file}:  ${row}`;
    const pick = guess === null ? `, where <FCP code> is one of ${codeList(ctx)}` : ` (${guess} is the FCP code whose name matches; any of ${codeList(ctx)} works)`;
    out.push(finding('error', 'ship_methods', g.partner, what,
      `${where}${pick}. Or send every unmapped method to one code with the default row  *,<FCP code>. The daemon applies the edit and re-checks these orders at once`));
  }
  return out;
}

/** An FCP code whose code or description is the method, ignoring case and spaces; else null. */
function suggestCode(method: string, ctx: ShipMethodContext): string | null {
  const key = normaliseShipMethod(method);
  const hit = ctx.codes.find((c) => normaliseShipMethod(c.code) === key || (c.description !== '' && normaliseShipMethod(c.description) === key));
  return hit?.code ?? null;
}

function codeList(ctx: ShipMethodContext): string {
  const shownCodes = ctx.codes.slice(0, CODES_SHOWN).map((c) => (c.description === '' ? c.code : `${c.code} (${c.description})`));
  return `${shownCodes.join(', ')}${ctx.codes.length > CODES_SHOWN ? `, … (${ctx.shipCodesFile})` : ''}`;
}

/** What to do about each cause, for one partner. */
const FIX_BY_CODE: Readonly<Record<string, (partner: string) => string>> = {
  SHIP_METHOD_NOT_MAPPED: (p) => `add the ship-method rows listed under "Ship methods that failed"; the daemon re-checks these orders as soon as the file is saved (or run: fcp-bridge retry ${p})`,
  INVALID_SHIP_METHOD_CODE: (p) => `see "Ship methods that failed"; then run: fcp-bridge retry ${p}`,
  INVALID_SKU: (p) => `map each SKU in the partner's skus.csv (a row partner_sku,fcp_sku,1), or add it to the FCP, or fix blank SKU lines at the partner; then run: fcp-bridge retry ${p} (fcp-bridge order ${p} <number> shows the lines)`,
  ORDER_TOO_OLD: (p) => `if the orders are genuine, raise orders.max_order_age_days of ${p} in the config and run: fcp-bridge retry ${p}; otherwise cancel each: fcp-bridge cancel ${p} <number>`,
  DUPLICATE_ORDER_NUMBER: (p) => `the partner re-used an order number with other content; compare with fcp-bridge order ${p} <number>. The rejected copy is kept for the record; if it is a new order, ask the partner to send it under a new number`,
};

function partnerDataFix(partner: string): string {
  return `ask the partner to re-send corrected orders (a corrected re-send replaces an IMPORT ERROR order), or cancel each: fcp-bridge cancel ${partner} <number>; fcp-bridge orders --partner ${partner} --status "IMPORT ERROR" lists them`;
}

/**
 * One finding per partner and cause. An order with two problems counts under both. Rejected
 * duplicate copies cannot be cleared, so they are a warning, not an error that never goes away.
 */
export function importErrorFindings(orders: readonly ImportErrorOrder[], now: Date, retryMaxDays: number): Finding[] {
  const groups = new Map<string, { partner: string; code: string; orders: ImportErrorOrder[] }>();
  for (const o of orders) {
    const codes = new Set(o.problems.map((p) => p.code));
    if (codes.size === 0) codes.add('UNKNOWN');
    for (const code of codes) {
      const key = JSON.stringify([o.partner, code]);
      const group = groups.get(key) ?? { partner: o.partner, code, orders: [] };
      group.orders.push(o);
      groups.set(key, group);
    }
  }
  const out: Finding[] = [];
  const sorted = [...groups.values()].sort((a, b) => a.partner.localeCompare(b.partner) || b.orders.length - a.orders.length);
  for (const g of sorted) {
    const oldest = oldestOf(g.orders);
    const days = Math.floor((now.getTime() - Date.parse(oldest.receivedAt)) / 86_400_000);
    const sample = oldest.problems.find((p) => p.code === g.code)?.message ?? '';
    const prefix = (ORDER_PROBLEMS as Record<string, { prefix: string }>)[g.code]?.prefix.replace(/: $/, '') ?? g.code;
    const stale = retryMaxDays > 0 && days > retryMaxDays
      ? ` The oldest is past retry_max_days (${retryMaxDays}): only a mapping edit or fcp-bridge retry re-checks it.` : '';
    const onlyCopies = g.orders.every((o) => o.duplicateCopy);
    const what = `${plural(g.orders.length, 'order')} with ${g.code} (${prefix}); oldest ${shown(oldest.orderNumber)} received ${oldest.receivedAt} (${plural(days, 'day')} ago): ${sample}`;
    const fix = (FIX_BY_CODE[g.code] ?? partnerDataFix)(g.partner) + stale;
    out.push(finding(onlyCopies ? 'warning' : 'error', 'import_errors', g.partner, what, fix));
  }
  return out;
}

function oldestOf(orders: readonly ImportErrorOrder[]): ImportErrorOrder {
  return orders.reduce((a, b) => (Date.parse(b.receivedAt) < Date.parse(a.receivedAt) ? b : a));
}
