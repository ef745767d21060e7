import { createServer } from 'node:net';
import { chmodSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { generateKeyPair } from '../sftp/ssh2-server.js';
import { acmeConfig, makeWorkspace, ORDER_HEADER, orderRow, type Workspace } from './harness.js';

let ws: Workspace;
afterEach(() => ws?.cleanup());

/** A port nothing listens on: bound, read, released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

it('doctor names an overdue inventory snapshot and an unreachable SFTP server, each with its fix, and exits 1', async () => {
  const port = await closedPort();
  const config = acmeConfig({
    extraPartnerYaml: `    inventory:
      schedule: "0 * * * *"
      channel: { type: local, path: outbox/acme }
      format: csv
  - id: remote
    orders:
      channel: { type: sftp, host: 127.0.0.1, port: ${port}, username: edi, private_key_file: keys/remote,
                 host_key_sha256: "SHA256:${'A'.repeat(43)}", path: outbound, timeout_secs: 2 }
      format: csv
`,
  }).replace('  orders: { format: fcp-csv', '  inventory: { channel: { type: local, path: inbox/fcp/inventory } }\n  orders: { format: fcp-csv');
  ws = makeWorkspace(config);
  chmodSync(ws.write('keys/remote', generateKeyPair().private), 0o600);
  ws.write('inbox/fcp/inventory/feed.csv', 'sku,warehouse,good,hurt,allocated,as_of\nWIDGET,MAIN,5,0,0,2026-11-22T18:00:00Z\n');
  ws.write('inbox/acme/po.csv', `${ORDER_HEADER}\n${orderRow('D1')}\n`);
  // The SFTP partner's inbox cannot be read, so run --once says a channel failed; acme still flows.
  expect(ws.cli(['run', '--once']).status).toBe(1);
  expect(ws.list('outbox/acme').filter((f) => f.startsWith('inventory-acme-'))).toHaveLength(1);

  // Four hours later (the schedule is hourly): the snapshot is overdue.
  const r = ws.cli(['doctor', '--json'], { FCP_BRIDGE_NOW: '2026-11-22T22:30:00Z' });
  expect(r.status).toBe(1);
  const { findings } = JSON.parse(r.stdout) as { findings: { severity: string; check: string; partner: string | null; what: string; fix: string }[] };
  const overdue = findings.find((f) => f.check === 'snapshots' && f.partner === 'acme');
  expect(overdue?.what).toMatch(/overdue/);
  expect(overdue?.fix).not.toBe('');
  const sftp = findings.find((f) => f.check === 'channels' && f.partner === 'remote' && f.severity === 'error');
  expect(sftp?.what).toContain(`127.0.0.1:${port}`);
  expect(sftp?.fix).not.toBe('');
}, 60_000);
