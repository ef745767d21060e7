/**
 * The config file's structure (SPEC §3) as zod schemas. Every object is `.strict()` so a typo'd
 * key is an error instead of a silently ignored setting. Defaults live here and nowhere else;
 * `DEFAULTS` repeats the scalar ones so docs and tests can name them.
 *
 * The schema is built per load (`configSchema(env)`) because path resolution, file existence and
 * the cron time zone depend on where the config file is — keeping that inside the schema lets one
 * parse report every problem, including a missing file next to an unknown key.
 */
import { z } from 'zod';
import {
  AT_KEY,
  AUTH_MISSING,
  afterDownload,
  cron,
  delimiter,
  envName,
  hostKeys,
  inputFile,
  isaId,
  nonNegInt,
  outputPath,
  partnerId,
  pattern,
  posInt,
  qualifier,
  text,
  timezone,
  token,
  type SchemaEnv,
} from './fields.js';

export { type SchemaEnv } from './fields.js';

export const DEFAULTS = {
  data_dir: 'var',
  timezone: 'UTC',
  log_level: 'info',
  max_file_bytes: 268_435_456,
  retry_interval_mins: 30,
  retry_max_days: 15,
  stable_secs: 1,
  poll_interval_secs_sftp: 60,
  poll_interval_secs_local: 5,
  after_download: 'delete',
  sftp_port: 22,
  timeout_secs: 30,
  csv_preset: 'standard',
  csv_delimiter: ',',
  date_format: 'auto',
  order_number_prefix: '',
  max_order_age_days: 30,
  warehouse: 'all',
  minimum_level: 0,
  bundles: 'compute',
  send: 'always',
  max_zeroed_pct: 50,
  x12_version: '00401',
  product_qualifiers: ['SK', 'VP', 'IN', 'BP', 'UP', 'EN'],
  sku_qualifier: 'SK',
  item_filter_level: 'item',
} as const;

/** The FCP bulk-import columns in their default order (SPEC §6). */
export const FCP_CSV_COLUMNS = [
  'Order Number', 'Reference Number', 'Order Date', 'Ship Method', 'First Name', 'Last Name',
  'Company', 'Address 1', 'Address 2', 'City', 'State', 'Postal Code', 'Country', 'Phone', 'Email',
  'SKU', 'Quantity', 'Notes', 'Action',
] as const;

/** Standard fields a partner's `csv.columns` may map its headers onto (SPEC §5.1). */
export const CSV_STANDARD_FIELDS = [
  'order_number', 'order_date', 'ship_method', 'ship_name', 'first_name', 'last_name', 'company',
  'address1', 'address2', 'city', 'state', 'postal_code', 'country', 'phone', 'email', 'sku',
  'quantity', 'unit_price', 'notes',
] as const;

export const DATE_FORMATS = ['auto', 'YYYY-MM-DD', 'MM/DD/YYYY', 'MM/DD/YY', 'DD/MM/YYYY', 'DD.MM.YYYY'] as const;

const SECRET_FIELDS = ['private_key_file', 'password_file', 'password_env'] as const;

