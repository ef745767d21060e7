import { fileProblem, type Problem, type ProblemCode } from '../../domain/problems.js';
import type { LineIndex } from './text-position.js';

/**
 * A linear well-formedness check for order XML (no DTD: the reader refuses any before this runs).
 *
 * fast-xml-parser's XMLValidator is not enough on its own: it spends ~1.5 s on one 10 MB attribute
 * (it copies attribute text a character at a time), accepts a second root when it is self-closing
 * (`<a/><b/>`), undeclared entities (`&nbsp;`) and references to characters XML forbids (`&#0;`).
 * This scan finds all of those in one pass and reports each with its line and column; the tests
 * compare its verdicts with XMLValidator's on the whole bad-input corpus.
 */
export interface WellFormedOptions {
  /** Depth of the deepest element allowed; the root is depth 1. */
  maxDepth: number;
  /** Called for each start tag in document order (also for `<x/>`, which is then ended at once). */
  onStartTag?: (name: string, offset: number, depth: number) => void;
  onEndTag?: () => void;
}

export type WellFormedResult = { ok: true } | { ok: false; problem: Problem };

export function checkWellFormed(text: string, lines: LineIndex, options: WellFormedOptions): WellFormedResult {
  try {
    new WellFormednessScan(text, lines, options).run();
    return { ok: true };
  } catch (error) {
    if (error instanceof NotWellFormed) return { ok: false, problem: error.problem };
    throw error;
  }
}

class NotWellFormed extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

const NAME_START_CHARS = ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D'
  + '\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_CHARS = `${NAME_START_CHARS}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040`;
const NAME_PATTERN = `[${NAME_START_CHARS}][${NAME_CHARS}]*`;
const NAME = new RegExp(NAME_PATTERN, 'uy');
const REFERENCE = new RegExp(`&(?:(${NAME_PATTERN})|#([0-9]+)|#x([0-9a-fA-F]+));`, 'uy');
const WHITESPACE = /[ \t\r\n]*/y;
const XML_DECLARATION = new RegExp(
  '<\\?xml[ \\t\\r\\n]+version[ \\t\\r\\n]*=[ \\t\\r\\n]*(["\'])1\\.[0-9]+\\1'
  + '(?:[ \\t\\r\\n]+encoding[ \\t\\r\\n]*=[ \\t\\r\\n]*(["\'])[A-Za-z][A-Za-z0-9._-]*\\2)?'
  + '(?:[ \\t\\r\\n]+standalone[ \\t\\r\\n]*=[ \\t\\r\\n]*(["\'])(?:yes|no)\\3)?[ \\t\\r\\n]*\\?>',
  'y',
);
const PREDEFINED_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

interface OpenElement {
  name: string;
  offset: number;
}

