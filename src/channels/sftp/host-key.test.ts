import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../../test/sftp/ssh2-server.js';
import { describeHostKey, hostKeyRefusal, keyTypeOf, sha256Fingerprint } from './host-key.js';

function rawPublicKey(publicLine: string): Buffer {
  const parsed = ssh2.utils.parseKey(publicLine);
  if (parsed instanceof Error || Array.isArray(parsed)) throw new Error('bad test key');
  return parsed.getPublicSSH();
}

const HAVE_SSH_KEYGEN = spawnSync('ssh-keygen', ['-?'], { encoding: 'utf8' }).error === undefined;

describe('host key fingerprints', () => {
  it('is SHA256: + unpadded base64 of the SHA-256 of the key blob (43 characters)', () => {
    const fingerprint = sha256Fingerprint(Buffer.from('abc'));
    expect(fingerprint).toBe('SHA256:ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0');
    expect(fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it.skipIf(!HAVE_SSH_KEYGEN)('matches what `ssh-keygen -lf` prints for the same key', () => {
    const key = generateKeyPair();
    const dir = mkdtempSync(join(tmpdir(), 'fcp-fp-'));
    try {
      writeFileSync(join(dir, 'k.pub'), `${key.public}\n`);
      const printed = spawnSync('ssh-keygen', ['-lf', join(dir, 'k.pub')], { encoding: 'utf8' }).stdout;
      expect(printed.split(' ')[1]).toBe(sha256Fingerprint(rawPublicKey(key.public)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the key type from the blob, and survives a malformed blob', () => {
    const key = generateKeyPair();
    expect(keyTypeOf(rawPublicKey(key.public))).toBe('ssh-ed25519');
    expect(keyTypeOf(Buffer.from([0, 0, 0, 200, 1]))).toBe('unknown key type');
    expect(keyTypeOf(Buffer.alloc(2))).toBe('unknown key type');
  });

  it('refuses with a message naming the presented key and every pinned one', () => {
    const presented = describeHostKey(rawPublicKey(generateKeyPair().public));
    const message = hostKeyRefusal('sftp.acme.example', 22, presented, ['SHA256:old1', 'SHA256:old2']);
    expect(message).toContain(`presented ssh-ed25519 ${presented.fingerprint}`);
    expect(message).toContain('allows only SHA256:old1, SHA256:old2');
    expect(message).toContain('nothing was sent or received');
  });
});
