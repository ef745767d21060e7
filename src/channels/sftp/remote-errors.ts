import { TransientError } from '../../jobs/ports.js';

/** SFTP status codes (draft-ietf-secsh-filexfer-02 §7) that the channels act on. */
export const SFTP_NO_SUCH_FILE = 2;
export const SFTP_PERMISSION_DENIED = 3;
const SFTP_NO_CONNECTION = 6;
const SFTP_CONNECTION_LOST = 7;

/**
 * A remote operation failed while the connection stayed usable (no such file, permission denied…).
 * `sftpCode` lets the channels tell "the file vanished" from "we may not touch it".
 */
export class SftpOperationError extends TransientError {
  constructor(message: string, readonly sftpCode: number | undefined, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SftpOperationError';
  }
}

/** An operation that did not finish in time: the connection is dropped, the call fails. */
export class OperationTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not finish within ${Math.round(ms / 1000)} s (stalled server or network)`);
    this.name = 'OperationTimeoutError';
  }
}

/** Codes ssh2-sftp-client gives to SFTP status answers it rewrites (stat: ENOENT, mkdir: ERR_BAD_PATH). */
const ANSWER_CODES = new Map<string, number>([['ENOENT', SFTP_NO_SUCH_FILE], ['EACCES', SFTP_PERMISSION_DENIED], ['ENOTDIR', 4], ['ERR_BAD_PATH', 4]]);

/**
 * True when the error means the connection is gone or unusable (reset, timeout, keepalive,
 * "No SFTP connection"), false for an SFTP status answer, after which the connection is fine.
 * Anything unrecognised counts as broken: the price of a wrong guess is one reconnect.
 */
export function breaksConnection(error: unknown): boolean {
  if (error instanceof OperationTimeoutError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'number') return code === SFTP_NO_CONNECTION || code === SFTP_CONNECTION_LOST;
  return !(typeof code === 'string' && ANSWER_CODES.has(code));
}

/** The SFTP status code of an answer (2 = no such file, 3 = permission denied), if it is one. */
export function sftpCodeOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'number') return code;
  return typeof code === 'string' ? ANSWER_CODES.get(code) : undefined;
}

export function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // ssh2-sftp-client prefixes its method names ("getConnection: ", "_put: Write stream error: ").
  return message.replace(/^(?:[A-Za-z_]+(?:->|: ))+/, '').trim() || 'unknown error';
}

/** A connection failure in words an operator can act on (the raw text is kept at the end). */
export function describeConnectError(error: unknown, where: { host: string; port: number; username: string; timeoutSecs: number }): string {
  const code = (error as { code?: unknown } | null)?.code;
  const raw = errorText(error);
  const at = `${where.host}:${where.port}`;
  if (error instanceof OperationTimeoutError || /timed out while waiting for handshake/i.test(raw)) {
    return `no SSH handshake with ${at} within ${where.timeoutSecs} s (server stalled or a firewall drops the traffic)`;
  }
  if (code === 'ECONNREFUSED') return `connection refused by ${at} (is the SFTP server running on that port?)`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `host ${where.host} could not be resolved (${String(code)})`;
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `cannot reach ${at} (${String(code)})`;
  if (/all configured authentication methods failed/i.test(raw)) {
    return `authentication failed: ${at} refused user ${where.username} with the configured key or password`;
  }
  if (code === 'ECONNRESET' || /connection lost before handshake|unexpected (end|close)/i.test(raw)) {
    return `${at} closed the connection during login (${raw}); the server may be restarting or limiting connections (MaxStartups)`;
  }
  return `cannot connect to ${at}: ${raw}`;
}
