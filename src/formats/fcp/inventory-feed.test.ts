import { describe, expect, it } from 'vitest';
import { readAsOf, readInventoryFeed } from './inventory-feed.js';

const NOW = new Date('2026-11-22T18:15:00Z');
const opts = { now: NOW, timezone: 'America/Los_Angeles' };
const read = (text: string | Buffer) => readInventoryFeed(text, opts);

describe('readInventoryFeed', () => {
  it('reads rows with BOM, CRLF, extra columns and the file as_of', () => {
    const text = '\uFEFFSKU,Warehouse,Good,Hurt,Allocated,As_Of,Bin\r\nA,WH1,10,1,2,2026-11-22T10:00:00Z,x\r\n\r\nB,WH1,7,0,0,2026-11-22T10:00:00Z,\r\n';
    expect(read(Buffer.from(text, 'utf8'))).toEqual({
      ok: true,
      feed: {
        asOf: '2026-11-22T10:00:00.000Z',
        rows: [
          { sku: 'A', warehouse: 'WH1', good: 10, hurt: 1, allocated: 2, line: 2 },
          { sku: 'B', warehouse: 'WH1', good: 7, hurt: 0, allocated: 0, line: 4 },
        ],
      },
    });
  });

  it('has no as_of without the column, and keeps SKUs as text', () => {
    expect(read('sku,warehouse,good,hurt,allocated\n00123,Main,0,0,0\n')).toEqual({
      ok: true, feed: { asOf: null, rows: [{ sku: '00123', warehouse: 'Main', good: 0, hurt: 0, allocated: 0, line: 2 }] },
    });
  });

  it('takes the earliest as_of when rows differ, and a blank as_of cell means none for that row', () => {
    const r = read('sku,warehouse,good,hurt,allocated,as_of\nA,W,1,0,0,2026-11-22T10:05:00Z\nB,W,1,0,0,2026-11-22T10:00:00Z\nC,W,1,0,0,\n');
    expect(r).toMatchObject({ ok: true, feed: { asOf: '2026-11-22T10:00:00.000Z' } });
  });

  it('accepts a header-only file as an empty inventory', () => {
    expect(read('sku,warehouse,good,hurt,allocated\n')).toEqual({ ok: true, feed: { asOf: null, rows: [] } });
  });

  it.each([
    ['non-integer', 'A,W,1.5,0,0', 'FEED_BAD_VALUE', "good '1.5' for sku 'A' at line 3 is not a whole number"],
    ['negative', 'A,W,5,-1,0', 'FEED_BAD_VALUE', "hurt '-1' for sku 'A' at line 3 is negative"],
    ['exponent', 'A,W,1e3,0,0', 'FEED_BAD_VALUE', "good '1e3' for sku 'A' at line 3 is not a whole number"],
    ['blank count', 'A,W,5,0,', 'FEED_BAD_VALUE', "allocated '' for sku 'A' at line 3 is blank"],
    ['blank sku', ',W,5,0,0', 'FEED_BAD_VALUE', 'Blank sku at line 3'],
    ['blank warehouse', 'A,,5,0,0', 'FEED_BAD_VALUE', "Blank warehouse for sku 'A' at line 3"],
    ['missing column in a row', 'A,W,5,0', 'CSV_RAGGED_ROW', 'Row at line 3 has 4 fields, the header has 5: allocated missing'],
    ['extra cell', 'A,W,5,0,0,9', 'CSV_RAGGED_ROW', 'Row at line 3 has 6 fields, the header has 5'],
  ])('rejects the whole file for a %s row, naming the line', (_kind, row, code, message) => {
    // The bad row is line 3, after a good one: the whole file is refused for it.
    expect(read(`sku,warehouse,good,hurt,allocated\nOK,W,1,0,0\n${row}\n`)).toEqual({ ok: false, problem: { code, line: 3, message } });
  });

  it('reports a broken row or broken quoting later in the file ahead of an earlier bad value', () => {
    const header = 'sku,warehouse,good,hurt,allocated\n';
    expect(read(`${header}A,W,x,0,0\nB,W,1,0\n`)).toMatchObject({ ok: false, problem: { code: 'CSV_RAGGED_ROW', line: 3 } });
    expect(read(`${header}A,W,x,0,0\nB,W,1,0,"0\n`)).toMatchObject({ ok: false, problem: { code: 'CSV_UNCLOSED_QUOTE', line: 3 } });
    expect(read(`${header}A,W,x,0,0\nA,W,1,0,0\n`)).toMatchObject({ ok: false, problem: { code: 'FEED_BAD_VALUE', line: 2 } });
  });

  it('checks every row against the as_of rule, also when rows repeat the same as_of', () => {
    const header = 'sku,warehouse,good,hurt,allocated,as_of\n';
    expect(read(`${header}A,W,1,0,0,2027-01-01\nB,W,1,0,0,2027-01-01\n`)).toMatchObject({ ok: false, problem: { code: 'FEED_BAD_AS_OF', line: 2 } });
    expect(read(`${header}A,W,1,0,0,2026-11-22\nB,W,1,0,0,2026-11-22\nC,W,1,0,0,x\n`)).toMatchObject({ ok: false, problem: { code: 'FEED_BAD_AS_OF', line: 4 } });
  });

  it('rejects a duplicate sku+warehouse with both lines, but allows one sku in two warehouses', () => {
    expect(read('sku,warehouse,good,hurt,allocated\nA,W1,1,0,0\nA,W2,1,0,0\nA,W1,2,0,0\n')).toEqual({
      ok: false, problem: { code: 'FEED_DUPLICATE_ROW', line: 4, message: "sku 'A' in warehouse 'W1' at line 4 is already listed at line 2" },
    });
  });

  it('rejects a missing header column, naming it', () => {
    expect(read('sku,warehouse,good,allocated\nA,W,1,0\n')).toEqual({
      ok: false, problem: { code: 'CSV_MISSING_COLUMN', line: 1, message: 'Missing required column(s) hurt in the header' },
    });
    expect(read('')).toMatchObject({ ok: false, problem: { code: 'CSV_MISSING_COLUMN', line: 1 } });
  });

  it('rejects an as_of that does not parse or lies more than a day ahead', () => {
    expect(read('sku,warehouse,good,hurt,allocated,as_of\nA,W,1,0,0,yesterday\n')).toEqual({
      ok: false, problem: { code: 'FEED_BAD_AS_OF', line: 2, message: "as_of 'yesterday' at line 2 is not an ISO 8601 time (e.g. 2026-11-22T10:00:00Z)" },
    });
    expect(read('sku,warehouse,good,hurt,allocated,as_of\nA,W,1,0,0,2026-02-30T10:00:00Z\n')).toMatchObject({ ok: false, problem: { code: 'FEED_BAD_AS_OF', line: 2 } });
    expect(read('sku,warehouse,good,hurt,allocated,as_of\nA,W,1,0,0,2026-11-23T18:15:00Z\nB,W,1,0,0,2026-11-23T18:15:01Z\n')).toEqual({
      ok: false, problem: { code: 'FEED_BAD_AS_OF', line: 3, message: "as_of '2026-11-23T18:15:01Z' at line 3 is more than a day after now (2026-11-22T18:15:00.000Z)" },
    });
  });

  it('rejects invalid UTF-8, a control character and an unclosed quote with their lines', () => {
    const bad = Buffer.concat([Buffer.from('sku,warehouse,good,hurt,allocated\nA,W,1,0,0\n'), Buffer.from([0x42, 0xff]), Buffer.from(',W,1,0,0\n')]);
    expect(read(bad)).toMatchObject({ ok: false, problem: { code: 'INVALID_UTF8', line: 3 } });
    expect(read('sku,warehouse,good,hurt,allocated\nA\u0000,W,1,0,0\n')).toMatchObject({ ok: false, problem: { code: 'CONTROL_CHARACTER', line: 2 } });
    expect(read('sku,warehouse,good,hurt,allocated\n"A,W,1,0,0\n')).toMatchObject({ ok: false, problem: { code: 'CSV_UNCLOSED_QUOTE', line: 2 } });
  });
});

