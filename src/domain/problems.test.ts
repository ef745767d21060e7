import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { XML_PROBLEMS } from '../formats/xml/problems.js';
import { FEED_PROBLEMS } from '../formats/fcp/inventory-feed.js';
import { CATALOG_PROBLEMS } from '../jobs/intake/catalog-file.js';
import { X12_FILE_PROBLEMS } from '../formats/x12/inbound/problems.js';
import { describeProblem, FILE_PROBLEMS, fileProblem, ORDER_PROBLEMS, orderProblem } from './problems.js';

const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'problems.md'), 'utf8');

describe('the problem catalogue', () => {
  it('documents every code in docs/problems.md', () => {
    const codes = [...Object.keys(ORDER_PROBLEMS), ...Object.keys(FILE_PROBLEMS), ...Object.keys(XML_PROBLEMS), ...Object.keys(X12_FILE_PROBLEMS), ...Object.keys(FEED_PROBLEMS), ...Object.keys(CATALOG_PROBLEMS), 'DUPLICATE_FILE'];
    const missing = codes.filter((code) => !doc.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });

  it('documents each order message prefix exactly as the code uses it', () => {
    for (const [code, { prefix }] of Object.entries(ORDER_PROBLEMS)) {
      expect(doc, code).toContain(`\`${prefix}\``);
    }
  });

  it('flattens partner line breaks into visible escapes', () => {
    const p = orderProblem('INVALID_SKU', "'A\r\nB' is odd", 4);
    expect(p.message).toBe("Invalid SKU: 'A\\u000d\\u000aB' is odd");
    expect(describeProblem(p)).toBe("INVALID_SKU at line 4: Invalid SKU: 'A\\u000d\\u000aB' is odd");
    expect(describeProblem(fileProblem('TOO_LARGE', 'big'))).toBe('TOO_LARGE: big');
  });
});
