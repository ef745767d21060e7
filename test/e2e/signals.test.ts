import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { acmeConfig, makeWorkspace, ORDER_HEADER, orderRow, ordersJson, readFcpCsvRows, type Workspace } from './harness.js';

let ws: Workspace;
let daemon: (ChildProcess & { output: () => string }) | undefined;
afterEach(() => {
  if (daemon !== undefined && daemon.exitCode === null && daemon.signalCode === null) daemon.kill('SIGKILL');
  daemon = undefined;
  ws?.cleanup();
});

async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${daemon?.output() ?? ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

const logLines = (): { msg: string; [k: string]: unknown }[] =>
  (daemon?.output() ?? '').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg: string });

const BETA = `  - id: beta
    name: Beta Shop
    orders:
      channel: { type: local, path: inbox/beta, poll_interval_secs: 1 }
      format: csv
      ship_methods_are_fcp_codes: true
`;

describe('SIGHUP: reload the config and the mapping files', () => {
  it('keeps running on the old config when the new one is broken (status says why, with file:line), then applies a valid change', async () => {
    ws = makeWorkspace();
    const good = ws.read('fcp-bridge.yaml');
    daemon = ws.spawnCli(['run']);
    const exited = exitOf(daemon);
    await waitFor('the daemon to start', () => daemon?.output().includes('fcp-bridge running'));

    writeFileSync(ws.config, `${good}    unknown_key: 1\n`);
    daemon.kill('SIGHUP');
    await waitFor('the refusal', () => logLines().find((l) => l.msg === 'config reload refused: the running config stays in force'));
    const refused = logLines().find((l) => l.msg === 'config reload refused: the running config stays in force') as unknown as { problems: string[] };
    expect(refused.problems[0]).toMatch(new RegExp(`^${ws.config.replace(/[.]/g, '\\.')}:\\d+:\\d+ partners\\[0\\]\\.unknown_key: unknown key`));

    const status = ws.cli(['status', '--json']);
    expect(status.status).toBe(2);
    const s = JSON.parse(status.stdout) as { config_problems: string[]; daemon: { running_pid: number; summary: string; config_state: { version: number; last_reload: { ok: boolean; problems: string[] } } } };
    expect(s.daemon.running_pid).toBe(daemon.pid);
    expect(s.daemon.config_state.version).toBe(1);
    expect(s.daemon.config_state.last_reload.ok).toBe(false);
    expect(s.daemon.config_state.last_reload.problems[0]).toMatch(new RegExp(`^${ws.config.replace(/[.]/g, '\\.')}:\\d+:\\d+ `));
    expect(s.daemon.summary).toMatch(/^config v1 active \(loaded .*\); reload at .* failed: .*fcp-bridge\.yaml:\d+:\d+ /);

    // Still running on the old config.
    ws.write('inbox/acme/a.csv', `${ORDER_HEADER}\n${orderRow('H1')}\n`);
    await waitFor('H1 in an FCP file', () => ws.list('outbox/fcp/orders').some((f) => ws.read(`outbox/fcp/orders/${f}`).includes('H1,')));

    // A valid change (a new partner) is applied: its inbox is watched and read.
    writeFileSync(ws.config, good + BETA);
    daemon.kill('SIGHUP');
    await waitFor('the reload', () => logLines().find((l) => l.msg === 'config reloaded'));
    ws.write('inbox/beta/b.csv', `${ORDER_HEADER}\n${orderRow('B1', { ship: 'UPSGRD' })}\n`);
    await waitFor('B1 from the new partner accepted', () => ordersJson(ws).find((o) => o.partner === 'beta' && o.order_number === 'B1' && o.status === 'ACCEPTED'));
    const after = JSON.parse(ws.cli(['status', '--json']).stdout) as { daemon: { config_state: { version: number; last_reload: { ok: boolean } } }; partners: { partner: string }[] };
    expect(after.daemon.config_state.version).toBe(2);
    expect(after.daemon.config_state.last_reload.ok).toBe(true);
    expect(after.partners.map((p) => p.partner)).toEqual(['acme', 'beta']);

    // A reload that would move the ledger is refused too.
    writeFileSync(ws.config, (good + BETA).replace('data_dir: var', 'data_dir: var2'));
    daemon.kill('SIGHUP');
    await waitFor('the data_dir refusal', () => logLines().filter((l) => l.msg === 'config reload refused: the running config stays in force').length === 2);
    expect(JSON.stringify(logLines().at(-1))).toContain('data_dir changed');

    daemon.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
  });
});

describe('SIGTERM', () => {
  it('during a 200-file batch: finishes the file in hand, exits 0 well within 30 s, and loses nothing', async () => {
    ws = makeWorkspace(acmeConfig());
    const numbers: string[] = [];
    for (let i = 1; i <= 200; i += 1) {
      const n = `T${String(i).padStart(4, '0')}`;
      numbers.push(n);
      ws.write(`inbox/acme/po-${String(i).padStart(4, '0')}.csv`, `${ORDER_HEADER}\n${orderRow(n)}\n`);
    }
    daemon = ws.spawnCli(['run']);
    const exited = exitOf(daemon);
    await waitFor('the batch to be under way', () => logLines().filter((l) => l.msg === 'file processed').length >= 5);
    const sentAt = Date.now();
    daemon.kill('SIGTERM');
    const { code } = await exited;
    const tookMs = Date.now() - sentAt;
    expect(code).toBe(0);
    expect(tookMs).toBeLessThan(10_000);
    expect(logLines().map((l) => l.msg)).toContain('fcp-bridge stopped');
    const left = ws.list('inbox/acme').length;

    // The next run takes the rest; every order is in exactly one FCP file.
    expect(ws.cli(['run', '--once']).status).toBe(0);
    expect(ws.list('inbox/acme')).toEqual([]);
    const filesPerOrder = new Map<string, Set<string>>();
    for (const { file, row } of readFcpCsvRows(ws)) {
      const n = row['Order Number'] as string;
      filesPerOrder.set(n, (filesPerOrder.get(n) ?? new Set()).add(file));
    }
    expect([...filesPerOrder.keys()].sort()).toEqual(numbers);
    expect([...filesPerOrder.values()].every((files) => files.size === 1)).toBe(true);
    expect(ordersJson(ws).every((o) => o.status === 'ACCEPTED')).toBe(true);
    // Stopped mid-batch, not after it (this is what makes the test mean something).
    expect(left).toBeGreaterThan(0);
  });
});
