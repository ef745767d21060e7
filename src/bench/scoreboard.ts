/**
 * The one scoreboard (research §5): each row a figure, its value, its target and whether it is
 * met, built from what the proof suites wrote to proof/results/ and from the bench report.
 * Guarantee rows decide the exit status of `npm run proof`; performance rows are targets, shown
 * PASS or MISS, and never hidden.
 */
import type { BenchReport } from './main.js';
import { formatNumber, ratioOf } from './report.js';

export interface ScoreRow {
  area: 'guarantee' | 'performance';
  figure: string;
  value: string;
  target: string;
  /** null: not measured in this run (a skipped suite, or the bench was left out). */
  pass: boolean | null;
  source: string;
}

/** What the crash-point suite records per scenario (test/proof/crash-points.proof.ts). */
export interface CrashSummary { total: number; survived: number; lost: number; duplicated: number; partial: number; other: number; by_point: Record<string, number> }
export interface BadInputSummary { files: number; refused_as_expected: number; twins_accepted: number; crashes: number; formats: { format: string; files: number }[] }
export interface FaultSummary { total: number; passed: number; available?: boolean; cases: { target: string; errno?: string; pass: boolean }[] }
/** Counts of one group of existing tests, from vitest's JSON report. */
export interface TestTally { passed: number; failed: number; skipped: number; files: string[] }

export interface ProofInputs {
  crash?: Record<string, CrashSummary>;
  badInputs?: BadInputSummary;
  diskHook?: FaultSummary;
  diskTmpfs?: FaultSummary;
  referenced: { label: string; what: string; tally: TestTally | null }[];
  bench?: BenchReport;
}

const CRASH_LABELS: Record<string, string> = {
  local: 'Crash points survived — local: CSV, XML, X12, both FCP feeds, quarantine, FCP files, 997, inventory + tracking snapshots',
  sftp: 'Crash points survived — SFTP inbox + SFTP outbox (remote delete, upload, rename)',
};

export function scoreRows(inputs: ProofInputs): ScoreRow[] {
  const rows: ScoreRow[] = [];
  for (const [scenario, c] of Object.entries(inputs.crash ?? {})) {
    const clean = c.lost === 0 && c.duplicated === 0 && c.partial === 0 && c.other === 0;
    rows.push({
      area: 'guarantee', figure: CRASH_LABELS[scenario] ?? `Crash points survived — ${scenario}`,
      value: `${c.survived}/${c.total} (${Object.keys(c.by_point).length} distinct points); ${c.lost} lost, ${c.duplicated} duplicated, ${c.partial} partial`,
      target: 'N/N, 0 lost, 0 duplicated, 0 partial', pass: c.total > 0 && c.survived === c.total && clean, source: 'test/proof/crash-points.proof.ts',
    });
  }
  if (inputs.crash === undefined) rows.push(missing('Crash points survived', 'test/proof/crash-points.proof.ts'));
  const b = inputs.badInputs;
  if (b !== undefined) {
    const formats = b.formats.map((f) => `${f.format} ${f.files}`).join(', ');
    rows.push({ area: 'guarantee', figure: `Bad-input corpus: files refused with the expected code (${formats})`, value: `${b.refused_as_expected}/${b.files}`, target: '100%, ≥ 120 files', pass: b.files >= 120 && b.refused_as_expected === b.files, source: 'test/proof/bad-inputs.test.ts' });
    rows.push({ area: 'guarantee', figure: 'Bad-input corpus: good twins accepted', value: `${b.twins_accepted}/${b.files}`, target: '100%', pass: b.twins_accepted === b.files, source: 'test/proof/bad-inputs.test.ts' });
    rows.push({ area: 'guarantee', figure: 'Bad-input corpus: crashes of the bridge', value: String(b.crashes), target: '0', pass: b.crashes === 0, source: 'test/proof/bad-inputs.test.ts' });
  } else {
    rows.push(missing('Bad-input corpus', 'test/proof/bad-inputs.test.ts'));
  }
  rows.push(faultRow('Disk full / permission denied (hook: ENOSPC, EACCES × outbox, archive, ledger)', inputs.diskHook, 'test/proof/disk-faults.test.ts'));
  rows.push(faultRow('Disk full on a real tmpfs (outbox, archive, ledger commit, data_dir)', inputs.diskTmpfs, 'test/proof/disk-full.proof.ts'));
  for (const r of inputs.referenced) {
    const t = r.tally;
    rows.push(t === null
      ? missing(r.label, r.what)
      : {
        area: 'guarantee', figure: r.label, value: `${t.passed}/${t.passed + t.failed} tests${t.skipped > 0 ? `, ${t.skipped} skipped` : ''}`,
        target: 'N/N', pass: t.failed === 0 && t.passed > 0, source: t.files.join(', '),
      });
  }
  for (const f of inputs.bench?.figures ?? []) {
    if (f.target === null) continue;
    const ratio = ratioOf(f);
    rows.push({
      area: 'performance', figure: f.label,
      value: `${formatNumber(f.value)} ${f.unit}${f.baseline === null ? '' : ` (${ratio === null ? '—' : `${ratio.toFixed(2)}×`} ${f.baseline.label})`}`,
      target: f.target, pass: f.pass, source: `npm run bench (${inputs.bench?.variant ?? '?'})`,
    });
  }
  if (inputs.bench === undefined) rows.push({ area: 'performance', figure: 'Benchmarks', value: 'not run', target: 'see npm run bench', pass: null, source: 'npm run bench' });
  return rows;
}

function faultRow(figure: string, f: FaultSummary | undefined, source: string): ScoreRow {
  if (f === undefined) return missing(figure, source);
  if (f.available === false) return { area: 'guarantee', figure, value: 'skipped: no mount namespace here (unshare -rm)', target: 'N/N', pass: null, source };
  const failed = f.cases.filter((c) => !c.pass).map((c) => `${c.errno ?? 'ENOSPC'} ${c.target}`);
  return { area: 'guarantee', figure, value: `${f.passed}/${f.total}${failed.length > 0 ? ` (failed: ${failed.join(', ')})` : ''}`, target: 'N/N, recovering with 0 lost, 0 duplicated', pass: f.total > 0 && f.passed === f.total, source };
}

function missing(figure: string, source: string): ScoreRow {
  return { area: 'guarantee', figure, value: 'no result (the suite did not report)', target: '—', pass: false, source };
}

export function passText(pass: boolean | null): string {
  return pass === null ? '—' : pass ? 'PASS' : 'MISS';
}
