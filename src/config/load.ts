/**
 * Config parsing (SPEC §3): YAML text → a validated, frozen `Config`, or every problem found,
 * each with file:line:col and key path. Pure except for the injected `readable` check, so it
 * serves `run`, SIGHUP reloads and `validate` alike, and tests need no files.
 */
import path from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { AT_KEY, AUTH_MISSING } from './fields.js';
import { dotted, locate, valueAt, type KeyPath } from './locate.js';
import { issueMessage, unknownKeyMessage } from './messages.js';
import { configSchema, type ConfigDocument } from './schema.js';
import type { ChannelConfig, Config, ConfigProblem } from './types.js';

export type ParseConfigResult = { ok: true; config: Config } | { ok: false; problems: ConfigProblem[] };

interface Source {
  file: string;
  text: string;
  doc: Document;
  lines: LineCounter;
  raw: unknown;
}

function problemAt(src: Source, keyPath: KeyPath, message: string, atKey = false): ConfigProblem {
  const loc = locate(src.doc, src.text, keyPath, atKey);
  // A path that runs into a scalar (e.g. `host_key_sha256[0]` when one string was given) is
  // shortened to what the reader can see; a missing key keeps its name so they know what to add.
  const shown = loc.missing ? keyPath.slice(0, loc.reached + 1) : keyPath.slice(0, loc.reached);
  const { line, col } = src.lines.linePos(loc.offset);
  return { file: src.file, line, column: col, path: dotted(shown), message };
}

function hasParams(issue: z.core.$ZodIssue, marker: Readonly<Record<string, string>>): boolean {
  if (issue.code !== 'custom' || !issue.params) return false;
  return Object.entries(marker).every(([k, v]) => issue.params?.[k] === v);
}

function issueProblems(src: Source, issues: readonly z.core.$ZodIssue[]): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  // A literal `password:` already tells the reader what to use; "give one of …" on top is noise.
  const secretAt = new Set(
    issues
      .filter((i) => i.code === 'unrecognized_keys' && i.keys.some((k) => k === 'password' || k === 'passphrase'))
      .map((i) => dotted(i.path)),
  );
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push(problemAt(src, [...issue.path, key], unknownKeyMessage(key), true));
      continue;
    }
    if (hasParams(issue, AUTH_MISSING) && secretAt.has(dotted(issue.path))) continue;
    const loc = locate(src.doc, src.text, issue.path, false);
    const missing = loc.missing && loc.reached === issue.path.length - 1;
    const message = issueMessage(issue, { value: valueAt(src.raw, issue.path), missing, source: loc.source });
    out.push(problemAt(src, issue.path, message, hasParams(issue, AT_KEY)));
  }
  return out;
}

/** Checked on the raw document so a duplicate id is reported even when a partner has other errors. */
function duplicateIds(src: Source): ConfigProblem[] {
  const partners = valueAt(src.raw, ['partners']);
  if (!Array.isArray(partners)) return [];
  const seen = new Map<string, number>();
  const out: ConfigProblem[] = [];
  partners.forEach((p: unknown, i) => {
    const id = valueAt(p, ['id']);
    if (typeof id !== 'string') return;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, i);
    else out.push(problemAt(src, ['partners', i, 'id'], `partner id "${id}" is already used by partners[${first}]`));
  });
  return out;
}

/**
 * Checked on the raw document too: it depends only on a few format keys, and users adding an
 * x12 format are exactly the ones still fixing other keys of that partner.
 */
const X12_FORMATS: ReadonlyArray<readonly [string, string]> = [
  ['orders', 'x12'],
  ['inventory', 'x12-846'],
  ['tracking', 'x12-856'],
  ['tracking', 'x12-945'],
];

function missingX12(src: Source): ConfigProblem[] {
  const partners = valueAt(src.raw, ['partners']);
  if (!Array.isArray(partners)) return [];
  const out: ConfigProblem[] = [];
  partners.forEach((p: unknown, i) => {
    const x12 = valueAt(p, ['x12']);
    if (x12 !== undefined && x12 !== null) return;
    const needs = X12_FORMATS.filter(([section, format]) => valueAt(p, [section, 'format']) === format).map(
      ([section, format]) => `${section}.format ${format}`,
    );
    if (needs.length > 0) {
      out.push(problemAt(src, ['partners', i, 'x12'], `an x12: section is required because of ${needs.join(', ')}`));
    }
  });
  return out;
}