describe('readAsOf', () => {
  const at = (text: string, zone = 'America/New_York') => {
    const t = readAsOf(text, zone);
    return t === null ? null : new Date(t).toISOString();
  };
  it('reads offsets, Z, fractions and a space separator', () => {
    expect(at('2026-11-22T10:00:00Z')).toBe('2026-11-22T10:00:00.000Z');
    expect(at('2026-11-22T10:00:00.25+01:00')).toBe('2026-11-22T09:00:00.250Z');
    expect(at('2026-11-22 10:00-0530')).toBe('2026-11-22T15:30:00.000Z');
  });
  it('reads a time without an offset in the configured zone, DST included', () => {
    expect(at('2026-11-22T10:00:00')).toBe('2026-11-22T15:00:00.000Z');
    expect(at('2026-07-01T10:00')).toBe('2026-07-01T14:00:00.000Z');
    expect(at('2026-11-22')).toBe('2026-11-22T05:00:00.000Z');
    // The fall-back overlap takes the first 01:30; the spring-forward gap reads with the old offset.
    expect(at('2026-11-01T01:30:00')).toBe('2026-11-01T05:30:00.000Z');
    expect(at('2026-03-08T02:30:00')).toBe('2026-03-08T07:30:00.000Z');
  });
  it('refuses what is not a time', () => {
    for (const bad of ['', '22/11/2026', '2026-13-01', '2026-11-22T24:00', '2026-11-22T10:00+25:00', 'now']) expect(at(bad)).toBeNull();
  });
});
