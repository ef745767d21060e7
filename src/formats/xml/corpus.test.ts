import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { FILE_PROBLEMS } from '../../domain/problems.js';
import { readXmlOrders } from './orders.js';
import { XML_PROBLEMS } from './problems.js';
import { LineIndex } from './text-position.js';
import { checkWellFormed } from './well-formed.js';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/xml/', import.meta.url));
const BAD = `${FIXTURES}bad/`;
const GOOD = `${FIXTURES}good/`;
/** The cap for committed fixtures; small so that over-size-cap.xml stays small too. */
const CORPUS_MAX_BYTES = 16_384;

function documentWith(orderExtra: string, rootAttributes = ''): Buffer {
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<Orders${rootAttributes}>\n  <Order>\n    <OrderNumber>PO-1</OrderNumber>\n`
    + `    <ItemList><Item><Sku>A</Sku><Quantity>1</Quantity></Item></ItemList>\n    ${orderExtra}\n  </Order>\n</Orders>\n`);
}
const withRootAttribute = (length: number): Buffer => documentWith('', ` note="${'A'.repeat(length)}"`);
const nested = (levels: number): string => '<Extra>'.repeat(levels) + '</Extra>'.repeat(levels);

interface Generated {
  maxBytes: number;
  bad: () => Buffer;
  good: () => Buffer;
}
const GENERATED: Record<string, Generated> = {
  'attribute-10mb.xml': { maxBytes: 1024 * 1024, bad: () => withRootAttribute(10 * 1024 * 1024), good: () => withRootAttribute(100 * 1024) },
  'deep-nesting-100k.xml': { maxBytes: 4 * 1024 * 1024, bad: () => documentWith(nested(100_000)), good: () => documentWith('<Extra/>'.repeat(100_000)) },
};

interface ManifestRow {
  file: string;
  code: string;
  description: string;
}
const manifest: ManifestRow[] = readFileSync(`${BAD}EXPECTED.tsv`, 'utf8')
  .split('\n')
  .filter((line) => line !== '' && !line.startsWith('#'))
  .slice(1)
  .map((line) => {
    const [file = '', code = '', description = ''] = line.split('\t');
    return { file, code, description };
  });

function badBytes(row: ManifestRow): { bytes: Buffer; maxBytes: number } {
  const generated = GENERATED[row.file];
  return generated ? { bytes: generated.bad(), maxBytes: generated.maxBytes } : { bytes: readFileSync(BAD + row.file), maxBytes: CORPUS_MAX_BYTES };
}
function goodBytes(row: ManifestRow): { bytes: Buffer; maxBytes: number } {
  const generated = GENERATED[row.file];
  return generated ? { bytes: generated.good(), maxBytes: generated.maxBytes } : { bytes: readFileSync(GOOD + row.file), maxBytes: CORPUS_MAX_BYTES };
}

describe('XML bad-input corpus (test/fixtures/xml/bad/EXPECTED.tsv)', () => {
  it('has at least 15 rows, each with a code and a description, and lists every committed bad file', () => {
    expect(manifest.length).toBeGreaterThanOrEqual(15);
    for (const row of manifest) {
      expect(row.code, row.file).toMatch(/^[A-Z0-9_]+$/);
      expect(row.description.length, row.file).toBeGreaterThan(10);
      expect(existsSync(BAD + row.file) || (row.file in GENERATED && row.description.startsWith('GENERATED')), row.file).toBe(true);
    }
    const listed = new Set(manifest.map((row) => row.file));
    const committed = readdirSync(BAD).filter((name) => name !== 'EXPECTED.tsv');
    expect(committed.filter((name) => !listed.has(name))).toEqual([]);
  });

  it.each(manifest)('$file is refused as $code, with a line', (row) => {
    const { bytes, maxBytes } = badBytes(row);
    const result = readXmlOrders(bytes, { maxBytes });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.code).toBe(row.code);
    expect(Number.isInteger(result.problem.line) && (result.problem.line ?? 0) >= 1).toBe(true);
    expect(result.problem.message).not.toMatch(/[\r\n]/);
  });

  it.each(manifest)('the good twin of $file is accepted', (row) => {
    const { bytes, maxBytes } = goodBytes(row);
    const result = readXmlOrders(bytes, { maxBytes });
    expect(result.ok ? 'ok' : result.problem).toBe('ok');
  });

  it('accepts every file in good/, including those without a bad twin', () => {
    for (const name of readdirSync(GOOD)) {
      const result = readXmlOrders(readFileSync(GOOD + name), { maxBytes: CORPUS_MAX_BYTES });
      expect(result.ok ? 'ok' : result.problem, name).toBe('ok');
    }
  });

  it('reads a 10 MB attribute under the default 256 MiB cap well under a second', () => {
    const bytes = withRootAttribute(10 * 1024 * 1024);
    const started = performance.now();
    const result = readXmlOrders(bytes, { maxBytes: 256 * 1024 * 1024 });
    const elapsedMs = performance.now() - started;
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.orders.map((order) => order.orderNumber)).toEqual(['PO-1']);
    expect(elapsedMs).toBeLessThan(1000);
  });
});

/**
 * fast-xml-parser's XMLValidator is the reference the brief names; the reader uses its own linear
 * scan instead (see well-formed.ts). On every committed UTF-8, DTD-free fixture the two must agree,
 * except where XMLValidator is known to be too lenient.
 */
describe('checkWellFormed agrees with XMLValidator on the corpus', () => {
  const VALIDATOR_TOO_LENIENT = ['bad/two-roots-self-closing.xml', 'bad/undeclared-entity.xml', 'bad/char-ref-control.xml'];

  it('gives the same verdict, except the known lenient cases', () => {
    const disagreements: string[] = [];
    for (const folder of ['bad', 'good']) {
      for (const name of readdirSync(`${FIXTURES}${folder}`).filter((file) => file.endsWith('.xml'))) {
        let text: string;
        try {
          text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(`${FIXTURES}${folder}/${name}`));
        } catch {
          continue;
        }
        if (/<!DOCTYPE/i.test(text)) continue;
        const ours = checkWellFormed(text, new LineIndex(text), { maxDepth: Number.POSITIVE_INFINITY }).ok;
        const theirs = XMLValidator.validate(text) === true;
        if (ours !== theirs) disagreements.push(`${folder}/${name}`);
      }
    }
    expect(disagreements.sort()).toEqual([...VALIDATOR_TOO_LENIENT].sort());
  });
});

describe('the XML problem codes are catalogued and documented', () => {
  const doc = readFileSync(fileURLToPath(new URL('../../../docs/formats-xml.md', import.meta.url)), 'utf8');

  it('uses only codes from FILE_PROBLEMS or XML_PROBLEMS, and documents each XML code', () => {
    const known = new Set([...Object.keys(FILE_PROBLEMS), ...Object.keys(XML_PROBLEMS)]);
    expect(manifest.map((row) => row.code).filter((code) => !known.has(code))).toEqual([]);
    for (const [code, line] of Object.entries(XML_PROBLEMS)) {
      expect(line.length, code).toBeGreaterThan(10);
      expect(doc, code).toContain(`\`${code}\``);
    }
  });

  it('accepts the example order document of docs/formats-xml.md without warnings', () => {
    const example = /```xml\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const result = readXmlOrders(Buffer.from(example), { maxBytes: CORPUS_MAX_BYTES });
    expect(result.ok && result.warnings).toEqual([]);
    expect(result.ok && result.orders.map((order) => [order.orderNumber, order.shipTo.company, order.lines[0]?.sku])).toEqual([['PO-1001', 'Smith & Sons', '00123']]);
  });
});
