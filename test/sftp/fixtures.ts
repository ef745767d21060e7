import type { SftpChannelConfig } from '../../src/config/types.js';
import type { Log } from '../../src/jobs/ports.js';

/** A channel config as the loader would produce it (every default filled in). */
export function sftpChannelConfig(overrides: Partial<SftpChannelConfig> & Pick<SftpChannelConfig, 'port' | 'host_key_sha256'>): SftpChannelConfig {
  return {
    type: 'sftp',
    host: '127.0.0.1',
    username: 'bridge',
    private_key_file: null,
    password_file: null,
    password_env: null,
    passphrase_file: null,
    passphrase_env: null,
    path: 'inbox',
    poll_interval_secs: 1,
    stable_secs: 0,
    pattern: null,
    after_download: 'delete',
    timeout_secs: 5,
    ...overrides,
  };
}

export interface LogLine {
  level: 'error' | 'warn' | 'info' | 'debug';
  msg: string;
  fields: Record<string, unknown>;
}

/** A logger that keeps its lines, to assert on what an operator would see. */
export function memoryLog(): Log & { lines: LogLine[]; messages(level?: LogLine['level']): string[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (msg: string, fields: Record<string, unknown> = {}): void => { lines.push({ level, msg, fields }); };
  return {
    lines,
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
    messages: (level) => lines.filter((l) => level === undefined || l.level === level).map((l) => l.msg),
  };
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
