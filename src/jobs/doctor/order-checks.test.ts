import { describe, expect, it } from 'vitest';
import { importErrorFindings, shipMethodFindings, type ImportErrorOrder, type ShipMethodContext } from './order-checks.js';

const NOW = new Date('2026-11-22T18:15:00Z');
const unmapped = (n: string, method: string, at: string): ImportErrorOrder => ({
  partner: 'acme', orderNumber: n, receivedAt: at, shipMethod: method, duplicateCopy: false,
  problems: [{ code: 'SHIP_METHOD_NOT_MAPPED', message: `Ship method not mapped: '${method}'` }],
});
const ctx = (over: Partial<ShipMethodContext> = {}): ShipMethodContext => ({
  partner: 'acme', file: '/m/acme/ship-methods.csv', configPath: 'partners[0].mappings', methodsAreFcpCodes: false,
  shipCodesFile: '/m/fcp-ship-codes.csv', codes: [{ code: 'UPSGRD', description: 'UPS Ground' }, { code: 'UPS2DA', description: 'UPS 2nd Day Air' }],
  lookup: () => undefined, ...over,
});

describe('shipMethodFindings', () => {
  it('groups failed orders by method (ignoring case and spaces) and gives the exact row to add, plus the * default', () => {
    const orders = [unmapped('3', 'Overnight Rocket', '2026-11-21T10:00:00Z'), unmapped('1', 'Overnight Rocket', '2026-11-20T10:00:00Z'), unmapped('2', 'overnight  rocket', '2026-11-22T10:00:00Z')];
    const f = shipMethodFindings(orders, new Map([['acme', ctx()]]));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'error', check: 'ship_methods', partner: 'acme' });
    expect(f[0]?.what).toBe("ship method 'Overnight Rocket': 3 orders in IMPORT ERROR with SHIP_METHOD_NOT_MAPPED (oldest '1', received 2026-11-20T10:00:00Z)");
    expect(f[0]?.fix).toContain('add this row to /m/acme/ship-methods.csv:  "Overnight Rocket",<FCP code>');
    expect(f[0]?.fix).toContain('UPSGRD (UPS Ground)');
    expect(f[0]?.fix).toContain('*,<FCP code>');
  });

  it('suggests the FCP code whose description matches, and quotes methods with commas and quotes', () => {
    const f = shipMethodFindings([unmapped('1', 'ups ground', NOW.toISOString()), unmapped('2', 'Next, "Day"', NOW.toISOString())], new Map([['acme', ctx()]]));
    expect(f[0]?.fix).toContain('"ups ground",UPSGRD');
    expect(f[1]?.fix).toContain('"Next, ""Day""",<FCP code>');
  });

  it('says when the files on disk already map the method (only a retry is missing)', () => {
    const f = shipMethodFindings([unmapped('1', 'Air', NOW.toISOString())], new Map([['acme', ctx({ lookup: () => 'UPS2DA' })]]));
    expect(f[0]?.severity).toBe('warning');
    expect(f[0]?.fix).toContain('fcp-bridge retry acme');
  });

  it('tells a partner without a ship-methods file how to create one', () => {
    const f = shipMethodFindings([unmapped('1', 'Air', NOW.toISOString())], new Map([['acme', ctx({ file: null })]]));
    expect(f[0]?.fix).toContain('partners[0].mappings.ship_methods');
    expect(f[0]?.fix).toContain('partner_method,fcp_code');
  });
});

describe('importErrorFindings', () => {
  it('groups by partner and cause with counts and the oldest, and a fix per cause', () => {
    const orders: ImportErrorOrder[] = [
      unmapped('1', 'Air', '2026-11-01T00:00:00Z'),
      { ...unmapped('2', 'Air', '2026-11-20T00:00:00Z'), problems: [{ code: 'SHIP_METHOD_NOT_MAPPED', message: 'm' }, { code: 'INVALID_QUANTITY', message: "Invalid quantity: '1.5'" }] },
      { ...unmapped('D', 'Air', '2026-11-21T00:00:00Z'), duplicateCopy: true, problems: [{ code: 'DUPLICATE_ORDER_NUMBER', message: 'Duplicate order number: D' }] },
    ];
    const f = importErrorFindings(orders, NOW, 15);
    const byCode = (c: string) => f.find((x) => x.what.includes(c));
    expect(byCode('SHIP_METHOD_NOT_MAPPED')?.what).toMatch(/^2 orders with SHIP_METHOD_NOT_MAPPED \(Ship method not mapped\); oldest '1' received 2026-11-01T00:00:00Z \(21 days ago\)/);
    expect(byCode('SHIP_METHOD_NOT_MAPPED')?.fix).toContain('past retry_max_days (15)');
    expect(byCode('INVALID_QUANTITY')).toMatchObject({ severity: 'error' });
    expect(byCode('INVALID_QUANTITY')?.fix).toContain('fcp-bridge cancel acme <number>');
    // A rejected duplicate copy cannot be cleared: a warning, not an error for ever.
    expect(byCode('DUPLICATE_ORDER_NUMBER')?.severity).toBe('warning');
  });
});
