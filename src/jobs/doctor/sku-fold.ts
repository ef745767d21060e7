/**
 * Near-miss SKUs (SPEC §4: SKUs match exactly; `doctor` points out near misses). Two SKUs are a
 * near miss when they differ but fold to the same key. The fold is for *detecting* confusion
 * only — UTS #39 says a skeleton "should definitely not be used as a normalization" — so the
 * bridge never matches SKUs this way; it only tells a person where two spellings disagree.
 *
 * fold = NFKC (full-width `ＳＫＵ１` → `SKU1`, Kelvin sign → K, NBSP → space)
 *      → the look-alike table below → drop whitespace and invisible characters → lower case.
 *
 * The table holds only *true* look-alikes: letters of other scripts drawn the same as a Latin
 * letter in ordinary fonts, and the dashes that spreadsheets' autocorrect puts in place of `-`.
 * Deliberately NOT folded: O/0, l/1/I, S/5, B/8 — those are different characters people can
 * see, and real SKUs use them side by side (`BOX-10` vs `BOX-1O` are different products).
 */

/** [character, Latin letter it is drawn as, its name for the finding]. */
const LOOK_ALIKES: ReadonlyArray<readonly [string, string, string]> = [
  // Cyrillic capitals
  ['\u0410', 'A', 'Cyrillic A'], ['\u0412', 'B', 'Cyrillic Ve'], ['\u0415', 'E', 'Cyrillic Ie'],
  ['\u041A', 'K', 'Cyrillic Ka'], ['\u041C', 'M', 'Cyrillic Em'], ['\u041D', 'H', 'Cyrillic En'],
  ['\u041E', 'O', 'Cyrillic O'], ['\u0420', 'P', 'Cyrillic Er'], ['\u0421', 'C', 'Cyrillic Es'],
  ['\u0422', 'T', 'Cyrillic Te'], ['\u0425', 'X', 'Cyrillic Ha'], ['\u0405', 'S', 'Cyrillic Dze'],
  ['\u0406', 'I', 'Cyrillic I (Ukrainian)'], ['\u0408', 'J', 'Cyrillic Je'], ['\u04AE', 'Y', 'Cyrillic straight U'],
  ['\u051A', 'Q', 'Cyrillic Qa'], ['\u051C', 'W', 'Cyrillic We'],
  // Cyrillic small letters
  ['\u0430', 'a', 'Cyrillic a'], ['\u0435', 'e', 'Cyrillic ie'], ['\u043E', 'o', 'Cyrillic o'],
  ['\u0440', 'p', 'Cyrillic er'], ['\u0441', 'c', 'Cyrillic es'], ['\u0443', 'y', 'Cyrillic u'],
  ['\u0445', 'x', 'Cyrillic ha'], ['\u0455', 's', 'Cyrillic dze'], ['\u0456', 'i', 'Cyrillic i (Ukrainian)'],
  ['\u0458', 'j', 'Cyrillic je'], ['\u04BB', 'h', 'Cyrillic shha'], ['\u0501', 'd', 'Cyrillic komi de'],
  ['\u051B', 'q', 'Cyrillic qa'], ['\u051D', 'w', 'Cyrillic we'],
  // Greek capitals (and omicron, the one small Greek letter drawn exactly as a Latin one)
  ['\u0391', 'A', 'Greek Alpha'], ['\u0392', 'B', 'Greek Beta'], ['\u0395', 'E', 'Greek Epsilon'],
  ['\u0396', 'Z', 'Greek Zeta'], ['\u0397', 'H', 'Greek Eta'], ['\u0399', 'I', 'Greek Iota'],
  ['\u039A', 'K', 'Greek Kappa'], ['\u039C', 'M', 'Greek Mu'], ['\u039D', 'N', 'Greek Nu'],
  ['\u039F', 'O', 'Greek Omicron'], ['\u03A1', 'P', 'Greek Rho'], ['\u03A4', 'T', 'Greek Tau'],
  ['\u03A5', 'Y', 'Greek Upsilon'], ['\u03A7', 'X', 'Greek Chi'], ['\u03BF', 'o', 'Greek omicron'],
  // Dashes drawn as (or autocorrected from) the hyphen-minus; NFKC leaves them alone.
  ['\u2010', '-', 'hyphen'], ['\u2011', '-', 'non-breaking hyphen'], ['\u2012', '-', 'figure dash'],
  ['\u2013', '-', 'en dash'], ['\u2212', '-', 'minus sign'], ['\u02D7', '-', 'modifier minus'],
];

