/**
 * Maps a key path (as zod reports it) back to a place in the YAML text, so every config problem
 * can say `file:line:col`. Works on yaml's AST rather than `doc.getIn` because we need to know how
 * far the path got (a missing key is reported on its parent map) and the key node of the last
 * step (an unknown key is reported on the key itself).
 */
import { isAlias, isMap, isScalar, isSeq, type Document } from 'yaml';

export type KeyPath = readonly PropertyKey[];

export interface Location {
  /** Character offset in the source text. */
  offset: number;
  /** How many path segments exist in the document. */
  reached: number;
  /** The path stopped at a map that lacks the next key (as opposed to a scalar or a short list). */
  missing: boolean;
  /** Source text of the value at the full path, when it is a scalar. */
  source: string | null;
}

interface Ranged {
  range?: readonly [number, number, number] | null | undefined;
}

function start(node: unknown): number | null {
  const range = (node as Ranged | null)?.range;
  return range ? range[0] : null;
}

/** An empty value (`key:` with nothing after it) has an empty range at the line's end; its key is a better place to point at. */
function isEmptyScalar(node: unknown): boolean {
  if (!isScalar(node) || node.value !== null || !node.range) return false;
  return node.range[0] === node.range[1];
}

export function locate(doc: Document, text: string, path: KeyPath, atKey: boolean): Location {
  let node: unknown = doc.contents;
  let keyNode: unknown = null;
  let offset = start(node) ?? 0;

  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) node = node.resolve(doc) ?? node;
    const seg = path[i];
    let next: unknown;
    let nextKey: unknown = null;
    if (isMap(node) && typeof seg === 'string') {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === seg);
      if (!pair) return { offset, reached: i, missing: true, source: null };
      nextKey = pair.key;
      next = pair.value;
    } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
      next = node.items[seg];
    } else {
      return { offset, reached: i, missing: false, source: null };
    }
    node = next;
    keyNode = nextKey;
    const valueStart = node === null || isEmptyScalar(node) ? null : start(node);
    const keyStart = start(keyNode);
    offset = (atKey && i === path.length - 1 ? keyStart : valueStart ?? keyStart) ?? offset;
  }

  const range = (node as Ranged | null)?.range;
  const source = isScalar(node) && range ? text.slice(range[0], range[1]) : null;
  return { offset, reached: path.length, missing: false, source };
}

/** `partners[0].inventory.schedule` — the form people see in messages and `--json`. */
export function dotted(path: KeyPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

/** The plain JS value at a path of the document as yaml's `toJS` gave it. */
export function valueAt(root: unknown, path: KeyPath): unknown {
  let cur = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return cur;
}
