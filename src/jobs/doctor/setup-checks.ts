/**
 * Set-up checks of the doctor: the config file, the mapping files, every channel's folder or
 * server, secret file modes, and whether the running daemon uses what is on disk.
 */
import { formatConfigProblem } from '../../config/format.js';
import type { ConfigProblem } from '../../config/types.js';
import type { MappingProblem } from '../../mapping/mapping-file.js';
import { at, finding, type Finding } from './finding.js';

export function configFindings(problems: readonly ConfigProblem[]): Finding[] {
  return problems.map((p) => finding('error', 'config', null, formatConfigProblem(p),
    `edit ${p.file}:${p.line}:${p.column}${p.path === '' ? '' : ` (${p.path})`} as the message says, then check with: fcp-bridge validate`));
}

/** When the daemon refused an edit, it logged it and recorded it; say since when the old set rules. */
export function mappingFindings(problems: readonly MappingProblem[], refused: { at: string } | null): Finding[] {
  const out = problems.map((p) => finding('error', 'mappings', null, `${at(p.file, p.line)}: ${p.message}`,
    `edit ${at(p.file, p.line)}; until every mapping file is valid the daemon keeps the previous mappings in force (check with: fcp-bridge validate)`));
  if (out.length > 0 && refused !== null) {
    out.push(finding('info', 'mappings', null, `the daemon refused a mapping edit at ${refused.at} and goes on with the mappings it had before`, null));
  }
  return out;
}

export type ProbeResult =
  | { status: 'ok' }
  | { status: 'missing'; creatable: boolean; blocker: string | null }
  | { status: 'not-a-folder' }
  | { status: 'not-writable'; error: string }
  /** `credentials`: refused before connecting (a key mode, a missing secret): the fix is local. */
  | { status: 'unreachable'; error: string; local?: boolean }
  | { status: 'not-checked'; reason: string };

export interface ChannelProbe {
  /** null = the FCP side. */
  partner: string | null;
  /** For people: `orders inbox`, `FCP orders outbox`, `inventory snapshots`. */
  role: string;
  /** Where it is configured: `partners[0].orders.channel`. */
  configPath: string;
  /** `local:/srv/fcp-bridge/inbox/acme` or `sftp://efs@host:22/outbound`. */
  label: string;
  /** The local folder, when it is one (for the commands in a fix). */
  folder: string | null;
  result: ProbeResult;
}

export function channelFindings(probes: readonly ChannelProbe[], configFile: string): Finding[] {
  const out: Finding[] = [];
  for (const p of probes) {
    const what = (text: string): string => `${p.role} ${p.label}: ${text}`;
    const folder = p.folder ?? p.label;
    const elsewhere = `or correct ${p.configPath} in ${configFile}`;
    switch (p.result.status) {
      case 'ok':
        break;
      case 'missing':
        out.push(p.result.creatable
          ? finding('warning', 'channels', p.partner, what('the folder does not exist yet; the daemon creates it when it first needs it'),
            `create it now so its owner and mode are yours: mkdir -p ${folder} && chown fcp-bridge:fcp-bridge ${folder}. If it should be a mounted share, mount it first: files written into a new local folder never reach the other side`)
          : finding('error', 'channels', p.partner, what(`the folder does not exist and cannot be created${p.result.blocker === null ? '' : ` (${p.result.blocker})`}`),
            `as root: mkdir -p ${folder} && chown fcp-bridge:fcp-bridge ${folder}; ${elsewhere}`));
        break;
      case 'not-a-folder':
        out.push(finding('error', 'channels', p.partner, what('this path is a file, not a folder'),
          `move that file away and create the folder (mkdir -p ${folder} && chown fcp-bridge:fcp-bridge ${folder}), ${elsewhere}`));
        break;
      case 'not-writable':
        out.push(finding('error', 'channels', p.partner, what(`the bridge cannot write here (${p.result.error}); it must, to ${p.role.includes('inbox') ? 'remove files it has taken' : 'write its files'}`),
          `give the service user write access: chown fcp-bridge ${folder} && chmod u+rwx ${folder} (and check the mount is not read-only)`));
        break;
      case 'unreachable':
        out.push(finding('error', 'channels', p.partner, what(p.result.error), p.result.local === true
          ? `fix the key, password or passphrase the message names (${p.configPath} in ${configFile}); the daemon reads them at every connection attempt, so no restart is needed`
          : `fix what the message names (host, port, user, key or password, host_key_sha256) at ${p.configPath} in ${configFile}, or ask the partner whether their server is up; the daemon retries with backoff meanwhile`));
        break;
      case 'not-checked':
        out.push(finding('info', 'channels', p.partner, what(`not checked: ${p.result.reason}`), null));
        break;
    }
  }
  return out;
}

