/**
 * SKU checks of the doctor: duplicate SKUs in items.csv, near-miss spellings between the item
 * list, the SKU map and the FCP feed, and active items the FCP does not know. Inputs are the
 * parsed rows (with their lines), so every fix can name the file and line to change.
 */
import type { FcpSkus } from '../../domain/feed-index.js';
import { at, finding, plural, shown, type Finding } from './finding.js';
import { describeDifference, foldSku } from './sku-fold.js';

export interface PartnerSkuData {
  partner: string;
  /** items.csv, or null when the partner has none. */
  itemsFile: string | null;
  items: readonly { sku: string; line: number; active: boolean }[];
  duplicates: readonly { sku: string; lines: readonly number[] }[];
  skusFile: string | null;
  skuRows: readonly { partnerSku: string; fcpSku: string; line: number }[];
}

/** The latest FCP inventory feed's SKUs (SPEC §7); null while none has arrived. */
export interface FcpFeedSkus {
  skus: FcpSkus;
  /** Where it came from, for people: the file name and its as_of. */
  label: string;
}

/** SPEC §4: a SKU listed twice, or a blank SKU, fails the partner's inventory sync as a whole. */
export function duplicateSkuFindings(data: PartnerSkuData): Finding[] {
  if (data.itemsFile === null) return [];
  const file = data.itemsFile;
  return data.duplicates.map((d) => {
    const places = d.lines.map((l) => at(file, l)).join(', ');
    if (d.sku === '') {
      return finding('error', 'duplicate_skus', data.partner, `blank SKU in ${plural(d.lines.length, 'row')}: ${places}`,
        `fill in the SKU or delete the row (${places}); until then the partner's inventory sync refuses the whole item list`);
    }
    const [, ...later] = d.lines;
    return finding('error', 'duplicate_skus', data.partner, `SKU ${shown(d.sku)} is listed ${d.lines.length} times: ${places}`,
      `keep one row for ${shown(d.sku)} (merge its name/active/inventory into it) and delete ${later.map((l) => at(file, l)).join(', ')}; until then the partner's inventory sync refuses the whole item list`);
  });
}

interface Spelling {
  sku: string;
  /** `items.csv:3`, `skus.csv:2 (partner_sku)`, `the FCP inventory feed`. */
  place: string;
  /** Whose spelling wins in the suggested fix: the FCP's, then the SKU map's, then the item list's. */
  authority: number;
  /** A file:line a person can edit, or null (the feed is the FCP's, not ours). */
  editable: boolean;
}

/**
 * Spellings that fold alike but differ. Compared within the partner's namespace (items.csv and
 * the SKU map's partner_sku) and within the FCP's (the map's fcp_sku, the feed, and items that
 * map to themselves) — never partner_sku against fcp_sku, since mapping one to the other is the map's job.
 */
export function similarSkuFindings(data: PartnerSkuData, feed: FcpFeedSkus | null): Finding[] {
  const items = data.itemsFile === null ? [] : data.items.map((i): Spelling => ({ sku: i.sku, place: at(data.itemsFile as string, i.line), authority: 1, editable: true }));
  const mapped = new Set(data.skuRows.map((r) => r.partnerSku));
  const skusFile = data.skusFile ?? 'skus.csv';
  const partnerSide = [
    ...items,
    ...data.skuRows.map((r): Spelling => ({ sku: r.partnerSku, place: `${at(skusFile, r.line)} (partner_sku)`, authority: 2, editable: true })),
  ];
  const fcpSide = [
    ...items.filter((i) => !mapped.has(i.sku)),
    ...data.skuRows.map((r): Spelling => ({ sku: r.fcpSku, place: `${at(skusFile, r.line)} (fcp_sku)`, authority: 3, editable: true })),
    ...(feed === null ? [] : [...feed.skus].map((sku): Spelling => ({ sku, place: `the FCP inventory feed (${feed.label})`, authority: 4, editable: false }))),
  ];
  const out: Finding[] = [];
  const reported = new Set<string>();
  for (const group of [...nearMissGroups(partnerSide), ...nearMissGroups(fcpSide)]) {
    const key = [...new Set(group.map((s) => s.sku))].sort().join('\u0000');
    if (reported.has(key)) continue;
    reported.add(key);
    out.push(nearMissFinding(data.partner, group));
  }
  return out;
}

