/**
 * Leaf validators shared by the config schema (SPEC §3). They live apart from schema.ts so the
 * structural schema stays readable; each one carries the message a sysadmin needs to fix the
 * value, because zod's generic texts ("Invalid string: must match pattern …") say nothing useful.
 */
import path from 'node:path';
import { Cron } from 'croner';
import { z } from 'zod';

/** What the schema needs to know about the world; injected so parsing stays pure and testable. */
export interface SchemaEnv {
  /** Folder of the config file: relative paths are relative to it (SPEC §3). */
  baseDir: string;
  /** True when the absolute path names a file the daemon can read. */
  readable: (absPath: string) => boolean;
  /** Zone cron expressions are checked in; an invalid configured zone is reported on its own key. */
  timezone: string;
}

/** `custom` issues carrying this flag are positioned on the key node rather than its value. */
export const AT_KEY = { at: 'key' } as const;
/** Marks the "no SFTP credential given" issue, which is redundant next to a literal `password:`. */
export const AUTH_MISSING = { kind: 'auth-missing' } as const;

export const PARTNER_ID_RE = /^[a-z0-9-]{1,32}$/;

export const posInt = z.int().positive();
export const nonNegInt = z.int().nonnegative();

/** Identifiers and names: YAML turns unquoted `000123` into 123, so never coerce, and reject blanks. */
export const text = z.string().refine((s) => s.trim() !== '', 'must not be empty');

/** A value with no surrounding spaces: such spaces are invisible in YAML and always a mistake here. */
export const token = z
  .string()
  .refine((s) => s.trim() !== '', 'must not be empty')
  .refine((s) => s === s.trim(), 'must not start or end with a space');

/** A file the daemon reads: resolved against the config folder, and it must exist now. */
export function inputFile(env: SchemaEnv) {
  return text
    .transform((p) => path.resolve(env.baseDir, p))
    .superRefine((abs, ctx) => {
      if (!env.readable(abs)) ctx.addIssue({ code: 'custom', message: `file not found or not readable: ${abs}` });
    });
}

/** A folder or file the daemon creates or writes: resolved, but not required to exist yet. */
export function outputPath(env: SchemaEnv) {
  return text.transform((p) => path.resolve(env.baseDir, p));
}

/** IANA zone, stored in its canonical spelling so `utc` and `UTC` mean one thing downstream. */
export const timezone = z.string().transform((zone, ctx) => {
  try {
    return new Intl.DateTimeFormat(undefined, { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    ctx.addIssue({
      code: 'custom',
      message: `unknown time zone "${zone}"; use an IANA name such as UTC or America/Los_Angeles`,
    });
    return z.NEVER;
  }
});

/**
 * Classic 5-field cron (or a croner nickname such as `@hourly`). croner also takes a leading
 * seconds field; we refuse it because `*\/30 * * * * *` would silently mean every 30 seconds to a
 * reader who expects minutes.
 */
export function cron(env: SchemaEnv) {
  return z.string().superRefine((pattern, ctx) => {
    const trimmed = pattern.trim();
    if (!trimmed.startsWith('@') && trimmed.split(/\s+/).length !== 5) {
      ctx.addIssue({
        code: 'custom',
        message: `invalid cron expression "${pattern}": expected 5 fields (minute hour day-of-month month day-of-week)`,
      });
      return;
    }
    let job: Cron | undefined;
    try {
      job = new Cron(trimmed, { paused: true, timezone: env.timezone });
      if (job.nextRun() === null) {
        ctx.addIssue({ code: 'custom', message: `cron expression "${pattern}" never fires` });
      }
    } catch (err) {
      const why = err instanceof Error ? err.message.replace(/^CronPattern: /, '') : String(err);
      ctx.addIssue({ code: 'custom', message: `invalid cron expression "${pattern}": ${why}` });
    } finally {
      job?.stop();
    }
  });
}

/** Glob on a file name only; a `/` would suggest sub-folders, which are never read (SPEC §10). */
export const pattern = text.refine((p) => !p.includes('/'), 'pattern matches file names only and must not contain "/"');

/** 32-byte SHA-256 in unpadded base64 is always 43 characters, exactly as `ssh-keygen -lf` prints it. */
const FINGERPRINT_RE = /^SHA256:[A-Za-z0-9+/]{43}$/;
export const fingerprint = z
  .string()
  .regex(FINGERPRINT_RE, { error: 'must be "SHA256:" and 43 base64 characters without "=" padding, as `ssh-keygen -lf` prints it' });

/** One fingerprint or a list (key rotation); always a list afterwards. */
export const hostKeys = z.preprocess(
  (v) => (typeof v === 'string' ? [v] : v),
  z.array(fingerprint).min(1, 'give at least one host key fingerprint'),
);

export const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'must be an environment variable name (letters, digits, _)' });

export const afterDownload = z
  .string()
  .regex(/^(delete|move:\S.*)$/, { error: 'must be "delete" or "move:<remote folder>"' });

export const partnerId = z
  .string()
  .regex(PARTNER_ID_RE, { error: 'partner id must be 1 to 32 characters of a-z, 0-9 and "-"' });

/** Two-character X12 id qualifier (ISA05/07 or a PO1/LIN product id qualifier). */
export const qualifier = z
  .string()
  .regex(/^[A-Z0-9]{2}$/, { error: 'must be a two-character X12 qualifier such as ZZ or SK' });

/**
 * ISA06/ISA08 sender/receiver id: up to 15 printable characters. The usual X12 delimiters are
 * refused because an id containing one would break every interchange we write.
 */
export const isaId = z
  .string()
  .regex(/^[!-~](?:[ -~]{0,13}[!-~])?$/, { error: 'must be 1 to 15 printable ASCII characters' })
  .refine((s) => !/[*~^>:|\\]/.test(s), 'must not contain an X12 delimiter (* ~ ^ > : | \\)');

export const delimiter = z
  .string()
  .length(1, 'must be a single character')
  .refine((d) => d !== '"' && d !== '\r' && d !== '\n', 'must not be a quote or a line break');