export interface SecretFile {
  partner: string | null;
  configPath: string;
  kind: 'private_key_file' | 'password_file' | 'passphrase_file';
  file: string;
  /** The file's permission bits, or null when it could not be read. */
  mode: number | null;
  error: string | null;
}

export interface SecretEnv {
  partner: string | null;
  configPath: string;
  kind: 'password_env' | 'passphrase_env';
  name: string;
  setHere: boolean;
}

/**
 * SPEC §10: a private key readable by group or others is refused (OpenSSH's rule). Password
 * and passphrase files get the same advice as a warning. Values are never read into a finding.
 */
export function secretFindings(files: readonly SecretFile[], envs: readonly SecretEnv[]): Finding[] {
  const out: Finding[] = [];
  for (const f of files) {
    if (f.mode === null) {
      out.push(finding('error', 'secrets', f.partner, `${f.kind} ${f.file} (${f.configPath}) cannot be read: ${f.error ?? 'unknown error'}`,
        `make it readable by the service user only: chown fcp-bridge ${f.file} && chmod 600 ${f.file}`));
      continue;
    }
    if ((f.mode & 0o077) === 0) continue;
    const octal = (f.mode & 0o777).toString(8).padStart(4, '0');
    const refused = f.kind === 'private_key_file';
    out.push(finding(refused ? 'error' : 'warning', 'secrets', f.partner,
      `${f.kind} ${f.file} (${f.configPath}) has mode ${octal}: group or others can read it${refused ? '; the SFTP channel refuses to use it' : ''}`,
      `chmod 600 ${f.file}`));
  }
  for (const e of envs) {
    if (e.setHere) continue;
    out.push(finding('info', 'secrets', e.partner, `${e.kind} ${e.name} (${e.configPath}) is not set in this shell, so doctor cannot tell whether the service has it`,
      `the service must get it from its unit: a drop-in (systemctl edit fcp-bridge) with Environment=${e.name}=… or EnvironmentFile=/etc/fcp-bridge/secrets.env (mode 0600)`));
  }
  return out;
}

/** What the running daemon recorded about its config (see daemon/config-state.ts). */
export interface DaemonConfigView {
  version: number;
  loadedAt: string;
  sha256: string;
  lastReload: { at: string; ok: boolean; problems: readonly string[] } | null;
}

export function daemonFindings(state: DaemonConfigView | null, current: { sha256: string | null; valid: boolean }, runningPid: number | null, dataDir: string): Finding[] {
  const reload = runningPid === null ? 'the change applies when the daemon starts' : `systemctl reload fcp-bridge (or: kill -HUP ${runningPid})`;
  if (runningPid === null) {
    return [finding('info', 'daemon', null, `no daemon is running on ${dataDir}${state === null ? '' : ` (the last one loaded config v${state.version} at ${state.loadedAt})`}`,
      'start it: systemctl start fcp-bridge (or fcp-bridge run)')];
  }
  if (state === null) return [finding('info', 'daemon', null, `a daemon (pid ${runningPid}) is running but has recorded no config state yet`, null)];
  const out: Finding[] = [];
  const failed = state.lastReload !== null && !state.lastReload.ok ? state.lastReload : null;
  if (failed !== null) {
    const first = failed.problems[0] ?? 'unknown problem';
    const more = failed.problems.length > 1 ? ` (+${failed.problems.length - 1} more)` : '';
    out.push(current.valid && current.sha256 !== state.sha256
      ? finding('warning', 'daemon', null, `config v${state.version} (loaded ${state.loadedAt}) is active: the reload at ${failed.at} was refused (${first}${more}); the file is valid now`,
        `apply it: ${reload}`)
      : current.valid
        ? finding('info', 'daemon', null, `config v${state.version} (loaded ${state.loadedAt}) is active; a reload at ${failed.at} was refused (${first}${more}) and the file is back to the active version`, null)
        : finding('error', 'daemon', null, `config v${state.version} (loaded ${state.loadedAt}) is active: the reload at ${failed.at} was refused: ${first}${more}`,
          `fix the problems listed under "Configuration file", then: ${reload}`));
  } else if (current.valid && current.sha256 !== null && current.sha256 !== state.sha256) {
    out.push(finding('warning', 'daemon', null, `the config file changed since the daemon (pid ${runningPid}) loaded it as v${state.version} at ${state.loadedAt}`, `apply it: ${reload}`));
  }
  return out;
}
