/**
 * The one place the config loader touches the file system; everything else is `parseConfig`.
 */
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseConfig, type ParseConfigResult } from './load.js';

/** A directory passes `existsSync` but is no use as a mapping or key file, so check for a readable file. */
function readableFile(absPath: string): boolean {
  try {
    if (!statSync(absPath).isFile()) return false;
    accessSync(absPath, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

export function loadConfigFile(file: string): ParseConfigResult {
  const abs = path.resolve(file);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { ok: false, problems: [{ file: abs, line: 1, column: 1, path: '', message: `cannot read the config file: ${why}` }] };
  }
  return parseConfig(text, abs, readableFile);
}
