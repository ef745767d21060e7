/**
 * What a tracking snapshot reports (SPEC §9), decided as values: the FCP ships FCP SKUs, the
 * partner ordered its own SKUs, so each package's FCP units are rolled up onto the partner's
 * order lines. Pure: no ledger, no clock.
 *
 * Roll-up. The FCP units shipped so far for an order (summed per FCP SKU over its packages) are
 * handed to the partner's lines in order: each line takes at most what it needs
 * (`ordered × units per partner unit`), so two lines with the same FCP SKU are filled one after
 * the other. Units left over (the FCP shipped more than ordered) go to the first line that has
 * that SKU; units of an FCP SKU that no line has are reported under the FCP SKU. A line's shipped
 * units are `min over its components of floor(allocated / units per partner unit)` — a bundle
 * counts as shipped only when all of its parts are. What a package reports is the difference its
 * units make to that total (so a partial bundle is listed with 0 units in the package that
 * carries only part of it, and counted in the package that completes it).
 */
import type { ShipTo } from '../../domain/order.js';
import type { SkuComponent } from '../../mapping/sku-map.js';

export interface PackageLine {
  /** FCP SKU. */
  sku: string;
  quantity: number;
}

export interface PlanPackage {
  id: number;
  trackingNumber: string;
  shipDate: string;
  carrier: string;
  service: string;
  weightLbs: number | null;
  lines: readonly PackageLine[];
}

/** One line of the partner's order, with the FCP units one partner unit stands for. */
export interface PartnerLine {
  sku: string;
  quantity: number;
  components: readonly SkuComponent[];
}

export interface OrderToReport {
  orderId: number;
  orderNumber: string;
  referenceNumber: string;
  fcpOrderNumber: string;
  orderDate: string;
  shipTo: ShipTo;
  lines: readonly PartnerLine[];
  /** Packages an earlier tracking output reported, in the order they were reported. */
  reported: readonly PlanPackage[];
  /** Packages to report now, in arrival order. */
  pending: readonly PlanPackage[];
}

export interface ReportedLine {
  /** The partner's SKU (or the FCP SKU for units the order does not explain). */
  sku: string;
  /** Units this package adds to the line (0: a part of a bundle that is not complete yet). */
  quantity: number;
  /** Units the partner ordered on the line(s) with this SKU; null for an FCP SKU the order lacks. */
  ordered: number | null;
  /** Units of the line reported by earlier packages. */
  shippedBefore: number;
}

export interface ReportedPackage {
  package: PlanPackage;
  lines: ReportedLine[];
}

export interface OrderReport {
  order: OrderToReport;
  packages: ReportedPackage[];
}

/**
 * The partner lines that went to the FCP: lines with a SKU and a whole quantity whose FCP SKUs
 * are all in the FCP order (a line the item filter dropped never ships and is not waited for).
 */
export function partnerLinesOf(
  inbound: readonly { sku: string; quantity: string }[],
  fcpSkus: ReadonlySet<string>,
  resolve: (partnerSku: string) => SkuComponent[],
): PartnerLine[] {
  return inbound.flatMap((line) => {
    if (line.sku === '' || !/^[0-9]{1,6}$/.test(line.quantity) || Number(line.quantity) < 1) return [];
    const components = resolve(line.sku);
    if (components.length === 0 || !components.every((c) => fcpSkus.has(c.fcpSku))) return [];
    return [{ sku: line.sku, quantity: Number(line.quantity), components }];
  });
}

export interface ShippedUnits {
  /** Partner units shipped per line, same order as the lines. */
  perLine: number[];
  /** FCP units of SKUs no line has. */
  extras: Map<string, number>;
}

/** Partner units shipped by a set of packages (the roll-up described at the top). */
export function shippedUnits(lines: readonly PartnerLine[], packages: readonly PlanPackage[]): ShippedUnits {
  const left = new Map<string, number>();
  for (const pkg of packages) for (const l of pkg.lines) left.set(l.sku, (left.get(l.sku) ?? 0) + l.quantity);
  const allocated = lines.map((line) => line.components.map((c) => {
    const take = Math.min(left.get(c.fcpSku) ?? 0, line.quantity * c.quantity);
    left.set(c.fcpSku, (left.get(c.fcpSku) ?? 0) - take);
    return take;
  }));
  const extras = new Map<string, number>();
  for (const [sku, units] of left) {
    if (units <= 0) continue;
    const at = lines.findIndex((line) => line.components.some((c) => c.fcpSku === sku));
    const row = allocated[at];
    const ci = lines[at]?.components.findIndex((c) => c.fcpSku === sku) ?? -1;
    if (row !== undefined && ci >= 0) row[ci] = (row[ci] ?? 0) + units;
    else extras.set(sku, units);
  }
  const perLine = lines.map((line, i) => Math.min(...line.components.map((c, ci) => Math.floor((allocated[i]?.[ci] ?? 0) / c.quantity))));
  return { perLine, extras };
}

/**
 * Each pending package with the partner lines it reports. Earlier reported packages come first in
 * the running total, so a package reports only what it adds. Lines with the same partner SKU are
 * one reported line.
 */
export function reportOrder(order: OrderToReport): OrderReport {
  const lines = order.lines;
  const seen: PlanPackage[] = [...order.reported];
  let before = shippedUnits(lines, seen);
  const packages = order.pending.map((pkg) => {
    seen.push(pkg);
    const after = shippedUnits(lines, seen);
    const skus = new Set(pkg.lines.map((l) => l.sku));
    const bySku = new Map<string, ReportedLine>();
    lines.forEach((line, i) => {
      const touched = line.components.some((c) => skus.has(c.fcpSku));
      // Never negative: a mapping edit between two snapshots may shift units between lines.
      const added = Math.max(0, (after.perLine[i] ?? 0) - (before.perLine[i] ?? 0));
      if (!touched && added === 0) return;
      const r = bySku.get(line.sku) ?? { sku: line.sku, quantity: 0, ordered: 0, shippedBefore: 0 };
      r.quantity += added;
      r.ordered = (r.ordered ?? 0) + line.quantity;
      r.shippedBefore += Math.min(before.perLine[i] ?? 0, line.quantity);
      bySku.set(line.sku, r);
    });
    for (const [sku, units] of after.extras) {
      const added = units - (before.extras.get(sku) ?? 0);
      if (added <= 0) continue;
      const r = bySku.get(sku) ?? { sku, quantity: 0, ordered: null, shippedBefore: 0 };
      r.quantity += added;
      bySku.set(sku, r);
    }
    before = after;
    return { package: pkg, lines: [...bySku.values()] };
  });
  return { order, packages };
}

/**
 * SPEC §9 COMPLETED: every ordered unit has been reported shipped — every FCP line of the order
 * is covered by the units of its packages whose tracking output was delivered. Counted on FCP
 * units, so a mapping edit after the order cannot make a shipped order look incomplete.
 */
export function isOrderComplete(fcpLines: readonly PackageLine[], delivered: readonly { lines: readonly PackageLine[] }[]): boolean {
  if (fcpLines.length === 0) return false;
  const shipped = new Map<string, number>();
  for (const pkg of delivered) for (const l of pkg.lines) shipped.set(l.sku, (shipped.get(l.sku) ?? 0) + l.quantity);
  const ordered = new Map<string, number>();
  for (const l of fcpLines) ordered.set(l.sku, (ordered.get(l.sku) ?? 0) + l.quantity);
  return [...ordered].every(([sku, quantity]) => (shipped.get(sku) ?? 0) >= quantity);
}
