/**
 * Wraps transaction set bodies in ISA/GS/ST…SE/GE/IEA. Every count and trailer is computed here,
 * in one place, so no document writer can get SE01, GE01 or IEA01 wrong.
 *
 * Layout choices (docs/x12-outbound.md):
 * - delimiters `*` element, `>` component (ISA16), `^` repetition (ISA11, 00501) or `U` (00401);
 * - every segment ends in `~` followed by `\n` (default): the newline is not data (our reader and
 *   every common translator skip CR/LF after a terminator) and makes the files readable in `less`
 *   and in diffs; `newline: false` is for partners whose translator cannot skip it;
 * - one interchange, one functional group; ISA14 = 0 (we do not ask for TA1s).
 */
import {
  checkDate,
  checkTime,
  sanitizeX12Value,
  segment,
  truncateToLength,
  X12_DELIMITERS,
} from './element-values.js';
import type { X12Element, X12Segment } from './element-values.js';

export type X12Version = '00401' | '00501';

/** ISA12 → GS08 (the version/release we write; no industry suffix such as VICS). */
export const GS08_FOR_VERSION: Readonly<Record<X12Version, string>> = { '00401': '004010', '00501': '005010' };

/** What the caller passes to every document writer (config `x12:` keys, counters, clock). */
export interface X12EnvelopeParams {
  /** ISA05 / ISA06 ← config `our_qualifier` / `our_id` (ISA06 is padded to 15). */
  readonly senderQualifier: string;
  readonly senderId: string;
  /** ISA07 / ISA08 ← config `partner_qualifier` / `partner_id`. */
  readonly receiverQualifier: string;
  readonly receiverId: string;
  /** GS02 / GS03 application sender / receiver codes (usually our_id / partner_id again). */
  readonly gsSenderId: string;
  readonly gsReceiverId: string;
  /** ISA12 ← config `version`; GS08 follows (004010 / 005010). */
  readonly version: X12Version;
  /** Persisted per-partner counters: ISA13, GS06 and one ST02 per transaction set, in order. */
  readonly controlNumbers: { readonly isa: number; readonly gs: number; readonly st: readonly number[] };
  /** Local date CCYYMMDD (GS04; ISA09 is its YYMMDD) and time HHMM (ISA10, GS05) in config `timezone`. */
  readonly date: string;
  readonly time: string;
  /** ISA15: P production, T test. */
  readonly usage: 'P' | 'T';
  /** Default true: `~` + `\n` after each segment; false: `~` only. */
  readonly newline?: boolean;
}

export interface X12InterchangeParams extends X12EnvelopeParams {
  /** GS01: FA (997), IB (846), SH (856), SW (945). */
  readonly functionalId: string;
}

/** One transaction set without its ST and SE (the envelope writer adds them). */
export interface X12TransactionSetBody {
  /** ST01, e.g. 856. */
  readonly id: string;
  readonly segments: readonly X12Segment[];
}

/** A value we changed so it fits X12; the caller logs these (never silently lose partner data). */
export interface X12ValueAdjustment {
  /** ST02 of the set that holds the value. */
  readonly setControlNumber: string;
  /** Segment id + element position (`LIN03`), `-n` for a component (`AK401-2`). */
  readonly element: string;
  /** A delimiter or control character was replaced by a space. */
  readonly sanitised: boolean;
  /** Cut to the element's maximum length. */
  readonly truncated: boolean;
  readonly original: string;
  readonly written: string;
}

export interface X12Output {
  /** The interchange; encode as UTF-8 (pure ASCII unless partner data carried other characters). */
  readonly text: string;
  readonly adjustments: readonly X12ValueAdjustment[];
}

