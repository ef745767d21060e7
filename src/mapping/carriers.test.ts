import { describe, expect, it } from 'vitest';
import { readCarriers } from './carriers.js';

describe('readCarriers', () => {
  it('looks carriers up exactly, then ignoring case', () => {
    const result = readCarriers('fcp_carrier,name,scac\r\nUPS,United Parcel Service,upsn\r\nFedEx,FedEx,FDEG\r\nLocal,,\r\n', 'carriers.csv');
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const carriers = result.value;
    expect(carriers.lookup('UPS')).toEqual({ fcpCarrier: 'UPS', name: 'United Parcel Service', scac: 'UPSN' });
    expect(carriers.lookup(' fedex ')).toEqual({ fcpCarrier: 'FedEx', name: 'FedEx', scac: 'FDEG' });
    expect(carriers.lookup('Local')).toEqual({ fcpCarrier: 'Local', name: 'Local', scac: '' });
    expect(carriers.lookup('DHL')).toBeUndefined();
    expect(carriers.all().map((c) => c.fcpCarrier)).toEqual(['UPS', 'FedEx', 'Local']);
  });

  it('prefers the exact spelling when two rows differ only in case, with a warning', () => {
    const result = readCarriers('fcp_carrier,name,scac\nUPS,Upper,UPSN\nups,Lower,UPSS\n', 'carriers.csv');
    expect(result).toMatchObject({ ok: true, warnings: [{ line: 3 }] });
    if (!result.ok) return;
    expect(result.value.lookup('ups')?.name).toBe('Lower');
    expect(result.value.lookup('Ups')?.name).toBe('Upper');
  });

  it('rejects blank and duplicate carriers and bad SCACs with their lines', () => {
    const result = readCarriers('fcp_carrier,name,scac\n# c\nUPS,,UPSN\n,x,\nUPS,,UPSN\nDHL,,D-HL\n', 'carriers.csv');
    expect(result).toEqual({
      ok: false,
      problems: [
        { file: 'carriers.csv', line: 4, message: 'Blank fcp_carrier' },
        { file: 'carriers.csv', line: 5, message: "fcp_carrier 'UPS' is already listed at line 3" },
        { file: 'carriers.csv', line: 6, message: "scac 'D-HL' is not 2 to 4 letters" },
      ],
    });
  });
});
