import { describe, expect, it } from 'vitest';
import { encodeTextCell } from './csv-output.js';

/** The rules written out with regular expressions only: what the fast path must agree with. */
function reference(value: string): string {
  const safe = /^[\s]*[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

describe('encodeTextCell', () => {
  it('neutralises formulas and quotes what needs quoting, ends and single characters included', () => {
    expect(['=1+2', ' @x', '-5', '+', '"', ',', 'a,b', 'say "hi"', ' pad', 'pad ', '\u00a0x', 'x\u00a0', '＝1', 'A-1', 'plain', ''].map(encodeTextCell))
      .toEqual(["'=1+2", "' @x", "'-5", "'+", '""""', '","', '"a,b"', '"say ""hi"""', '" pad"', '"pad "', '"\u00a0x"', '"x\u00a0"', "'＝1", 'A-1', 'plain', '']);
  });

  it('agrees with the regular-expression rules on random strings', () => {
    const alphabet = ['a', 'Z', '0', '-', '+', '=', '@', ' ', '\t', '\r', '\n', '"', ',', "'", '\u00a0', '\uff1d', 'é', '😀', '\u2003'];
    let seed = 7;
    const random = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
    for (let i = 0; i < 20_000; i += 1) {
      const value = Array.from({ length: random(6) }, () => alphabet[random(alphabet.length)]).join('');
      expect(encodeTextCell(value)).toBe(reference(value));
    }
  });
});
