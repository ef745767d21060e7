import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Config, PartnerConfig } from '../config/types.js';
import type { FcpSkus } from '../domain/feed-index.js';
import type { OrderRules } from '../domain/validate-order.js';
import { decodeUtf8 } from '../formats/csv/utf8.js';
import { readCarriers } from '../mapping/carriers.js';
import { readItemFilter } from '../mapping/item-filter.js';
import { readItems, type StoredItemList } from '../mapping/items.js';
import type { MappingProblem, MappingResult } from '../mapping/mapping-file.js';
import { readShipCodes } from '../mapping/ship-codes.js';
import { emptyShipMethodMap, readShipMethodMap } from '../mapping/ship-method-map.js';
import { identitySkuMap, readSkuMap } from '../mapping/sku-map.js';

type ShipCodes = Extract<ReturnType<typeof readShipCodes>, { ok: true }>['value'];
type Carriers = Extract<ReturnType<typeof readCarriers>, { ok: true }>['value'];
type SkuMap = ReturnType<typeof identitySkuMap>;
type ShipMethodMap = ReturnType<typeof emptyShipMethodMap>;
type Items = StoredItemList;

export interface PartnerMappings {
  skus: SkuMap;
  shipMethods: ShipMethodMap;
  items: Items | null;
  itemFilter: { mode: 'allow' | 'deny'; level: 'item' | 'order'; skus: ReadonlySet<string> } | null;
}

/** Every mapping file of a config, loaded and checked together: one immutable snapshot. */
export interface MappingSet {
  shipCodes: ShipCodes;
  carriers: Carriers | null;
  partners: ReadonlyMap<string, PartnerMappings>;
  /** Content fingerprint of every file, to notice edits. */
  fingerprint: string;
}

export type LoadMappingsResult = { ok: true; set: MappingSet } | { ok: false; problems: MappingProblem[] };

/**
 * Reads every mapping file the config names. All of them must be valid for the set to be used;
 * the caller keeps the previous set otherwise (SPEC §4: an invalid edit leaves the old one in force).
 */
export function loadMappings(config: Config): LoadMappingsResult {
  const problems: MappingProblem[] = [];
  const hash = createHash('sha256');
  const read = (file: string): string | undefined => {
    try {
      const bytes = readFileSync(file);
      // Decoding with 'utf8' would turn a Latin-1 byte into U+FFFD without a word (found by the
      // bad-input suite); SPEC §4 says mapping files are UTF-8, so a bad byte is a problem with its line.
      // The readers drop one BOM from a string themselves, so the text goes to them as the file has it.
      const decoded = decodeUtf8(bytes, { keepBom: true });
      if (!decoded.ok) {
        problems.push({ file, line: decoded.line, message: `Not valid UTF-8 (byte ${decoded.column} of the line); save the file as UTF-8` });
        return undefined;
      }
      // Valid UTF-8, so the bytes are exactly the text's encoding: the fingerprint the text would
      // give, without encoding 3 MB again.
      hash.update(file).update('\u0000').update(bytes).update('\u0000');
      return decoded.text;
    } catch (error) {
      problems.push({ file, line: 0, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
      return undefined;
    }
  };
  const take = <T>(result: MappingResult<T> | undefined): T | undefined => {
    if (result === undefined) return undefined;
    if (!result.ok) { problems.push(...result.problems); return undefined; }
    return result.value;
  };

  const shipCodesText = read(config.fcp.ship_codes);
  const shipCodes = take(shipCodesText === undefined ? undefined : readShipCodes(shipCodesText, config.fcp.ship_codes));
  const carriersText = config.fcp.carriers === null ? undefined : read(config.fcp.carriers);
  const carriers = config.fcp.carriers === null ? null : take(carriersText === undefined ? undefined : readCarriers(carriersText, config.fcp.carriers)) ?? null;

  const partners = new Map<string, PartnerMappings>();
  for (const partner of config.partners) {
    const mappings = loadPartner(partner, shipCodes, read, take);
    if (mappings !== undefined) partners.set(partner.id, mappings);
  }
  if (problems.length > 0 || shipCodes === undefined) return { ok: false, problems };
  return { ok: true, set: { shipCodes, carriers, partners, fingerprint: hash.digest('hex') } };
}

function loadPartner(
  partner: PartnerConfig,
  shipCodes: ShipCodes | undefined,
  read: (file: string) => string | undefined,
  take: <T>(result: MappingResult<T> | undefined) => T | undefined,
): PartnerMappings | undefined {
  const m = partner.mappings;
  const skusText = m.skus === null ? undefined : read(m.skus);
  const skus = m.skus === null ? identitySkuMap() : take(skusText === undefined ? undefined : readSkuMap(skusText, m.skus));
  let shipMethods: ShipMethodMap | undefined = emptyShipMethodMap();
  if (m.ship_methods !== null) {
    const text = read(m.ship_methods);
    shipMethods = shipCodes === undefined || text === undefined ? undefined : take(readShipMethodMap(text, m.ship_methods, shipCodes));
  }
  let items: Items | null | undefined = null;
  if (m.items !== null) {
    const text = read(m.items);
    items = text === undefined ? undefined : take(readItems(text, m.items));
  }
  let itemFilter: PartnerMappings['itemFilter'] | undefined = null;
  if (partner.item_filter !== null) {
    const f = partner.item_filter;
    const text = read(f.skus_file);
    const set = text === undefined ? undefined : take(readItemFilter(text, f.skus_file));
    itemFilter = set === undefined ? undefined : { mode: f.mode, level: f.level, skus: set };
  }
  if (skus === undefined || shipMethods === undefined || items === undefined || itemFilter === undefined) return undefined;
  return { skus, shipMethods, items, itemFilter };
}

/** The order rules of one partner under a mapping set. */
export function orderRulesFor(partner: PartnerConfig, set: MappingSet, fcpSkus: FcpSkus | null, today: string): OrderRules {
  const mappings = set.partners.get(partner.id);
  if (mappings === undefined) throw new Error(`no mappings loaded for partner ${partner.id}`);
  return {
    orderNumberPrefix: partner.orders?.order_number_prefix ?? '',
    maxOrderAgeDays: partner.orders?.max_order_age_days ?? 30,
    shipMethodsAreFcpCodes: partner.orders?.ship_methods_are_fcp_codes ?? false,
    shipCodes: set.shipCodes,
    shipMethods: mappings.shipMethods,
    skus: mappings.skus,
    itemFilter: mappings.itemFilter,
    fcpSkus,
    today,
  };
}

export function formatMappingProblem(p: MappingProblem): string {
  return p.line > 0 ? `${p.file}:${p.line}: ${p.message}` : `${p.file}: ${p.message}`;
}
