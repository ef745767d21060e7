/**
 * A real full disk (research §2.2 item 6), run by `npm run proof`: the FCP outbox, the archive or
 * the whole data_dir (ledger) on a tmpfs filled to the last byte, inside a private mount namespace
 * (`unshare -rm`, no root needed where user namespaces are allowed). Unlike the hook
 * (disk-faults.test.ts) nothing is simulated: writes, fsyncs and SQLite see a real ENOSPC
 * (SQLITE_FULL). Skipped, saying so, where mount namespaces are not permitted.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { acmeConfig, CLI, FIXED_NOW, makeWorkspace, ORDER_HEADER, orderRow, readFcpCsvRows, type Workspace } from '../e2e/harness.js';
import { filesUnder, ledgerOf } from './ledger-checks.js';
import { recordProofResult } from './proof-results.js';

const canMount = spawnSync('unshare', ['-rm', 'sh', '-c', 'd=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs "$d" && umount "$d" && rmdir "$d"']).status === 0;

let ws: Workspace | undefined;
afterEach(() => { ws?.cleanup(); ws = undefined; });
const results: Record<string, unknown>[] = [];
afterAll(() => recordProofResult('disk-full', { mode: 'tmpfs', available: canMount, total: canMount ? 4 : 0, passed: results.filter((r) => r.pass === true).length, cases: results }));

type Target = 'outbox' | 'archive' | 'ledger-commit' | 'ledger-open';

/**
 * Inside the namespace: mount, fill, run with the disk full, free it, run again, and copy the
 * tmpfs contents out (a namespace's mounts vanish with it). Prints `FULL_EXIT=` and `HEALED_EXIT=`.
 */
function script(target: Target): string {
  const run = `"${process.execPath}" "${CLI}" run --once --config fcp-bridge.yaml >>run.log 2>>run.err`;
  // Filled to the last byte, or with `headroomK` left so the ledger opens and a commit is what fails.
  const fill = (dir: string, headroomK = 0): string => `dd if=/dev/zero of="${dir}/.filler" bs=64k 2>/dev/null; dd if=/dev/zero of="${dir}/.filler2" bs=1 2>/dev/null; `
    + (headroomK > 0 ? `rm -f "${dir}/.filler2"; truncate -s -${headroomK}K "${dir}/.filler"` : 'true');
  const mount = (dir: string, size: string): string => `mkdir -p "${dir}" && mount -t tmpfs -o size=${size} tmpfs "${dir}"`;
  const cycle = (dir: string): string => [`${run}; echo FULL_EXIT=$?`, 'test -e var/fcp-bridge.lock && echo LOCK_LEFT', `rm -f "${dir}/.filler" "${dir}/.filler2"`, `${run}; echo HEALED_EXIT=$?`].join('\n');
  switch (target) {
    case 'outbox':
      return [mount('outbox/fcp/orders', '64k'), fill('outbox/fcp/orders'), cycle('outbox/fcp/orders'), 'mkdir -p after && cp -a outbox/fcp/orders/. after/'].join('\n');
    case 'archive':
      return [mount('var/archive', '64k'), fill('var/archive'), cycle('var/archive'), 'mkdir -p after && cp -a var/archive/. after/'].join('\n');
    case 'ledger-commit':
    case 'ledger-open':
      // The ledger is made on the tmpfs by an empty first run; then data_dir is filled, with roomy
      // archive and quarantine mounts inside it so that only the ledger's writes meet the full disk.
      return ['mkdir -p staging && mv inbox/acme/* staging/', mount('var', '1m'), mount('var/archive', '4m'), mount('var/quarantine', '4m'),
        `${run}; echo EMPTY_EXIT=$?`, 'mv staging/* inbox/acme/', fill('var', target === 'ledger-commit' ? 48 : 0), cycle('var'), 'mkdir -p after && cp -a var/. after/'].join('\n');
  }
}