/** The writers take one document or several (one transaction set each, in one group). */
export function oneOrMany<T extends object>(value: T | readonly T[]): readonly T[] {
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

/** X12 control numbers are at most 9 digits; 0 is refused because counters start at 1. */
const MAX_CONTROL_NUMBER = 999_999_999;
/** ST02 is 4–9 characters: pad to 4 (eppye-bots#128: some translators reject `999`). */
const ST02_MIN_WIDTH = 4;

export function writeX12Interchange(params: X12InterchangeParams, sets: readonly X12TransactionSetBody[]): X12Output {
  checkEnvelopeParams(params, sets.length);
  const { controlNumbers } = params;
  const adjustments: X12ValueAdjustment[] = [];
  const isa13 = String(controlNumbers.isa).padStart(9, '0');
  const gs06 = String(controlNumbers.gs);
  const lines: string[] = [isaSegment(params, isa13)];
  const envelopeSegment = (s: X12Segment): string => renderSegment(s, '', adjustments);

  lines.push(envelopeSegment(segment('GS', params.functionalId, params.gsSenderId, params.gsReceiverId, params.date, params.time, gs06, 'X', GS08_FOR_VERSION[params.version])));
  sets.forEach((set, i) => {
    const st02 = String(controlNumbers.st[i]).padStart(ST02_MIN_WIDTH, '0');
    lines.push(renderSegment(segment('ST', set.id, st02), st02, adjustments));
    for (const body of set.segments) lines.push(renderSegment(body, st02, adjustments));
    // SE01 counts ST and SE themselves.
    lines.push(renderSegment(segment('SE', String(set.segments.length + 2), st02), st02, adjustments));
  });
  lines.push(envelopeSegment(segment('GE', String(sets.length), gs06)));
  lines.push(envelopeSegment(segment('IEA', '1', isa13)));

  const terminator = X12_DELIMITERS.segment + (params.newline === false ? '' : '\n');
  return { text: lines.map((line) => line + terminator).join(''), adjustments };
}

/** The fixed-width ISA (106 characters with its terminator); its values were checked, not sanitised. */
function isaSegment(params: X12InterchangeParams, isa13: string): string {
  return [
    'ISA', '00', ' '.repeat(10), '00', ' '.repeat(10),
    params.senderQualifier, params.senderId.padEnd(15, ' '),
    params.receiverQualifier, params.receiverId.padEnd(15, ' '),
    params.date.slice(2), params.time,
    params.version === '00401' ? 'U' : X12_DELIMITERS.repetition,
    params.version, isa13, '0', params.usage, X12_DELIMITERS.component,
  ].join(X12_DELIMITERS.element);
}

/** Joins one segment: each element sanitised (and cut to its max), trailing empty elements dropped. */
export function renderSegment(s: X12Segment, setControlNumber: string, adjustments: X12ValueAdjustment[]): string {
  const parts = [s.id];
  s.elements.forEach((element, i) => {
    parts.push(renderElement(element, `${s.id}${String(i + 1).padStart(2, '0')}`, setControlNumber, adjustments));
  });
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts.join(X12_DELIMITERS.element);
}

function renderElement(element: X12Element, name: string, setControlNumber: string, adjustments: X12ValueAdjustment[]): string {
  if (element === undefined) return '';
  if (typeof element === 'string') return safeValue(element, Infinity, name, setControlNumber, adjustments);
  if (element.kind === 'limited') return safeValue(element.value, element.max, name, setControlNumber, adjustments);
  const components = element.components.map((c, k) => (c === undefined ? '' : safeValue(c, Infinity, `${name}-${k + 1}`, setControlNumber, adjustments)));
  while (components.length > 0 && components[components.length - 1] === '') components.pop();
  return components.join(X12_DELIMITERS.component);
}

function safeValue(original: string, max: number, name: string, setControlNumber: string, adjustments: X12ValueAdjustment[]): string {
  const sanitisedValue = sanitizeX12Value(original);
  const written = truncateToLength(sanitisedValue, max);
  const sanitised = sanitisedValue !== original;
  const truncated = written !== sanitisedValue;
  if (sanitised || truncated) adjustments.push({ setControlNumber, element: name, sanitised, truncated, original, written });
  return written;
}

/** Envelope values come from validated config, counters and the clock: a bad one is a bug, not data. */
function checkEnvelopeParams(params: X12InterchangeParams, setCount: number): void {
  const fail = (message: string): never => {
    throw new RangeError(`X12 envelope: ${message}`);
  };
  if (params.version !== '00401' && params.version !== '00501') fail(`version must be 00401 or 00501, got "${String(params.version)}"`);
  for (const [name, value] of [['senderQualifier', params.senderQualifier], ['receiverQualifier', params.receiverQualifier]] as const) {
    if (!/^[A-Z0-9]{2}$/.test(value)) fail(`${name} must be two characters A-Z/0-9, got "${value}"`);
  }
  for (const [name, value] of [
    ['senderId', params.senderId], ['receiverId', params.receiverId],
    ['gsSenderId', params.gsSenderId], ['gsReceiverId', params.gsReceiverId],
  ] as const) {
    // Same rule as the config's isaId: 1–15 printable ASCII, no leading/trailing space, no delimiter.
    if (!/^[!-~](?:[ -~]{0,13}[!-~])?$/.test(value) || /[*~>^]/.test(value)) fail(`${name} must be 1–15 printable characters without * ~ > ^, got "${value}"`);
  }
  if (!/^[A-Z]{2}$/.test(params.functionalId)) fail(`functionalId must be two letters, got "${params.functionalId}"`);
  if (params.usage !== 'P' && params.usage !== 'T') fail(`usage must be P or T, got "${String(params.usage)}"`);
  checkDate(params.date, 'X12 envelope date');
  checkTime(params.time, 'X12 envelope time');
  const { isa, gs, st } = params.controlNumbers;
  for (const [name, value] of [['ISA13', isa], ['GS06', gs], ...st.map((n, i) => [`ST02 of set ${i + 1}`, n] as const)] as const) {
    if (!Number.isSafeInteger(value) || value < 1 || value > MAX_CONTROL_NUMBER) fail(`${name} control number must be 1–${MAX_CONTROL_NUMBER}, got ${value}`);
  }
  if (st.length !== setCount) fail(`${st.length} ST control numbers for ${setCount} transaction sets`);
  // A repeated ST02 in one group is a reason to reject the set (AK5 23).
  if (new Set(st).size !== st.length) fail(`ST control numbers repeat within the group: ${st.join(', ')}`);
  if (setCount === 0) fail('an interchange needs at least one transaction set');
}
