/**
 * Drops a bad-input table into one inbox (bad file as `<name>`, its twin as `twin-<name>`), and
 * judges what the real CLI did with each, from the ledger, the quarantine and the log.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Workspace } from '../e2e/harness.js';
import type { BadInputCase } from '../fixtures/bad-inputs/case.js';

export const twinName = (name: string): string => join(dirname(name), `twin-${basename(name)}`).replace(/^\.\//, '');

/** Writes every case under `inbox` (a folder of the workspace); `name` may carry a sub-folder. */
export function dropCorpus(ws: Workspace, inbox: string, cases: readonly BadInputCase[]): void {
  for (const c of cases) {
    const bad = join(inbox, c.name);
    if (c.special === 'fifo') {
      execFileSync('mkfifo', [join(ws.dir, bad)]);
    } else if (c.special === 'symlink') {
      ws.write(`outside/${basename(c.name)}`, c.twin);
      symlinkSync(join(ws.dir, 'outside', basename(c.name)), join(ws.dir, bad));
    } else {
      ws.write(bad, c.bad);
    }
    ws.write(twinName(bad), c.twin);
  }
}

interface FileRow { id: number; source: string; name: string; status: string; reason_code: string | null; reason: string | null; stored_path: string | null }
interface OrderRow { file_id: number; status: string; problems: string }
interface InterchangeRow { file_id: number; status: string; reason: string | null }
interface LogRecord { msg: string; file?: string; errors?: string[] }

export interface LedgerView {
  files: FileRow[];
  orders: OrderRow[];
  interchanges: InterchangeRow[];
  integrity: string;
}

export function readLedger(ws: Workspace): LedgerView {
  const db = new Database(join(ws.dir, 'var', 'ledger.sqlite'), { readonly: true });
  try {
    return {
      files: db.prepare('SELECT id, source, name, status, reason_code, reason, stored_path FROM files ORDER BY id').all() as FileRow[],
      orders: db.prepare('SELECT file_id, status, problems FROM orders').all() as OrderRow[],
      interchanges: db.prepare('SELECT file_id, status, reason FROM x12_interchanges').all() as InterchangeRow[],
      integrity: String(db.pragma('integrity_check', { simple: true })),
    };
  } finally {
    db.close();
  }
}

export function logRecords(stdout: string): LogRecord[] {
  return stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as LogRecord);
}

export interface CaseVerdict {
  name: string;
  expected: string;
  /** What happened to the bad file, in the same words. */
  got: string;
  badOk: boolean;
  twinOk: boolean;
  twinGot: string;
}

/**
 * The bad file got its expected outcome, and the twin was taken whole. `twinOrdersAccepted`:
 * the twin's orders must also be ACCEPTED (CSV, X12 — the tables make them valid orders).
 */
export function judgeCase(ws: Workspace, c: BadInputCase, ledger: LedgerView, logs: LogRecord[], source: string, twinOrdersAccepted: boolean): CaseVerdict {
  const fileOf = (name: string): FileRow | undefined => ledger.files.find((f) => f.source === source && f.name === basename(name));
  const expected = c.expect.level === 'mapping' ? `line ${c.expect.line}` : `${c.expect.level} ${c.expect.code}`;
  const bad = fileOf(c.name);
  const twin = fileOf(twinName(c.name));
  const got = describeOutcome(ws, bad, ledger, logs);
  const ordersOf = (f: FileRow): OrderRow[] => ledger.orders.filter((o) => o.file_id === f.id);
  let badOk = false;
  if (bad !== undefined && c.expect.level !== 'mapping') {
    const code = c.expect.code;
    switch (c.expect.level) {
      case 'file':
        badOk = bad.status === 'QUARANTINED' && bad.reason_code === code && reasonFileSays(ws, bad, code);
        break;
      case 'order': {
        const orders = ordersOf(bad);
        badOk = bad.status === 'PROCESSED' && orders.length > 0 && orders.every((o) => o.status === 'IMPORT ERROR' && problemCodes(o).includes(code));
        break;
      }
      case 'interchange': {
        const rows = ledger.interchanges.filter((i) => i.file_id === bad.id);
        badOk = bad.status === 'PROCESSED' && rows.length > 0 && rows.every((i) => i.status === 'REJECTED' && (i.reason ?? '').includes(code)) && ordersOf(bad).length === 0;
        break;
      }
      case 'group':
      case 'set': {
        const msg = c.expect.level === 'group' ? 'X12 functional group rejected' : 'X12 transaction set rejected';
        badOk = bad.status === 'PROCESSED' && logs.some((r) => r.msg === msg && r.file === basename(c.name) && (r.errors ?? []).some((e) => e.startsWith(`${code}:`)));
        break;
      }
    }
  }
  let twinOk = twin !== undefined && (twin.status === 'PROCESSED' || isDuplicateOfProcessed(twin, ledger));
  if (twinOk && twinOrdersAccepted && twin !== undefined && twin.status === 'PROCESSED') {
    const orders = ordersOf(twin);
    twinOk = orders.length > 0 && orders.every((o) => o.status === 'ACCEPTED')
      && !logs.some((r) => r.file === basename(twinName(c.name)) && /rejected$/.test(r.msg));
  }
  return { name: c.name, expected, got, badOk, twinOk, twinGot: describeOutcome(ws, twin, ledger, logs) };
}

function problemCodes(order: OrderRow): string[] {
  return (JSON.parse(order.problems) as { code: string }[]).map((p) => p.code);
}

/** The quarantined copy has its reason file beside it, naming the code. */
function reasonFileSays(ws: Workspace, file: FileRow, code: string): boolean {
  if (file.stored_path === null) return false;
  const reason = `${resolve(ws.dir, file.stored_path)}.reason.txt`;
  return existsSync(reason) && readFileSync(reason, 'utf8').includes(`code: ${code}`);
}

/** The same bytes as an earlier twin (several XML twins are one and the same good document). */
function isDuplicateOfProcessed(file: FileRow, ledger: LedgerView): boolean {
  if (file.status !== 'DUPLICATE') return false;
  const id = Number(/#(\d+)/.exec(file.reason ?? '')?.[1]);
  return ledger.files.some((f) => f.id === id && f.status === 'PROCESSED');
}

function describeOutcome(ws: Workspace, file: FileRow | undefined, ledger: LedgerView, logs: LogRecord[]): string {
  if (file === undefined) return 'not in the ledger';
  if (file.status === 'QUARANTINED') return `file ${file.reason_code ?? '?'}${reasonFileSays(ws, file, file.reason_code ?? '') ? '' : ' (no reason file)'}`;
  const rejected = ledger.interchanges.filter((i) => i.file_id === file.id && i.status === 'REJECTED').map((i) => `interchange ${(i.reason ?? '').slice(0, 60)}`);
  const logged = logs.filter((r) => r.file === file.name && /rejected$/.test(r.msg)).map((r) => `${r.msg.split(' ')[1]} ${(r.errors ?? []).map((e) => e.split(':')[0]).join('+')}`);
  const orders = ledger.orders.filter((o) => o.file_id === file.id).map((o) => (o.status === 'IMPORT ERROR' ? `order ${problemCodes(o).join('+')}` : o.status));
  return [file.status, ...rejected, ...logged, ...orders].join(', ');
}