function channelKey(ch: ChannelConfig): string {
  if (ch.type === 'local') return `local:${ch.path}`;
  return `sftp:${ch.username}@${ch.host}:${ch.port}:${path.posix.normalize(ch.path)}`;
}

/**
 * Two readers on one inbox would race for every file, and reading a folder the bridge writes to
 * would feed its own output back in; both are config mistakes, not runtime surprises.
 */
function sharedFolders(src: Source, cfg: ConfigDocument): ConfigProblem[] {
  type Use = { at: KeyPath; ch: ChannelConfig };
  const inbound: Use[] = [];
  const outbound: Use[] = [{ at: ['fcp', 'orders', 'channel'], ch: cfg.fcp.orders.channel }];
  if (cfg.fcp.inventory) inbound.push({ at: ['fcp', 'inventory', 'channel'], ch: cfg.fcp.inventory.channel });
  if (cfg.fcp.shipments) inbound.push({ at: ['fcp', 'shipments', 'channel'], ch: cfg.fcp.shipments.channel });
  cfg.partners.forEach((p, i) => {
    if (p.orders) inbound.push({ at: ['partners', i, 'orders', 'channel'], ch: p.orders.channel });
    if (p.catalog) inbound.push({ at: ['partners', i, 'catalog', 'channel'], ch: p.catalog.channel });
    if (p.inventory) outbound.push({ at: ['partners', i, 'inventory', 'channel'], ch: p.inventory.channel });
    if (p.tracking) outbound.push({ at: ['partners', i, 'tracking', 'channel'], ch: p.tracking.channel });
    if (p.x12?.ack_channel) outbound.push({ at: ['partners', i, 'x12', 'ack_channel'], ch: p.x12.ack_channel });
  });
  const out: ConfigProblem[] = [];
  const readers = new Map<string, KeyPath>();
  const writers = new Map<string, KeyPath>();
  for (const w of outbound) if (!writers.has(channelKey(w.ch))) writers.set(channelKey(w.ch), w.at);
  for (const r of inbound) {
    const key = channelKey(r.ch);
    const reader = readers.get(key);
    const writer = writers.get(key);
    if (reader) out.push(problemAt(src, [...r.at, 'path'], `same folder as ${dotted(reader)}; each inbox needs its own folder`));
    else if (writer) out.push(problemAt(src, [...r.at, 'path'], `${dotted(writer)} writes to this folder; the bridge would read its own output`));
    readers.set(key, reader ?? r.at);
  }
  return out;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The zone cron expressions are checked in: the configured one when valid, else UTC. */
function cronZone(raw: unknown): string {
  const zone = valueAt(raw, ['timezone']);
  if (typeof zone !== 'string') return 'UTC';
  try {
    return new Intl.DateTimeFormat(undefined, { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return 'UTC';
  }
}

function byPosition(a: ConfigProblem, b: ConfigProblem): number {
  return a.line - b.line || a.column - b.column;
}

export function parseConfig(text: string, file: string, readable: (absPath: string) => boolean): ParseConfigResult {
  const abs = path.resolve(file);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const yamlProblems = [...doc.errors, ...doc.warnings].map((e): ConfigProblem => {
    const { line, col } = lines.linePos(e.pos[0]);
    return { file: abs, line, column: col, path: '', message: e.message };
  });
  // After a syntax error the tree is a guess, and checking it would bury the real mistake under
  // follow-on noise. Duplicate keys leave a sound tree, so the rest is still worth checking.
  if (doc.errors.some((e) => e.code !== 'DUPLICATE_KEY')) return { ok: false, problems: yamlProblems };

  let raw: unknown;
  try {
    raw = doc.toJS();
  } catch (err) {
    // e.g. an alias bomb past yaml's maxAliasCount
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, problems: [...yamlProblems, { file: abs, line: 1, column: 1, path: '', message }] };
  }
  const src: Source = { file: abs, text, doc, lines, raw };

  const schema = configSchema({ baseDir: path.dirname(abs), readable, timezone: cronZone(raw) });
  const parsed = schema.safeParse(raw);
  const problems = [...yamlProblems, ...duplicateIds(src), ...missingX12(src)];
  if (!parsed.success) problems.push(...issueProblems(src, parsed.error.issues));
  else problems.push(...sharedFolders(src, parsed.data));
  if (problems.length > 0 || !parsed.success) return { ok: false, problems: problems.sort(byPosition) };

  const config: Config = { file: abs, ...parsed.data };
  return { ok: true, config: deepFreeze(config) };
}
