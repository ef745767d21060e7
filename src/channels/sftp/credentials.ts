import { readFileSync, statSync } from 'node:fs';
import ssh2 from 'ssh2';
import type { SftpChannelConfig } from '../../config/types.js';
import { TransientError } from '../../jobs/ports.js';

/** Raised before any connection is attempted: the fix is local (a file mode, a missing secret). */
export class CredentialError extends TransientError {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialError';
  }
}

/** What ssh2 needs to log in. Holds secrets: never log it, never put it in an error. */
export interface LoginSecrets {
  privateKey?: Buffer;
  passphrase?: string;
  password?: string;
}

/**
 * The refusal OpenSSH itself gives ("UNPROTECTED PRIVATE KEY FILE"): a key readable by group or
 * others may already be copied, and silently using it would hide that. Null when the file is fine.
 */
export function privateKeyFileProblem(file: string): string | null {
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch (error) {
    return `private key file ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
  }
  if ((mode & 0o077) === 0) return null;
  const octal = (mode & 0o777).toString(8).padStart(4, '0');
  return `private key file ${file} has mode ${octal}, readable by group or others; it is refused until you run: chmod 600 ${file}`;
}

/**
 * Read at every connection attempt, not at start: a rotated password file or a fixed key mode
 * takes effect at the next attempt without a restart.
 */
export function loadLoginSecrets(config: SftpChannelConfig): LoginSecrets {
  if (config.private_key_file !== null) {
    const problem = privateKeyFileProblem(config.private_key_file);
    if (problem !== null) throw new CredentialError(problem);
    const privateKey = readFileSync(config.private_key_file);
    const passphrase = readSecret('passphrase', config.passphrase_file, config.passphrase_env);
    // Parsed here so a wrong or missing passphrase is reported as such, not as "auth failed".
    const parsed = ssh2.utils.parseKey(privateKey, passphrase);
    if (parsed instanceof Error) {
      throw new CredentialError(`private key file ${config.private_key_file} cannot be used: ${parsed.message}`);
    }
    return passphrase === undefined ? { privateKey } : { privateKey, passphrase };
  }
  const password = readSecret('password', config.password_file, config.password_env);
  if (password === undefined) throw new CredentialError('no private_key_file, password_file or password_env is configured');
  return { password };
}

function readSecret(what: string, file: string | null, env: string | null): string | undefined {
  let value: string;
  if (file !== null) {
    try {
      value = readFileSync(file, 'utf8');
    } catch (error) {
      throw new CredentialError(`${what} file ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  } else if (env !== null) {
    const fromEnv = process.env[env];
    if (fromEnv === undefined) throw new CredentialError(`environment variable ${env} (${what}_env) is not set`);
    value = fromEnv;
  } else {
    return undefined;
  }
  // `echo secret > file` adds a newline that is not part of the secret.
  const secret = value.replace(/[\r\n]+$/, '');
  if (secret === '') throw new CredentialError(file !== null ? `${what} file ${file} is empty` : `environment variable ${env} (${what}_env) is empty`);
  return secret;
}
