/**
 * A TCP proxy in front of a test SFTP server that breaks one connection on purpose: it resets
 * it, or stops forwarding (a stall: both sockets stay open, nothing moves), once that connection
 * has carried N bytes in one direction. Later connections pass untouched, so "the next cycle
 * succeeds" can be tested. `toClient` bytes are downloads; `toServer` bytes are uploads.
 */
import { createServer, Socket, type AddressInfo } from 'node:net';

export type Direction = 'toServer' | 'toClient';

export interface Fault {
  action: 'cut' | 'stall';
  direction: Direction;
  /** Bytes of that connection, in that direction, forwarded before the fault. */
  afterBytes: number;
}

export interface CuttingProxy {
  readonly port: number;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Faults applied so far. */
  readonly faultsApplied: number;
  /** Arms one fault for whichever connection crosses the threshold first. */
  arm(fault: Fault): void;
  close(): Promise<void>;
}

export async function startCuttingProxy(target: { host?: string; port: number }, fault?: Fault): Promise<CuttingProxy> {
  let armed: Fault | null = fault ?? null;
  let connections = 0;
  let faultsApplied = 0;
  const sockets = new Set<Socket>();

  const server = createServer((client) => {
    connections += 1;
    const upstream = new Socket();
    sockets.add(client);
    sockets.add(upstream);
    const forget = (): void => { sockets.delete(client); sockets.delete(upstream); };
    client.on('close', forget);
    upstream.on('close', forget);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    const carried: Record<Direction, number> = { toServer: 0, toClient: 0 };
    let stalled = false;

    const pipe = (from: Socket, to: Socket, direction: Direction): void => {
      from.on('data', (chunk: Buffer) => {
        if (stalled) return;
        const fault = armed;
        if (fault !== null && fault.direction === direction && carried[direction] + chunk.length > fault.afterBytes) {
          const allowed = Math.max(0, fault.afterBytes - carried[direction]);
          if (allowed > 0) to.write(chunk.subarray(0, allowed));
          carried[direction] += allowed;
          armed = null;
          faultsApplied += 1;
          if (fault.action === 'cut') {
            // A reset, as a crashed server or a dropped NAT entry looks to the client.
            client.resetAndDestroy();
            upstream.resetAndDestroy();
          } else {
            stalled = true;
            client.pause();
            upstream.pause();
          }
          return;
        }
        carried[direction] += chunk.length;
        to.write(chunk);
      });
      from.on('end', () => { if (!stalled) to.end(); });
    };
    pipe(client, upstream, 'toServer');
    pipe(upstream, client, 'toClient');
    upstream.connect(target.port, target.host ?? '127.0.0.1');
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    get connections() { return connections; },
    get faultsApplied() { return faultsApplied; },
    arm(next) { armed = next; },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