describe.skipIf(!canMount)('a real full disk (tmpfs): run --once exits 1 with nothing half-done, and completes once space is back', () => {
  const titles: Record<Target, string> = {
    outbox: 'the FCP outbox', archive: 'the archive', 'ledger-commit': 'the ledger, at a commit (SQLITE_FULL)', 'ledger-open': 'data_dir, with no byte left to open the ledger',
  };
  for (const target of Object.keys(titles) as Target[]) {
    it(`ENOSPC on ${titles[target]}`, () => {
      ws = makeWorkspace(acmeConfig());
      ws.write('inbox/acme/po-1.csv', `${ORDER_HEADER}\n${orderRow('F1')}\n${orderRow('F2', { sku: 'GIFTSET' })}\n`);
      ws.write('inbox/acme/po-2.csv', `${ORDER_HEADER}\n${orderRow('F3')}\n`);
      mkdirSync(join(ws.dir, 'outbox', 'fcp', 'orders'), { recursive: true });
      const r = spawnSync('unshare', ['-rm', 'sh', '-c', script(target)], { cwd: ws.dir, encoding: 'utf8', env: { ...process.env, FCP_BRIDGE_NOW: FIXED_NOW }, timeout: 120_000 });
      const exit = (name: string): number | null => { const m = new RegExp(`${name}=(\\d+)`).exec(r.stdout); return m === null ? null : Number(m[1]); };
      // What the namespace saw is copied to after/: move it where the oracle reads.
      if (target === 'outbox') renameSync(join(ws.dir, 'after'), join(ws.dir, 'outbox', 'fcp', 'orders-after'));
      const outbox = target === 'outbox' ? 'outbox/fcp/orders-after' : 'outbox/fcp/orders';
      const ledgerTarget = target.startsWith('ledger');
      const view = ledgerTarget ? { ...ws, dir: join(ws.dir, 'after-root') } : ws;
      if (ledgerTarget) {
        mkdirSync(join(ws.dir, 'after-root'), { recursive: true });
        renameSync(join(ws.dir, 'after'), join(ws.dir, 'after-root', 'var'));
      }
      const perOrder = new Map<string, Set<string>>();
      for (const { file, row } of readFcpCsvRows(ws, outbox)) perOrder.set(row['Order Number'] ?? '', (perOrder.get(row['Order Number'] ?? '') ?? new Set()).add(file));
      const lost = ['F1', 'F2', 'F3'].filter((n) => !perOrder.has(n));
      const doubled = [...perOrder].filter(([, f]) => f.size > 1).map(([n]) => n);
      const leftovers = [...filesUnder(join(ws.dir, outbox)), ...filesUnder(join(view.dir, 'var'))].filter((f) => f.endsWith('.tmp'));
      const ledger = ledgerOf(view as Workspace);
      const log = ws.read('run.log') + ws.read('run.err');
      const result = {
        target, full_exit: exit('FULL_EXIT'), healed_exit: exit('HEALED_EXIT'), lost, doubled, leftovers: leftovers.length,
        lock_left: r.stdout.includes('LOCK_LEFT'), integrity: ledger.integrity, orders: ledger.statuses, seen_enospc: /ENOSPC|SQLITE_FULL|no space|full/i.test(log),
        first_error: firstError(log), pass: false,
      };
      result.pass = result.full_exit === 1 && !result.lock_left && result.healed_exit === 0 && lost.length === 0 && doubled.length === 0 && leftovers.length === 0
        && ledger.integrity === 'ok' && ledger.statuses.ACCEPTED === 3 && ledger.pending === 0 && result.seen_enospc;
      results.push(result);
      expect(r.stderr).toBe('');
      expect(result).toMatchObject({ full_exit: 1, lock_left: false, healed_exit: 0, lost: [], doubled: [], leftovers: 0, integrity: 'ok', orders: { ACCEPTED: 3 }, seen_enospc: true });
    });
  }
});

/** The first error the full-disk run reported (a JSON log line, or the CLI's own last words). */
function firstError(log: string): string {
  for (const line of log.split('\n')) {
    if (line.startsWith('{')) {
      const record = JSON.parse(line) as { level?: string; msg?: string; error?: string };
      if (record.level === 'error') return `${record.msg ?? ''}: ${record.error ?? ''}`.slice(0, 200);
    } else if (line.startsWith('fcp-bridge:')) {
      return line.slice(0, 200);
    }
  }
  return '';
}