function channelSchema(env: SchemaEnv) {
  const local = z
    .object({
      type: z.literal('local'),
      path: outputPath(env),
      stable_secs: nonNegInt.default(DEFAULTS.stable_secs),
      pattern: pattern.nullable().default(null),
      poll_interval_secs: posInt.default(DEFAULTS.poll_interval_secs_local),
    })
    .strict();

  const sftp = z
    .object({
      type: z.literal('sftp'),
      host: token,
      port: z.int().min(1).max(65535).default(DEFAULTS.sftp_port),
      username: token,
      private_key_file: inputFile(env).nullable().default(null),
      password_file: inputFile(env).nullable().default(null),
      password_env: envName.nullable().default(null),
      passphrase_file: inputFile(env).nullable().default(null),
      passphrase_env: envName.nullable().default(null),
      host_key_sha256: hostKeys,
      // Remote, so never resolved locally: relative means relative to the login folder.
      path: token,
      poll_interval_secs: posInt.default(DEFAULTS.poll_interval_secs_sftp),
      stable_secs: nonNegInt.default(DEFAULTS.stable_secs),
      pattern: pattern.nullable().default(null),
      after_download: afterDownload.default(DEFAULTS.after_download),
      timeout_secs: posInt.default(DEFAULTS.timeout_secs),
    })
    .strict()
    .superRefine((ch, ctx) => {
      // Exactly one credential, so nobody wonders which one the daemon actually used.
      const given = SECRET_FIELDS.filter((k) => ch[k] !== null);
      if (given.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: [],
          params: AUTH_MISSING,
          message: 'give one of private_key_file, password_file or password_env',
        });
      }
      for (const extra of given.slice(1)) {
        ctx.addIssue({
          code: 'custom',
          path: [extra],
          params: AT_KEY,
          message: `give only one of private_key_file, password_file or password_env (${given[0]} is already set)`,
        });
      }
      if (ch.passphrase_file !== null && ch.passphrase_env !== null) {
        ctx.addIssue({ code: 'custom', path: ['passphrase_env'], params: AT_KEY, message: 'give only one of passphrase_file or passphrase_env' });
      }
      for (const k of ['passphrase_file', 'passphrase_env'] as const) {
        if (ch[k] !== null && ch.private_key_file === null) {
          ctx.addIssue({ code: 'custom', path: [k], params: AT_KEY, message: `${k} only applies together with private_key_file` });
        }
      }
    });

  return z.discriminatedUnion('type', [local, sftp]);
}

function csvSchema() {
  return z
    .object({
      preset: z.enum(['standard', 'extensiv-simple']).default(DEFAULTS.csv_preset),
      columns: z.record(z.string(), text).nullable().default(null),
      delimiter: delimiter.default(DEFAULTS.csv_delimiter),
      date_format: z.enum(DATE_FORMATS).default(DEFAULTS.date_format),
    })
    .strict()
    .superRefine((csv, ctx) => {
      if (csv.columns === null) return;
      if (csv.preset === 'extensiv-simple') {
        ctx.addIssue({ code: 'custom', path: ['columns'], params: AT_KEY, message: 'columns needs a header row; the extensiv-simple preset has none' });
      }
      const known: readonly string[] = CSV_STANDARD_FIELDS;
      for (const field of Object.keys(csv.columns)) {
        if (!known.includes(field)) {
          ctx.addIssue({
            code: 'custom',
            path: ['columns', field],
            params: AT_KEY,
            message: `unknown standard field "${field}"; one of ${CSV_STANDARD_FIELDS.join(', ')}`,
          });
        }
      }
    });
}

