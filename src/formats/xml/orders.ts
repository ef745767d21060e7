import { XMLParser, type X2jOptions } from 'fast-xml-parser';
import type { InboundLine, InboundOrder, ReadResult, ShipTo } from '../../domain/order.js';
import { fileProblem, orderProblem, type Problem, type ProblemCode } from '../../domain/problems.js';
import { decodeXmlBytes } from './encoding.js';
import {
  ARRAY_JPATHS, ITEM_SCHEMA, ORDER_SCHEMA, RESERVED_ELEMENT_NAMES, ROOT_SCHEMAS, SHIP_TO_ELEMENTS,
  type ElementSchema,
} from './order-schema.js';
import { LineIndex } from './text-position.js';
import { checkWellFormed, isControlCharacter } from './well-formed.js';

/**
 * Reads an XML order file (SPEC §5.2): root `Orders` (children `Order`) or `OrderSubmitRequest`
 * (`OrderList/Order`). Every check that can refuse the file runs before fast-xml-parser sees the
 * text, so the parser only ever gets well-formed, DTD-free UTF-8 within the size cap; see
 * docs/formats-xml.md.
 */
export interface ReadXmlOrdersOptions {
  /** limits.max_file_bytes */
  maxBytes: number;
  /** Deepest element nesting accepted; the root is level 1. Order files need 6. */
  maxDepth?: number;
}

export const DEFAULT_MAX_XML_DEPTH = 32;
/** The unknown-elements warning names at most this many, so a hostile file cannot bloat it. */
const MAX_UNKNOWN_NAMES_LISTED = 20;
const DTD_MARKUP = /<!(DOCTYPE|ENTITY)/i;
/** Raw characters refused in the text: C0 controls but TAB/LF/CR, DEL, C1, and U+FFFE/U+FFFF. */
const REFUSED_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/;
const ISO_DATE_PREFIX = /^[0-9]{4}-[0-9]{2}-[0-9]{2}/;

export function readXmlOrders(bytes: Buffer, opts: ReadXmlOrdersOptions): ReadResult {
  const maxDepth = opts.maxDepth ?? DEFAULT_MAX_XML_DEPTH;
  if (bytes.length > opts.maxBytes) return refuse(tooLarge(bytes, opts.maxBytes));

  const decoded = decodeXmlBytes(bytes);
  if (!decoded.ok) return refuse(decoded.problem);
  const { text } = decoded;
  const lines = new LineIndex(text);
  const problemAt = (code: ProblemCode, message: string, offset: number): Problem => {
    const { line, column } = lines.positionOf(offset);
    return fileProblem(code, message, line, column);
  };

  // Any DTD is refused, even one inside a comment: orders never need one, and the parser's own
  // entity limits are a second line of defence, not the first.
  const dtd = DTD_MARKUP.exec(text);
  if (dtd !== null) {
    const keyword = (dtd[1] ?? '').toUpperCase();
    return refuse(problemAt('XML_DOCTYPE', `A <!${keyword}> declaration: order files may not declare a DTD or entities (XXE and entity-expansion attacks).`, dtd.index));
  }

  const outline = new DocumentOutline();
  const wellFormed = checkWellFormed(text, lines, {
    maxDepth,
    onStartTag: (name, offset, depth) => outline.startElement(name, offset, depth),
    onEndTag: () => outline.endElement(),
  });
  if (!wellFormed.ok) return refuse(wellFormed.problem);

  const refused = REFUSED_CHARACTER.exec(text);
  if (refused !== null) {
    const codePoint = refused[0].charCodeAt(0);
    const name = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
    return refuse(isControlCharacter(codePoint)
      ? problemAt('CONTROL_CHARACTER', `Control character ${name} in the file; only TAB, CR and LF are allowed.`, refused.index)
      : problemAt('XML_NOT_WELL_FORMED', `Character ${name} is not allowed in XML.`, refused.index));
  }

  const root = outline.root;
  if (root === undefined) return refuse(fileProblem('XML_NOT_WELL_FORMED', 'The document has no root element.', 1, 1));
  if (!ROOT_SCHEMAS.has(root.name)) {
    return refuse(problemAt('XML_UNKNOWN_ROOT', `Root element <${root.name}>: expected <Orders> or <OrderSubmitRequest>.`, root.offset));
  }
  if (outline.reserved !== undefined) {
    const { name, offset } = outline.reserved;
    return refuse(problemAt('XML_RESERVED_NAME', `Element <${name}> is not allowed: its name is reserved in JavaScript objects.`, offset));
  }

  let parsed: unknown;
  try {
    parsed = new XMLParser(parserOptions(maxDepth)).parse(text);
  } catch (error) {
    return refuse(fileProblem('READ_FAILED', `fast-xml-parser failed after the checks passed: ${error instanceof Error ? error.message : String(error)}`));
  }

  const rootNode = childElements(parsed, root.name)[0];
  const orderNodes = root.name === 'Orders'
    ? childElements(rootNode, 'Order')
    : childElements(rootNode, 'OrderList').flatMap((list) => childElements(list, 'Order'));
  const rootLine = lines.positionOf(root.offset).line;
  const orders = orderNodes.map((node, index) => {
    const place = outline.orders[index];
    return readOrder(node, {
      orderLine: place === undefined ? rootLine : lines.positionOf(place.offset).line,
      itemLines: (place?.itemOffsets ?? []).map((offset) => lines.positionOf(offset).line),
    });
  });

  const warnings = outline.unknown.size === 0 ? [] : [unknownElementsWarning(outline.unknown, lines)];
  return { ok: true, orders, warnings };
}

