import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { formatConfigProblem } from '../../config/format.js';
import type { Config, ConfigProblem } from '../../config/types.js';
import { describeConfigState, readConfigState, type ConfigState } from '../../daemon/config-state.js';
import { lockOwner } from '../../daemon/instance-lock.js';
import { Ledger } from '../../ledger/ledger.js';
import { EXIT } from '../context.js';
import { printJson } from '../table.js';

export interface DaemonStatus {
  /** The pid holding this data_dir's lock, or null when no daemon runs on it. */
  running_pid: number | null;
  /** What the daemon recorded at start and at each SIGHUP (daemon/config-state.ts). */
  config_state: ConfigState | null;
  /** `config v3 active (loaded T by pid P); reload at T failed: file:line:col …` */
  summary: string;
}

/** The `daemon` part of `status`: is one running, which config version, did the last reload fail and why. */
export function daemonStatus(ledger: Ledger, config: Config): DaemonStatus {
  const pid = lockOwner(config.data_dir);
  const state = readConfigState(ledger);
  const summary = pid === null
    ? `not running${state === null ? '' : ` (last: ${describeConfigState(state)})`}`
    : describeConfigState(state);
  return { running_pid: pid, config_state: state, summary };
}

/**
 * `status` when the config file is invalid — typically right after an edit the daemon refused on
 * SIGHUP. The problems go to stderr and the exit is 2 as for any invalid config (SPEC §11), but
 * the daemon's side is still shown: which config version it runs and why the reload failed. The
 * ledger is found through the file's `data_dir` read leniently (the daemon refuses a reload that
 * moves it, so the one in the file is the daemon's), else the default `var`.
 */
export function statusWithInvalidConfig(file: string, problems: readonly ConfigProblem[], json: boolean): number {
  const lines = problems.map(formatConfigProblem);
  for (const l of lines) process.stderr.write(`${l}\n`);
  process.stderr.write(`fcp-bridge: ${problems.length} problem(s) in the configuration\n`);
  const dataDir = lenientDataDir(file);
  const ledgerFile = join(dataDir, 'ledger.sqlite');
  let daemon: DaemonStatus | null = null;
  if (existsSync(ledgerFile)) {
    const ledger = new Ledger(ledgerFile);
    try {
      const pid = lockOwner(dataDir);
      const state = readConfigState(ledger);
      daemon = { running_pid: pid, config_state: state, summary: pid === null ? `not running (last: ${describeConfigState(state)})` : describeConfigState(state) };
    } finally {
      ledger.close();
    }
  }
  if (json) printJson({ config: file, config_problems: lines, data_dir: dataDir, daemon });
  else process.stdout.write(`config ${file} is invalid (see above)\ndaemon: ${daemon?.summary ?? `no ledger in ${dataDir}`}\n`);
  return EXIT.USAGE;
}

function lenientDataDir(file: string): string {
  let value: unknown;
  try {
    value = (parse(readFileSync(file, 'utf8')) as Record<string, unknown> | null)?.data_dir;
  } catch {
    value = undefined;
  }
  return resolve(dirname(file), typeof value === 'string' && value.trim() !== '' ? value : 'var');
}
