import SftpClient from 'ssh2-sftp-client';
import type { SftpChannelConfig } from '../../config/types.js';
import { TransientError, type Log } from '../../jobs/ports.js';
import { retryDelayMs } from './backoff.js';
import { CredentialError, loadLoginSecrets, privateKeyFileProblem } from './credentials.js';
import { describeHostKey, hostKeyRefusal, type PresentedHostKey } from './host-key.js';
import { breaksConnection, describeConnectError, errorText, OperationTimeoutError, SftpOperationError, sftpCodeOf } from './remote-errors.js';

/** The parts of ssh2-sftp-client 12 the channels use (its @types lag behind: no `lstat`). */
export interface RemoteFiles {
  list(path: string): Promise<RemoteListEntry[]>;
  lstat(path: string): Promise<RemoteStats>;
  exists(path: string): Promise<false | string>;
  /** Without a destination: the whole file as a Buffer. */
  get(path: string): Promise<unknown>;
  put(content: Buffer, path: string): Promise<unknown>;
  delete(path: string, notFoundOk?: boolean): Promise<unknown>;
  rename(from: string, to: string): Promise<unknown>;
  posixRename(from: string, to: string): Promise<unknown>;
  mkdir(path: string, recursive?: boolean): Promise<unknown>;
}

export interface RemoteListEntry {
  /** First character of the `ls -l` style long name: `-` file, `d` folder, `l` link, … */
  type: string;
  name: string;
  size: number;
  /** Milliseconds; SFTP v3 carries whole seconds. */
  modifyTime: number;
}

export interface RemoteStats {
  size: number;
  modifyTime: number;
  isFile: boolean;
  isDirectory: boolean;
  isSymbolicLink: boolean;
  isFIFO: boolean;
  isSocket: boolean;
  isBlockDevice: boolean;
  isCharacterDevice: boolean;
}

interface Connection {
  client: SftpClient;
  files: RemoteFiles;
  /** Cleared by the client's end/close/error events and by `drop`. */
  link: { alive: boolean };
}

type Health =
  | { kind: 'never' }
  | { kind: 'up' }
  | { kind: 'lost'; error: string }
  | { kind: 'down'; failures: number; since: number; nextAttemptAt: number; error: string };

export interface SessionOptions {
  /** The clock of the backoff (tests move it instead of sleeping). */
  now?: () => number;
  /** An idle connection is closed after this long; the next operation reconnects. */
  idleCloseMs?: number;
}

const MIB = 1024 * 1024;
const DEFAULT_IDLE_CLOSE_MS = 10_000;

export function sftpLabel(config: Pick<SftpChannelConfig, 'username' | 'host' | 'port' | 'path'>): string {
  const path = config.path.startsWith('/') ? config.path : `/~/${config.path}`;
  return `sftp://${config.username}@${config.host}:${config.port}${path}`;
}

/**
 * A session for one channel. A private key readable by others is reported at once (the channel
 * then refuses every connection until the mode is fixed; other partners keep flowing).
 */
export function openSftpSession(config: SftpChannelConfig, log: Log, options: SessionOptions = {}): SftpSession {
  const session = new SftpSession(config, log, options);
  const problem = config.private_key_file === null ? null : privateKeyFileProblem(config.private_key_file);
  if (problem !== null) log.error('sftp private key refused', { channel: session.label, error: problem });
  return session;
}

/**
 * One SFTP login, shared by the operations of a channel: connected lazily, reused while busy,
 * closed when idle, re-made after a failure. Failed logins back off (1 s … 5 min); while backing
 * off, calls fail at once with the time of the next attempt. Operations run one at a time
 * (ssh2-sftp-client's per-call listeners are not safe for overlapping calls) and each has a deadline.
 */
export class SftpSession {
  readonly label: string;
  private connection: Connection | null = null;
  private health: Health = { kind: 'never' };
  private idleTimer: NodeJS.Timeout | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly now: () => number;
  private readonly idleCloseMs: number;

  constructor(private readonly config: SftpChannelConfig, private readonly log: Log, options: SessionOptions = {}) {
    this.label = sftpLabel(config);
    this.now = options.now ?? Date.now;
    this.idleCloseMs = options.idleCloseMs ?? DEFAULT_IDLE_CLOSE_MS;
  }

