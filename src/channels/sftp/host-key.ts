import { createHash } from 'node:crypto';

/**
 * `SHA256:<base64 without padding>` of the raw public key blob: exactly what `ssh-keygen -lf`
 * and `ssh-keyscan | ssh-keygen -lf -` print, so an operator can compare it by eye.
 */
export function sha256Fingerprint(rawKey: Buffer): string {
  return `SHA256:${createHash('sha256').update(rawKey).digest('base64').replace(/=+$/, '')}`;
}

/** The algorithm name at the start of an SSH wire-format key blob (`ssh-ed25519`, `ssh-rsa`, …). */
export function keyTypeOf(rawKey: Buffer): string {
  if (rawKey.length < 4) return 'unknown key type';
  const length = rawKey.readUInt32BE(0);
  if (length === 0 || length > 64 || 4 + length > rawKey.length) return 'unknown key type';
  const name = rawKey.subarray(4, 4 + length).toString('latin1');
  return /^[\x21-\x7e]+$/.test(name) ? name : 'unknown key type';
}

export interface PresentedHostKey {
  fingerprint: string;
  type: string;
}

export function describeHostKey(rawKey: Buffer): PresentedHostKey {
  return { fingerprint: sha256Fingerprint(rawKey), type: keyTypeOf(rawKey) };
}

/**
 * The refusal names both sides so the operator can tell a rotation (ask the partner, add the new
 * fingerprint) from an attack (do nothing) without reading code.
 */
export function hostKeyRefusal(host: string, port: number, presented: PresentedHostKey, pinned: readonly string[]): string {
  return `host key refused: ${host}:${port} presented ${presented.type} ${presented.fingerprint}, `
    + `but host_key_sha256 allows only ${pinned.join(', ')}; nothing was sent or received. `
    + 'If the partner rotated its key, confirm the new fingerprint with them and add it to host_key_sha256';
}
