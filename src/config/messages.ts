/**
 * Turns zod issues into sentences for the person editing the YAML. zod's defaults talk about
 * JavaScript types ("expected string, received number"); a sysadmin needs to hear that an unquoted
 * `00401` became the number 401 and must be quoted.
 */
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

const SECRET_KEYS: Readonly<Record<string, string>> = {
  password: 'secrets never stand in the config file; use password_file or password_env',
  passphrase: 'secrets never stand in the config file; use passphrase_file or passphrase_env',
};

export function unknownKeyMessage(key: string): string {
  return SECRET_KEYS[key] ?? `unknown key "${key}"`;
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a map of keys',
  array: 'a list',
};

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map of keys';
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${String(value)}`;
}

/**
 * YAML 1.2 reads unquoted `000123` as 123 and `yes` stays text, so a number or boolean where text
 * is wanted is nearly always a missing pair of quotes; say so, showing what was written.
 */
function quoteHint(value: unknown, source: string | null): string | null {
  if (typeof value !== 'number' && typeof value !== 'boolean') return null;
  const written = source ?? String(value);
  const became = written === String(value) ? '' : ` (YAML reads ${written} as ${String(value)})`;
  return `expected text, got ${describe(value)}${became}; put it in quotes: "${written}"`;
}

function bound(issue: Issue & { code: 'too_small' | 'too_big' }): string {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  const exact = 'exact' in issue && issue.exact === true;
  switch (issue.origin) {
    case 'number':
    case 'int':
      if (issue.inclusive) return `must be ${small ? 'at least' : 'at most'} ${limit}`;
      return `must be ${small ? 'greater' : 'less'} than ${limit}`;
    case 'string':
      return `must be ${exact ? 'exactly' : small ? 'at least' : 'at most'} ${limit} character${limit === 1 ? '' : 's'} long`;
    case 'array':
      return `must list ${exact ? 'exactly' : small ? 'at least' : 'at most'} ${limit} entr${limit === 1 ? 'y' : 'ies'}`;
    default:
      return issue.message;
  }
}

export interface IssueContext {
  /** The value found at the issue's path (undefined when the key is absent). */
  value: unknown;
  /** The key is absent from its map. */
  missing: boolean;
  /** Source text of the value, when it is a scalar. */
  source: string | null;
}

export function issueMessage(issue: Issue, ctx: IssueContext): string {
  const last = issue.path[issue.path.length - 1];
  if (ctx.missing && (issue.code === 'invalid_type' || issue.code === 'invalid_union')) {
    return typeof last === 'string' ? `missing required key "${last}"` : 'missing value';
  }
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.path.length === 0) {
        return ctx.value === null || ctx.value === undefined ? 'the config file is empty' : 'the config file must be a map of keys';
      }
      if (issue.expected === 'string') {
        const hint = quoteHint(ctx.value, ctx.source);
        if (hint) return hint;
      }
      return `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${describe(ctx.value)}`;
    }
    case 'invalid_value': {
      const options = issue.values.map((v) => String(v)).join(', ');
      const allowed = issue.values.length === 1 ? `must be ${options}` : `must be one of: ${options}`;
      const hint = issue.values.every((v) => typeof v === 'string') ? quoteHint(ctx.value, ctx.source) : null;
      return hint ? `${hint} (${allowed})` : `${allowed} (got ${describe(ctx.value)})`;
    }
    case 'invalid_union':
      if ('discriminator' in issue && typeof issue.discriminator === 'string') {
        const options = 'options' in issue && Array.isArray(issue.options) ? issue.options.map(String).join(' or ') : '';
        return `${issue.discriminator} must be ${options} (got ${describe(ctx.value)})`;
      }
      return issue.message;
    case 'too_small':
    case 'too_big':
      // Only replace zod's own wording; a message given in the schema already says it best.
      return /^Too (small|big)/.test(issue.message) ? bound(issue) : issue.message;
    default:
      return issue.message;
  }
}