function nearMissGroups(spellings: readonly Spelling[]): Spelling[][] {
  const byFold = new Map<string, Spelling[]>();
  for (const s of spellings) {
    const key = foldSku(s.sku);
    if (key === '') continue;
    const list = byFold.get(key) ?? [];
    list.push(s);
    byFold.set(key, list);
  }
  return [...byFold.values()].filter((list) => new Set(list.map((s) => s.sku)).size > 1);
}

function nearMissFinding(partner: string, group: readonly Spelling[]): Finding {
  const variants = [...new Set(group.map((s) => s.sku))];
  const rank = (sku: string): number => Math.max(...group.filter((s) => s.sku === sku).map((s) => s.authority));
  const target = [...variants].sort((a, b) => rank(b) - rank(a) || group.filter((s) => s.sku === b).length - group.filter((s) => s.sku === a).length)[0] as string;
  const describe = variants.map((v) => `${shown(v)} at ${group.filter((s) => s.sku === v).map((s) => s.place).join(', ')}`).join('; ');
  const how = variants.filter((v) => v !== target).map((v) => describeDifference(target, v)).join('; ');
  const edits = group.filter((s) => s.sku !== target && s.editable).map((s) => `change ${s.place} ${shown(s.sku)} to ${shown(target)}`);
  const fromFeed = group.some((s) => s.sku === target && !s.editable);
  const fix = edits.length === 0
    ? `the FCP itself lists ${variants.map(shown).join(' and ')}; if they are one product, correct it in the FCP`
    : `SKUs match exactly (SPEC §4). If these are one product, use one spelling${fromFeed ? ' — the FCP\'s' : ''}: ${edits.join('; ')}`;
  return finding('warning', 'similar_skus', partner, `${describe} — they differ only by ${how}`, fix);
}

/**
 * Active items whose FCP SKU (itself, or each bundle part) is not in the latest FCP feed: their
 * inventory is never sent (NEVER in product-sync) and their orders fail with INVALID_SKU.
 */
export function fcpMatchFindings(data: PartnerSkuData, feed: FcpFeedSkus | null): Finding[] {
  if (feed === null || data.itemsFile === null) return [];
  const itemsFile = data.itemsFile;
  const partsOf = new Map<string, { fcpSku: string; line: number }[]>();
  for (const r of data.skuRows) partsOf.set(r.partnerSku, [...(partsOf.get(r.partnerSku) ?? []), { fcpSku: r.fcpSku, line: r.line }]);
  const feedByFold = new Map<string, string>();
  for (const sku of feed.skus) if (!feedByFold.has(foldSku(sku))) feedByFold.set(foldSku(sku), sku);
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const item of data.items) {
    if (!item.active || seen.has(item.sku)) continue;
    seen.add(item.sku);
    const parts = partsOf.get(item.sku) ?? [{ fcpSku: item.sku, line: item.line }];
    for (const part of parts.filter((p) => !feed.skus.has(p.fcpSku))) {
      const mappedHere = partsOf.has(item.sku);
      const via = mappedHere ? ` (mapped at ${at(data.skusFile ?? 'skus.csv', part.line)})` : '';
      const close = feedByFold.get(foldSku(part.fcpSku));
      const where = mappedHere ? `${at(data.skusFile ?? 'skus.csv', part.line)} fcp_sku` : `${at(itemsFile, item.line)}`;
      const fix = close !== undefined
        ? `the FCP spells it ${shown(close)}: change ${where} ${shown(part.fcpSku)} to ${shown(close)}`
        : `add ${shown(part.fcpSku)} to the FCP (it must appear in the FCP inventory export), or map the item to an FCP SKU with a row ${item.sku},<FCP SKU>,1 in ${data.skusFile ?? 'the partner\'s skus.csv'}, or set active to no at ${at(itemsFile, item.line)}`;
      out.push(finding('warning', 'fcp_match', data.partner,
        `active item ${shown(item.sku)} (${at(itemsFile, item.line)}) needs FCP SKU ${shown(part.fcpSku)}${via}, which is not in the latest FCP inventory feed (${feed.label}): its inventory is never sent and its orders fail with INVALID_SKU`,
        fix));
    }
  }
  return out;
}
