/**
 * The contracts between the jobs and the shell. Channels (local, SFTP) and the clock are
 * implemented in channels/ and daemon/ and wired in daemon/main.ts only; the jobs see these
 * interfaces and nothing else.
 */

/** A file an inbound channel offers. `name` is partner text: data, never a path. */
export interface InboundEntry {
  name: string;
  size: number;
  mtimeMs: number;
  /** `file` is a regular file; anything else is never opened (SPEC §10 NOT_REGULAR_FILE). */
  kind: 'file' | 'not-regular';
  /** For `not-regular`: what it is (symlink, fifo, socket, device). */
  detail?: string;
}

export interface InboundChannel {
  /** For logs and status: `local:/srv/inbox/acme` or `sftp://efs@host:22/outbound`. */
  readonly label: string;
  /**
   * Entries ready to take: regular files that are stable (SPEC §10), plus non-regular entries
   * (to be quarantined). `waiting` counts files seen but not yet stable.
   */
  listReady(): Promise<{ ready: InboundEntry[]; waiting: number; nextCheckMs: number | null }>;
  /** Reads the whole file, refusing to follow links; throws FileChangedError when it changed since listed. */
  read(entry: InboundEntry): Promise<Buffer>;
  /** Removes the original once the bridge's copy is durable (local: unlink; SFTP: delete or move). */
  remove(entry: InboundEntry): Promise<void>;
  /** Moves a non-regular entry out of the inbox without opening it. */
  moveAside(entry: InboundEntry, destination: string): Promise<void>;
  close(): Promise<void>;
}

export interface OutboundChannel {
  readonly label: string;
  /** Writes the whole content under `name` atomically: no reader ever sees a partial file. */
  writeAtomic(name: string, content: Buffer): Promise<void>;
  /** Removes temporary files a crash left behind. */
  sweepTemporaries(): Promise<number>;
  close(): Promise<void>;
}

/**
 * The bridge's own copies of received files: var/archive and var/quarantine (SPEC §10).
 * Paths are computed before anything is written so the ledger can record them first.
 */
export interface FileStore {
  archivePath(partner: string, fileId: number, name: string, day: string): string;
  quarantinePath(partner: string, fileId: number, name: string): string;
  /** Writes a copy durably (temp, fsync, rename). */
  put(path: string, content: Buffer): void;
  /** Writes `<path>.reason.txt`. */
  putReason(path: string, reason: string): void;
  /** The stored copy, when it is there and whole (its SHA-256 matches). */
  readStored(path: string, sha256: string): Buffer | undefined;
  /** Removes temporary files a crash left while writing this path or its reason file. */
  sweepTemporaries(path: string): number;
}

export interface Clock {
  /** The business clock (FCP_BRIDGE_NOW fixes it): file names, order ages, "sent" times. */
  now(): Date;
}

/** A bad file read, distinct from bad content: nothing is committed, it is tried again. */
export class TransientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientError';
  }
}

/** The file changed between listing and reading: it is not stable yet; try again later. */
export class FileChangedError extends TransientError {
  constructor(name: string) {
    super(`'${name}' changed while it was being read; it will be taken once it is stable`);
    this.name = 'FileChangedError';
  }
}

export interface Log {
  error(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
}