function refuse(problem: Problem): ReadResult {
  return { ok: false, problem };
}

function tooLarge(bytes: Buffer, maxBytes: number): Problem {
  let line = 1;
  for (let at = bytes.indexOf(0x0a); at !== -1 && at < maxBytes; at = bytes.indexOf(0x0a, at + 1)) line += 1;
  return fileProblem('TOO_LARGE', `The file is ${bytes.length} bytes; limits.max_file_bytes is ${maxBytes} (passed on line ${line}).`, line);
}

/**
 * Only the five predefined entities and numeric references exist once DTDs are refused, and the
 * well-formedness check has already refused the rest. Decoding them in one pass over the raw
 * text is what makes `&amp;lt;` come out as `&lt;`, decoded exactly once.
 */
const PREDEFINED_ENTITY_VALUES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY_REFERENCE = /&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));/g;
const entityDecoder = {
  setExternalEntities: (): void => undefined,
  addInputEntities: (): void => undefined,
  reset: (): void => undefined,
  setXmlVersion: (): void => undefined,
  decode: (text: string): string => text.replace(ENTITY_REFERENCE, (reference, named?: string, decimal?: string, hex?: string) => {
    if (named !== undefined) return PREDEFINED_ENTITY_VALUES[named] ?? reference;
    return String.fromCodePoint(decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16));
  }),
};

function parserOptions(maxDepth: number): X2jOptions {
  return {
    ignoreAttributes: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    processEntities: true,
    entityDecoder,
    maxNestedTags: maxDepth + 1,
    isArray: (_name, jpath, _isLeaf, isAttribute) => !isAttribute && ARRAY_JPATHS.has(String(jpath)),
  };
}

/**
 * What the well-formedness scan saw, tag by tag: the root, where each order and item starts
 * (fast-xml-parser keeps no positions), unknown elements, and the first reserved name.
 */
class DocumentOutline {
  root: { name: string; offset: number } | undefined;
  reserved: { name: string; offset: number } | undefined;
  readonly orders: { offset: number; itemOffsets: number[] }[] = [];
  /** `Parent/Child` → offset of its first occurrence, in document order. */
  readonly unknown = new Map<string, number>();
  /** Schema of each open element; undefined inside an unknown element, whose content is ignored. */
  private readonly openSchemas: (ElementSchema | undefined)[] = [];
  private readonly openNames: string[] = [];

  startElement(name: string, offset: number, depth: number): void {
    if (this.reserved === undefined && RESERVED_ELEMENT_NAMES.has(name)) this.reserved = { name, offset };
    let schema: ElementSchema | undefined;
    if (depth === 1) {
      this.root = { name, offset };
      schema = ROOT_SCHEMAS.get(name);
    } else {
      const parent = this.openSchemas.at(-1);
      schema = parent?.children.get(name);
      const key = `${this.openNames.at(-1) ?? ''}/${name}`;
      if (parent !== undefined && schema === undefined && !this.unknown.has(key)) this.unknown.set(key, offset);
    }
    if (schema === ORDER_SCHEMA) this.orders.push({ offset, itemOffsets: [] });
    else if (schema === ITEM_SCHEMA) this.orders.at(-1)?.itemOffsets.push(offset);
    this.openSchemas.push(schema);
    this.openNames.push(name);
  }

