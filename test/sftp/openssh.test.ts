/**
 * The channels and the CLI against a real OpenSSH sshd (internal-sftp): posix-rename, plain
 * rename refusing an existing target, real symlinks and FIFOs, restarts, a changed host key.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSftpInbox } from '../../src/channels/sftp/sftp-inbox.js';
import { openSftpOutbox } from '../../src/channels/sftp/sftp-outbox.js';
import type { SftpChannelConfig } from '../../src/config/types.js';
import type { InboundChannel, InboundEntry, OutboundChannel } from '../../src/jobs/ports.js';
import { ORDER_HEADER, orderRow, ordersJson, readFcpCsvRows, type Workspace } from '../e2e/harness.js';
import { fcpRows, listFolder, logRecords, runCli, sftpWorkspace, type SftpEndpoint } from './e2e-support.js';
import { memoryLog, sftpChannelConfig } from './fixtures.js';
import { HAVE_SSHD, SKIP_REASON, startOpenSsh, type OpenSshServer } from './openssh-server.js';

let sshd: OpenSshServer;
let channels: (InboundChannel | OutboundChannel)[];
let ws: Workspace | undefined;

function config(overrides: Partial<SftpChannelConfig> = {}): SftpChannelConfig {
  return sftpChannelConfig({
    port: sshd.port, username: sshd.username, host_key_sha256: [sshd.hostKey.fingerprint], private_key_file: sshd.clientKeyFile, ...overrides,
  });
}

function endpoint(path: string, overrides: Partial<SftpEndpoint> = {}): SftpEndpoint {
  return { port: sshd.port, fingerprints: [sshd.hostKey.fingerprint], keyFile: sshd.clientKeyFile, path, username: sshd.username, ...overrides };
}

describe.skipIf(!HAVE_SSHD)(HAVE_SSHD ? 'against OpenSSH sshd' : SKIP_REASON, () => {
  beforeEach(async () => {
    sshd = await startOpenSsh();
    mkdirSync(join(sshd.dataDir, 'inbox'));
    channels = [];
  });
  afterEach(async () => {
    for (const c of channels) await c.close();
    ws?.cleanup();
    ws = undefined;
    await sshd.close();
  });

  it('replaces an existing output atomically with posix-rename (no fallback), leaving no temporary name', async () => {
    const log = memoryLog();
    const outbox = openSftpOutbox(config({ path: 'out' }), log);
    channels.push(outbox);
    await outbox.writeAtomic('inventory-acme-1.csv', Buffer.from('first'));
    await outbox.writeAtomic('inventory-acme-1.csv', Buffer.from('second'));
    expect(readdirSync(join(sshd.dataDir, 'out'))).toEqual(['inventory-acme-1.csv']);
    expect(readFileSync(join(sshd.dataDir, 'out', 'inventory-acme-1.csv'), 'utf8')).toBe('second');
    expect(log.messages('warn')).toEqual([]);
  });

  it('takes a file into an archive folder that already holds that name, and moves a symlink and a FIFO aside unopened', async () => {
    const inboxDir = join(sshd.dataDir, 'inbox');
    writeFileSync(join(inboxDir, 'po.csv'), 'new');
    mkdirSync(join(sshd.dataDir, 'archive'));
    writeFileSync(join(sshd.dataDir, 'archive', 'po.csv'), 'old');
    symlinkSync('/etc/passwd', join(inboxDir, 'link.csv'));
    expect(spawnSync('mkfifo', [join(inboxDir, 'pipe.csv')]).status).toBe(0);
    const inbox = openSftpInbox(config({ after_download: 'move:archive' }), memoryLog());
    channels.push(inbox);

    const first = await inbox.listReady();
    expect(first.ready.map((e) => [e.name, e.detail])).toEqual([['link.csv', 'symbolic link'], ['pipe.csv', 'FIFO']]);
    for (const [i, entry] of first.ready.entries()) await inbox.moveAside(entry, `/var/quarantine/acme/${i + 1}-${entry.name}`);
    const [file] = (await inbox.listReady()).ready;
    expect((await inbox.read(file as InboundEntry)).toString()).toBe('new');
    await inbox.remove(file as InboundEntry);

    expect(readdirSync(inboxDir)).toEqual(['.quarantine']);
    expect(readdirSync(join(inboxDir, '.quarantine')).sort()).toEqual(['1-link.csv', '2-pipe.csv']);
    expect(readFileSync(join(sshd.dataDir, 'archive', 'po.csv'), 'utf8')).toBe('new');
  });

  it('rides out a server restart: the lost connection fails a call, a later call reconnects after the backoff', async () => {
    const log = memoryLog();
    const inbox = openSftpInbox(config({ poll_interval_secs: 1 }), log);
    channels.push(inbox);
    await inbox.listReady();
    await sshd.stop();
    await new Promise((r) => setTimeout(r, 1100));
    await expect(inbox.listReady()).rejects.toThrow(/connection refused by 127\.0\.0\.1/);
    await sshd.restart();
    await new Promise((r) => setTimeout(r, 1100));
    await expect(inbox.listReady()).resolves.toMatchObject({ ready: [] });
    expect(log.messages()).toContain('sftp connection recovered');
  });

  it('run --once: SFTP inbox and SFTP outbox on OpenSSH, end to end', async () => {
    ws = sftpWorkspace({ inbox: endpoint('inbox'), fcpOutbox: endpoint('fcp/orders') });
    writeFileSync(join(sshd.dataDir, 'inbox', 'po-1.csv'), `${ORDER_HEADER}\n${orderRow('O1')}\n${orderRow('O2', { sku: 'GIFTSET' })}\n`);
    const run = await runCli(ws, ['run', '--once']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(listFolder(join(sshd.dataDir, 'inbox'))).toEqual([]);
    expect(listFolder(join(sshd.dataDir, 'fcp', 'orders'))).toEqual(['orders-acme-20261122T181500Z-000001.csv']);
    expect(fcpRows(join(sshd.dataDir, 'fcp', 'orders')).map((r) => [r.order, r.sku])).toEqual([['O1', 'WIDGET'], ['O2', '101BC'], ['O2', '102NR/B']]);
    expect(logRecords(run.stdout).map((r) => r.msg)).not.toContain('sftp server lacks posix-rename; replacing files by delete then rename (not atomic)');
  });

  it('run --once: a host key changed by a restart is refused, naming both fingerprints; the local partner flows', async () => {
    const pinned = sshd.hostKey.fingerprint;
    await sshd.restart({ newHostKey: true });
    ws = sftpWorkspace({ inbox: endpoint('inbox', { fingerprints: [pinned] }), withLocalPartner: true });
    writeFileSync(join(sshd.dataDir, 'inbox', 'po-1.csv'), `${ORDER_HEADER}\n${orderRow('A1')}\n`);
    ws.write('inbox/beta/po-b.csv', `${ORDER_HEADER}\n${orderRow('B1')}\n`);
    const run = await runCli(ws, ['run', '--once']);
    expect(run.status).toBe(1);
    const failed = logRecords(run.stdout).find((r) => r.msg === 'channel failed; the others go on');
    expect(failed?.error).toContain(`presented ssh-ed25519 ${sshd.hostKey.fingerprint}`);
    expect(failed?.error).toContain(`allows only ${pinned}`);
    expect(listFolder(join(sshd.dataDir, 'inbox'))).toEqual(['po-1.csv']);
    expect(readFcpCsvRows(ws).map((r) => r.row['Order Number'])).toEqual(['B1']);
    expect(ordersJson(ws).map((o) => o.partner)).toEqual(['beta']);
  });
});