  /**
   * Runs `op` on the connection. A TransientError thrown by `op` itself passes unchanged; an SFTP
   * answer (no such file, permission denied) becomes an SftpOperationError; anything else drops
   * the connection and becomes a TransientError. `bytes` extends the deadline of transfers.
   * Messages do not repeat the channel label: every caller reports it next to the message.
   */
  run<T>(what: string, op: (files: RemoteFiles) => Promise<T>, options: { bytes?: number } = {}): Promise<T> {
    const result = this.queue.then(() => this.runNow(what, op, options.bytes ?? 0));
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.cancelIdleClose();
    await this.queue;
    const connection = this.connection;
    this.connection = null;
    if (connection !== null) await endGracefully(connection);
  }

  private async runNow<T>(what: string, op: (files: RemoteFiles) => Promise<T>, bytes: number): Promise<T> {
    if (this.closed) throw new TransientError('the channel is closed');
    this.cancelIdleClose();
    try {
      const connection = await this.ensureConnected();
      const ms = this.config.timeout_secs * 1000 * (1 + Math.floor(bytes / MIB));
      try {
        return await withDeadline(op(connection.files), ms, () => new OperationTimeoutError(what, ms));
      } catch (error) {
        throw this.operationFailed(connection, what, error);
      }
    } finally {
      this.scheduleIdleClose();
    }
  }

  private operationFailed(connection: Connection, what: string, error: unknown): Error {
    if (error instanceof TransientError) return error;
    const usable = connection.link.alive && (connection.client as unknown as { sftp?: unknown }).sftp !== undefined;
    if (usable && !breaksConnection(error)) {
      return new SftpOperationError(`${what} failed: ${errorText(error)}`, sftpCodeOf(error), { cause: error });
    }
    this.drop(connection);
    const text = errorText(error);
    this.health = { kind: 'lost', error: text };
    this.log.warn('sftp connection lost; the next operation reconnects', { channel: this.label, during: what, error: text });
    return new TransientError(`${what} failed, the connection was lost: ${text}`, { cause: error });
  }

  private async ensureConnected(): Promise<Connection> {
    if (this.connection !== null) {
      if (this.connection.link.alive) return this.connection;
      this.drop(this.connection);
    }
    const health = this.health;
    if (health.kind === 'down' && this.now() < health.nextAttemptAt) {
      const inSecs = Math.ceil((health.nextAttemptAt - this.now()) / 1000);
      throw new TransientError(
        `${health.error}; next attempt at ${new Date(health.nextAttemptAt).toISOString()} (in ${inSecs} s)`,
      );
    }
    return this.connect();
  }

  private async connect(): Promise<Connection> {
    const config = this.config;
    const link = { alive: false };
    const seen: { hostKey: PresentedHostKey | null; refused: boolean } = { hostKey: null, refused: false };
    // Our own handlers: the library's defaults print to the console, and the events only matter
    // to mark the connection dead (the next operation reconnects).
    const client = new SftpClient(`fcp-bridge ${this.label}`, {
      error: (error) => this.connectionEnded(link, `error: ${errorText(error)}`),
      end: () => this.connectionEnded(link, 'ended by the server'),
      close: () => this.connectionEnded(link, 'closed'),
    });
    const timeoutMs = config.timeout_secs * 1000;
    try {
      const secrets = loadLoginSecrets(config);
      const { password } = secrets;
      if (password !== undefined) {
        // Some servers offer only keyboard-interactive for passwords: answer each prompt with it.
        client.on('keyboard-interactive', (_name: string, _instructions: string, _lang: string, prompts: unknown[], finish: (answers: string[]) => void) => {
          finish(prompts.map(() => password));
        });
      }
      const connecting = client.connect({
        host: config.host,
        port: config.port,
        username: config.username,
        ...secrets,
        tryKeyboard: password !== undefined,
        readyTimeout: timeoutMs,
        // Without keepalives a silently dropped connection hangs a call for ever.
        keepaliveInterval: Math.max(1000, Math.floor(timeoutMs / 3)),
        keepaliveCountMax: 3,
        // Checked during key exchange, before any credential is sent.
        hostVerifier: (key: Buffer) => {
          seen.hostKey = describeHostKey(key);
          seen.refused = !config.host_key_sha256.includes(seen.hostKey.fingerprint);
          return !seen.refused;
        },
      });
      await withDeadline(connecting, 2 * timeoutMs, () => new OperationTimeoutError('connect', 2 * timeoutMs));
    } catch (error) {
      discard(client);
      let message: string;
      if (error instanceof CredentialError) message = error.message;
      else if (seen.refused && seen.hostKey !== null) message = hostKeyRefusal(config.host, config.port, seen.hostKey, config.host_key_sha256);
      else message = describeConnectError(error, { host: config.host, port: config.port, username: config.username, timeoutSecs: config.timeout_secs });
      throw this.connectFailed(message, error);
    }
    link.alive = true;
    const connection: Connection = { client, files: client as unknown as RemoteFiles, link };
    this.connection = connection;
    this.connected(seen.hostKey);
    return connection;
  }

