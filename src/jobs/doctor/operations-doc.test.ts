import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECKS } from './finding.js';
import { lookAlikeTable } from './sku-fold.js';

/** docs/operations.md documents every check and every look-alike character; this keeps it true. */
const DOC = readFileSync(new URL('../../../docs/operations.md', import.meta.url), 'utf8');

describe('docs/operations.md', () => {
  it('has a row for every doctor check', () => {
    for (const key of Object.keys(CHECKS)) expect(DOC, key).toContain(`(\`${key}\`)`);
  });

  it('lists every character of the look-alike table', () => {
    for (const row of lookAlikeTable()) expect(DOC, `${row.codePoint} ${row.name}`).toContain(row.codePoint);
  });
});
