/**
 * Crash-point suite (research §2.1, scoreboard row 1), run by `npm run proof`, not `npm test`
 * (a few minutes): SQLite's count-down method. Run N = 1, 2, … kills the process at the N-th fault
 * point (FCP_BRIDGE_FAULTS=crash@#N), a restart finishes the work, and the oracle must hold:
 * 0 lost, 0 duplicated, 0 partial, a sound ledger. The loop ends at the first run that hits no
 * point. test/e2e/crash-recovery.test.ts keeps the small orders-only count-down in `npm test`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ORDER_HEADER, orderRow, type Workspace } from '../e2e/harness.js';
import { fcpRows, listFolder, runCli, sftpWorkspace } from '../sftp/e2e-support.js';
import { generateKeyPair, startTestSftpServer, writePrivateKey } from '../sftp/ssh2-server.js';
import { checkScenario, isClean, scenarioWorkspace, type OracleReport } from './crash-scenario.js';
import { recordProofResult } from './proof-results.js';

interface PointResult { n: number; point: string; restart: string; report: OracleReport }
const suites: Record<string, { points: PointResult[]; finishedAt: number }> = {};

afterAll(() => {
  const summary = Object.fromEntries(Object.entries(suites).map(([name, s]) => [name, summarize(s.points, s.finishedAt)]));
  recordProofResult('crash-points', summary);
});

function summarize(points: PointResult[], finishedAt: number) {
  const count = (k: keyof OracleReport): number => points.reduce((n, p) => n + p.report[k].length, 0);
  const byPoint: Record<string, number> = {};
  for (const p of points) byPoint[p.point] = (byPoint[p.point] ?? 0) + 1;
  return {
    total: points.length,
    survived: points.filter((p) => isClean(p.report) && p.restart === 'ok').length,
    lost: count('lost'), duplicated: count('duplicated'), partial: count('partial'), other: count('other'),
    run_without_fault_at: finishedAt, by_point: byPoint,
    failures: points.filter((p) => !isClean(p.report) || p.restart !== 'ok'),
  };
}

function lastPoint(log: string): string {
  try {
    return readFileSync(log, 'utf8').trim().split('\n').at(-1)?.split(' ')[1] ?? '?';
  } catch {
    return '?';
  }
}

function restartVerdict(r: { status: number | null; signal: string | null; stderr: string }): string {
  return r.status === 0 && r.signal === null && r.stderr === '' ? 'ok' : `exit ${String(r.status)} ${r.signal ?? ''} ${r.stderr.slice(0, 200)}`;
}

describe('crash points: SIGKILL at every fault point, restart, 0 lost / 0 duplicated / 0 partial', () => {
  it('local channels: CSV, XML and X12 orders, both FCP feeds, a quarantined file, FCP files, a 997, inventory and tracking snapshots', () => {
    const points: PointResult[] = [];
    let finishedAt = 0;
    for (let n = 1; n < 1000; n += 1) {
      const ws = scenarioWorkspace();
      try {
        const log = join(ws.dir, 'fault-hits.log');
        const crashed = ws.cli(['run', '--once'], { FCP_BRIDGE_FAULTS: `crash@#${n}`, FCP_BRIDGE_FAULT_LOG: log });
        if (crashed.signal === null) {
          // The first run that hits no point: it must have done everything by itself.
          expect(restartVerdict(crashed)).toBe('ok');
          expect(checkScenario(ws)).toEqual({ lost: [], duplicated: [], partial: [], other: [] });
          finishedAt = n;
          break;
        }
        expect(crashed.signal).toBe('SIGKILL');
        const restarted = ws.cli(['run', '--once']);
        points.push({ n, point: lastPoint(log), restart: restartVerdict(restarted), report: checkScenario(ws) });
      } finally {
        ws.cleanup();
      }
    }
    suites.local = { points, finishedAt };
    expect(points.filter((p) => !isClean(p.report) || p.restart !== 'ok')).toEqual([]);
    // Every kind of point was reached: intake, atomic writes, delivery, both snapshots.
    const names = new Set(points.map((p) => p.point));
    for (const point of ['L1-listed', 'L2-ledger-received', 'L3-stored', 'L4-original-removed', 'L5-committed', 'W1-temp-written', 'W2-temp-synced', 'W3-renamed', 'D1-before-write', 'D2-written', 'D3-marked', 'S1-inventory-queued', 'T1-tracking-queued']) {
      expect(names).toContain(point);
    }
  }, 600_000);

  it('SFTP inbox and SFTP outbox: the remote delete after the local commit, the upload under a temporary name and the rename', async () => {
    const client = generateKeyPair();
    const server = await startTestSftpServer({ clientKeys: [client] });
    const keyDir = mkdtempSync(join(tmpdir(), 'fcp-proof-keys-'));
    const keyFile = writePrivateKey(join(keyDir, 'acme_ed25519'), client);
    const points: PointResult[] = [];
    let finishedAt = 0;
    try {
      for (let n = 1; n < 200; n += 1) {
        // Each run gets its own remote folders, so a leftover of one run cannot hide in the next.
        const remoteIn = `in-${n}`;
        const remoteOut = `out-${n}`;
        mkdirSync(join(server.root, remoteIn), { recursive: true });
        writeFileSync(join(server.root, remoteIn, 'po-1.csv'), `${ORDER_HEADER}\n${orderRow('S1')}\n${orderRow('S2', { sku: 'GIFTSET' })}\n`);
        const endpoint = { port: server.port, fingerprints: [server.hostKey.fingerprint], keyFile };
        const ws: Workspace = sftpWorkspace({ inbox: { ...endpoint, path: remoteIn }, fcpOutbox: { ...endpoint, path: `/${remoteOut}` } });
        try {
          const log = join(ws.dir, 'fault-hits.log');
          const crashed = await runCli(ws, ['run', '--once'], { FCP_BRIDGE_FAULTS: `crash@#${n}`, FCP_BRIDGE_FAULT_LOG: log });
          const check = (): OracleReport => sftpOracle(ws, join(server.root, remoteIn), join(server.root, remoteOut));
          if (crashed.signal === null) {
            expect(restartVerdict(crashed)).toBe('ok');
            expect(check()).toEqual({ lost: [], duplicated: [], partial: [], other: [] });
            finishedAt = n;
            break;
          }
          const restarted = await runCli(ws, ['run', '--once']);
          points.push({ n, point: lastPoint(log), restart: restartVerdict(restarted), report: check() });
        } finally {
          ws.cleanup();
        }
      }
    } finally {
      await server.close();
      rmSync(keyDir, { recursive: true, force: true });
    }
    suites.sftp = { points, finishedAt };
    expect(points.filter((p) => !isClean(p.report) || p.restart !== 'ok')).toEqual([]);
    const names = new Set(points.map((p) => p.point));
    for (const point of ['L3-stored', 'L4-original-removed', 'D1-before-write', 'U1-uploaded', 'U2-renamed', 'D2-written']) expect(names).toContain(point);
  }, 300_000);
});

/** Remote side: the original gone, each order in one FCP file under a final name, no temporary name left; the ledger sound. */
function sftpOracle(ws: Workspace, remoteIn: string, remoteOut: string): OracleReport {
  const report: OracleReport = { lost: [], duplicated: [], partial: [], other: [] };
  const db = new Database(join(ws.dir, 'var', 'ledger.sqlite'), { readonly: true });
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    if (integrity !== 'ok') report.other.push(`integrity_check: ${integrity}`);
    const open = db.prepare("SELECT COUNT(*) AS n FROM files WHERE status = 'RECEIVED'").get() as { n: number };
    if (open.n > 0) report.other.push(`${open.n} file(s) left RECEIVED`);
    const pending = db.prepare("SELECT COUNT(*) AS n FROM outputs WHERE status <> 'DELIVERED'").get() as { n: number };
    if (pending.n > 0) report.lost.push(`${pending.n} output(s) not delivered`);
  } finally {
    db.close();
  }
  if (listFolder(remoteIn).length > 0) report.lost.push(`remote inbox still holds ${listFolder(remoteIn).join(', ')}`);
  const temporaries = listFolder(remoteOut).filter((f) => f.startsWith('.'));
  report.partial.push(...temporaries.map((f) => `remote temporary left: ${f}`));
  const rows = fcpRows(remoteOut);
  for (const order of ['S1', 'S2']) {
    const files = new Set(rows.filter((r) => r.order === order).map((r) => r.file));
    if (files.size === 0) report.lost.push(`order ${order}`);
    if (files.size > 1) report.duplicated.push(`order ${order} in ${[...files].join(', ')}`);
  }
  const gift = rows.filter((r) => r.order === 'S2').map((r) => `${r.sku}×${r.quantity}`).sort().join(' ');
  if (gift !== '101BC×1 102NR/B×2') report.duplicated.push(`bundle S2 lines ${gift}`);
  return report;
}
