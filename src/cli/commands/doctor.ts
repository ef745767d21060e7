import { loadConfigFile } from '../../config/read.js';
import { systemClock } from '../../daemon/clock.js';
import { gatherDoctorInputs } from './doctor-inputs.js';
import { diagnose } from '../../jobs/doctor/diagnose.js';
import { CHECKS, doctorExitCode, sortFindings, summarize, type CheckName, type Finding } from '../../jobs/doctor/finding.js';
import { configFindings } from '../../jobs/doctor/setup-checks.js';
import { UsageError } from '../context.js';
import { printJson } from '../table.js';

/** Per check, the human report lists this many findings and sums up the rest (--json has all). */
const SHOWN_PER_CHECK = 20;

/**
 * `doctor [P] [--json]` (SPEC §11): the troubleshooting checklist, run. An invalid config is
 * itself a finding (with file:line:col) rather than exit 2, so the one command answers "what is
 * wrong"; exit 1 when any finding is an error, 0 otherwise.
 */
export async function doctorCommand(file: string, partner: string | undefined, json: boolean): Promise<number> {
  const loaded = loadConfigFile(file);
  let findings: Finding[];
  let configFile = file;
  if (!loaded.ok) {
    findings = sortFindings(configFindings(loaded.problems));
  } else {
    const config = loaded.config;
    configFile = config.file;
    if (partner !== undefined && !config.partners.some((p) => p.id === partner)) throw new UsageError(`unknown partner '${partner}'`);
    const inputs = await gatherDoctorInputs(config, partner ?? null, systemClock().now());
    findings = diagnose(inputs).filter((f) => partner === undefined || f.partner === null || f.partner === partner);
  }
  const code = doctorExitCode(findings);
  if (json) {
    printJson({
      config: configFile, partner: partner ?? null, ok: code === 0, summary: summarize(findings),
      findings: findings.map((f) => ({ severity: f.severity, check: f.check, check_title: CHECKS[f.check], partner: f.partner, what: f.what, fix: f.fix })),
    });
  } else {
    process.stdout.write(renderReport(configFile, partner, findings, loaded.ok));
  }
  return code;
}

const LABEL: Record<Finding['severity'], string> = { error: 'ERROR  ', warning: 'WARNING', info: 'info   ' };

/** Grouped by check in checklist order; every check is listed, with `ok` when it found nothing. */
export function renderReport(configFile: string, partner: string | undefined, findings: readonly Finding[], configValid: boolean): string {
  const clean = (s: string): string => s.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
  const lines = [`fcp-bridge doctor — ${clean(configFile)}${partner === undefined ? '' : ` (partner ${partner})`}`, ''];
  const checks = configValid ? (Object.keys(CHECKS) as CheckName[]) : ['config' as const];
  for (const check of checks) {
    const mine = findings.filter((f) => f.check === check);
    lines.push(CHECKS[check]);
    if (mine.length === 0) lines.push('  ok');
    for (const f of mine.slice(0, SHOWN_PER_CHECK)) {
      lines.push(`  ${LABEL[f.severity]}  ${f.partner === null ? '' : `[${f.partner}] `}${clean(f.what)}`);
      if (f.fix !== null) lines.push(`           fix: ${clean(f.fix)}`);
    }
    if (mine.length > SHOWN_PER_CHECK) lines.push(`  … and ${mine.length - SHOWN_PER_CHECK} more (fcp-bridge doctor --json lists every one)`);
    lines.push('');
  }
  const s = summarize(findings);
  if (!configValid) lines.push('The configuration is invalid, so nothing else was checked.');
  lines.push(`${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} info — ${s.errors > 0 ? 'exit 1' : 'exit 0'}`);
  return `${lines.join('\n')}\n`;
}
