import { fileProblem } from '../../domain/problems.js';
import type { Ledger } from '../../ledger/ledger.js';
import { readCatalog } from '../../mapping/catalog.js';
import type { Clock, Log } from '../ports.js';
import type { FileVerdict } from './take-files.js';

export interface CatalogFileContext {
  partner: string;
  ledger: Ledger;
  clock: Clock;
  log: Log;
}

/** Catalog-only file problem code (the reader's CSV and UTF-8 problems are reported through it). */
export const CATALOG_PROBLEMS = {
  CATALOG_UNREADABLE: "The partner's catalog file has no sku column, is not UTF-8, or is not CSV.",
} as const;

/**
 * Judges a partner catalog file (SPEC §3 `catalog`): each file is the partner's full product list
 * and replaces the previous one; blank or repeated SKUs are skipped with a logged warning.
 */
export function judgeCatalogFile(ctx: CatalogFileContext, content: Buffer, fileName: string): FileVerdict {
  const result = readCatalog(content, fileName);
  if (!result.ok) {
    const first = result.problems[0];
    const more = result.problems.length > 1 ? ` (and ${result.problems.length - 1} more)` : '';
    return { ok: false, problem: fileProblem('CATALOG_UNREADABLE', `${first?.message ?? 'unreadable'}${more}`, first?.line) };
  }
  const { value: items, warnings } = result;
  return {
    ok: true,
    apply: (fileId) => {
      for (const w of warnings) ctx.log.warn('catalog row skipped', { partner: ctx.partner, file: fileName, line: w.line, note: w.message });
      ctx.ledger.inventory.insertCatalog(ctx.partner, fileId, ctx.clock.now().toISOString(), items);
      ctx.log.info('partner catalog stored', { partner: ctx.partner, file: fileName, items: items.length });
      return 0;
    },
  };
}
