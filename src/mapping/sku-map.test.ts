import { describe, expect, it } from 'vitest';
import { identitySkuMap, readSkuMap } from './sku-map.js';
import type { SkuMap } from './sku-map.js';

function mapOf(text: string): SkuMap {
  const result = readSkuMap(text, 'skus.csv');
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

describe('readSkuMap', () => {
  it('maps single SKUs, bundles, and unmapped SKUs to themselves', () => {
    const map = mapOf('\uFEFFpartner_sku,fcp_sku,quantity\r\n# gift set\r\nGIFTSET,101BC,1\r\n\r\nGIFTSET,102NR/B,2\r\nP-1,00123,\r\nPACK2,00123,2\r\n');
    expect(map.resolve('GIFTSET')).toEqual([{ fcpSku: '101BC', quantity: 1 }, { fcpSku: '102NR/B', quantity: 2 }]);
    expect(map.resolve('P-1')).toEqual([{ fcpSku: '00123', quantity: 1 }]);
    expect(map.resolve(' 00999 ')).toEqual([{ fcpSku: '00999', quantity: 1 }]);
    expect(map.resolve('giftset')).toEqual([{ fcpSku: 'giftset', quantity: 1 }]);
    expect([map.isBundle('GIFTSET'), map.isBundle('P-1'), map.isBundle('PACK2'), map.isBundle('X')]).toEqual([true, false, true, false]);
    expect(map.has('P-1')).toBe(true);
    expect(map.resolve('PACK2')).toEqual([{ fcpSku: '00123', quantity: 2 }]);
    expect(map.size).toBe(3);
  });

  it('defaults quantity to 1 when the column is absent', () => {
    expect(mapOf('partner_sku,fcp_sku\nA,B\n').resolve('A')).toEqual([{ fcpSku: 'B', quantity: 1 }]);
  });

  it('does not let callers change the map through results', () => {
    const map = mapOf('partner_sku,fcp_sku,quantity\nA,B,2\n');
    const resolved = map.resolve('A');
    resolved[0]!.quantity = 99;
    expect(map.resolve('A')).toEqual([{ fcpSku: 'B', quantity: 2 }]);
  });

  it('rejects quantities that are not whole numbers from 1, with their lines', () => {
    const text = 'partner_sku,fcp_sku,quantity\nA,B,1.5\nC,D,0\nE,F,-1\nG,H,1e3\nI,J,0x10\nK,L,1000000\n';
    const result = readSkuMap(text, 'skus.csv');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.line, p.message])).toEqual([
      [2, "quantity '1.5' is not a whole number from 1 to 999999"],
      [3, "quantity '0' is not a whole number from 1 to 999999"],
      [4, "quantity '-1' is not a whole number from 1 to 999999"],
      [5, "quantity '1e3' is not a whole number from 1 to 999999"],
      [6, "quantity '0x10' is not a whole number from 1 to 999999"],
      [7, "quantity '1000000' is not a whole number from 1 to 999999"],
    ]);
  });

  it('rejects a repeated pair and blank SKUs', () => {
    const result = readSkuMap('partner_sku,fcp_sku,quantity\nA,B,1\nA,C,1\nA,B,2\n,B,1\nX,,1\n', 'skus.csv');
    expect(result).toEqual({
      ok: false,
      problems: [
        { file: 'skus.csv', line: 4, message: "partner_sku 'A' → fcp_sku 'B' is already listed at line 2" },
        { file: 'skus.csv', line: 5, message: 'Blank partner_sku' },
        { file: 'skus.csv', line: 6, message: "Blank fcp_sku for partner_sku 'X'" },
      ],
    });
  });
});

describe('identitySkuMap', () => {
  it('maps every SKU to itself', () => {
    const map = identitySkuMap();
    expect(map.resolve('00123')).toEqual([{ fcpSku: '00123', quantity: 1 }]);
    expect(map.isBundle('00123')).toBe(false);
    expect(map.size).toBe(0);
  });
});
