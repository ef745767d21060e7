/**
 * Network faults between the channels and a server, injected by a TCP proxy: a reset in the
 * middle of a download or an upload, and a stall. The guarantees: the call fails with a
 * TransientError, nothing partial ever stands under a final name, the next call succeeds.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSftpInbox } from '../../src/channels/sftp/sftp-inbox.js';
import { openSftpOutbox } from '../../src/channels/sftp/sftp-outbox.js';
import type { SftpChannelConfig } from '../../src/config/types.js';
import { FileChangedError, TransientError, type InboundChannel, type InboundEntry, type OutboundChannel } from '../../src/jobs/ports.js';
import { startCuttingProxy, type CuttingProxy } from './cutting-proxy.js';
import { memoryLog, sftpChannelConfig } from './fixtures.js';
import { generateKeyPair, startTestSftpServer, writePrivateKey, type TestSftpServer } from './ssh2-server.js';

const BIG = 600 * 1024;

let server: TestSftpServer;
let proxy: CuttingProxy;
let dir: string;
let keyFile: string;
let closers: (InboundChannel | OutboundChannel)[];

beforeEach(async () => {
  const client = generateKeyPair();
  server = await startTestSftpServer({ clientKeys: [client] });
  proxy = await startCuttingProxy({ port: server.port });
  mkdirSync(join(server.root, 'inbox'));
  dir = mkdtempSync(join(tmpdir(), 'fcp-sftp-faults-'));
  keyFile = writePrivateKey(join(dir, 'id_ed25519'), client);
  closers = [];
});
afterEach(async () => {
  for (const c of closers) await c.close();
  await proxy.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function config(overrides: Partial<SftpChannelConfig> = {}): SftpChannelConfig {
  return sftpChannelConfig({ port: proxy.port, host_key_sha256: [server.hostKey.fingerprint], private_key_file: keyFile, ...overrides });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('SFTP channels under network faults', () => {
  it('a reset in the middle of a download fails the read (not as "changed"); the next read gets the whole file', async () => {
    const content = randomBytes(BIG);
    writeFileSync(join(server.root, 'inbox', 'po.edi'), content);
    const log = memoryLog();
    const inbox = openSftpInbox(config(), log);
    closers.push(inbox);
    await inbox.listReady();
    const [entry] = (await inbox.listReady()).ready;
    proxy.arm({ action: 'cut', direction: 'toClient', afterBytes: 100 * 1024 });

    const error = await failure(inbox.read(entry as InboundEntry));
    expect(error).toBeInstanceOf(TransientError);
    expect(error).not.toBeInstanceOf(FileChangedError);
    expect(error.message).toContain('download po.edi failed, the connection was lost');
    expect(proxy.faultsApplied).toBe(1);

    expect((await inbox.read(entry as InboundEntry)).equals(content)).toBe(true);
    expect(proxy.connections).toBe(2);
    expect(log.messages()).toEqual(['sftp connected', 'sftp connection lost; the next operation reconnects', 'sftp reconnected after a lost connection']);
  });

  it('a reset in the middle of an upload leaves only a temporary name, removed by the next upload', async () => {
    const outbox = openSftpOutbox(config({ path: 'out' }), memoryLog());
    closers.push(outbox);
    await outbox.writeAtomic('warm-up.csv', Buffer.from('x'));
    proxy.arm({ action: 'cut', direction: 'toServer', afterBytes: 100 * 1024 });
    const content = randomBytes(BIG);

    const error = await failure(outbox.writeAtomic('orders-acme-1.csv', content));
    expect(error).toBeInstanceOf(TransientError);
    const after = readdirSync(join(server.root, 'out'));
    expect(after).not.toContain('orders-acme-1.csv');
    expect(after.filter((n) => n.endsWith('.tmp'))).toHaveLength(1);

    await outbox.writeAtomic('orders-acme-1.csv', content);
    expect(readdirSync(join(server.root, 'out')).sort()).toEqual(['orders-acme-1.csv', 'warm-up.csv']);
    expect(readFileSync(join(server.root, 'out', 'orders-acme-1.csv')).equals(content)).toBe(true);
  });

  it('a stalled connection times out within timeout_secs; the next call reconnects and succeeds', async () => {
    writeFileSync(join(server.root, 'inbox', 'po.edi'), randomBytes(BIG));
    const inbox = openSftpInbox(config({ timeout_secs: 1 }), memoryLog());
    closers.push(inbox);
    await inbox.listReady();
    const [entry] = (await inbox.listReady()).ready;
    proxy.arm({ action: 'stall', direction: 'toClient', afterBytes: 100 * 1024 });

    const started = Date.now();
    const error = await failure(inbox.read(entry as InboundEntry));
    expect(Date.now() - started).toBeLessThan(4000);
    expect(error.message).toMatch(/download po\.edi failed, the connection was lost: download po\.edi did not finish within \d+ s|Keepalive timeout/);
    expect((await inbox.read(entry as InboundEntry)).length).toBe(BIG);
  });

  it('a server that stalls during login is given up after the handshake timeout', async () => {
    proxy.arm({ action: 'stall', direction: 'toClient', afterBytes: 10 });
    const inbox = openSftpInbox(config({ timeout_secs: 1 }), memoryLog());
    closers.push(inbox);
    const started = Date.now();
    const error = await failure(inbox.listReady());
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error.message).toContain('no SSH handshake with 127.0.0.1');
    expect(error.message).toContain('next attempt in 1 s');
  });
});