function partnerSchema(env: SchemaEnv) {
  const channel = channelSchema(env);
  const orders = z
    .object({
      channel,
      format: z.enum(['csv', 'xml', 'x12']),
      csv: csvSchema().prefault({}),
      order_number_prefix: z.string().default(DEFAULTS.order_number_prefix),
      max_order_age_days: posInt.default(DEFAULTS.max_order_age_days),
      ship_methods_are_fcp_codes: z.boolean().default(false),
    })
    .strict();

  const mappings = z
    .object({
      items: inputFile(env).nullable().default(null),
      skus: inputFile(env).nullable().default(null),
      ship_methods: inputFile(env).nullable().default(null),
    })
    .strict();

  const itemFilter = z
    .object({
      mode: z.enum(['allow', 'deny']),
      skus_file: inputFile(env),
      level: z.enum(['item', 'order']).default(DEFAULTS.item_filter_level),
    })
    .strict();

  const inventory = z
    .object({
      schedule: cron(env),
      channel,
      format: z.enum(['csv', 'xml', 'x12-846']),
      warehouse: text.default(DEFAULTS.warehouse),
      minimum_level: nonNegInt.default(DEFAULTS.minimum_level),
      bundles: z.enum(['compute', 'one-to-one-only']).default(DEFAULTS.bundles),
      send: z.enum(['always', 'when-new-feed']).default(DEFAULTS.send),
      max_zeroed_pct: z.number().min(0).max(100).default(DEFAULTS.max_zeroed_pct),
    })
    .strict();

  const tracking = z
    .object({
      schedule: cron(env),
      channel,
      format: z.enum(['csv', 'xml', 'x12-856', 'x12-945']),
    })
    .strict();

  const x12 = z
    .object({
      our_qualifier: qualifier,
      our_id: isaId,
      partner_qualifier: qualifier,
      partner_id: isaId,
      version: z.enum(['00401', '00501']).default(DEFAULTS.x12_version),
      acknowledge: z.boolean().default(true),
      ack_channel: channel.nullable().default(null),
      product_qualifiers: z
        .array(qualifier)
        .min(1)
        .refine((qs) => new Set(qs).size === qs.length, 'lists a qualifier twice')
        .default([...DEFAULTS.product_qualifiers]),
      sku_qualifier: qualifier.default(DEFAULTS.sku_qualifier),
      accept_test: z.boolean().default(false),
    })
    .strict();

  return z
    .object({
      id: partnerId,
      name: text.optional(),
      orders: orders.nullable().default(null),
      mappings: mappings.prefault({}),
      item_filter: itemFilter.nullable().default(null),
      catalog: z.object({ channel }).strict().nullable().default(null),
      inventory: inventory.nullable().default(null),
      tracking: tracking.nullable().default(null),
      x12: x12.nullable().default(null),
    })
    .strict()
    .superRefine((p, ctx) => {
      // A missing x12: section is checked in load.ts on the raw document, so it is reported
      // even when the partner has other errors that stop this refinement.
      const acksNeeded = p.orders?.format === 'x12' && p.x12?.acknowledge === true;
      if (acksNeeded && !p.x12?.ack_channel && !p.tracking && !p.inventory) {
        ctx.addIssue({
          code: 'custom',
          path: ['x12', 'ack_channel'],
          message: 'acknowledge is true but there is nowhere to send 997s: give ack_channel, or a tracking or inventory section',
        });
      }
    })
    .transform((p) => ({
      ...p,
      name: p.name ?? p.id,
      // SPEC §3: the 997s go to the tracking channel, else the inventory one, unless set.
      x12: p.x12 && { ...p.x12, ack_channel: p.x12.ack_channel ?? p.tracking?.channel ?? p.inventory?.channel ?? null },
    }));
}

function fcpSchema(env: SchemaEnv) {
  const channel = channelSchema(env);
  return z
    .object({
      merchant_id: token,
      ship_codes: inputFile(env),
      carriers: inputFile(env).nullable().default(null),
      orders: z
        .object({
          format: z.enum(['fcp-csv', 'fcp-xml']),
          channel,
          columns: z.array(z.enum(FCP_CSV_COLUMNS)).min(1).nullable().default(null),
        })
        .strict()
        .superRefine((o, ctx) => {
          if (o.columns === null) return;
          if (o.format !== 'fcp-csv') {
            ctx.addIssue({ code: 'custom', path: ['columns'], params: AT_KEY, message: 'columns applies to format fcp-csv only' });
          }
          o.columns.forEach((c, i) => {
            if (o.columns?.indexOf(c) !== i) ctx.addIssue({ code: 'custom', path: ['columns', i], message: `column "${c}" is listed twice` });
          });
        }),
      inventory: z.object({ channel }).strict().nullable().default(null),
      shipments: z.object({ channel }).strict().nullable().default(null),
    })
    .strict();
}

export function configSchema(env: SchemaEnv) {
  return z
    .object({
      data_dir: outputPath(env).prefault(DEFAULTS.data_dir),
      timezone: timezone.default(DEFAULTS.timezone),
      log: z
        .object({
          level: z.enum(['error', 'warn', 'info', 'debug']).default(DEFAULTS.log_level),
          file: outputPath(env).nullable().default(null),
        })
        .strict()
        .prefault({}),
      limits: z.object({ max_file_bytes: posInt.default(DEFAULTS.max_file_bytes) }).strict().prefault({}),
      /** How often IMPORT ERROR orders are retried (SPEC §5.4). */
      retry_interval_mins: posInt.default(DEFAULTS.retry_interval_mins),
      /** How long after receipt they keep being retried automatically; 0 = only on demand. */
      retry_max_days: nonNegInt.default(DEFAULTS.retry_max_days),
      fcp: fcpSchema(env),
      partners: z.array(partnerSchema(env)).default([]),
    })
    .strict();
}

export type ConfigDocument = z.output<ReturnType<typeof configSchema>>;
