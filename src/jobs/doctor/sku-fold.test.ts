import { describe, expect, it } from 'vitest';
import { describeDifference, foldSku, lookAlikeTable } from './sku-fold.js';

describe('foldSku: the near-miss key', () => {
  it('folds case, spaces, full-width forms, Cyrillic/Greek look-alikes, dashes and invisible characters', () => {
    const same = ['SKU-1', 'sku-1', 'SKU -1', 'ＳＫＵ－１', '\u0405KU-1', '\u0405\u039AU-1', 'SKU\u20111', 'SKU\u22121', 'SKU\u2013 1', 'S\u200BKU-1', 'SKU\u00A0-1'];
    for (const s of same) expect(foldSku(s), JSON.stringify(s)).toBe('sku-1');
  });

  it('keeps apart what people can see: O/0, l/1/I, S/5 and the em dash', () => {
    expect(foldSku('BOX-1O')).not.toBe(foldSku('BOX-10'));
    expect(foldSku('l1')).not.toBe(foldSku('11'));
    expect(foldSku('S5')).not.toBe(foldSku('55'));
    expect(foldSku('A\u2014B')).not.toBe(foldSku('A-B'));
  });

  it('maps every table entry to its Latin letter', () => {
    for (const row of lookAlikeTable()) expect(foldSku(row.char)).toBe(row.latin.toLowerCase());
    expect(lookAlikeTable().find((r) => r.codePoint === 'U+0405')).toMatchObject({ latin: 'S', name: 'Cyrillic Dze' });
  });
});

describe('describeDifference', () => {
  it('names case, spaces and each unusual character', () => {
    expect(describeDifference('SKU-1', 'sku-1')).toBe('case');
    expect(describeDifference('SKU 1', 'SKU1')).toBe('spaces');
    expect(describeDifference('SKU 1', 'sku1')).toBe('case, spaces');
    expect(describeDifference('SKU-1', '\u0405KU-1')).toBe("U+0405 (Cyrillic Dze, looks like 'S')");
    expect(describeDifference('SKU-1', 'SKU\u20111')).toBe("U+2011 (non-breaking hyphen, looks like '-')");
    expect(describeDifference('SKU1', 'SKU\u200B1')).toBe('U+200B (zero-width space)');
    expect(describeDifference('SKU 1', 'SKU\u00A01')).toBe('U+00A0 (no-break space)');
    expect(describeDifference('SKU1', 'ＳＫＵ1')).toContain("U+FF33 (compatibility form of 'S')");
  });
});
