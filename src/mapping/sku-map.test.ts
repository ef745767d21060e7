import { describe, expect, it, vi } from 'vitest';
import { StringTable } from '../domain/string-table.js';
import { identitySkuMap, readSkuMap, SkuMap } from './sku-map.js';

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
    expect([map.mapped('P-1'), map.mapped('X')]).toEqual([[{ fcpSku: '00123', quantity: 1 }], null]);
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

describe('SkuMap.mapped', () => {
  const map = mapOf('partner_sku,fcp_sku,quantity\nR,00123,1\nPACK,00123,3\nKIT,A,1\nKIT,B,2\n');

  it('gives the FCP SKUs for one unit of a rename, a multi-pack and a bundle, and null when unmapped', () => {
    expect(map.mapped('R')).toEqual([{ fcpSku: '00123', quantity: 1 }]);
    expect(map.mapped('PACK')).toEqual([{ fcpSku: '00123', quantity: 3 }]);
    expect(map.mapped('KIT')).toEqual([{ fcpSku: 'A', quantity: 1 }, { fcpSku: 'B', quantity: 2 }]);
    expect(map.mapped(' KIT ')).toEqual(map.mapped('KIT'));
    expect(map.mapped('00123')).toBeNull();
    expect(map.mapped('kit')).toBeNull();
  });

  it('answers with one probe of one string table, mapped or not', () => {
    const probes = vi.spyOn(StringTable.prototype, 'get');
    try {
      for (const sku of ['R', 'PACK', 'KIT', 'X']) {
        probes.mockClear();
        map.mapped(sku);
        expect(probes, sku).toHaveBeenCalledTimes(1);
      }
    } finally {
      probes.mockRestore();
    }
  });

  it('agrees with resolve for every SKU', () => {
    for (const sku of ['R', 'PACK', 'KIT', 'X', '']) {
      const mapped = map.mapped(sku);
      expect(mapped === null ? [{ fcpSku: sku, quantity: 1 }] : mapped).toEqual(map.resolve(sku));
    }
  });

  it('hands out a bundle\'s own components, frozen, so that a caller cannot change the map', () => {
    const kit = map.mapped('KIT');
    expect(kit).toBe(map.mapped('KIT'));
    expect(Object.isFrozen(kit) && kit?.every((c) => Object.isFrozen(c))).toBe(true);
    expect(() => { kit![0]!.quantity = 9; }).toThrow(TypeError);
  });

  it('turns a rename into a bundle when a later row adds another FCP SKU, wherever that row is', () => {
    const later = mapOf('partner_sku,fcp_sku,quantity\nP,A,1\nQ,C,1\nR,D,1\nP,B,1\n');
    expect(later.mapped('P')).toEqual([{ fcpSku: 'A', quantity: 1 }, { fcpSku: 'B', quantity: 1 }]);
    expect(later.size).toBe(3);
    expect(later.mapped('Q')).toEqual([{ fcpSku: 'C', quantity: 1 }]);
    expect(mapOf('partner_sku,fcp_sku,quantity\nP,A,1\nP,B,4\nP,C,1\n').mapped('P')).toEqual([
      { fcpSku: 'A', quantity: 1 }, { fcpSku: 'B', quantity: 4 }, { fcpSku: 'C', quantity: 1 },
    ]);
  });

  it('is built the same from entries as from rows', () => {
    const fromEntries = new SkuMap([
      { partnerSku: 'R', components: [{ fcpSku: '00123', quantity: 1 }] },
      { partnerSku: 'PACK', components: [{ fcpSku: '00123', quantity: 3 }] },
      { partnerSku: 'KIT', components: [{ fcpSku: 'A', quantity: 1 }, { fcpSku: 'B', quantity: 2 }] },
    ]);
    for (const sku of ['R', 'PACK', 'KIT', 'X']) expect(fromEntries.mapped(sku)).toEqual(map.mapped(sku));
    expect(fromEntries.size).toBe(map.size);
  });
});

describe('the repeated-pair message', () => {
  const problemsOf = (body: string): [number, string][] => {
    const result = readSkuMap(`partner_sku,fcp_sku,quantity\n${body}`, 'skus.csv');
    return result.ok ? [] : result.problems.map((p) => [p.line, p.message]);
  };

  it('names the first line of the pair, for a rename, a multi-pack and any component of a bundle', () => {
    expect(problemsOf('X,Y,1\nA,B,1\nA,B,1\n')).toEqual([[4, "partner_sku 'A' → fcp_sku 'B' is already listed at line 3"]]);
    expect(problemsOf('A,B,2\nX,Y,1\nA,B,1\n')).toEqual([[4, "partner_sku 'A' → fcp_sku 'B' is already listed at line 2"]]);
    expect(problemsOf('A,B,1\nA,C,1\n# note\nA,C,5\nA,B,1\n')).toEqual([
      [5, "partner_sku 'A' → fcp_sku 'C' is already listed at line 3"],
      [6, "partner_sku 'A' → fcp_sku 'B' is already listed at line 2"],
    ]);
  });
});

describe('identitySkuMap', () => {
  it('maps every SKU to itself', () => {
    const map = identitySkuMap();
    expect(map.resolve('00123')).toEqual([{ fcpSku: '00123', quantity: 1 }]);
    expect(map.mapped('00123')).toBeNull();
    expect(map.size).toBe(0);
  });
});
