/**
 * What `fcp-bridge doctor` reports (SPEC §11): one finding per thing an operator should know,
 * each with the exact fix — the row to add, the file:line to change, the command to run. The
 * checks are pure functions over values read elsewhere, so each is tested without files.
 */

/** error = something is broken now (exit 1); warning = will bite or needs a look; info = context. */
export type Severity = 'error' | 'warning' | 'info';

/** The checklist, in the order it is printed; the titles are the group headings people see. */
export const CHECKS = {
  config: 'Configuration file',
  daemon: 'Running daemon',
  mappings: 'Mapping files',
  channels: 'Channels (inboxes and outboxes)',
  secrets: 'Secret and key files',
  duplicate_skus: 'Duplicate SKUs in items.csv',
  similar_skus: 'SKUs that differ only by case, spaces or look-alike characters',
  fcp_match: 'Active items without an FCP SKU',
  feeds: 'FCP feeds',
  snapshots: 'Partner snapshots',
  ship_methods: 'Ship methods that failed',
  import_errors: 'Orders stuck in IMPORT ERROR',
  quarantine: 'Quarantined files',
  outputs: 'Outputs that keep failing',
} as const;

export type CheckName = keyof typeof CHECKS;

export interface Finding {
  severity: Severity;
  check: CheckName;
  /** null = not about one partner (the config, the FCP side, shared mapping files). */
  partner: string | null;
  what: string;
  /** The exact remedy; null only for info lines that need none. */
  fix: string | null;
}

export function finding(severity: Severity, check: CheckName, partner: string | null, what: string, fix: string | null): Finding {
  return { severity, check, partner, what, fix };
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const CHECK_ORDER = Object.keys(CHECKS) as CheckName[];

/** Checklist order, then errors before warnings before info; stable within. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => CHECK_ORDER.indexOf(a.f.check) - CHECK_ORDER.indexOf(b.f.check)
      || SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
}

export function summarize(findings: readonly Finding[]): { errors: number; warnings: number; infos: number } {
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    infos: findings.filter((f) => f.severity === 'info').length,
  };
}

/** SPEC §11: `doctor` exits 1 when it found a problem (an error), 0 otherwise. */
export function doctorExitCode(findings: readonly Finding[]): 0 | 1 {
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

/**
 * Partner text shown in a finding: quoted, one line, and anything that is not printable ASCII
 * made visible as <U+XXXX> — the difference between `SKU-1` and `SKU‑1` must be seen to be fixed.
 */
export function shown(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    out += cp >= 0x20 && cp <= 0x7e ? ch : `<U+${cp.toString(16).toUpperCase().padStart(4, '0')}>`;
  }
  return `'${out}'`;
}

/** A value as one CSV cell, quoted when it must be, so a suggested row can be pasted as is. */
export function csvCell(value: string, always = false): string {
  return always || /[",\r\n]|^\s|\s$|^#/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** `file:line`, the shape editors and terminals turn into links. */
export function at(file: string, line: number | null | undefined): string {
  return line === null || line === undefined || line <= 0 ? file : `${file}:${line}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
