import { readFileSync } from 'node:fs';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { LineIndex } from './text-position.js';
import { checkWellFormed, type WellFormedResult } from './well-formed.js';

function check(text: string, maxDepth = 32): WellFormedResult {
  return checkWellFormed(text, new LineIndex(text), { maxDepth });
}
function failure(text: string): string {
  const result = check(text);
  if (result.ok) return 'ok';
  return `${result.problem.code} ${result.problem.line}:${result.problem.column} ${result.problem.message}`;
}

describe('checkWellFormed', () => {
  it.each([
    '<a/>',
    '<?xml version="1.0"?><a/>',
    "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<a/>",
    '<!-- before --><a/><!-- after -->\n<?pi data?>\n',
    '<?xml-stylesheet href="s.xsl"?><a/>',
    '<a b="x>y" c=\'"\' d = "&amp;&#233;&#x10FFFF;"/>',
    '<a><![CDATA[<not> & ]]></a>',
    '<a>]] ] ></a>',
    '<p:a xmlns:p="urn:x"><p:b/></p:a>',
    '<é><中/></é>',
    '<a><!----></a>',
    '<a\n  b="1"\n/>',
  ])('accepts %j', (text) => {
    expect(failure(text)).toBe('ok');
  });

  it.each([
    ['<a>', /^XML_NOT_WELL_FORMED 1:4 The document ends before <\/a>/],
    ['<a></b>', /1:4 Closing tag <\/b> does not match <a> opened at line 1/],
    ['</a>', /1:1 Closing tag <\/a> has no matching start tag/],
    ['<a b=1/>', /1:6 The value of attribute "b" must be in quotes/],
    ['<a b="1"c="2"/>', /1:9 Unexpected character "c" in the <a> tag/],
    ['<a b/>', /1:5 Attribute "b" has no value/],
    ['<a b="<"/>', /1:7 "<" is not allowed in the value of attribute "b"/],
    ['<a b="1" b="2"/>', /1:10 Attribute "b" is repeated on <a>/],
    ['<a b="x', /1:4 The value of attribute "b" is never closed/],
    ['<a b="x"', /1:1 The document ends inside the <a> tag/],
    ['<a><!-- x -- y --></a>', /1:11 "--" is not allowed inside a comment/],
    ['<a><!-- x ---></a>', /"--" is not allowed inside a comment/],
    ['<a><!-- x', /1:4 A comment is never closed/],
    ['<![CDATA[x]]><a/>', /1:1 A CDATA section outside the root element/],
    ['<a>]]></a>', /1:4 "]]>" is not allowed in text/],
    ['<a/>x', /1:5 Text after the root element/],
    ['x<a/>', /1:1 Text before the root element/],
    ['<a/><b/>', /1:5 A second root element <b>/],
    ['<a/>\n<?xml version="1.0"?>', /2:1 The XML declaration is allowed only at the very start/],
    ['<?xml version="2.0"?><a/>', /1:1 The XML declaration is malformed/],
    ['<?xml encoding="UTF-8"?><a/>', /1:1 The XML declaration is malformed/],
    ['<1a/>', /1:1 Unexpected character "1" after "<"/],
    ['<a>1 < 2</a>', /1:6 Unexpected character " " after "<"/],
    ['<a><!ELEMENT x ANY></a>', /1:4 Unexpected markup declaration/],
    ['<a>&#;</a>', /1:4 A bare "&"/],
    ['<a>&am p;</a>', /1:4 A bare "&"/],
    ['<a b="&"/>', /1:7 A bare "&"/],
    ['<a>&#xFFFE;</a>', /1:4 Character reference &#xFFFE; is not a character XML allows/],
    ['<a></a >x', /1:9 Text after the root element/],
    ['', /1:1 The document has no root element/],
    ['  \n ', /The document has no root element/],
  ])('refuses %j', (text, expected) => {
    expect(failure(text)).toMatch(expected);
  });

  it('stops at maxDepth with XML_TOO_DEEP on the first element past it', () => {
    expect(failure('<a><b><c/></b></a>')).toBe('ok');
    expect(check('<a><b><c/></b></a>', 2)).toMatchObject({ ok: false, problem: { code: 'XML_TOO_DEEP', line: 1, column: 7 } });
  });

  it('reports every start and end tag to its callbacks, self-closing ones included', () => {
    const events: string[] = [];
    const text = '<a>\n  <b x="1"/>\n  <c>t</c>\n</a>';
    checkWellFormed(text, new LineIndex(text), {
      maxDepth: 32,
      onStartTag: (name, offset, depth) => events.push(`+${name}@${offset}/${depth}`),
      onEndTag: () => events.push('-'),
    });
    expect(events).toEqual(['+a@0/1', '+b@6/2', '-', '+c@19/2', '-', '-']);
  });

  it('stays linear where indexOf could go quadratic', () => {
    const cases = [
      `<a>${'<b>x</b>'.repeat(300_000)}</a>`, // many text runs, no "&" or "]]>" anywhere
      `<a ${Array.from({ length: 50_000 }, (_, k) => `a${k}="v"`).join(' ')}/>`,
      `<a>${'&amp;'.repeat(500_000)}</a>`,
      `<a b="${'x'.repeat(20_000_000)}"/>`,
    ];
    for (const text of cases) {
      const started = performance.now();
      expect(check(text).ok).toBe(true);
      expect(performance.now() - started).toBeLessThan(1500);
    }
  });

  /**
   * Seeded mutations of a real order file: whatever XMLValidator refuses, this scan refuses too.
   * (The scan is stricter on purpose where XMLValidator is lenient: `]]>` in text, references
   * after the root, a second self-closing root, undeclared entities.)
   */
  it('is never more lenient than XMLValidator on 5,000 mutated order files', () => {
    const base = readFileSync(new URL('../../../test/fixtures/xml/good/proto-element.xml', import.meta.url), 'utf8');
    const pieces = ['<', '>', '/', '"', "'", '=', ' ', '&', ';', '!', '-', '?', '[', ']', 'a', '#', '\n', '<!--', '-->', ']]>', '<![CDATA[', '&amp;', '&#65;'];
    let seed = 12345;
    const random = (below: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % below;
    };
    const missed: string[] = [];
    for (let round = 0; round < 5000; round++) {
      let text = base;
      for (let edit = 0, edits = 1 + random(3); edit < edits; edit++) {
        const at = random(text.length);
        const piece = pieces[random(pieces.length)] ?? '';
        const operation = random(3);
        if (operation === 0) text = text.slice(0, at) + text.slice(at + 1 + random(4));
        else if (operation === 1) text = text.slice(0, at) + piece + text.slice(at);
        else text = text.slice(0, at) + piece + text.slice(at + 1);
      }
      if (XMLValidator.validate(text) !== true && check(text, 1000).ok) missed.push(text);
    }
    expect(missed).toEqual([]);
  });
});
