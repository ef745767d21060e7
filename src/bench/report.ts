/**
 * Figures and the table they are printed as. Every figure may carry a baseline measured in the
 * same run on the same input, and the ratio is always "how many times better than the baseline":
 * ours ÷ baseline for rates, baseline ÷ ours for times and memory. So > 1 is better, whatever the unit.
 */
import { cpus, loadavg, totalmem } from 'node:os';

export type Better = 'higher' | 'lower';

export interface Figure {
  /** Stable key for scripts (`x12.tokenizer.mibs.200`). */
  id: string;
  label: string;
  value: number;
  unit: string;
  better: Better;
  baseline: { label: string; value: number } | null;
  /** The target in words (`≥ 2× node-x12`, `< 150 MB`), or null when the figure is only reported. */
  target: string | null;
  /** Whether the target is met (null: no target). */
  pass: boolean | null;
  note?: string;
}

export function ratioOf(f: Pick<Figure, 'value' | 'better' | 'baseline'>): number | null {
  if (f.baseline === null || f.baseline.value === 0 || f.value === 0) return null;
  return f.better === 'higher' ? f.value / f.baseline.value : f.baseline.value / f.value;
}

/** A figure whose target is a minimum ratio to its baseline. */
export function ratioTarget(f: Omit<Figure, 'target' | 'pass'>, minimum: number): Figure {
  const ratio = ratioOf(f);
  return { ...f, target: `≥ ${minimum}× ${f.baseline?.label ?? 'baseline'}`, pass: ratio !== null && ratio >= minimum };
}

/** A figure whose target is an absolute limit on its own value. */
export function limitTarget(f: Omit<Figure, 'target' | 'pass'>, limit: number): Figure {
  const ok = f.better === 'lower' ? f.value < limit : f.value >= limit;
  return { ...f, target: `${f.better === 'lower' ? '<' : '≥'} ${limit} ${f.unit}`, pass: Number.isFinite(f.value) && ok };
}

export function reportOnly(f: Omit<Figure, 'target' | 'pass'>): Figure {
  return { ...f, target: null, pass: null };
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** A plain-text table with aligned columns (also valid Markdown when `markdown` is set). */
export function renderTable(header: string[], rows: string[][], markdown = false): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => {
    const padded = cells.map((c, i) => c.padEnd(widths[i] ?? 0));
    return markdown ? `| ${padded.join(' | ')} |` : padded.join('  ');
  };
  const rule = markdown ? `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|` : widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export function figureRows(figures: readonly Figure[]): string[][] {
  return figures.map((f) => {
    const ratio = ratioOf(f);
    return [
      f.label,
      `${formatNumber(f.value)} ${f.unit}`,
      f.baseline === null ? '—' : `${formatNumber(f.baseline.value)} ${f.unit} (${f.baseline.label})`,
      ratio === null ? '—' : `${ratio.toFixed(2)}×`,
      f.target ?? 'report',
      f.pass === null ? '—' : f.pass ? 'PASS' : 'MISS',
    ];
  });
}

export const FIGURE_HEADER = ['figure', 'value', 'baseline (same run, same input)', 'ratio', 'target', 'pass'];

export interface Machine {
  cpus: number;
  cpu: string;
  memory_gib: number;
  node: string;
  platform: string;
  load_at_start: number[];
  load_at_end?: number[];
}

export function describeMachine(): Machine {
  const list = cpus();
  return {
    cpus: list.length,
    cpu: list[0]?.model.trim() ?? 'unknown',
    memory_gib: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    load_at_start: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

export function currentLoad(): number[] {
  return loadavg().map((l) => Math.round(l * 100) / 100);
}
