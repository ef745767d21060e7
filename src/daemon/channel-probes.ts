import { probeLocalFolder } from '../channels/local/probe.js';
import { CredentialError } from '../channels/sftp/credentials.js';
import { openSftpSession } from '../channels/sftp/session.js';
import type { ChannelConfig, Config, SftpChannelConfig } from '../config/types.js';
import type { ChannelProbe, ProbeResult } from '../jobs/doctor/setup-checks.js';
import { silentLog } from './logger.js';

/** A doctor run must not hang on a dead server: each SFTP probe gets at most this long. */
export const SFTP_PROBE_TIMEOUT_SECS = 10;

interface ConfiguredChannel {
  partner: string | null;
  role: string;
  configPath: string;
  channel: ChannelConfig;
}

/** Every channel of the config, with its role and key path, in config order. */
export function configuredChannels(config: Config): ConfiguredChannel[] {
  const out: ConfiguredChannel[] = [{ partner: null, role: 'FCP orders outbox', configPath: 'fcp.orders.channel', channel: config.fcp.orders.channel }];
  if (config.fcp.inventory !== null) out.push({ partner: null, role: 'FCP inventory inbox', configPath: 'fcp.inventory.channel', channel: config.fcp.inventory.channel });
  if (config.fcp.shipments !== null) out.push({ partner: null, role: 'FCP shipments inbox', configPath: 'fcp.shipments.channel', channel: config.fcp.shipments.channel });
  config.partners.forEach((p, i) => {
    const base = `partners[${i}]`;
    if (p.orders !== null) out.push({ partner: p.id, role: 'orders inbox', configPath: `${base}.orders.channel`, channel: p.orders.channel });
    if (p.catalog !== null) out.push({ partner: p.id, role: 'catalog inbox', configPath: `${base}.catalog.channel`, channel: p.catalog.channel });
    if (p.inventory !== null) out.push({ partner: p.id, role: 'inventory outbox', configPath: `${base}.inventory.channel`, channel: p.inventory.channel });
    if (p.tracking !== null) out.push({ partner: p.id, role: 'tracking outbox', configPath: `${base}.tracking.channel`, channel: p.tracking.channel });
    if (p.x12?.ack_channel) out.push({ partner: p.id, role: '997 outbox', configPath: `${base}.x12.ack_channel`, channel: p.x12.ack_channel });
  });
  return out;
}

export function channelLabel(channel: ChannelConfig): string {
  return channel.type === 'local' ? `local:${channel.path}` : `sftp://${channel.username}@${channel.host}:${channel.port}${channel.path.startsWith('/') ? '' : '/~/'}${channel.path}`;
}

/**
 * Probes each distinct channel once (inventory and tracking often share a folder): local folders
 * by access and a temp-file write, SFTP servers by logging in and listing the folder.
 */
export async function probeChannels(config: Config, only: string | null): Promise<ChannelProbe[]> {
  const results = new Map<string, Promise<ProbeResult>>();
  const out: ChannelProbe[] = [];
  for (const c of configuredChannels(config)) {
    if (only !== null && c.partner !== null && c.partner !== only) continue;
    const label = channelLabel(c.channel);
    let result = results.get(label);
    if (result === undefined) {
      result = PROBES[c.channel.type](c.channel);
      results.set(label, result);
    }
    out.push({ partner: c.partner, role: c.role, configPath: c.configPath, label, folder: c.channel.type === 'local' ? c.channel.path : null, result: await result });
  }
  return out;
}

/** By channel type, like the INBOUND/OUTBOUND tables of daemon/main.ts. */
const PROBES: Record<ChannelConfig['type'], (c: ChannelConfig) => Promise<ProbeResult>> = {
  local: async (c) => probeLocalFolder((c as Extract<ChannelConfig, { type: 'local' }>).path),
  sftp: (c) => probeSftp(c as SftpChannelConfig),
};

async function probeSftp(config: SftpChannelConfig): Promise<ProbeResult> {
  const session = openSftpSession({ ...config, timeout_secs: Math.min(config.timeout_secs, SFTP_PROBE_TIMEOUT_SECS) }, silentLog);
  try {
    await session.run('list the folder', (files) => files.list(config.path));
    return { status: 'ok' };
  } catch (error) {
    // The session's backoff note is about the daemon's next attempt, not this probe.
    const local = error instanceof CredentialError || (error as Error).cause instanceof CredentialError;
    return { status: 'unreachable', error: (error as Error).message.replace(/ \(attempt \d+; next attempt in [\d.]+ s\)$/, ''), local };
  } finally {
    await session.close();
  }
}
