/**
 * `npm run proof` — runs the proof suites and the benchmarks, and writes the one scoreboard:
 * proof/scoreboard.json and proof/SCOREBOARD.md, printed as a table too (docs/proof.md).
 *   --quick   the quick bench variant (the suites are the same)
 *   --no-bench  leave the benchmarks out
 * Exit 1 when a guarantee row fails (or a suite could not run); a missed performance target is
 * shown as MISS and does not change the exit status.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { runBench, SECTIONS, type BenchReport } from './main.js';
import { currentLoad, describeMachine, renderTable } from './report.js';
import { passText, scoreRows, type ProofInputs, type ScoreRow, type TestTally } from './scoreboard.js';
import { REPO_ROOT } from './workspace.js';

const PROOF_DIR = join(REPO_ROOT, 'proof');
const RESULTS = join(PROOF_DIR, 'results');
const VITEST = join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs');

/** Existing suites the scoreboard cites instead of duplicating them (their owners keep them). */
const REFERENCED = [
  { key: 'sftp', label: 'SFTP faults: disconnect mid-transfer, stall, server restart, host key changed/rotated, key mode, login backoff', files: ['test/sftp/channel-faults.test.ts', 'test/sftp/e2e-faults.test.ts', 'test/sftp/e2e-security.test.ts', 'test/sftp/openssh.test.ts'] },
  { key: 'reload', label: 'Config reload with broken files (SIGHUP): refused, old config kept, then a valid one adopted', files: ['test/e2e/signals.test.ts', 'src/daemon/reload.test.ts', 'src/daemon/signals.test.ts'] },
  { key: 'dst', label: 'Schedules through DST gap and overlap, restarts and clock jumps (fake clock, America/New_York)', files: ['src/daemon/scheduler.test.ts'] },
];

interface VitestJson { testResults: { name: string; assertionResults: { status: string }[] }[] }

/** Runs vitest in a child; returns its exit status and, with a JSON report, the parsed report. */
function vitest(args: string[], log: (line: string) => void, jsonOut?: string): { status: number | null; report: VitestJson | null } {
  log(`vitest ${args.join(' ')}`);
  const reporters = jsonOut === undefined ? ['--reporter=dot'] : ['--reporter=dot', '--reporter=json', `--outputFile.json=${jsonOut}`];
  const r = spawnSync(process.execPath, [VITEST, 'run', ...reporters, ...args], {
    cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, FCP_BRIDGE_PROOF_OUT: RESULTS },
  });
  const report = jsonOut !== undefined && existsSync(jsonOut) ? JSON.parse(readFileSync(jsonOut, 'utf8')) as VitestJson : null;
  return { status: r.status, report };
}

function tally(report: VitestJson | null, files: string[]): TestTally | null {
  if (report === null) return null;
  const t: TestTally = { passed: 0, failed: 0, skipped: 0, files };
  for (const file of report.testResults.filter((f) => files.includes(relative(REPO_ROOT, f.name)))) {
    for (const a of file.assertionResults) {
      if (a.status === 'passed') t.passed += 1;
      else if (a.status === 'failed') t.failed += 1;
      else t.skipped += 1;
    }
  }
  return t;
}

function readResult<T>(name: string): T | undefined {
  const file = join(RESULTS, `${name}.json`);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) as T : undefined;
}

export function renderScoreboard(rows: ScoreRow[], markdown: boolean): string {
  return renderTable(['figure', 'value', 'target', 'pass'], rows.map((r) => [r.figure, r.value, r.target, passText(r.pass)]), markdown);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, 'no-bench': { type: 'boolean', default: false } } });
  const log = (line: string): void => { process.stderr.write(`proof: ${line}\n`); };
  const started = Date.now();
  const machine = describeMachine();
  rmSync(RESULTS, { recursive: true, force: true });
  mkdirSync(RESULTS, { recursive: true });

  // 1. The long suites (crash count-downs, real tmpfs), then the quick ones that also run in npm test.
  const long = vitest(['--config', 'vitest.proof.config.ts'], log);
  const quick = vitest(['test/proof/bad-inputs.test.ts', 'test/proof/disk-faults.test.ts'], log);
  // 2. Existing suites the scoreboard cites.
  const referencedJson = join(RESULTS, 'referenced-vitest.json');
  const referenced = vitest(REFERENCED.flatMap((r) => r.files), log, referencedJson);
  // 3. The benchmarks.
  let bench: BenchReport | undefined;
  if (!values['no-bench']) {
    bench = await runBench({ quick: values.quick, only: SECTIONS, log: (line) => log(`bench: ${line}`) });
    writeFileSync(join(PROOF_DIR, 'bench.json'), `${JSON.stringify(bench, null, 2)}\n`);
  }

  const inputs: ProofInputs = {
    crash: readResult('crash-points'),
    badInputs: readResult('bad-inputs'),
    diskHook: readResult('disk-faults'),
    diskTmpfs: readResult('disk-full'),
    referenced: REFERENCED.map((r) => ({ label: r.label, what: r.files.join(', '), tally: tally(referenced.report, r.files) })),
    bench,
  };
  const rows = scoreRows(inputs);
  const suitesRan = long.status === 0 && quick.status === 0 && referenced.status === 0;
  const guaranteesHold = rows.filter((r) => r.area === 'guarantee').every((r) => r.pass !== false);
  machine.load_at_end = currentLoad();
  const seconds = Math.round((Date.now() - started) / 1000);
  const scoreboard = { generated_at: new Date(started).toISOString(), seconds, machine, suites_ran: suitesRan, guarantees_hold: guaranteesHold, rows };
  writeFileSync(join(PROOF_DIR, 'scoreboard.json'), `${JSON.stringify(scoreboard, null, 2)}\n`);
  const m = machine;
  const header = `fcp-bridge scoreboard — ${scoreboard.generated_at}, ${seconds} s; ${m.cpus} × ${m.cpu}, ${m.memory_gib} GiB, Node ${m.node}; load ${m.load_at_start.join(' ')} → ${(m.load_at_end ?? []).join(' ')}`;
  const md = [`# Scoreboard\n\nGenerated by \`npm run proof\` (docs/proof.md). ${header.replace('fcp-bridge scoreboard — ', '')}.\n`,
    '## Guarantees\n', renderScoreboard(rows.filter((r) => r.area === 'guarantee'), true),
    '\n## Performance targets (bench variant: ' + (bench?.variant ?? 'not run') + '; every figure with its baseline: proof/bench.json)\n',
    renderScoreboard(rows.filter((r) => r.area === 'performance'), true), ''].join('\n');
  writeFileSync(join(PROOF_DIR, 'SCOREBOARD.md'), md);
  process.stdout.write(`\n${header}\n\n${renderScoreboard(rows, false)}\n\n`);
  const misses = rows.filter((r) => r.area === 'performance' && r.pass === false).length;
  process.stdout.write(`guarantees: ${guaranteesHold && suitesRan ? 'all hold' : 'FAILED'}; performance targets missed: ${misses}. Written: proof/scoreboard.json, proof/SCOREBOARD.md${bench === undefined ? '' : ', proof/bench.json'}\n`);
  process.exitCode = guaranteesHold && suitesRan ? 0 : 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`proof: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
