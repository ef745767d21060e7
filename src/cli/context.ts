import { resolve } from 'node:path';
import { formatConfigProblem } from '../config/format.js';
import { loadConfigFile } from '../config/read.js';
import type { Config } from '../config/types.js';

/** Exit statuses (SPEC §11). */
export const EXIT = { OK: 0, FAILED: 1, USAGE: 2 } as const;

export class UsageError extends Error {}

/** --config, else $FCP_BRIDGE_CONFIG, else config/fcp-bridge.yaml (from the working folder). */
export function configPath(flag: string | undefined): string {
  return resolve(flag ?? process.env.FCP_BRIDGE_CONFIG ?? 'config/fcp-bridge.yaml');
}

/** Loads the config or prints every problem and returns null (the caller exits 2). */
export function loadConfigOrReport(file: string): Config | null {
  const result = loadConfigFile(file);
  if (result.ok) return result.config;
  for (const p of result.problems) process.stderr.write(`${formatConfigProblem(p)}\n`);
  process.stderr.write(`fcp-bridge: ${result.problems.length} problem(s) in the configuration\n`);
  return null;
}
