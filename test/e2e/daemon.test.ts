import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ACME_SHIP_METHODS, makeWorkspace, ORDER_HEADER, orderRow, ordersJson, type Workspace } from './harness.js';

let ws: Workspace;
afterEach(() => ws?.cleanup());

async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function exitOf(child: import('node:child_process').ChildProcess): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

describe('the daemon (run)', () => {
  it('takes a file written into the watched inbox, and stops cleanly on SIGTERM', async () => {
    ws = makeWorkspace();
    const daemon = ws.spawnCli(['run']);
    const exited = exitOf(daemon);
    await waitFor('the daemon to start', () => daemon.output().includes('fcp-bridge running'));
    // Written now (not aged): the bridge must wait for it to be stable, then take it.
    writeFileSync(join(ws.dir, 'inbox/acme/new.csv'), `${ORDER_HEADER}\n${orderRow('D1')}\n`);
    const file = await waitFor('an FCP file', () => ws.list('outbox/fcp/orders')[0]);
    expect(ws.read(`outbox/fcp/orders/${file}`)).toContain('D1,');

    daemon.kill('SIGTERM');
    expect(await exitOf(daemon).then(() => exited)).toEqual({ code: 0, signal: null });
    const lines = daemon.output().trim().split('\n');
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(lines.map((l) => JSON.parse(l).msg)).toContain('fcp-bridge stopped');
  });

  it('refuses a second run on the same data_dir while CLI commands keep working', async () => {
    ws = makeWorkspace();
    const daemon = ws.spawnCli(['run']);
    const exited = exitOf(daemon);
    await waitFor('the daemon to start', () => daemon.output().includes('fcp-bridge running'));
    const second = ws.cli(['run', '--once']);
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/another fcp-bridge \(pid \d+\) is already running/);
    expect(ws.cli(['orders', '--json']).status).toBe(0);
    daemon.kill('SIGINT');
    expect((await exited).code).toBe(0);
  });

  it('applies a mapping edit live (retrying IMPORT ERROR orders) and keeps the old mappings on an invalid edit', async () => {
    ws = makeWorkspace();
    ws.write('inbox/acme/a.csv', `${ORDER_HEADER}\n${orderRow('M1', { ship: 'Air' })}\n`);
    const daemon = ws.spawnCli(['run']);
    const exited = exitOf(daemon);
    await waitFor('M1 in IMPORT ERROR', () => ordersJson(ws).find((o) => o.order_number === 'M1' && o.status === 'IMPORT ERROR'));

    // An invalid edit: the FCP code does not exist. The old mappings stay; the error is logged.
    writeFileSync(join(ws.dir, 'mappings/acme/ship-methods.csv'), `${ACME_SHIP_METHODS}Air,NOPE\n`);
    await waitFor('the refused edit in the log', () => daemon.output().includes('mapping edit refused'));
    ws.write('inbox/acme/b.csv', `${ORDER_HEADER}\n${orderRow('M2')}\n`);
    await waitFor('M2 accepted under the old mappings', () => ordersJson(ws).find((o) => o.order_number === 'M2' && o.status === 'ACCEPTED'));

    writeFileSync(join(ws.dir, 'mappings/acme/ship-methods.csv'), `${ACME_SHIP_METHODS}Air,UPS2DA\n`);
    await waitFor('M1 accepted after the fix', () => ordersJson(ws).find((o) => o.order_number === 'M1' && o.status === 'ACCEPTED'));
    daemon.kill('SIGTERM');
    expect((await exited).code).toBe(0);
  });

  it('keeps partner line breaks and control characters inside JSON log fields', async () => {
    ws = makeWorkspace();
    ws.write('inbox/acme/evil\nname.csv', `${ORDER_HEADER}\n"X1\r\n{""level"":""info"",""msg"":""forged""}",2026-11-20,Teleport\u2028,Ada,L,1 Main,Portland,OR,97201,US,W,1\n`);
    const r = ws.cli(['run', '--once']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    const records = lines.map((l) => JSON.parse(l) as { msg: string });
    expect(records.some((rec) => rec.msg === 'forged')).toBe(false);
    expect(r.stdout).not.toMatch(/\u2028/);
    // The archived copy's name is made safe: no line break reaches the file system.
    expect(ws.list('var/archive/acme/2026-11-22')).toEqual(['1-evil_name.csv']);
  });
});

describe('inbox entries that are not regular files', () => {
  it('never opens a FIFO or a symlink: each is quarantined as NOT_REGULAR_FILE and the run goes on', async () => {
    ws = makeWorkspace();
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [join(ws.dir, 'inbox/acme/pipe.csv')]);
    ws.write('outside.csv', `${ORDER_HEADER}\n${orderRow('S1')}\n`);
    const { symlinkSync, mkdirSync } = await import('node:fs');
    symlinkSync(join(ws.dir, 'outside.csv'), join(ws.dir, 'inbox/acme/link.csv'));
    mkdirSync(join(ws.dir, 'inbox/acme/subfolder'));
    ws.write('inbox/acme/good.csv', `${ORDER_HEADER}\n${orderRow('G1')}\n`);
    const r = ws.cli(['run', '--once']);
    expect(r.status).toBe(0);
    expect(ordersJson(ws).map((o) => o.order_number)).toEqual(['G1']);
    const status = JSON.parse(ws.cli(['status', '--json']).stdout);
    const codes = status.partners[0].quarantined_files.map((q: { name: string; code: string }) => [q.name, q.code]).sort();
    expect(codes).toEqual([['link.csv', 'NOT_REGULAR_FILE'], ['pipe.csv', 'NOT_REGULAR_FILE']]);
    expect(ws.list('inbox/acme')).toEqual(['subfolder']);
    expect(ws.read('var/quarantine/acme/2-link.csv.reason.txt')).toContain('symbolic link');
    expect(ws.list('var/quarantine/acme')).toEqual(['2-link.csv', '2-link.csv.reason.txt', '3-pipe.csv', '3-pipe.csv.reason.txt']);
  });
});
