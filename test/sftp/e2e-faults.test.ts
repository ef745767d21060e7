/**
 * The CLI with both SFTP channels behind cutting proxies: the connection is reset in the middle
 * of the download of an order file, then in the middle of the upload of the FCP file. Each failed
 * run leaves nothing partial under a final name; the next run finishes the work exactly once.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ORDER_HEADER, orderRow, ordersJson, type Workspace } from '../e2e/harness.js';
import { startCuttingProxy, type CuttingProxy } from './cutting-proxy.js';
import { fcpRows, ledgerFiles, listFolder, runCli, sftpWorkspace } from './e2e-support.js';
import { generateKeyPair, startTestSftpServer, writePrivateKey, type TestSftpServer } from './ssh2-server.js';

const ORDERS = 2500;

let server: TestSftpServer;
let inboxProxy: CuttingProxy;
let outboxProxy: CuttingProxy;
let keyDir: string;
let ws: Workspace | undefined;

beforeEach(async () => {
  const client = generateKeyPair();
  server = await startTestSftpServer({ clientKeys: [client] });
  inboxProxy = await startCuttingProxy({ port: server.port });
  outboxProxy = await startCuttingProxy({ port: server.port });
  mkdirSync(join(server.root, 'outbound'));
  keyDir = mkdtempSync(join(tmpdir(), 'fcp-e2e-keys-'));
  const keyFile = writePrivateKey(join(keyDir, 'acme_ed25519'), client);
  const fingerprints = [server.hostKey.fingerprint];
  ws = sftpWorkspace({
    inbox: { port: inboxProxy.port, fingerprints, keyFile, path: 'outbound' },
    fcpOutbox: { port: outboxProxy.port, fingerprints, keyFile, path: 'fcp' },
  });
});
afterEach(async () => {
  ws?.cleanup();
  ws = undefined;
  await inboxProxy.close();
  await outboxProxy.close();
  await server.close();
  rmSync(keyDir, { recursive: true, force: true });
});

describe('connections reset mid-transfer, end to end', () => {
  it('after a reset mid-download and one mid-upload, the next runs deliver every order once, whole', async () => {
    const numbers = Array.from({ length: ORDERS }, (_, i) => `P${String(i + 1).padStart(5, '0')}`);
    const batch = `${ORDER_HEADER}\n${numbers.map((n) => orderRow(n)).join('\n')}\n`;
    expect(batch.length).toBeGreaterThan(150_000);
    writeFileSync(join(server.root, 'outbound', 'big-batch.csv'), batch);
    const fcpFolder = join(server.root, 'fcp');
    const w = ws as Workspace;

    inboxProxy.arm({ action: 'cut', direction: 'toClient', afterBytes: 60_000 });
    const first = await runCli(w, ['run', '--once']);
    expect(first.status).toBe(1);
    expect(inboxProxy.faultsApplied).toBe(1);
    expect(first.stdout).toContain('download big-batch.csv failed, the connection was lost');
    expect(listFolder(join(server.root, 'outbound'))).toEqual(['big-batch.csv']);
    expect(ledgerFiles(w)).toEqual([]);
    // The client library's own "end event raised" console lines are routed into the log.
    expect(first.stderr).toBe('');
    for (const line of first.stdout.split('\n').filter((l) => l !== '')) expect(() => JSON.parse(line)).not.toThrow();

    outboxProxy.arm({ action: 'cut', direction: 'toServer', afterBytes: 60_000 });
    const second = await runCli(w, ['run', '--once']);
    expect(second.status).toBe(1);
    expect(outboxProxy.faultsApplied).toBe(1);
    expect(listFolder(join(server.root, 'outbound'))).toEqual([]);
    // Only a temporary name on the server: no reader can take a part of the file.
    const afterCut = listFolder(fcpFolder);
    expect(afterCut).toHaveLength(1);
    expect(afterCut[0]).toMatch(/^\.orders-acme-20261122T181500Z-000001\.csv\.[0-9a-f]{12}\.tmp$/);

    const third = await runCli(w, ['run', '--once']);
    expect(third.stderr).toBe('');
    expect(third.status).toBe(0);
    expect(listFolder(fcpFolder)).toEqual(['orders-acme-20261122T181500Z-000001.csv']);
    const rows = fcpRows(fcpFolder);
    expect(rows.map((r) => r.order)).toEqual(numbers);
    expect(ordersJson(w).filter((o) => o.status === 'ACCEPTED')).toHaveLength(ORDERS);
  }, 30_000);
});
