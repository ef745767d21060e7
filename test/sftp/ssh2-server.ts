/**
 * An SFTP server inside the test process, on ssh2's `Server`, serving a temp folder as `/`.
 * Always available (no sshd needed), so the default suite and the fault tests use it. Like many
 * non-OpenSSH servers it announces no extensions (no posix-rename), and its plain RENAME refuses
 * an existing target as SFTP v3 says — so it exercises the channel's delete-then-rename fallback.
 *
 * Tests that use it must not block the event loop (spawnSync): the server runs on that loop.
 */
import { chmodSync, closeSync, fstatSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync, writeSync, type Stats } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import ssh2, { type Attributes, type Connection, type FileEntry, type ParsedKey, type SFTPWrapper } from 'ssh2';
import { sha256Fingerprint } from '../../src/channels/sftp/host-key.js';

const { STATUS_CODE } = ssh2.utils.sftp;

export interface KeyPair {
  /** OpenSSH private key text. */
  private: string;
  /** `ssh-ed25519 AAAA…` line. */
  public: string;
  fingerprint: string;
}

export function generateKeyPair(): KeyPair {
  for (;;) {
    const pair = ssh2.utils.generateKeyPairSync('ed25519');
    // ssh2 1.17 drops a leading zero byte of the ed25519 public key (about 1 key in 256), and
    // then cannot parse its own output; such a key is simply generated again.
    if (ssh2.utils.parseKey(pair.public) instanceof Error || ssh2.utils.parseKey(pair.private) instanceof Error) continue;
    return { private: pair.private, public: pair.public, fingerprint: fingerprintOfPublicKey(pair.public) };
  }
}

/**
 * An OpenSSH private key encrypted with `passphrase`, generated again until ssh2 can read it
 * back (the same 1-in-256 generator bug as above, seen in CI on an encrypted key).
 */
export function generateEncryptedPrivateKey(passphrase: string, cipher = 'aes256-ctr'): string {
  for (;;) {
    const { private: key } = ssh2.utils.generateKeyPairSync('ed25519', { passphrase, cipher, rounds: 2 });
    if (!(ssh2.utils.parseKey(key, passphrase) instanceof Error)) return key;
  }
}

export function fingerprintOfPublicKey(publicKey: string): string {
  return sha256Fingerprint(parsed(publicKey).getPublicSSH());
}

/** Writes a client private key with mode 0600 (what the channel insists on). */
export function writePrivateKey(path: string, key: KeyPair, mode = 0o600): string {
  writeFileSync(path, key.private, { mode });
  chmodSync(path, mode);
  return path;
}

export interface TestSftpServerOptions {
  /** Served as `/`; default: a new temp folder. */
  root?: string;
  hostKey?: KeyPair;
  /** Accepted client keys / password for any user name. */
  clientKeys?: KeyPair[];
  password?: string;
  /** Listen on this port (to "restart" a server in place); default: a free one. */
  port?: number;
}

export interface TestSftpServer {
  readonly port: number;
  readonly root: string;
  readonly hostKey: KeyPair;
  /** TCP connections accepted so far. */
  readonly connections: number;
  /** Logins that sent a credential (a refused host key must leave this at 0). */
  readonly authAttempts: number;
  /** Bytes the server read out of files (downloads). */
  readonly bytesRead: number;
  /** Refuse every login (wrong key, locked account…). */
  refuseAuth: boolean;
  /** Ends every open connection, as a server restart would. */
  dropConnections(): void;
  close(): Promise<void>;
}