class WellFormednessScan {
  private at = 0;
  private rootSeen = false;
  private readonly open: OpenElement[] = [];
  /**
   * Next occurrence of a needle at or after the last search. Searches only move forward, so
   * reusing the answer keeps the scan linear even when a needle never occurs again.
   */
  private readonly nextFound = new Map<string, number>();

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
    private readonly options: WellFormedOptions,
  ) {}

  run(): void {
    if (this.text.startsWith('<?xml') && isXmlWhitespace(this.text[5])) this.readXmlDeclaration();
    while (this.at < this.text.length) {
      if (this.text[this.at] === '<') this.readMarkup();
      else this.readText();
    }
    const unclosed = this.open.at(-1);
    if (unclosed !== undefined) {
      this.fail(this.endOfContent(), `The document ends before </${unclosed.name}> (opened at line ${this.lineOf(unclosed.offset)}) is closed: it is truncated or a tag is never closed.`);
    }
    if (!this.rootSeen) this.fail(0, 'The document has no root element.');
  }

  private readXmlDeclaration(): void {
    XML_DECLARATION.lastIndex = 0;
    if (!XML_DECLARATION.test(this.text)) this.fail(0, 'The XML declaration is malformed.');
    this.at = XML_DECLARATION.lastIndex;
  }

  private readMarkup(): void {
    const { text, at } = this;
    if (text.startsWith('<!--', at)) this.readComment();
    else if (text.startsWith('<![CDATA[', at)) this.readCdata();
    else if (text.startsWith('<!', at)) this.fail(at, 'Unexpected markup declaration; only comments and CDATA sections may start with "<!".');
    else if (text.startsWith('<?', at)) this.readProcessingInstruction();
    else if (text.startsWith('</', at)) this.readEndTag();
    else this.readStartTag();
  }

  private readComment(): void {
    const start = this.at;
    const dashes = this.text.indexOf('--', start + 4);
    if (dashes === -1) this.fail(start, 'A comment is never closed.');
    if (this.text[dashes + 2] !== '>') this.fail(dashes, '"--" is not allowed inside a comment.');
    this.at = dashes + 3;
  }

  private readCdata(): void {
    const start = this.at;
    if (this.open.length === 0) this.fail(start, 'A CDATA section outside the root element.');
    const end = this.text.indexOf(']]>', start + 9);
    if (end === -1) this.fail(start, 'A CDATA section is never closed.');
    this.at = end + 3;
  }

  private readProcessingInstruction(): void {
    const start = this.at;
    this.at += 2;
    const target = this.readName();
    if (target === undefined) this.fail(this.at, 'A processing instruction needs a target name after "<?".');
    if (target.toLowerCase() === 'xml') this.fail(start, 'The XML declaration is allowed only at the very start of the file.');
    const end = this.text.indexOf('?>', this.at);
    if (end === -1) this.fail(start, 'A processing instruction is never closed.');
    this.at = end + 2;
  }

  private readEndTag(): void {
    const start = this.at;
    this.at += 2;
    const name = this.readName();
    if (name === undefined) this.fail(this.at, 'Expected an element name after "</".');
    this.skipWhitespace();
    if (this.at >= this.text.length) this.fail(start, `The document ends inside the </${name}> tag.`);
    if (this.text[this.at] !== '>') this.fail(this.at, `Unexpected ${describeChar(this.text[this.at])} in the </${name}> tag.`);
    const element = this.open.pop();
    if (element === undefined) this.fail(start, `Closing tag </${name}> has no matching start tag.`);
    if (element.name !== name) {
      this.fail(start, `Closing tag </${name}> does not match <${element.name}> opened at line ${this.lineOf(element.offset)}.`);
    }
    this.at += 1;
    this.options.onEndTag?.();
  }

  private readStartTag(): void {
    const start = this.at;
    this.at += 1;
    const name = this.readName();
    if (name === undefined) this.fail(start, `Unexpected ${describeChar(this.text[this.at])} after "<"; write a literal "<" as &lt;.`);
    if (this.rootSeen && this.open.length === 0) this.fail(start, `A second root element <${name}>: a document has exactly one root.`);
    const depth = this.open.length + 1;
    if (depth > this.options.maxDepth) {
      this.fail(start, `<${name}> is nested ${depth} levels deep; at most ${this.options.maxDepth} are allowed.`, 'XML_TOO_DEEP');
    }
    const selfClosing = this.readAttributes(name, start);
    this.rootSeen = true;
    this.options.onStartTag?.(name, start, depth);
    if (selfClosing) this.options.onEndTag?.();
    else this.open.push({ name, offset: start });
  }

  /** Reads up to and including `>` or `/>`; returns true for `/>`. */
  private readAttributes(elementName: string, tagStart: number): boolean {
    // Attribute values may not contain "<", so the next "<" bounds every value of this tag.
    const nextLessThan = this.text.indexOf('<', this.at);
    let names: Set<string> | undefined;
    for (;;) {
      const spaced = this.skipWhitespace();
      if (this.at >= this.text.length) this.fail(tagStart, `The document ends inside the <${elementName}> tag.`);
      const char = this.text[this.at];
      if (char === '>') {
        this.at += 1;
        return false;
      }
      if (char === '/' && this.text[this.at + 1] === '>') {
        this.at += 2;
        return true;
      }
      if (!spaced) this.fail(this.at, `Unexpected ${describeChar(char)} in the <${elementName}> tag.`);
      const attributeStart = this.at;
      const attribute = this.readName();
      if (attribute === undefined) this.fail(this.at, `Unexpected ${describeChar(char)} in the <${elementName}> tag.`);
      this.skipWhitespace();
      if (this.text[this.at] !== '=') this.fail(this.at, `Attribute "${attribute}" has no value.`);
      this.at += 1;
      this.skipWhitespace();
      const quote = this.text[this.at];
      if (quote !== '"' && quote !== "'") this.fail(this.at, `The value of attribute "${attribute}" must be in quotes.`);
      const valueEnd = this.text.indexOf(quote, this.at + 1);
      if (valueEnd === -1) this.fail(attributeStart, `The value of attribute "${attribute}" is never closed.`);
      if (nextLessThan !== -1 && nextLessThan < valueEnd) this.fail(nextLessThan, `"<" is not allowed in the value of attribute "${attribute}".`);
      this.checkReferences(this.at + 1, valueEnd);
      names ??= new Set();
      if (names.has(attribute)) this.fail(attributeStart, `Attribute "${attribute}" is repeated on <${elementName}>.`);
      names.add(attribute);
      this.at = valueEnd + 1;
    }
  }

  private readText(): void {
    const start = this.at;
    const nextTag = this.text.indexOf('<', start);
    const end = nextTag === -1 ? this.text.length : nextTag;
    if (this.open.length === 0) {
      WHITESPACE.lastIndex = start;
      WHITESPACE.test(this.text);
      if (WHITESPACE.lastIndex < end) {
        const where = this.rootSeen ? 'after the root element' : 'before the root element (the file must start with "<")';
        this.fail(WHITESPACE.lastIndex, `Text ${where}.`);
      }
    } else {
      this.checkReferences(start, end);
      const cdataEnd = this.findForward(']]>', start);
      if (cdataEnd !== -1 && cdataEnd < end) this.fail(cdataEnd, '"]]>" is not allowed in text; write "]]&gt;".');
    }
    this.at = end;
  }

  /** Every "&" in [from, to) must start &amp; &lt; &gt; &quot; &apos; or a reference to an XML character. */
  private checkReferences(from: number, to: number): void {
    for (let amp = this.findForward('&', from); amp !== -1 && amp < to; amp = this.findForward('&', amp + 1)) {
      REFERENCE.lastIndex = amp;
      const match = REFERENCE.exec(this.text);
      if (match === null || REFERENCE.lastIndex > to) this.fail(amp, 'A bare "&": write it as &amp;.');
      const [reference, entity, decimal, hex] = match;
      if (entity !== undefined) {
        if (!PREDEFINED_ENTITIES.has(entity)) {
          this.fail(amp, `Undeclared entity ${reference}: only &amp; &lt; &gt; &quot; &apos; and numeric references like &#233; are allowed.`);
        }
        continue;
      }
      const codePoint = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16);
      if (isControlCharacter(codePoint)) this.fail(amp, `Character reference ${reference} is a control character.`, 'CONTROL_CHARACTER');
      if (!isXmlCharacter(codePoint)) this.fail(amp, `Character reference ${reference} is not a character XML allows.`);
    }
  }

  private findForward(needle: string, from: number): number {
    const known = this.nextFound.get(needle);
    if (known !== undefined && (known === -1 || known >= from)) return known;
    const found = this.text.indexOf(needle, from);
    this.nextFound.set(needle, found);
    return found;
  }

  private readName(): string | undefined {
    NAME.lastIndex = this.at;
    const match = NAME.exec(this.text);
    if (match === null) return undefined;
    this.at = NAME.lastIndex;
    return match[0];
  }

  /** Returns true when at least one whitespace character was skipped. */
  private skipWhitespace(): boolean {
    WHITESPACE.lastIndex = this.at;
    WHITESPACE.test(this.text);
    const skipped = WHITESPACE.lastIndex > this.at;
    this.at = WHITESPACE.lastIndex;
    return skipped;
  }

  /** A truncated file is reported just after its last visible character, where the cut happened. */
  private endOfContent(): number {
    let end = this.text.length;
    while (end > 0 && isXmlWhitespace(this.text[end - 1])) end -= 1;
    return end;
  }

  private lineOf(offset: number): number {
    return this.lines.positionOf(offset).line;
  }

  private fail(offset: number, message: string, code: ProblemCode = 'XML_NOT_WELL_FORMED'): never {
    const { line, column } = this.lines.positionOf(offset);
    throw new NotWellFormed(fileProblem(code, message, line, column));
  }
}

function isXmlWhitespace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\r' || char === '\n';
}

/** C0 controls other than TAB/LF/CR, DEL and C1: the same set the reader refuses as raw text. */
export function isControlCharacter(codePoint: number): boolean {
  return (codePoint < 0x20 && codePoint !== 0x09 && codePoint !== 0x0a && codePoint !== 0x0d) || (codePoint >= 0x7f && codePoint <= 0x9f);
}

function isXmlCharacter(codePoint: number): boolean {
  return codePoint === 0x09 || codePoint === 0x0a || codePoint === 0x0d
    || (codePoint >= 0x20 && codePoint <= 0xd7ff)
    || (codePoint >= 0xe000 && codePoint <= 0xfffd)
    || (codePoint >= 0x10000 && codePoint <= 0x10ffff);
}

function describeChar(char: string | undefined): string {
  return char === undefined ? 'end of file' : `character "${char}"`;
}
