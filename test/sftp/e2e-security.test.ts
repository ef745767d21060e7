/**
 * What the CLI does when an SFTP partner cannot be trusted or reached: a changed host key, a
 * private key readable by others, a refused login. The partner's files stay where they are,
 * the error says what to fix, and the other partners' orders still flow in the same run.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ORDER_HEADER, orderRow, ordersJson, readFcpCsvRows, type Workspace } from '../e2e/harness.js';
import { listFolder, logRecords, runCli, sftpWorkspace, type SftpEndpoint } from './e2e-support.js';
import { waitFor } from './fixtures.js';
import { generateKeyPair, startTestSftpServer, writePrivateKey, type KeyPair, type TestSftpServer } from './ssh2-server.js';

let server: TestSftpServer;
let client: KeyPair;
let keyDir: string;
let keyFile: string;
let ws: Workspace | undefined;
const remoteInbox = (): string => join(server.root, 'outbound');

beforeEach(async () => {
  client = generateKeyPair();
  server = await startTestSftpServer({ clientKeys: [client] });
  mkdirSync(remoteInbox());
  keyDir = mkdtempSync(join(tmpdir(), 'fcp-e2e-keys-'));
  keyFile = writePrivateKey(join(keyDir, 'acme_ed25519'), client);
});
afterEach(async () => {
  ws?.cleanup();
  ws = undefined;
  await server.close();
  rmSync(keyDir, { recursive: true, force: true });
});

function endpoint(overrides: Partial<SftpEndpoint> = {}): SftpEndpoint {
  return { port: server.port, fingerprints: [server.hostKey.fingerprint], keyFile, path: 'outbound', ...overrides };
}

/** acme on SFTP, beta on a local folder, FCP output local; one order waiting for each. */
function twoPartners(inbox: SftpEndpoint): Workspace {
  const w = sftpWorkspace({ inbox, withLocalPartner: true });
  writeFileSync(join(remoteInbox(), 'po-acme.csv'), `${ORDER_HEADER}\n${orderRow('A1')}\n`);
  w.write('inbox/beta/po-beta.csv', `${ORDER_HEADER}\n${orderRow('B1')}\n`);
  return w;
}

describe('SFTP trust and login failures, end to end', () => {
  it('refuses a changed host key, naming both fingerprints; nothing is transferred; the local partner still flows', async () => {
    const pinned = server.hostKey;
    // The partner's server comes back on the same port with a new key.
    const { port, root } = server;
    await server.close();
    server = await startTestSftpServer({ clientKeys: [client], port });
    mkdirSync(remoteInbox());
    rmSync(root, { recursive: true, force: true });
    ws = twoPartners(endpoint({ fingerprints: [pinned.fingerprint] }));

    const run = await runCli(ws, ['run', '--once']);
    expect(run.status).toBe(1);
    const refusal = logRecords(run.stdout).find((r) => r.msg === 'sftp connection failed; retrying with backoff');
    expect(refusal?.error).toContain(`presented ssh-ed25519 ${server.hostKey.fingerprint}`);
    expect(refusal?.error).toContain(`allows only ${pinned.fingerprint}`);
    expect(server.authAttempts).toBe(0);
    expect(server.bytesRead).toBe(0);
    expect(listFolder(remoteInbox())).toEqual(['po-acme.csv']);

    expect(readFcpCsvRows(ws).map((r) => r.row['Order Number'])).toEqual(['B1']);
    expect(ordersJson(ws).map((o) => [o.partner, o.order_number, o.status])).toEqual([['beta', 'B1', 'ACCEPTED']]);
    const status = JSON.parse(ws.cli(['status', '--json']).stdout);
    const acme = status.partners.find((p: { partner: string }) => p.partner === 'acme');
    expect(acme.last_error.message).toContain(server.hostKey.fingerprint);
  });

  it('accepts the new key once it is added to the pinned list (rotation)', async () => {
    ws = twoPartners(endpoint({ fingerprints: [generateKeyPair().fingerprint, server.hostKey.fingerprint] }));
    const run = await runCli(ws, ['run', '--once']);
    expect(run.status).toBe(0);
    expect(listFolder(remoteInbox())).toEqual([]);
    expect(readFcpCsvRows(ws).map((r) => r.row['Order Number']).sort()).toEqual(['A1', 'B1']);
  });

  it('refuses a private key file with mode 0644 with a clear message and never connects', async () => {
    chmodSync(keyFile, 0o644);
    ws = twoPartners(endpoint());
    const run = await runCli(ws, ['run', '--once']);
    expect(run.status).toBe(1);
    const records = logRecords(run.stdout);
    const refused = records.find((r) => r.msg === 'sftp private key refused');
    expect(refused?.error).toBe(`private key file ${keyFile} has mode 0644, readable by group or others; it is refused until you run: chmod 600 ${keyFile}`);
    expect(server.connections).toBe(0);
    expect(listFolder(remoteInbox())).toEqual(['po-acme.csv']);
    expect(readFcpCsvRows(ws).map((r) => r.row['Order Number'])).toEqual(['B1']);
  });

  it('backs off after a refused login (no connect storm) and recovers by itself once the login works', async () => {
    server.refuseAuth = true;
    ws = twoPartners(endpoint());
    const daemon = ws.spawnCli(['run']);
    const exited = new Promise<number | null>((resolve) => daemon.once('exit', (code) => resolve(code)));
    try {
      await waitFor('the first failed login', () => server.connections >= 1);
      const firstAt = Date.now();
      // The daemon cycles every second; logins may only happen at 0 s, 1 s, 3 s, 7 s, …
      await new Promise((r) => setTimeout(r, 5500 - (Date.now() - firstAt)));
      // Attempts land on the daemon's 1-s ticks: 0, 1–2, 3–4 s; without backoff there would be 6.
      const failedLogins = server.connections;
      expect(failedLogins).toBeGreaterThanOrEqual(2);
      expect(failedLogins).toBeLessThanOrEqual(3);
      const records = logRecords(daemon.output());
      expect(records.filter((r) => r.msg === 'sftp connection failed; retrying with backoff')).toHaveLength(1);
      expect(records.find((r) => r.msg === 'sftp connection failed; retrying with backoff')?.error).toMatch(/authentication failed: 127\.0\.0\.1:\d+ refused user bridge/);
      expect(records.some((r) => typeof r.error === 'string' && r.error.includes('next attempt at'))).toBe(true);
      expect(listFolder(remoteInbox())).toEqual(['po-acme.csv']);

      server.refuseAuth = false;
      await waitFor('acme order taken after recovery', () => (listFolder(remoteInbox()).length === 0 ? true : undefined), 10_000);
      expect(logRecords(daemon.output()).find((r) => r.msg === 'sftp connection recovered')).toMatchObject({ failed_attempts: failedLogins });
      expect(server.connections).toBe(failedLogins + 1);
    } finally {
      daemon.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 20_000);
});