  private connectFailed(message: string, cause: unknown): TransientError {
    const now = this.now();
    const previous = this.health;
    const failures = previous.kind === 'down' ? previous.failures + 1 : 1;
    const delayMs = retryDelayMs(failures);
    this.health = { kind: 'down', failures, since: previous.kind === 'down' ? previous.since : now, nextAttemptAt: now + delayMs, error: message };
    const fields = { channel: this.label, error: message, attempt: failures, next_attempt_in_secs: delayMs / 1000 };
    // One line when the state changes; repeats of the same failure only at debug level.
    if (previous.kind !== 'down') this.log.error('sftp connection failed; retrying with backoff', fields);
    else if (previous.error !== message) this.log.warn('sftp connection still failing, now with another error', fields);
    else this.log.debug('sftp connection still failing', fields);
    return new TransientError(`${message} (attempt ${failures}; next attempt in ${delayMs / 1000} s)`, { cause });
  }

  private connected(hostKey: PresentedHostKey | null): void {
    const previous = this.health;
    this.health = { kind: 'up' };
    const fields = { channel: this.label, host_key: hostKey === null ? null : `${hostKey.type} ${hostKey.fingerprint}` };
    if (previous.kind === 'down') {
      this.log.info('sftp connection recovered', { ...fields, failed_attempts: previous.failures, down_secs: Math.round((this.now() - previous.since) / 1000) });
    } else if (previous.kind === 'lost') {
      this.log.info('sftp reconnected after a lost connection', fields);
    } else if (previous.kind === 'never') {
      this.log.info('sftp connected', fields);
    } else {
      this.log.debug('sftp connected', fields);
    }
  }

  private connectionEnded(link: { alive: boolean }, event: string): void {
    if (!link.alive) return;
    link.alive = false;
    this.log.debug('sftp connection ended', { channel: this.label, event });
  }

  private drop(connection: Connection): void {
    connection.link.alive = false;
    if (this.connection === connection) this.connection = null;
    discard(connection.client);
  }

  private scheduleIdleClose(): void {
    this.cancelIdleClose();
    const connection = this.connection;
    if (connection === null || this.closed) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.connection !== connection) return;
      this.connection = null;
      connection.link.alive = false;
      void endGracefully(connection);
    }, this.idleCloseMs);
    // An idle connection must not keep `run --once` alive.
    this.idleTimer.unref();
  }

  private cancelIdleClose(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}

/** Rejects with `onTimeout()` after `ms`; the late settlement of `promise` is swallowed. */
export function withDeadline<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  // The abandoned promise may still reject later; unhandled, that would end the daemon.
  promise.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(onTimeout()), ms); });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Closes the socket at once: used after a failure, when a polite goodbye could hang. */
function discard(client: SftpClient): void {
  const raw = client as unknown as { endCalled?: boolean; client?: { destroy?: () => void } };
  raw.endCalled = true;
  try { raw.client?.destroy?.(); } catch { /* already closed */ }
}

async function endGracefully(connection: Connection): Promise<void> {
  connection.link.alive = false;
  try {
    await withDeadline(connection.client.end(), 2000, () => new Error('end timed out'));
  } catch { /* the socket is destroyed below either way */ }
  discard(connection.client);
}
