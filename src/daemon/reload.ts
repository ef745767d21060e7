import { formatConfigProblem } from '../config/format.js';
import { loadConfigFile } from '../config/read.js';
import type { Config } from '../config/types.js';
import type { Log } from '../jobs/ports.js';
import { configFileSha256, recordConfigLoaded, recordReloadRefused } from './config-state.js';
import type { Bridge } from './main.js';
import { formatMappingProblem, loadMappings } from './mapping-registry.js';

/** What a reload needs of the loop: the bridge in force, and the swap itself (RunLoop.reload). */
export interface Reloadable {
  readonly current: Bridge;
  reload(config: Config): Promise<Bridge>;
}

export type ReloadOutcome = { ok: true; version: number } | { ok: false; problems: string[] };

/**
 * Why a valid new config still cannot replace the running one; empty when it can. Pure.
 * The data_dir holds the ledger and the instance lock: moving it under a running daemon would
 * split the state in two, so it takes a stop, a move of the folder, and a start.
 */
export function reloadRefusals(running: Config, next: Config): string[] {
  const out: string[] = [];
  if (next.data_dir !== running.data_dir) {
    out.push(`${next.file}: data_dir changed from ${running.data_dir} to ${next.data_dir}; a running daemon cannot move its ledger — stop it, move the folder, then start it (the old config stays in force)`);
  }
  return out;
}

/** Settings read once at start; a reload keeps them and says so rather than pretending. */
export function restartOnlyChanges(running: Config, next: Config): string[] {
  const out: string[] = [];
  if (next.log.level !== running.log.level) out.push(`log.level (${running.log.level} → ${next.log.level})`);
  if (next.log.file !== running.log.file) out.push(`log.file (${running.log.file ?? 'none'} → ${next.log.file ?? 'none'})`);
  return out;
}

/** The config the daemon started with comes into force: recorded for `status` and `doctor`. */
export function recordStart(bridge: Bridge): void {
  const state = recordConfigLoaded(bridge.ledger, bridge.config, bridge.clock.now().toISOString(), configFileSha256(bridge.config.file), false);
  bridge.log.info('config in force', { config: bridge.config.file, version: state.version });
}

/**
 * SIGHUP (SPEC §11): re-read the config file and the mapping files. Anything invalid — YAML,
 * schema, a missing file, a mapping row, a moved data_dir — is refused with every problem
 * (file:line:col) logged and recorded, and the running bridge goes on untouched. A valid set
 * replaces the bridge through `loop.reload` (which drains the cycle in hand first).
 */
export async function reloadFromFile(loop: Reloadable, file: string, log: Log): Promise<ReloadOutcome> {
  const running = loop.current;
  const at = (): string => loop.current.clock.now().toISOString();
  const sha256 = configFileSha256(file);
  const refuse = (problems: string[]): ReloadOutcome => {
    log.error('config reload refused: the running config stays in force', { config: file, problems });
    recordReloadRefused(loop.current.ledger, at(), sha256, problems);
    return { ok: false, problems };
  };
  const loaded = loadConfigFile(file);
  if (!loaded.ok) return refuse(loaded.problems.map(formatConfigProblem));
  const next = loaded.config;
  const refusals = reloadRefusals(running.config, next);
  if (refusals.length > 0) return refuse(refusals);
  // The new bridge would start without any mapping set in force; the old one keeps its own.
  const mappings = loadMappings(next);
  if (!mappings.ok) return refuse(mappings.problems.map(formatMappingProblem));
  const kept = restartOnlyChanges(running.config, next);
  if (kept.length > 0) log.warn('these settings take effect at the next restart, not on reload', { settings: kept });
  let bridge: Bridge;
  try {
    bridge = await loop.reload(next);
  } catch (error) {
    return refuse([`the new config could not be put in force: ${(error as Error).message}`]);
  }
  const state = recordConfigLoaded(bridge.ledger, next, at(), sha256, true);
  log.info('config reloaded', { config: file, version: state.version, partners: next.partners.map((p) => p.id) });
  return { ok: true, version: state.version };
}
