import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryLog, sftpChannelConfig } from '../../../test/sftp/fixtures.js';
import { generateKeyPair, startTestSftpServer, writePrivateKey, type TestSftpServer } from '../../../test/sftp/ssh2-server.js';
import type { SftpChannelConfig } from '../../config/types.js';
import { FileChangedError, type InboundChannel, type InboundEntry } from '../../jobs/ports.js';
import { openSftpInbox } from './sftp-inbox.js';

let server: TestSftpServer;
let dir: string;
let keyFile: string;
let inboxes: InboundChannel[];
let remote: (name: string) => string;

beforeEach(async () => {
  const client = generateKeyPair();
  server = await startTestSftpServer({ clientKeys: [client] });
  mkdirSync(join(server.root, 'inbox'));
  remote = (name) => join(server.root, 'inbox', name);
  dir = mkdtempSync(join(tmpdir(), 'fcp-sftp-inbox-'));
  keyFile = writePrivateKey(join(dir, 'id_ed25519'), client);
  inboxes = [];
});
afterEach(async () => {
  for (const inbox of inboxes) await inbox.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function inbox(overrides: Partial<SftpChannelConfig> = {}, now?: () => number) {
  const log = memoryLog();
  const config = sftpChannelConfig({ port: server.port, host_key_sha256: [server.hostKey.fingerprint], private_key_file: keyFile, ...overrides });
  const channel = openSftpInbox(config, log, now === undefined ? {} : { now });
  inboxes.push(channel);
  return { channel, log };
}

/** Two listings: the first sighting is never ready. */
async function readyAfterTwoLooks(channel: InboundChannel): Promise<InboundEntry[]> {
  await channel.listReady();
  return (await channel.listReady()).ready;
}

describe('the SFTP inbox', () => {
  it('offers regular files once two listings agree, and skips hidden, temporary, unmatched names and folders', async () => {
    for (const name of ['b.csv', 'a.csv', '.hidden.csv', 'up.csv.part', 'x.filepart', 'c.tmp', 'notes.txt']) writeFileSync(remote(name), name);
    mkdirSync(remote('sub.csv'));
    const { channel } = inbox({ pattern: '*.csv' });
    const first = await channel.listReady();
    expect(first).toEqual({ ready: [], waiting: 2, nextCheckMs: 0 });
    const second = await channel.listReady();
    expect(second.ready.map((e) => [e.name, e.kind, e.size])).toEqual([['a.csv', 'file', 5], ['b.csv', 'file', 5]]);
    expect(second.waiting).toBe(0);
  });

  it('waits while a file grows, and takes it once it stood still for stable_secs', async () => {
    let now = 0;
    const { channel } = inbox({ stable_secs: 2 }, () => now);
    writeFileSync(remote('po.csv'), 'part');
    expect((await channel.listReady()).nextCheckMs).toBe(2000);
    writeFileSync(remote('po.csv'), 'part and more');
    now += 2000;
    expect(await channel.listReady()).toMatchObject({ ready: [], waiting: 1, nextCheckMs: 2000 });
    now += 1000;
    expect(await channel.listReady()).toMatchObject({ ready: [], waiting: 1, nextCheckMs: 1000 });
    now += 1000;
    expect((await channel.listReady()).ready.map((e) => e.name)).toEqual(['po.csv']);
  });

  it('reads the whole file, and reports a file that changed or vanished since the listing as not stable', async () => {
    writeFileSync(remote('a.csv'), 'order one\n');
    writeFileSync(remote('b.csv'), 'order two\n');
    const { channel } = inbox();
    const [a, b] = await readyAfterTwoLooks(channel);
    expect((await channel.read(a as InboundEntry)).toString()).toBe('order one\n');

    writeFileSync(remote('b.csv'), 'order two, rewritten\n');
    await expect(channel.read(b as InboundEntry)).rejects.toBeInstanceOf(FileChangedError);
    rmSync(remote('a.csv'));
    await expect(channel.read(a as InboundEntry)).rejects.toBeInstanceOf(FileChangedError);
    // The changed file starts its wait again.
    expect(await channel.listReady()).toMatchObject({ ready: [], waiting: 1 });
  });

  it('refuses a short download: a file truncated with its mtime kept is not the listed file', async () => {
    writeFileSync(remote('a.csv'), '0123456789');
    utimesSync(remote('a.csv'), 1_700_000_000, 1_700_000_000);
    const { channel } = inbox();
    const [entry] = await readyAfterTwoLooks(channel);
    writeFileSync(remote('a.csv'), '01234');
    utimesSync(remote('a.csv'), 1_700_000_000, 1_700_000_000);
    await expect(channel.read({ ...(entry as InboundEntry), size: 10 })).rejects.toBeInstanceOf(FileChangedError);
  });

  it('deletes the original on remove (after_download: delete), and a second remove is harmless', async () => {
    writeFileSync(remote('a.csv'), 'x');
    const { channel } = inbox();
    const [entry] = await readyAfterTwoLooks(channel);
    await channel.remove(entry as InboundEntry);
    expect(readdirSync(join(server.root, 'inbox'))).toEqual([]);
    await channel.remove(entry as InboundEntry);
  });

  it('moves the original into the after_download folder, creating it, replacing a same-named file', async () => {
    writeFileSync(remote('a.csv'), 'new copy');
    mkdirSync(join(server.root, 'done', '2026'), { recursive: true });
    writeFileSync(join(server.root, 'done', '2026', 'a.csv'), 'old copy');
    const { channel } = inbox({ after_download: 'move:done/2026' });
    const [entry] = await readyAfterTwoLooks(channel);
    await channel.remove(entry as InboundEntry);
    expect(readFileSync(join(server.root, 'done', '2026', 'a.csv'), 'utf8')).toBe('new copy');
    expect(readdirSync(join(server.root, 'inbox'))).toEqual([]);

    writeFileSync(remote('b.csv'), 'b');
    const other = inbox({ after_download: 'move:/archive/orders' });
    const [b] = await readyAfterTwoLooks(other.channel);
    await other.channel.remove(b as InboundEntry);
    expect(existsSync(join(server.root, 'archive', 'orders', 'b.csv'))).toBe(true);
  });

  it('offers a symlink as not regular at once, and moves it aside on the server without opening it', async () => {
    writeFileSync(join(dir, 'secret'), 'outside the inbox');
    symlinkSync(join(dir, 'secret'), remote('link.csv'));
    const { channel } = inbox();
    const listing = await channel.listReady();
    expect(listing.ready).toMatchObject([{ name: 'link.csv', kind: 'not-regular', detail: 'symbolic link' }]);
    const before = server.bytesRead;
    await channel.moveAside(listing.ready[0] as InboundEntry, '/var/lib/fcp-bridge/quarantine/acme/12-link.csv');
    expect(server.bytesRead).toBe(before);
    expect(readdirSync(join(server.root, 'inbox', '.quarantine'))).toEqual(['12-link.csv']);
    expect((await channel.listReady()).ready).toEqual([]);
  });

  it('sets a regular file aside unread (as take-files does for a file over max_file_bytes)', async () => {
    writeFileSync(remote('huge.csv'), 'x'.repeat(1000));
    const { channel } = inbox();
    const [entry] = await readyAfterTwoLooks(channel);
    const before = server.bytesRead;
    await channel.moveAside(entry as InboundEntry, '/var/quarantine/acme/3-huge.csv');
    expect(server.bytesRead).toBe(before);
    expect(readdirSync(join(server.root, 'inbox'))).toEqual(['.quarantine']);
    expect(readFileSync(join(server.root, 'inbox', '.quarantine', '3-huge.csv'), 'utf8')).toHaveLength(1000);
  });

  it('lists at most once per poll_interval_secs unless a file is waiting to become stable', async () => {
    let now = 0;
    const { channel } = inbox({ poll_interval_secs: 60 }, () => now);
    expect(await channel.listReady()).toEqual({ ready: [], waiting: 0, nextCheckMs: null });
    writeFileSync(remote('a.csv'), 'x');
    now += 5_000;
    expect(await channel.listReady()).toEqual({ ready: [], waiting: 0, nextCheckMs: null });
    now += 55_000;
    expect(await channel.listReady()).toMatchObject({ waiting: 1 });
    now += 1_000;
    // A waiting file is looked at again when it can be stable, poll interval or not.
    expect((await channel.listReady()).ready.map((e) => e.name)).toEqual(['a.csv']);
  });

  it('says so when the remote folder does not exist', async () => {
    const { channel } = inbox({ path: 'no/such/folder' });
    await expect(channel.listReady()).rejects.toThrow(/the remote folder no\/such\/folder does not exist/);
  });
});
