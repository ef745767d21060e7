import { describe, expect, it } from 'vitest';
import { ShipCodes } from './ship-codes.js';
import { emptyShipMethodMap, readShipMethodMap } from './ship-method-map.js';
import type { ShipMethodMap } from './ship-method-map.js';

const CODES = new ShipCodes(['UPSGND', 'UPS2DA', 'FDXHD', 'USPSPM'].map((code) => ({ code, description: '', carrier: '' })));

function mapOf(text: string): ShipMethodMap {
  const result = readShipMethodMap(text, 'ship-methods.csv', CODES);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

describe('readShipMethodMap', () => {
  const map = mapOf('\uFEFFpartner_method,fcp_code\r\n# defaults last\r\nUPS Ground,UPSGND\r\nups ground express,UPS2DA\r\n\r\nFedEx Home,FDXHD\r\n*,USPSPM\r\n');

  it('matches exactly first', () => {
    expect(map.lookup('UPS Ground')).toBe('UPSGND');
  });

  it('then ignores case and spaces', () => {
    expect(map.lookup('ups  ground')).toBe('UPSGND');
    expect(map.lookup(' UPSGround ')).toBe('UPSGND');
    expect(map.lookup('FEDEX HOME')).toBe('FDXHD');
  });

  it('then falls back to the * row', () => {
    expect(map.lookup('Carrier Pigeon')).toBe('USPSPM');
    expect(map.lookup('')).toBe('USPSPM');
    expect(map.defaultCode).toBe('USPSPM');
  });

  it('finds only real rows with find()', () => {
    expect(map.find('ups ground')).toBe('UPSGND');
    expect(map.find('Carrier Pigeon')).toBeUndefined();
    expect(map.rows().map((r) => r.line)).toEqual([3, 4, 6, 7]);
  });

  it('gives undefined without a default', () => {
    expect(mapOf('partner_method,fcp_code\nGround,UPSGND\n').lookup('Air')).toBeUndefined();
    expect(emptyShipMethodMap().lookup('Ground')).toBeUndefined();
  });

  it('rejects codes that are not FCP ship codes, blank values and conflicting rows', () => {
    const text = 'partner_method,fcp_code\nGround,UPSGND\nAir,NOPE\nGROUND,UPS2DA\n,UPSGND\nExpress,\n*,UPSGND\n*,FDXHD\n';
    expect(readShipMethodMap(text, 'm.csv', CODES)).toEqual({
      ok: false,
      problems: [
        { file: 'm.csv', line: 3, message: "fcp_code 'NOPE' for partner_method 'Air' is not in the FCP ship codes" },
        { file: 'm.csv', line: 4, message: "partner_method 'GROUND' → 'UPS2DA' conflicts with 'Ground' → 'UPSGND' at line 2 (case and spaces are ignored)" },
        { file: 'm.csv', line: 5, message: 'Blank partner_method (use * for the default)' },
        { file: 'm.csv', line: 6, message: "Blank fcp_code for partner_method 'Express'" },
        { file: 'm.csv', line: 8, message: "partner_method '*' → 'FDXHD' conflicts with '*' → 'UPSGND' at line 7 (case and spaces are ignored)" },
      ],
    });
  });

  it('only warns about a repeated row with the same code', () => {
    expect(readShipMethodMap('partner_method,fcp_code\nGround,UPSGND\nground,UPSGND\n', 'm.csv', CODES)).toMatchObject({
      ok: true, warnings: [{ file: 'm.csv', line: 3, message: "partner_method 'ground' repeats line 2" }],
    });
  });
});
