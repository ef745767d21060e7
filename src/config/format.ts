import type { ConfigProblem } from './types.js';

/** `<file>:<line>:<col> <path>: <message>` — the shape editors and terminals turn into links. */
export function formatConfigProblem(p: ConfigProblem): string {
  const where = `${p.file}:${p.line}:${p.column}`;
  // YAML syntax problems have no key path; an empty `: ` would read like a typo.
  return p.path === '' ? `${where} ${p.message}` : `${where} ${p.path}: ${p.message}`;
}