/** Characters that take no room at all; a SKU that holds one looks exactly like one without. */
const INVISIBLE: ReadonlyArray<readonly [string, string]> = [
  ['\u00AD', 'soft hyphen'], ['\u200B', 'zero-width space'], ['\u200C', 'zero-width non-joiner'],
  ['\u200D', 'zero-width joiner'], ['\u2060', 'word joiner'], ['\uFEFF', 'zero-width no-break space (BOM)'],
];

/** Named in findings only (NFKC already turns them into a plain space, and spaces are dropped). */
const SPACES: ReadonlyArray<readonly [string, string]> = [
  ['\u00A0', 'no-break space'], ['\u2007', 'figure space'], ['\u202F', 'narrow no-break space'], ['\u3000', 'ideographic space'],
];

const LATIN_OF = new Map(LOOK_ALIKES.map(([ch, latin]) => [ch, latin]));
const NAME_OF = new Map<string, string>([...LOOK_ALIKES.map(([ch, latin, name]): [string, string] => [ch, `${name}, looks like '${latin}'`]), ...INVISIBLE, ...SPACES]);
const INVISIBLE_SET = new Set(INVISIBLE.map(([ch]) => ch));

/** The detection key: equal keys + different text = a near miss. */
export function foldSku(sku: string): string {
  let out = '';
  for (const ch of sku.normalize('NFKC')) {
    if (INVISIBLE_SET.has(ch) || /\s/u.test(ch)) continue;
    out += LATIN_OF.get(ch) ?? ch;
  }
  return out.toLowerCase();
}

/**
 * How two spellings with the same fold differ, in words: `case`, `spaces`, and each unusual
 * character that only one of them has, by name (`U+0405 Cyrillic Dze, looks like 'S'`).
 */
export function describeDifference(a: string, b: string): string {
  const plain = (s: string): string => [...s.normalize('NFKC')].filter((ch) => !INVISIBLE_SET.has(ch)).map((ch) => LATIN_OF.get(ch) ?? ch).join('');
  const squeeze = (s: string): string => s.replace(/\s/gu, '');
  const [pa, pb] = [plain(a), plain(b)];
  const reasons: string[] = [];
  // The folds are equal, so what survives squeezing is a case difference and what survives
  // lower-casing is a whitespace difference.
  if (squeeze(pa) !== squeeze(pb)) reasons.push('case');
  if (pa.toLowerCase() !== pb.toLowerCase()) reasons.push('spaces');
  const charsOf = (s: string): Set<string> => new Set([...s].filter((ch) => { const cp = ch.codePointAt(0) as number; return cp < 0x20 || cp > 0x7e; }));
  const [ca, cb] = [charsOf(a), charsOf(b)];
  const onlyInOne = [...ca].filter((ch) => !cb.has(ch)).concat([...cb].filter((ch) => !ca.has(ch))).sort();
  for (const ch of onlyInOne) {
    const cp = (ch.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0');
    const nfkc = ch.normalize('NFKC');
    const name = NAME_OF.get(ch) ?? (/\s/u.test(ch) ? 'a space character' : nfkc !== ch ? `compatibility form of '${nfkc}'` : 'not plain ASCII');
    reasons.push(`U+${cp} (${name})`);
  }
  return reasons.length === 0 ? 'characters that look alike' : reasons.join(', ');
}

/** The table, for docs/operations.md and its test: `U+0405 → S  Cyrillic Dze`. */
export function lookAlikeTable(): { char: string; codePoint: string; latin: string; name: string }[] {
  return LOOK_ALIKES.map(([ch, latin, name]) => ({
    char: ch, codePoint: `U+${(ch.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`, latin, name,
  }));
}
