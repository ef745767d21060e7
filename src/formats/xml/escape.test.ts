import { describe, expect, it } from 'vitest';
import { escapeXml, XML_REPLACEMENT_CHARACTER } from './escape.js';

describe('escapeXml', () => {
  it('escapes the five XML specials, for text and for attributes quoted either way', () => {
    expect(escapeXml(`Smith & Sons <b> "q" 'a'`)).toBe('Smith &amp; Sons &lt;b&gt; &quot;q&quot; &apos;a&apos;');
  });

  it('escapes an existing reference again, so it reads back as written', () => {
    expect(escapeXml('&amp; &#65;')).toBe('&amp;amp; &amp;#65;');
  });

  it('writes TAB, LF and CR as references so parsers cannot normalise them away', () => {
    expect(escapeXml('a\tb\nc\r\nd')).toBe('a&#x9;b&#xA;c&#xD;&#xA;d');
  });

  it('replaces what XML 1.0 cannot carry with U+FFFD instead of dropping it', () => {
    expect(escapeXml('A\u0000B\u0001C\u001fD\u000bE\u000cF')).toBe(`A${XML_REPLACEMENT_CHARACTER}B\uFFFDC\uFFFDD\uFFFDE\uFFFDF`);
    expect(escapeXml('x\uFFFEy\uFFFFz')).toBe('x\uFFFDy\uFFFDz');
    expect(escapeXml('lone \uD800 high, lone \uDC00 low, pair \uD83D\uDE00')).toBe('lone \uFFFD high, lone \uFFFD low, pair \uD83D\uDE00');
  });

  it('leaves everything else alone', () => {
    expect(escapeXml('Café 中 \u007f \u0085 \u2028 ＝')).toBe('Café 中 \u007f \u0085 \u2028 ＝');
    expect(escapeXml('')).toBe('');
  });
});
