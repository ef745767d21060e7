import { describe, expect, it } from 'vitest';
import { readShipCodes } from './ship-codes.js';

describe('readShipCodes', () => {
  it('reads codes in file order', () => {
    const result = readShipCodes('\uFEFFcode,description,carrier\r\n# ground\r\nUPSGND,UPS Ground,UPS\r\n\r\nFDXHD,FedEx Home,FedEx\r\nPICKUP,Customer pickup,\r\n', 'codes.csv');
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const codes = result.value;
    expect(codes.codes()).toEqual(['UPSGND', 'FDXHD', 'PICKUP']);
    expect(codes.has('UPSGND')).toBe(true);
    expect(codes.has('upsgnd')).toBe(false);
    expect(codes.get('FDXHD')).toEqual({ code: 'FDXHD', description: 'FedEx Home', carrier: 'FedEx' });
    expect(codes.get('PICKUP')?.carrier).toBe('');
    expect(codes.get('NOPE')).toBeUndefined();
  });

  it('rejects duplicate and blank codes with their lines', () => {
    expect(readShipCodes('code,description,carrier\nA,x,UPS\n,y,UPS\n\nA,z,UPS\n', 'codes.csv')).toEqual({
      ok: false,
      problems: [
        { file: 'codes.csv', line: 3, message: 'Blank code' },
        { file: 'codes.csv', line: 5, message: "Code 'A' is already listed at line 2" },
      ],
    });
  });

  it('needs the code column', () => {
    expect(readShipCodes('description,carrier\nx,y\n', 'codes.csv')).toMatchObject({ ok: false, problems: [{ line: 1, message: 'Missing required column(s) code' }] });
  });
});
