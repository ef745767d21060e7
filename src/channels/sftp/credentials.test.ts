import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sftpChannelConfig } from '../../../test/sftp/fixtures.js';
import { generateEncryptedPrivateKey, generateKeyPair, writePrivateKey } from '../../../test/sftp/ssh2-server.js';
import { CredentialError, loadLoginSecrets, privateKeyFileProblem } from './credentials.js';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'fcp-cred-')); });
afterEach(() => { rmSync(dir, { recursive: true, force: true }); delete process.env.FCP_TEST_SFTP_PW; });

const base = sftpChannelConfig({ port: 22, host_key_sha256: ['SHA256:x'] });

describe('SFTP credentials', () => {
  it('refuses a private key file readable by group or others, naming the mode and the fix', () => {
    const file = writePrivateKey(join(dir, 'id'), generateKeyPair(), 0o644);
    expect(privateKeyFileProblem(file)).toBe(`private key file ${file} has mode 0644, readable by group or others; it is refused until you run: chmod 600 ${file}`);
    chmodSync(file, 0o640);
    expect(privateKeyFileProblem(file)).toContain('mode 0640');
    chmodSync(file, 0o600);
    expect(privateKeyFileProblem(file)).toBeNull();
    chmodSync(file, 0o400);
    expect(privateKeyFileProblem(file)).toBeNull();
    expect(() => loadLoginSecrets({ ...base, private_key_file: writePrivateKey(join(dir, 'open'), generateKeyPair(), 0o604) })).toThrow(CredentialError);
  });

  it('reads the key, and a passphrase-protected key without its passphrase fails clearly', () => {
    const key = generateKeyPair();
    const file = writePrivateKey(join(dir, 'id'), key);
    expect(loadLoginSecrets({ ...base, private_key_file: file }).privateKey?.toString()).toBe(key.private);
    const encrypted = join(dir, 'enc');
    writeFileSync(encrypted, generateEncryptedPrivateKey('open sesame', 'aes256-cbc'), { mode: 0o600 });
    expect(() => loadLoginSecrets({ ...base, private_key_file: encrypted })).toThrow(/cannot be used: .*passphrase/i);
    writeFileSync(join(dir, 'pp'), 'open sesame\n', { mode: 0o600 });
    expect(loadLoginSecrets({ ...base, private_key_file: encrypted, passphrase_file: join(dir, 'pp') }).passphrase).toBe('open sesame');
  });

  it('takes a password from a file (trailing newline trimmed) or from the environment', () => {
    writeFileSync(join(dir, 'pw'), 'hunter2\r\n');
    expect(loadLoginSecrets({ ...base, password_file: join(dir, 'pw') })).toEqual({ password: 'hunter2' });
    process.env.FCP_TEST_SFTP_PW = 'from-env';
    expect(loadLoginSecrets({ ...base, password_env: 'FCP_TEST_SFTP_PW' })).toEqual({ password: 'from-env' });
  });

  it('reports a missing or empty secret without its value', () => {
    expect(() => loadLoginSecrets({ ...base, password_env: 'FCP_TEST_SFTP_PW' })).toThrow('environment variable FCP_TEST_SFTP_PW (password_env) is not set');
    writeFileSync(join(dir, 'pw'), '\n');
    expect(() => loadLoginSecrets({ ...base, password_file: join(dir, 'pw') })).toThrow(`password file ${join(dir, 'pw')} is empty`);
    expect(() => loadLoginSecrets({ ...base, password_file: join(dir, 'missing') })).toThrow(/cannot be read: ENOENT/);
  });
});
