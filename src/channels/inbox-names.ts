/**
 * Names an inbox never takes (SPEC §10): hidden files and the temporary names that uploaders
 * (rsync, WinSCP, FileZilla, our own writers) use while a file is still being written.
 */
const TEMPORARY_SUFFIXES = ['.tmp', '.part', '.partial', '.filepart'];

export function isIgnoredName(name: string): boolean {
  if (name.startsWith('.')) return true;
  const lower = name.toLowerCase();
  return TEMPORARY_SUFFIXES.some((suffix) => lower.endsWith(suffix));
}

/** `pattern` is a glob on the file name: `*` any run of characters, `?` one; case-sensitive. */
export function matchesPattern(name: string, pattern: string | null): boolean {
  if (pattern === null || pattern === '' || pattern === '*') return true;
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(name);
}
