/**
 * The whole CLI with an SFTP order inbox and an SFTP FCP outbox (the in-process server, which
 * lacks posix-rename, so outputs go through the delete-then-rename fallback).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ORDER_HEADER, orderRow, ordersJson, type Workspace } from '../e2e/harness.js';
import { fcpRows, ledgerFiles, listFolder, logRecords, runCli, sftpWorkspace, type SftpEndpoint } from './e2e-support.js';
import { waitFor } from './fixtures.js';
import { generateKeyPair, startTestSftpServer, writePrivateKey, type TestSftpServer } from './ssh2-server.js';

const BATCH = `${ORDER_HEADER}\n${orderRow('1001', { sku: 'WIDGET', qty: '2' })}\n${orderRow('1002', { sku: 'GIFTSET', qty: '3' })}\n`;

let server: TestSftpServer;
let keyDir: string;
let ws: Workspace | undefined;
let inbox: SftpEndpoint;
let outbox: SftpEndpoint;
const remoteInbox = (): string => join(server.root, 'partner', 'outbound');
const remoteOutbox = (): string => join(server.root, 'fcp', 'orders');

beforeEach(async () => {
  const client = generateKeyPair();
  server = await startTestSftpServer({ clientKeys: [client] });
  mkdirSync(remoteInbox(), { recursive: true });
  keyDir = mkdtempSync(join(tmpdir(), 'fcp-e2e-keys-'));
  const keyFile = writePrivateKey(join(keyDir, 'acme_ed25519'), client);
  inbox = { port: server.port, fingerprints: [server.hostKey.fingerprint], keyFile, path: 'partner/outbound' };
  outbox = { port: server.port, fingerprints: [server.hostKey.fingerprint], keyFile, path: '/fcp/orders' };
});
afterEach(async () => {
  ws?.cleanup();
  ws = undefined;
  await server.close();
  rmSync(keyDir, { recursive: true, force: true });
});

describe('SFTP inbox to SFTP outbox, end to end', () => {
  it('run --once takes the partner file, deletes the remote original and uploads the FCP file whole', async () => {
    ws = sftpWorkspace({ inbox, fcpOutbox: outbox });
    writeFileSync(join(remoteInbox(), 'po-1.csv'), BATCH);
    const run = await runCli(ws, ['run', '--once']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);

    expect(listFolder(remoteInbox())).toEqual([]);
    expect(listFolder(remoteOutbox())).toEqual(['orders-acme-20261122T181500Z-000001.csv']);
    expect(fcpRows(remoteOutbox()).map((r) => [r.order, r.sku, r.quantity])).toEqual([
      ['1001', 'WIDGET', '2'], ['1002', '101BC', '3'], ['1002', '102NR/B', '6'],
    ]);
    expect(ws.list('var/archive/acme/2026-11-22')).toEqual(['1-po-1.csv']);
    expect(ordersJson(ws).map((o) => [o.order_number, o.status])).toEqual([['1001', 'ACCEPTED'], ['1002', 'ACCEPTED']]);
    const messages = logRecords(run.stdout).map((r) => r.msg);
    expect(messages.filter((m) => m === 'sftp connected')).toHaveLength(2);
    expect(messages).toContain('sftp server lacks posix-rename; replacing files by delete then rename (not atomic)');
  });

  it('a crash after the download, before the remote delete: the restart sends each order once and removes the original as a duplicate', async () => {
    ws = sftpWorkspace({ inbox, fcpOutbox: outbox });
    writeFileSync(join(remoteInbox(), 'po-1.csv'), BATCH);
    const crashed = await runCli(ws, ['run', '--once'], { FCP_BRIDGE_FAULTS: 'crash@L3-stored' });
    expect(crashed.signal).toBe('SIGKILL');
    // Stored locally and recorded, but the partner's original is still there.
    expect(listFolder(remoteInbox())).toEqual(['po-1.csv']);
    expect(listFolder(remoteOutbox())).toEqual([]);

    const restarted = await runCli(ws, ['run', '--once']);
    expect(restarted.stderr).toBe('');
    expect(restarted.status).toBe(0);
    expect(listFolder(remoteInbox())).toEqual([]);
    const rows = fcpRows(remoteOutbox());
    expect(rows.map((r) => r.order)).toEqual(['1001', '1002', '1002']);
    expect(new Set(rows.map((r) => r.file)).size).toBe(1);
    expect(ledgerFiles(ws)).toEqual([{ name: 'po-1.csv', status: 'PROCESSED' }, { name: 'po-1.csv', status: 'DUPLICATE' }]);
  });

  it('a crash after the upload, before it is marked delivered: the restart rewrites the same name, never a second file', async () => {
    ws = sftpWorkspace({ inbox, fcpOutbox: outbox });
    writeFileSync(join(remoteInbox(), 'po-1.csv'), BATCH);
    const crashed = await runCli(ws, ['run', '--once'], { FCP_BRIDGE_FAULTS: 'crash@D2-written' });
    expect(crashed.signal).toBe('SIGKILL');
    expect(listFolder(remoteOutbox())).toEqual(['orders-acme-20261122T181500Z-000001.csv']);

    const restarted = await runCli(ws, ['run', '--once']);
    expect(restarted.status).toBe(0);
    expect(listFolder(remoteOutbox())).toEqual(['orders-acme-20261122T181500Z-000001.csv']);
    expect(fcpRows(remoteOutbox()).map((r) => r.order)).toEqual(['1001', '1002', '1002']);
    expect(ordersJson(ws).map((o) => o.status)).toEqual(['ACCEPTED', 'ACCEPTED']);
  });

  it('the daemon (run) polls the SFTP inbox, waits for a fresh file to be stable, and stops cleanly', async () => {
    ws = sftpWorkspace({ inbox: { ...inbox, extra: 'after_download: "move:partner/done"' }, fcpOutbox: outbox });
    const daemon = ws.spawnCli(['run'], { FCP_BRIDGE_NOW: '2026-11-22T18:15:00Z' });
    const exited = new Promise<number | null>((resolve) => daemon.once('exit', (code) => resolve(code)));
    await waitFor('the daemon to start', () => daemon.output().includes('fcp-bridge running'));
    writeFileSync(join(remoteInbox(), 'po-2.csv'), `${ORDER_HEADER}\n${orderRow('D1')}\n`);
    // The upload's hidden temporary name may be seen first; the final name appears whole.
    const finalNames = (): string[] => listFolder(remoteOutbox()).filter((n) => !n.startsWith('.'));
    const [file] = await waitFor('an FCP file on the server', () => (finalNames().length > 0 ? finalNames() : undefined));
    expect(file).toMatch(/^orders-acme-\d{8}T\d{6}Z-000001\.csv$/);
    expect(fcpRows(remoteOutbox()).map((r) => r.order)).toEqual(['D1']);
    await waitFor('the original moved to partner/done', () => listFolder(join(server.root, 'partner', 'done')).includes('po-2.csv'));
    expect(listFolder(remoteInbox())).toEqual([]);

    daemon.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(listFolder(remoteOutbox())).toEqual([file]);
    expect(logRecords(daemon.output()).map((r) => r.msg)).toContain('fcp-bridge stopped');
  });
});