  endElement(): void {
    this.openSchemas.pop();
    this.openNames.pop();
  }
}

function unknownElementsWarning(unknown: ReadonlyMap<string, number>, lines: LineIndex): Problem {
  const entries = [...unknown];
  const listed = entries.slice(0, MAX_UNKNOWN_NAMES_LISTED).map(([name, offset]) => `${name} (line ${lines.positionOf(offset).line})`);
  const more = entries.length > MAX_UNKNOWN_NAMES_LISTED ? `, and ${entries.length - MAX_UNKNOWN_NAMES_LISTED} more` : '';
  const first = lines.positionOf(entries[0]?.[1] ?? 0);
  return fileProblem('XML_UNKNOWN_ELEMENT', `Ignored unknown elements: ${listed.join(', ')}${more}.`, first.line, first.column);
}

interface OrderPlace {
  orderLine: number;
  itemLines: number[];
}

function readOrder(node: unknown, place: OrderPlace): InboundOrder {
  const problems: Problem[] = [];
  /** A field given twice with different values is ambiguous: the order goes to IMPORT ERROR. */
  const field = (parents: unknown[], name: string, label: string, line: number): string => {
    const values = parents.flatMap((parent) => childElements(parent, name)).map(textContent);
    const first = values[0] ?? '';
    if (values.some((value) => value !== first)) {
      problems.push(orderProblem('INCONSISTENT_ORDER', `<${label}> is given ${values.length} times with different values.`, line));
    }
    return first;
  };

  const order = [node];
  const line = place.orderLine;
  const orderNumber = field(order, 'OrderNumber', 'OrderNumber', line);
  const referenceNumber = field(order, 'ReferenceNumber', 'ReferenceNumber', line);
  const orderDate = field(order, 'OrderDate', 'OrderDate', line);
  const shipMethod = field(order, 'ShippingMethod', 'ShippingMethod', line);
  const addresses = childElements(node, 'ShippingAddress');
  const address = (key: keyof ShipTo): string => field(addresses, SHIP_TO_ELEMENTS[key], `ShippingAddress/${SHIP_TO_ELEMENTS[key]}`, line);
  const shipTo: ShipTo = {
    firstName: address('firstName'),
    lastName: address('lastName'),
    company: address('company'),
    address1: address('address1'),
    address2: address('address2'),
    city: address('city'),
    state: address('state'),
    postalCode: address('postalCode'),
    country: address('country'),
    phone: address('phone'),
    email: address('email'),
  };
  const itemNodes = childElements(node, 'ItemList').flatMap((list) => childElements(list, 'Item'));
  const lines = itemNodes.map((item, index): InboundLine => {
    const itemLine = place.itemLines[index] ?? line;
    return {
      sku: field([item], 'Sku', 'Item/Sku', itemLine),
      quantity: field([item], 'Quantity', 'Item/Quantity', itemLine),
      unitPrice: field([item], 'UnitPrice', 'Item/UnitPrice', itemLine),
      description: '',
      sourceLine: itemLine,
    };
  });
  const notes = field(order, 'Notes', 'Notes', line);

  return {
    orderNumber,
    referenceNumber,
    orderDate: ISO_DATE_PREFIX.test(orderDate) ? orderDate.slice(0, 10) : orderDate,
    shipMethod,
    shipTo,
    lines,
    notes,
    sourceLine: line,
    cancel: false,
    problems,
  };
}

/**
 * The parsed elements named `name` under `node`. Only own properties are read, by known names,
 * so whatever keys a hostile document makes the parser produce are never looked at.
 */
function childElements(node: unknown, name: string): unknown[] {
  if (typeof node !== 'object' || node === null || Array.isArray(node) || !Object.hasOwn(node, name)) return [];
  const value: unknown = (node as Record<string, unknown>)[name];
  return Array.isArray(value) ? value : [value];
}

/** Text of a parsed element: a string, or the `#text` of an element that also has children. */
function textContent(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'object' && value !== null && Object.hasOwn(value, '#text')) {
    const text: unknown = (value as Record<string, unknown>)['#text'];
    return typeof text === 'string' ? text.trim() : '';
  }
  return '';
}
