/**
 * A real OpenSSH sshd on 127.0.0.1 for the tests that need real server semantics
 * (posix-rename, rename refusing an existing target, symlinks, restarts). It runs in the
 * foreground with its own host key, config and data folder, and is killed by PID in teardown.
 * Tests use `describe.skipIf(!HAVE_SSHD)` so machines without openssh-server still pass.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair, type KeyPair, writePrivateKey } from './ssh2-server.js';

export const SSHD = '/usr/sbin/sshd';
export const HAVE_SSHD = existsSync(SSHD);
export const SKIP_REASON = `OpenSSH tests skipped: ${SSHD} is not installed (apt-get install openssh-server)`;

export interface OpenSshServer {
  readonly port: number;
  /** Served by internal-sftp as the login folder: relative SFTP paths land here. */
  readonly dataDir: string;
  readonly hostKey: KeyPair;
  readonly clientKey: KeyPair;
  /** Mode 0600 private key file of `clientKey`. */
  readonly clientKeyFile: string;
  readonly username: string;
  /** Stops sshd (open sessions end) and starts it again on the same port, optionally with a new host key. */
  restart(options?: { newHostKey?: boolean }): Promise<void>;
  stop(): Promise<void>;
  /** Stops sshd and removes its folder. */
  close(): Promise<void>;
}

export async function startOpenSsh(): Promise<OpenSshServer> {
  const dir = mkdtempSync(join(tmpdir(), 'fcp-sshd-'));
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir);
  // Root needs the privilege-separation folder that the packaged service would create.
  if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true });
  let hostKey = generateKeyPair();
  const clientKey = generateKeyPair();
  const clientKeyFile = writePrivateKey(join(dir, 'client_ed25519'), clientKey);
  writeFileSync(join(dir, 'authorized_keys'), `${clientKey.public}\n`);
  const hostKeyFile = join(dir, 'host_ed25519');
  const configFile = join(dir, 'sshd_config');
  writeFileSync(configFile, [
    'ListenAddress 127.0.0.1',
    `HostKey ${hostKeyFile}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    // The temp folder is world-writable; StrictModes would refuse the keys inside it.
    'StrictModes no',
    'AllowTcpForwarding no',
    'X11Forwarding no',
    `Subsystem sftp internal-sftp -d ${dataDir}`,
    '',
  ].join('\n'));

  let child: ChildProcess | null = null;
  let port = 0;

  const launch = async (): Promise<void> => {
    writePrivateKey(hostKeyFile, hostKey);
    for (let tries = 0; ; tries += 1) {
      const wanted = port !== 0 ? port : await freePort();
      const started = await runSshd(configFile, wanted);
      if (started.ok) {
        child = started.child;
        port = wanted;
        return;
      }
      // Someone took the port between our probe and sshd's bind: pick another (not on restart).
      if (!started.log.includes('Address already in use') || tries >= 5 || port !== 0) {
        throw new Error(`sshd did not start: ${started.log}`);
      }
    }
  };

  const stop = async (): Promise<void> => {
    const running = child;
    child = null;
    if (running === null || running.exitCode !== null || running.pid === undefined) return;
    // Each session runs in its own sshd child (in its own session, so not in our process
    // group); a restart that left them alive would not drop the connections.
    const sessions = childrenOf(running.pid);
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    for (const pid of sessions) try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
    await exited;
  };

  await launch();
  return {
    get port() { return port; },
    dataDir,
    get hostKey() { return hostKey; },
    clientKey,
    clientKeyFile,
    username: userInfo().username,
    async restart(options = {}) {
      await stop();
      if (options.newHostKey === true) hostKey = generateKeyPair();
      await launch();
    },
    stop,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function runSshd(configFile: string, port: number): Promise<{ ok: true; child: ChildProcess } | { ok: false; log: string }> {
  // An absolute path: sshd re-executes itself and refuses a relative one.
  const child = spawn(SSHD, ['-D', '-e', '-f', configFile, '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  return new Promise((resolve) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); resolve({ ok: false, log: `${log}\n(no "Server listening" within 5 s)` }); }, 5000);
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString('utf8');
      if (log.includes(`Server listening on 127.0.0.1 port ${port}`)) {
        clearTimeout(timer);
        resolve({ ok: true, child });
      }
    });
    child.once('exit', () => { clearTimeout(timer); resolve({ ok: false, log }); });
  });
}

/** PIDs whose parent is `pid`, from /proc (no procps needed). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 (ppid) follows the parenthesised command name, which may contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch { /* exited meanwhile */ }
  }
  return out;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