export async function startTestSftpServer(options: TestSftpServerOptions = {}): Promise<TestSftpServer> {
  const root = options.root ?? mkdtempSync(join(tmpdir(), 'fcp-sftp-root-'));
  const hostKey = options.hostKey ?? generateKeyPair();
  const allowed = (options.clientKeys ?? []).map((k) => parsed(k.public));
  const open = new Set<Connection>();
  const stats = { connections: 0, authAttempts: 0, bytesRead: 0, refuseAuth: false };

  const server = new ssh2.Server({ hostKeys: [hostKey.private] }, (client) => {
    stats.connections += 1;
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => { /* resets are part of the tests */ });
    client.on('authentication', (ctx) => {
      if (ctx.method === 'none') return ctx.reject(['publickey', 'password']);
      stats.authAttempts += 1;
      if (stats.refuseAuth) return ctx.reject();
      if (ctx.method === 'password' && options.password !== undefined && ctx.password === options.password) return ctx.accept();
      if (ctx.method === 'publickey') {
        const key = allowed.find((k) => k.type === ctx.key.algo && k.getPublicSSH().equals(ctx.key.data));
        if (key === undefined) return ctx.reject();
        if (ctx.signature === undefined || ctx.blob === undefined) return ctx.accept();
        return key.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true ? ctx.accept() : ctx.reject();
      }
      return ctx.reject();
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('sftp', (acceptSftp) => serveFolder(acceptSftp(), root, (n) => { stats.bytesRead += n; }));
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    root,
    hostKey,
    get connections() { return stats.connections; },
    get authAttempts() { return stats.authAttempts; },
    get bytesRead() { return stats.bytesRead; },
    get refuseAuth() { return stats.refuseAuth; },
    set refuseAuth(value: boolean) { stats.refuseAuth = value; },
    dropConnections() {
      for (const client of open) client.end();
    },
    async close() {
      for (const client of open) client.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (options.root === undefined) rmSync(root, { recursive: true, force: true });
    },
  };
}

function parsed(publicKey: string): ParsedKey {
  const key = ssh2.utils.parseKey(publicKey);
  if (key instanceof Error) throw key;
  return Array.isArray(key) ? (key[0] as ParsedKey) : key;
}

type Handle = { kind: 'file'; fd: number } | { kind: 'dir'; path: string; done: boolean };

/** The SFTP requests the channels (and ssh2-sftp-client's helpers) use, over a real folder. */
function serveFolder(sftp: SFTPWrapper, root: string, onRead: (bytes: number) => void): void {
  const handles = new Map<number, Handle>();
  let nextHandle = 1;
  // Client paths are relative to `/` = root; normalising first keeps `..` inside the root.
  const real = (path: string): string => join(root, posix.normalize(`/${path}`));
  const handleOf = (buffer: Buffer): Handle | undefined => (buffer.length === 4 ? handles.get(buffer.readUInt32BE(0)) : undefined);
  const newHandle = (h: Handle): Buffer => {
    const id = nextHandle++;
    handles.set(id, h);
    const buffer = Buffer.alloc(4);
    buffer.writeUInt32BE(id, 0);
    return buffer;
  };
  const fail = (reqid: number, error: unknown): void => {
    const code = (error as NodeJS.ErrnoException).code;
    const status = code === 'ENOENT' ? STATUS_CODE.NO_SUCH_FILE : code === 'EACCES' || code === 'EPERM' ? STATUS_CODE.PERMISSION_DENIED : STATUS_CODE.FAILURE;
    sftp.status(reqid, status, (error as Error).message);
  };
  const attempt = (reqid: number, action: () => void): void => {
    try { action(); } catch (error) { fail(reqid, error); }
  };

  sftp.on('REALPATH', (reqid, path) => {
    const normal = posix.normalize(`/${path}`);
    sftp.name(reqid, [{ filename: normal, longname: normal, attrs: {} as Attributes }]);
  });
  sftp.on('STAT', (reqid, path) => attempt(reqid, () => sftp.attrs(reqid, attributes(statSync(real(path))))));
  sftp.on('LSTAT', (reqid, path) => attempt(reqid, () => sftp.attrs(reqid, attributes(lstatSync(real(path))))));
  sftp.on('OPEN', (reqid, filename, flags) => attempt(reqid, () => {
    const mode = ssh2.utils.sftp.flagsToString(flags) ?? 'r';
    sftp.handle(reqid, newHandle({ kind: 'file', fd: openSync(real(filename), mode, 0o644) }));
  }));
  sftp.on('READ', (reqid, handle, offset, length) => attempt(reqid, () => {
    const h = handleOf(handle);
    if (h?.kind !== 'file') return sftp.status(reqid, STATUS_CODE.FAILURE, 'bad handle');
    const buffer = Buffer.alloc(length);
    const n = readSync(h.fd, buffer, 0, length, offset);
    if (n === 0) return sftp.status(reqid, STATUS_CODE.EOF);
    onRead(n);
    sftp.data(reqid, buffer.subarray(0, n));
  }));
  sftp.on('WRITE', (reqid, handle, offset, data) => attempt(reqid, () => {
    const h = handleOf(handle);
    if (h?.kind !== 'file') return sftp.status(reqid, STATUS_CODE.FAILURE, 'bad handle');
    writeSync(h.fd, data, 0, data.length, offset);
    sftp.status(reqid, STATUS_CODE.OK);
  }));
  sftp.on('FSTAT', (reqid, handle) => attempt(reqid, () => {
    const h = handleOf(handle);
    if (h?.kind !== 'file') return sftp.status(reqid, STATUS_CODE.FAILURE, 'bad handle');
    sftp.attrs(reqid, attributes(fstatSync(h.fd)));
  }));
  sftp.on('CLOSE', (reqid, handle) => attempt(reqid, () => {
    const h = handleOf(handle);
    if (h === undefined) return sftp.status(reqid, STATUS_CODE.FAILURE, 'bad handle');
    handles.delete(handle.readUInt32BE(0));
    if (h.kind === 'file') closeSync(h.fd);
    sftp.status(reqid, STATUS_CODE.OK);
  }));
  sftp.on('OPENDIR', (reqid, path) => attempt(reqid, () => {
    if (!lstatSync(real(path)).isDirectory()) return sftp.status(reqid, STATUS_CODE.FAILURE, 'not a directory');
    sftp.handle(reqid, newHandle({ kind: 'dir', path: real(path), done: false }));
  }));
  sftp.on('READDIR', (reqid, handle) => attempt(reqid, () => {
    const h = handleOf(handle);
    if (h?.kind !== 'dir') return sftp.status(reqid, STATUS_CODE.FAILURE, 'bad handle');
    if (h.done) return sftp.status(reqid, STATUS_CODE.EOF);
    h.done = true;
    const entries: FileEntry[] = readdirSync(h.path).flatMap((name) => {
      try {
        const st = lstatSync(join(h.path, name));
        return [{ filename: name, longname: longName(name, st), attrs: attributes(st) }];
      } catch { return []; }
    });
    sftp.name(reqid, entries);
  }));
  sftp.on('REMOVE', (reqid, path) => attempt(reqid, () => { unlinkSync(real(path)); sftp.status(reqid, STATUS_CODE.OK); }));
  sftp.on('RMDIR', (reqid, path) => attempt(reqid, () => { rmdirSync(real(path)); sftp.status(reqid, STATUS_CODE.OK); }));
  sftp.on('MKDIR', (reqid, path) => attempt(reqid, () => { mkdirSync(real(path)); sftp.status(reqid, STATUS_CODE.OK); }));
  sftp.on('RENAME', (reqid, from, to) => attempt(reqid, () => {
    if (lstatSync(real(to), { throwIfNoEntry: false }) !== undefined) return sftp.status(reqid, STATUS_CODE.FAILURE, 'target exists');
    renameSync(real(from), real(to));
    sftp.status(reqid, STATUS_CODE.OK);
  }));
  sftp.on('SETSTAT', (reqid) => sftp.status(reqid, STATUS_CODE.OK));
  sftp.on('FSETSTAT', (reqid) => sftp.status(reqid, STATUS_CODE.OK));
  sftp.on('EXTENDED', (reqid) => sftp.status(reqid, STATUS_CODE.OP_UNSUPPORTED));
  sftp.on('close', () => {
    for (const h of handles.values()) if (h.kind === 'file') try { closeSync(h.fd); } catch { /* closed */ }
    handles.clear();
  });
}

function attributes(st: Stats): Attributes {
  return { mode: st.mode, uid: st.uid, gid: st.gid, size: st.size, atime: Math.floor(st.atimeMs / 1000), mtime: Math.floor(st.mtimeMs / 1000) };
}

function longName(name: string, st: Stats): string {
  const type = st.isDirectory() ? 'd' : st.isSymbolicLink() ? 'l' : st.isFIFO() ? 'p' : st.isSocket() ? 's' : st.isFile() ? '-' : '?';
  return `${type}rw-r--r--    1 test     test     ${String(st.size).padStart(8)} Jan  1 00:00 ${name}`;
}
