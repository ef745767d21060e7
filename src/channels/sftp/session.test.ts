import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryLog, sftpChannelConfig } from '../../../test/sftp/fixtures.js';
import { generateKeyPair, startTestSftpServer, writePrivateKey, type KeyPair, type TestSftpServer } from '../../../test/sftp/ssh2-server.js';
import { TransientError } from '../../jobs/ports.js';
import type { SftpChannelConfig } from '../../config/types.js';
import { openSftpSession, type SessionOptions, type SftpSession } from './session.js';

let server: TestSftpServer;
let client: KeyPair;
let dir: string;
let keyFile: string;
let sessions: SftpSession[];

beforeEach(async () => {
  client = generateKeyPair();
  server = await startTestSftpServer({ clientKeys: [client], password: 'correct horse' });
  mkdirSync(join(server.root, 'inbox'));
  dir = mkdtempSync(join(tmpdir(), 'fcp-session-'));
  keyFile = writePrivateKey(join(dir, 'id_ed25519'), client);
  sessions = [];
});
afterEach(async () => {
  for (const s of sessions) await s.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function session(overrides: Partial<SftpChannelConfig> = {}, options: SessionOptions = {}) {
  const log = memoryLog();
  const config = sftpChannelConfig({ port: server.port, host_key_sha256: [server.hostKey.fingerprint], private_key_file: keyFile, ...overrides });
  const s = openSftpSession(config, log, options);
  sessions.push(s);
  return { s, log };
}

const list = (s: SftpSession): Promise<unknown> => s.run('list', (files) => files.list('inbox'));

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('an SFTP session', () => {
  it('reuses one connection for a burst of operations and closes it when idle', async () => {
    const { s, log } = session({}, { idleCloseMs: 100 });
    for (let i = 0; i < 5; i += 1) await list(s);
    expect(server.connections).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    await list(s);
    expect(server.connections).toBe(2);
    // The first login is news; a routine reconnect after an idle close is not.
    expect(log.messages('info')).toEqual(['sftp connected']);
  });

  it('refuses an unknown host key before any credential is sent, naming both fingerprints', async () => {
    const pinned = generateKeyPair().fingerprint;
    const { s, log } = session({ host_key_sha256: [pinned] });
    const error = await failure(list(s));
    expect(error).toBeInstanceOf(TransientError);
    expect(error.message).toContain(`presented ssh-ed25519 ${server.hostKey.fingerprint}`);
    expect(error.message).toContain(`allows only ${pinned}`);
    expect(server.authAttempts).toBe(0);
    expect(log.lines.find((l) => l.level === 'error')?.fields.error).toContain(pinned);
  });

  it('accepts any key of a pinned list (rotation)', async () => {
    const { s } = session({ host_key_sha256: [generateKeyPair().fingerprint, server.hostKey.fingerprint] });
    await expect(list(s)).resolves.toEqual([]);
  });

  it('backs off after failed logins, fails fast in between, and logs each change of state once', async () => {
    let now = 1_000_000;
    const { s, log } = session({}, { now: () => now });
    server.refuseAuth = true;

    const first = await failure(list(s));
    expect(first.message).toMatch(/authentication failed: 127\.0\.0\.1:\d+ refused user bridge .*\(attempt 1; next attempt in 1 s\)/);
    expect(server.connections).toBe(1);

    const fast = await failure(list(s));
    expect(fast).toBeInstanceOf(TransientError);
    expect(fast.message).toContain(`next attempt at ${new Date(now + 1000).toISOString()} (in 1 s)`);
    expect(server.connections).toBe(1);

    now += 1000;
    expect((await failure(list(s))).message).toContain('(attempt 2; next attempt in 2 s)');
    now += 1000;
    await failure(list(s));
    expect(server.connections).toBe(2);
    now += 1000;
    expect((await failure(list(s))).message).toContain('(attempt 3; next attempt in 4 s)');
    expect(server.connections).toBe(3);

    server.refuseAuth = false;
    now += 3999;
    await failure(list(s));
    now += 1;
    await expect(list(s)).resolves.toEqual([]);
    expect(server.connections).toBe(4);

    expect(log.messages('error')).toEqual(['sftp connection failed; retrying with backoff']);
    expect(log.messages('debug').filter((m) => m === 'sftp connection still failing')).toHaveLength(2);
    const recovered = log.lines.find((l) => l.msg === 'sftp connection recovered');
    expect(recovered?.fields).toMatchObject({ failed_attempts: 3, down_secs: 7 });
  });

  it('reports a refused connection in plain words', async () => {
    const { s } = session({ port: server.port });
    await server.close();
    server = await startTestSftpServer({ clientKeys: [client] });
    const error = await failure(list(s));
    expect(error.message).toMatch(/connection refused by 127\.0\.0\.1:\d+ \(is the SFTP server running on that port\?\)/);
  });

  it('re-makes a connection the server dropped while it was idle', async () => {
    const { s } = session();
    await list(s);
    server.dropConnections();
    await new Promise((r) => setTimeout(r, 100));
    await expect(list(s)).resolves.toEqual([]);
    expect(server.connections).toBe(2);
  });

  it('logs a private key readable by others at open and never connects with it', async () => {
    const loose = writePrivateKey(join(dir, 'loose'), client, 0o644);
    const { s, log } = session({ private_key_file: loose });
    expect(log.lines[0]).toMatchObject({ level: 'error', msg: 'sftp private key refused' });
    const error = await failure(list(s));
    expect(error.message).toContain(`private key file ${loose} has mode 0644`);
    expect(error.message).toContain(`chmod 600 ${loose}`);
    expect(server.connections).toBe(0);
  });

  it('logs in with a password from password_file, and never logs it', async () => {
    writeFileSync(join(dir, 'pw'), 'correct horse\n');
    const { s, log } = session({ private_key_file: null, password_file: join(dir, 'pw') });
    await expect(list(s)).resolves.toEqual([]);
    expect(JSON.stringify(log.lines)).not.toContain('correct horse');
  });

  it('never puts a password in a log line or an error, also when the login is refused', async () => {
    const canary = 'CANARY-7f3a-secret';
    process.env.FCP_TEST_SFTP_CANARY = canary;
    try {
      server.refuseAuth = true;
      const { s, log } = session({ private_key_file: null, password_env: 'FCP_TEST_SFTP_CANARY' });
      const error = await failure(list(s));
      expect(error.message).toContain('authentication failed');
      expect(`${error.message} ${String((error as Error & { cause?: unknown }).cause)}`).not.toContain(canary);
      expect(JSON.stringify(log.lines)).not.toContain(canary);
    } finally {
      delete process.env.FCP_TEST_SFTP_CANARY;
    }
  });

  it('keeps an SFTP answer (no such folder) apart from a connection failure', async () => {
    const { s } = session();
    const error = await failure(s.run('list', (files) => files.list('missing')));
    expect(error.name).toBe('SftpOperationError');
    expect((error as Error & { sftpCode?: number }).sftpCode).toBe(2);
    await list(s);
    expect(server.connections).toBe(1);
  });
});
