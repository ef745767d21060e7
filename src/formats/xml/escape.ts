/**
 * The one escaping function for XML text and attribute values the bridge writes.
 *
 * - `& < > " '` become `&amp; &lt; &gt; &quot; &apos;`, so the same function is safe in text
 *   and in attributes quoted either way.
 * - TAB, LF and CR become `&#x9; &#xA; &#xD;`: a conforming parser turns a raw CR into LF in text
 *   and all three into spaces in attributes; references survive both, so values round-trip.
 * - Characters XML 1.0 cannot carry at all (C0 controls other than TAB/LF/CR, U+FFFE, U+FFFF,
 *   lone surrogates) become U+FFFD. Replaced rather than removed: a SKU `A\u0001B` must not
 *   quietly turn into the different, possibly real, SKU `AB`; U+FFFD shows that data was lost.
 */
export const XML_REPLACEMENT_CHARACTER = '\uFFFD';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#x9;',
  '\n': '&#xA;',
  '\r': '&#xD;',
};

// No `u` flag on purpose: surrogates must be matched as single UTF-16 code units to find lone ones.
const NEEDS_ESCAPE = /[&<>"'\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(value: string): string {
  return value.replace(NEEDS_ESCAPE, (char) => ESCAPES[char] ?? XML_REPLACEMENT_CHARACTER);
}
