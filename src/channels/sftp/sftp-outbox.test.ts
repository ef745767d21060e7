import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryLog, sftpChannelConfig } from '../../../test/sftp/fixtures.js';
import { generateKeyPair, startTestSftpServer, writePrivateKey, type KeyPair, type TestSftpServer } from '../../../test/sftp/ssh2-server.js';
import type { SftpChannelConfig } from '../../config/types.js';
import type { OutboundChannel } from '../../jobs/ports.js';
import { isOurTemporaryName, openSftpOutbox, temporaryUploadName } from './sftp-outbox.js';

let server: TestSftpServer;
let client: KeyPair;
let dir: string;
let keyFile: string;
let outboxes: OutboundChannel[];

beforeEach(async () => {
  client = generateKeyPair();
  server = await startTestSftpServer({ clientKeys: [client] });
  dir = mkdtempSync(join(tmpdir(), 'fcp-sftp-outbox-'));
  keyFile = writePrivateKey(join(dir, 'id_ed25519'), client);
  outboxes = [];
});
afterEach(async () => {
  for (const outbox of outboxes) await outbox.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function outbox(overrides: Partial<SftpChannelConfig> = {}) {
  const log = memoryLog();
  const config = sftpChannelConfig({ port: server.port, host_key_sha256: [server.hostKey.fingerprint], private_key_file: keyFile, path: 'outbox/fcp', ...overrides });
  const channel = openSftpOutbox(config, log);
  outboxes.push(channel);
  return { channel, log };
}

const remoteDir = (): string => join(server.root, 'outbox', 'fcp');

describe('the SFTP outbox', () => {
  it('uploads under a temporary name and renames it, creating the folder; nothing else remains', async () => {
    const { channel } = outbox();
    await channel.writeAtomic('orders-acme-20261122T181500Z-000001.csv', Buffer.from('header\r\nrow\r\n'));
    expect(readdirSync(remoteDir())).toEqual(['orders-acme-20261122T181500Z-000001.csv']);
    expect(readFileSync(join(remoteDir(), 'orders-acme-20261122T181500Z-000001.csv'), 'utf8')).toBe('header\r\nrow\r\n');
  });

  it('replaces a file of the same name (a replay after a crash); without posix-rename it says so once', async () => {
    const { channel, log } = outbox();
    await channel.writeAtomic('a.csv', Buffer.from('first'));
    await channel.writeAtomic('a.csv', Buffer.from('second, longer'));
    await channel.writeAtomic('a.csv', Buffer.from('third'));
    expect(readdirSync(remoteDir())).toEqual(['a.csv']);
    expect(readFileSync(join(remoteDir(), 'a.csv'), 'utf8')).toBe('third');
    expect(log.messages('warn')).toEqual(['sftp server lacks posix-rename; replacing files by delete then rename (not atomic)']);
  });

  it('writes an empty file and a 3 MB file whole', async () => {
    const { channel } = outbox();
    const big = Buffer.alloc(3 * 1024 * 1024, 7);
    await channel.writeAtomic('empty.csv', Buffer.alloc(0));
    await channel.writeAtomic('big.edi', big);
    expect(readFileSync(join(remoteDir(), 'empty.csv')).length).toBe(0);
    expect(readFileSync(join(remoteDir(), 'big.edi')).equals(big)).toBe(true);
  });

  it('refuses a name that is not a plain output name', async () => {
    const { channel } = outbox();
    await expect(channel.writeAtomic('../escape.csv', Buffer.from('x'))).rejects.toThrow('refusing unsafe output name');
    await expect(channel.writeAtomic('.hidden', Buffer.from('x'))).rejects.toThrow('refusing unsafe output name');
  });

  it('sweeps only its own temporary names', async () => {
    mkdirSync(remoteDir(), { recursive: true });
    const ours = temporaryUploadName('orders-acme-1.csv');
    for (const name of [ours, '.partner-upload.tmp', 'orders-acme-2.csv', '.orders.csv.tmp']) writeFileSync(join(remoteDir(), name), 'x');
    const { channel } = outbox();
    expect(await channel.sweepTemporaries()).toBe(1);
    expect(readdirSync(remoteDir()).sort()).toEqual(['.orders.csv.tmp', '.partner-upload.tmp', 'orders-acme-2.csv']);
  });

  it('when the server is down at start, sweeps at the first upload instead of failing the start', async () => {
    const { port } = server;
    await server.close();
    mkdirSync(remoteDir(), { recursive: true });
    writeFileSync(join(remoteDir(), temporaryUploadName('x.csv')), 'half');
    const { channel, log } = outbox({ port });
    expect(await channel.sweepTemporaries()).toBe(0);
    expect(log.messages('warn')).toContain('sftp outbox not swept at start; it will be at the first upload');
    server = await startTestSftpServer({ clientKeys: [client], hostKey: server.hostKey, root: server.root, port });
    await new Promise((r) => setTimeout(r, 1100));
    await channel.writeAtomic('y.csv', Buffer.from('y'));
    expect(readdirSync(remoteDir())).toEqual(['y.csv']);
    rmSync(server.root, { recursive: true, force: true });
  });
});

describe('temporary upload names', () => {
  it('are hidden, end in .tmp, and are recognised as ours', () => {
    const name = temporaryUploadName('orders-acme-20261122T181500Z-000001.csv');
    expect(name).toMatch(/^\.orders-acme-20261122T181500Z-000001\.csv\.[0-9a-f]{12}\.tmp$/);
    expect(isOurTemporaryName(name)).toBe(true);
    expect(isOurTemporaryName('.orders.csv.tmp')).toBe(false);
    expect(isOurTemporaryName('orders.csv')).toBe(false);
  });
});
