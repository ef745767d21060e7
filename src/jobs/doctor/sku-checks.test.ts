import { describe, expect, it } from 'vitest';
import { duplicateSkuFindings, fcpMatchFindings, similarSkuFindings, type PartnerSkuData } from './sku-checks.js';

const base: PartnerSkuData = {
  partner: 'acme', itemsFile: '/m/acme/items.csv', items: [], duplicates: [], skusFile: '/m/acme/skus.csv', skuRows: [],
};

describe('duplicateSkuFindings (SPEC §4: a duplicate or blank SKU fails the inventory sync)', () => {
  it('lists every duplicate with its lines, and blank SKUs, as errors with the rows to delete', () => {
    const f = duplicateSkuFindings({ ...base, duplicates: [{ sku: 'W-1', lines: [3, 7] }, { sku: '', lines: [5] }] });
    expect(f).toHaveLength(2);
    expect(f[0]).toMatchObject({ severity: 'error', check: 'duplicate_skus', partner: 'acme' });
    expect(f[0]?.what).toBe("SKU 'W-1' is listed 2 times: /m/acme/items.csv:3, /m/acme/items.csv:7");
    expect(f[0]?.fix).toContain('delete /m/acme/items.csv:7');
    expect(f[1]?.what).toBe('blank SKU in 1 row: /m/acme/items.csv:5');
    expect(f[1]?.fix).toContain('fill in the SKU or delete the row');
  });

  it('says nothing for a partner without items.csv', () => {
    expect(duplicateSkuFindings({ ...base, itemsFile: null, duplicates: [{ sku: 'X', lines: [1, 2] }] })).toEqual([]);
  });
});

describe('similarSkuFindings', () => {
  it('finds sku-1 in items.csv vs SKU-1 in skus.csv and says which line to change', () => {
    const f = similarSkuFindings({
      ...base,
      items: [{ sku: 'sku-1', line: 3, active: true }],
      skuRows: [{ partnerSku: 'SKU-1', fcpSku: '101BC', line: 2 }],
    }, null);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'warning', check: 'similar_skus', partner: 'acme' });
    expect(f[0]?.what).toContain("'sku-1' at /m/acme/items.csv:3");
    expect(f[0]?.what).toContain("'SKU-1' at /m/acme/skus.csv:2 (partner_sku)");
    expect(f[0]?.what).toContain('differ only by case');
    expect(f[0]?.fix).toContain("change /m/acme/items.csv:3 'sku-1' to 'SKU-1'");
  });

  it('prefers the FCP feed spelling, shows look-alike characters, and never pairs partner_sku with its own fcp_sku', () => {
    const f = similarSkuFindings({
      ...base,
      items: [{ sku: 'GIFT', line: 2, active: true }],
      skuRows: [{ partnerSku: 'GIFT', fcpSku: '101\u0412C', line: 4 }, { partnerSku: 'lower', fcpSku: 'LOWER', line: 5 }],
    }, { skus: new Set(['101BC', 'LOWER']), label: "'inv.csv' as of T" });
    expect(f).toHaveLength(1);
    expect(f[0]?.what).toContain("'101<U+0412>C' at /m/acme/skus.csv:4 (fcp_sku)");
    expect(f[0]?.what).toContain('U+0412 (Cyrillic Ve');
    expect(f[0]?.fix).toContain("change /m/acme/skus.csv:4 (fcp_sku) '101<U+0412>C' to '101BC'");
    expect(f[0]?.fix).toContain("the FCP's");
  });

  it('is quiet when spellings agree', () => {
    expect(similarSkuFindings({ ...base, items: [{ sku: 'A', line: 2, active: true }], skuRows: [{ partnerSku: 'A', fcpSku: 'B', line: 2 }] }, null)).toEqual([]);
  });
});

describe('fcpMatchFindings', () => {
  const feed = { skus: new Set(['101BC', '102NR/B']), label: "'inv.csv' as of 2026-11-22T00:00:00Z" };
  it('flags active items (and bundle parts) missing from the feed, with a fix; skips inactive items', () => {
    const f = fcpMatchFindings({
      ...base,
      items: [
        { sku: 'GIFTSET', line: 2, active: true }, { sku: 'GONE', line: 3, active: true },
        { sku: 'OLD', line: 4, active: false }, { sku: '101bc', line: 5, active: true },
      ],
      skuRows: [{ partnerSku: 'GIFTSET', fcpSku: '101BC', line: 2 }, { partnerSku: 'GIFTSET', fcpSku: 'NOPE', line: 3 }],
    }, feed);
    expect(f.map((x) => x.what.slice(0, 60))).toHaveLength(3);
    expect(f[0]?.what).toContain("active item 'GIFTSET' (/m/acme/items.csv:2) needs FCP SKU 'NOPE' (mapped at /m/acme/skus.csv:3)");
    expect(f[1]?.fix).toContain("add 'GONE' to the FCP");
    expect(f[1]?.fix).toContain('set active to no at /m/acme/items.csv:3');
    expect(f[2]?.fix).toBe("the FCP spells it '101BC': change /m/acme/items.csv:5 '101bc' to '101BC'");
  });

  it('needs a feed', () => {
    expect(fcpMatchFindings({ ...base, items: [{ sku: 'X', line: 2, active: true }] }, null)).toEqual([]);
  });
});
