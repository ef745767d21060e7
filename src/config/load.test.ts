import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatConfigProblem } from './format.js';
import { parseConfig } from './load.js';
import { loadConfigFile } from './read.js';
import type { Config, ConfigProblem, SftpChannelConfig } from './types.js';

const DIR = '/srv/fcp-bridge/config';
const FILE = `${DIR}/fcp-bridge.yaml`;
const FP1 = 'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8';
const FP2 = 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU';

const FILES = new Set(
  [
    'mappings/fcp-ship-codes.csv',
    'mappings/carriers.csv',
    'mappings/acme/items.csv',
    'mappings/acme/skus.csv',
    'mappings/acme/ship-methods.csv',
    'mappings/acme/filter.csv',
  ].map((p) => path.join(DIR, p)),
).add('/etc/fcp-bridge/keys/acme');

const readable = (p: string): boolean => FILES.has(p);

/**
 * SPEC §3's example verbatim, except for a local order channel. The line:col numbers asserted
 * below refer to this file; open it with line numbers to check them.
 */
const SPEC_EXAMPLE = readFileSync(new URL('./testdata/spec-example.yaml', import.meta.url), 'utf8');

const SFTP_ORDERS = `      channel: { type: sftp, host: sftp.acme.example, port: 22, username: efs,
                 private_key_file: /etc/fcp-bridge/keys/acme, host_key_sha256: "${FP1}",
                 path: /outbound/orders, poll_interval_secs: 60, after_download: delete }  # or move:/archive`;

/** Replaces one exact piece of the example, failing loudly if the piece is not there. */
function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`fixture does not contain ${from}`);
  return text.replace(from, to);
}

function ok(text: string): Config {
  const r = parseConfig(text, FILE, readable);
  if (!r.ok) throw new Error(r.problems.map(formatConfigProblem).join('\n'));
  return r.config;
}

function problems(text: string, check = readable): ConfigProblem[] {
  const r = parseConfig(text, FILE, check);
  if (r.ok) throw new Error('expected problems, config was accepted');
  return r.problems;
}

/** Compact form for exact assertions: `line:col path: message`. */
function brief(ps: ConfigProblem[]): string[] {
  return ps.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`);
}

const MINIMAL = `fcp:
  merchant_id: "1"
  ship_codes: mappings/fcp-ship-codes.csv
  orders: { format: fcp-csv, channel: { type: local, path: ../outbox/fcp/orders } }
partners:
  - id: demo
    orders:
      channel: { type: sftp, host: h.example, username: u, path: orders, password_env: DEMO_PW, host_key_sha256: "${FP1}" }
      format: csv
    inventory: { schedule: "@hourly", channel: { type: local, path: /var/out/demo }, format: csv }
`;

describe('parseConfig: valid files', () => {
  it('accepts the SPEC §3 example with a local order channel and resolves relative paths', () => {
    const c = ok(SPEC_EXAMPLE);
    expect(c.file).toBe(FILE);
    expect(c.data_dir).toBe(`${DIR}/var`);
    expect(c.timezone).toBe('America/Los_Angeles');
    expect(c.log).toEqual({ level: 'info', file: null });
    expect(c.limits).toEqual({ max_file_bytes: 268435456 });
    expect(c.fcp).toEqual({
      merchant_id: '10001',
      ship_codes: `${DIR}/mappings/fcp-ship-codes.csv`,
      carriers: `${DIR}/mappings/carriers.csv`,
      orders: {
        format: 'fcp-csv',
        channel: { type: 'local', path: `${DIR}/outbox/fcp/orders`, stable_secs: 1, pattern: null, poll_interval_secs: 5 },
        columns: null,
      },
      inventory: { channel: { type: 'local', path: `${DIR}/inbox/fcp/inventory`, stable_secs: 1, pattern: null, poll_interval_secs: 5 } },
      shipments: { channel: { type: 'local', path: `${DIR}/inbox/fcp/shipments`, stable_secs: 1, pattern: null, poll_interval_secs: 5 } },
    });
    const outbox = { type: 'local', path: `${DIR}/outbox/acme`, stable_secs: 1, pattern: null, poll_interval_secs: 5 };
    expect(c.partners).toEqual([
      {
        id: 'acme',
        name: 'ACME Retail',
        orders: {
          channel: { type: 'local', path: `${DIR}/inbox/acme`, stable_secs: 1, pattern: null, poll_interval_secs: 5 },
          format: 'x12',
          csv: { preset: 'standard', columns: null, delimiter: ',', date_format: 'auto' },
          order_number_prefix: '',
          max_order_age_days: 30,
          ship_methods_are_fcp_codes: false,
        },
        mappings: {
          items: `${DIR}/mappings/acme/items.csv`,
          skus: `${DIR}/mappings/acme/skus.csv`,
          ship_methods: `${DIR}/mappings/acme/ship-methods.csv`,
        },
        item_filter: { mode: 'deny', skus_file: `${DIR}/mappings/acme/filter.csv`, level: 'item' },
        catalog: { channel: { type: 'local', path: `${DIR}/inbox/acme-catalog`, stable_secs: 1, pattern: null, poll_interval_secs: 5 } },
        inventory: {
          schedule: '0 * * * *',
          channel: outbox,
          format: 'x12-846',
          warehouse: 'all',
          minimum_level: 0,
          bundles: 'compute',
          send: 'always',
          max_zeroed_pct: 50,
        },
        tracking: { schedule: '*/30 * * * *', channel: outbox, format: 'x12-856' },
        x12: {
          our_qualifier: 'ZZ',
          our_id: 'EFSBRIDGE',
          partner_qualifier: 'ZZ',
          partner_id: 'ACME',
          version: '00401',
          acknowledge: true,
          ack_channel: outbox,
          product_qualifiers: ['SK', 'VP', 'IN', 'BP', 'UP', 'EN'],
          sku_qualifier: 'SK',
          accept_test: false,
        },
      },
    ]);
    expect(c.retry_interval_mins).toBe(30);
    expect(c.retry_max_days).toBe(15);
  });

  it('returns a deeply frozen object', () => {
    const c = ok(SPEC_EXAMPLE);
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.fcp.orders.channel)).toBe(true);
    expect(Object.isFrozen(c.partners)).toBe(true);
    expect(Object.isFrozen(c.partners[0]?.x12?.product_qualifiers)).toBe(true);
    expect(() => {
      (c as { timezone: string }).timezone = 'UTC';
    }).toThrow(TypeError);
    expect(() => (c.partners as unknown as unknown[]).push({})).toThrow(TypeError);
  });

  it('accepts the SPEC example with an SFTP order channel', () => {
    const c = ok(edit(SPEC_EXAMPLE, '      channel: { type: local, path: inbox/acme }', SFTP_ORDERS));
    expect(c.partners[0]?.orders?.channel).toEqual({
      type: 'sftp',
      host: 'sftp.acme.example',
      port: 22,
      username: 'efs',
      private_key_file: '/etc/fcp-bridge/keys/acme',
      password_file: null,
      password_env: null,
      passphrase_file: null,
      passphrase_env: null,
      host_key_sha256: [FP1],
      path: '/outbound/orders',
      poll_interval_secs: 60,
      stable_secs: 1,
      pattern: null,
      after_download: 'delete',
      timeout_secs: 30,
    } satisfies SftpChannelConfig);
  });

  it('fills every default in a minimal file', () => {
    const c = ok(MINIMAL);
    expect(c.data_dir).toBe(`${DIR}/var`);
    expect(c.timezone).toBe('UTC');
    expect(c.log).toEqual({ level: 'info', file: null });
    expect(c.limits.max_file_bytes).toBe(268435456);
    expect(c.retry_interval_mins).toBe(30);
    expect(c.retry_max_days).toBe(15);
    expect(c.fcp.carriers).toBeNull();
    expect(c.fcp.inventory).toBeNull();
    expect(c.fcp.shipments).toBeNull();
    expect(c.fcp.orders.channel).toMatchObject({ path: '/srv/fcp-bridge/outbox/fcp/orders' });
    const p = c.partners[0];
    expect(p).toMatchObject({
      id: 'demo',
      name: 'demo',
      mappings: { items: null, skus: null, ship_methods: null },
      item_filter: null,
      catalog: null,
      tracking: null,
      x12: null,
      orders: {
        format: 'csv',
        csv: { preset: 'standard', columns: null, delimiter: ',', date_format: 'auto' },
        order_number_prefix: '',
        max_order_age_days: 30,
        ship_methods_are_fcp_codes: false,
        channel: {
          type: 'sftp',
          port: 22,
          private_key_file: null,
          password_env: 'DEMO_PW',
          host_key_sha256: [FP1],
          poll_interval_secs: 60,
          stable_secs: 1,
          pattern: null,
          after_download: 'delete',
          timeout_secs: 30,
        },
      },
      inventory: {
        schedule: '@hourly',
        channel: { type: 'local', path: '/var/out/demo', stable_secs: 1, pattern: null, poll_interval_secs: 5 },
        warehouse: 'all',
        minimum_level: 0,
        bundles: 'compute',
        send: 'always',
        max_zeroed_pct: 50,
      },
    });
  });

  it('fills x12 defaults and sends 997s to the tracking channel when ack_channel is absent', () => {
    const minimalX12 = '    x12: { our_qualifier: ZZ, our_id: EFSBRIDGE, partner_qualifier: ZZ, partner_id: ACME }\n';
    const x12 = ok(SPEC_EXAMPLE.slice(0, SPEC_EXAMPLE.indexOf('    x12:')) + minimalX12).partners[0]?.x12;
    expect(x12).toEqual({
      our_qualifier: 'ZZ',
      our_id: 'EFSBRIDGE',
      partner_qualifier: 'ZZ',
      partner_id: 'ACME',
      version: '00401',
      acknowledge: true,
      ack_channel: { type: 'local', path: `${DIR}/outbox/acme`, stable_secs: 1, pattern: null, poll_interval_secs: 5 },
      product_qualifiers: ['SK', 'VP', 'IN', 'BP', 'UP', 'EN'],
      sku_qualifier: 'SK',
      accept_test: false,
    });
  });

  it('takes a list of host keys, fcp-csv columns, log.file and an empty partner list', () => {
    const c = ok(
      edit(
        edit(MINIMAL, `host_key_sha256: "${FP1}"`, `host_key_sha256: ["${FP1}", "${FP2}"]`),
        '  orders: { format: fcp-csv,',
        '  orders: { columns: [SKU, Quantity, Order Number], format: fcp-csv,',
      ) + 'log: { level: debug, file: ../log/bridge.log }\n',
    );
    expect((c.partners[0]?.orders?.channel as SftpChannelConfig).host_key_sha256).toEqual([FP1, FP2]);
    expect(c.fcp.orders.columns).toEqual(['SKU', 'Quantity', 'Order Number']);
    expect(c.log).toEqual({ level: 'debug', file: '/srv/fcp-bridge/log/bridge.log' });
    expect(ok(edit(MINIMAL, MINIMAL.slice(MINIMAL.indexOf('partners:')), 'partners: []\n')).partners).toEqual([]);
  });
});

describe('parseConfig: problems carry file, line, column and key path', () => {
  it('reports an unknown key deep in the tree on the key itself', () => {
    const ps = problems(edit(SPEC_EXAMPLE, '      max_zeroed_pct: 50 ', '      max_zeroed_percent: 50 '));
    expect(ps).toEqual([
      {
        file: FILE,
        line: 40,
        column: 7,
        path: 'partners[0].inventory.max_zeroed_percent',
        message: 'unknown key "max_zeroed_percent"',
      },
    ]);
    expect(formatConfigProblem(ps[0] as ConfigProblem)).toBe(
      `${FILE}:40:7 partners[0].inventory.max_zeroed_percent: unknown key "max_zeroed_percent"`,
    );
  });

  it('reports an unknown key inside a flow map', () => {
    const ps = problems(edit(SPEC_EXAMPLE, '{ type: local, path: inbox/fcp/shipments }', '{ type: local, path: inbox/fcp/shipments, mode: x }'));
    expect(brief(ps)).toEqual(['12:67 fcp.shipments.channel.mode: unknown key "mode"']);
  });

  it('reports an invalid cron expression at its value', () => {
    const ps = problems(edit(SPEC_EXAMPLE, 'schedule: "*/30 * * * *"', 'schedule: "*/30 * * *"'));
    expect(brief(ps)).toEqual([
      '42:17 partners[0].tracking.schedule: invalid cron expression "*/30 * * *": expected 5 fields (minute hour day-of-month month day-of-week)',
    ]);
    expect(brief(problems(edit(SPEC_EXAMPLE, 'schedule: "0 * * * *"', 'schedule: "0 25 * * *"')))).toEqual([
      '33:17 partners[0].inventory.schedule: invalid cron expression "0 25 * * *": Invalid value for hour: 25',
    ]);
    expect(brief(problems(edit(SPEC_EXAMPLE, 'schedule: "0 * * * *"', 'schedule: "0 0 31 2 *"')))).toEqual([
      '33:17 partners[0].inventory.schedule: cron expression "0 0 31 2 *" never fires',
    ]);
  });

  it('reports every problem in one pass, in file order', () => {
    let text = edit(SPEC_EXAMPLE, 'schedule: "0 * * * *"', 'schedule: "every hour"');
    text = edit(text, '  carriers: mappings/carriers.csv', '  carriers: mappings/carriers.csv\n  carrier: x');
    expect(brief(problems(text))).toEqual([
      '10:3 fcp.carrier: unknown key "carrier"',
      `34:17 partners[0].inventory.schedule: invalid cron expression "every hour": expected 5 fields (minute hour day-of-month month day-of-week)`,
    ]);
  });

  it('refuses a number where an identifier is expected, and says to quote it', () => {
    let text = edit(SPEC_EXAMPLE, 'merchant_id: "10001"', 'merchant_id: 010001');
    text = edit(text, 'version: "00401"', 'version: 00401');
    text = edit(text, 'our_id: EFSBRIDGE', 'our_id: 123456789');
    expect(brief(problems(text))).toEqual([
      '7:16 fcp.merchant_id: expected text, got the number 10001 (YAML reads 010001 as 10001); put it in quotes: "010001"',
      '47:15 partners[0].x12.our_id: expected text, got the number 123456789; put it in quotes: "123456789"',
      '50:16 partners[0].x12.version: expected text, got the number 401 (YAML reads 00401 as 401); put it in quotes: "00401" (must be one of: 00401, 00501)',
    ]);
  });

  it('reports a referenced file that does not exist at its key', () => {
    const noSkus = (p: string): boolean => readable(p) && !p.endsWith('/skus.csv');
    expect(brief(problems(SPEC_EXAMPLE, noSkus))).toEqual([
      `24:55 partners[0].mappings.skus: file not found or not readable: ${DIR}/mappings/acme/skus.csv`,
    ]);
    const noKey = (p: string): boolean => readable(p) && !p.endsWith('/keys/acme');
    const sftp = edit(SPEC_EXAMPLE, '      channel: { type: local, path: inbox/acme }', SFTP_ORDERS);
    expect(brief(problems(sftp, noKey))).toEqual([
      '19:36 partners[0].orders.channel.private_key_file: file not found or not readable: /etc/fcp-bridge/keys/acme',
    ]);
  });

  it('refuses a literal password with the secrets message', () => {
    const sftp = edit(SPEC_EXAMPLE, '      channel: { type: local, path: inbox/acme }', SFTP_ORDERS);
    const ps = problems(edit(sftp, 'private_key_file: /etc/fcp-bridge/keys/acme', 'password: hunter2'));
    expect(brief(ps)).toEqual([
      '19:18 partners[0].orders.channel.password: secrets never stand in the config file; use password_file or password_env',
    ]);
  });

  it('wants exactly one SFTP credential and a well-formed host key', () => {
    const sftp = edit(SPEC_EXAMPLE, '      channel: { type: local, path: inbox/acme }', SFTP_ORDERS);
    expect(brief(problems(edit(sftp, 'private_key_file: /etc/fcp-bridge/keys/acme, ', '')))).toEqual([
      '18:16 partners[0].orders.channel: give one of private_key_file, password_file or password_env',
    ]);
    expect(brief(problems(edit(sftp, 'username: efs,', 'username: efs, password_env: ACME_PW,')))).toEqual([
      '18:80 partners[0].orders.channel.password_env: give only one of private_key_file, password_file or password_env (private_key_file is already set)',
    ]);
    expect(brief(problems(edit(sftp, FP1, 'SHA256:…')))).toEqual([
      '19:80 partners[0].orders.channel.host_key_sha256: must be "SHA256:" and 43 base64 characters without "=" padding, as `ssh-keygen -lf` prints it',
    ]);
  });

  it('reports duplicate partner ids and bad ones', () => {
    const second = `  - id: acme
    name: ACME again
  - id: Bad_Id
`;
    expect(brief(problems(SPEC_EXAMPLE + second))).toEqual([
      '56:9 partners[1].id: partner id "acme" is already used by partners[0]',
      '58:9 partners[2].id: partner id must be 1 to 32 characters of a-z, 0-9 and "-"',
    ]);
  });

  it('requires an x12 section when a format is x12', () => {
    const text = SPEC_EXAMPLE.slice(0, SPEC_EXAMPLE.indexOf('    x12:'));
    expect(brief(problems(text))).toEqual([
      '15:5 partners[0].x12: an x12: section is required because of orders.format x12, inventory.format x12-846, tracking.format x12-856',
    ]);
  });

  it('needs somewhere to send 997s when acknowledging X12 orders', () => {
    const x12Only = edit(
      edit(MINIMAL, 'format: csv', 'format: x12'),
      MINIMAL.slice(MINIMAL.indexOf('    inventory:')),
      '    x12: { our_qualifier: ZZ, our_id: US, partner_qualifier: ZZ, partner_id: THEM }\n',
    );
    expect(brief(problems(x12Only))).toEqual([
      '10:10 partners[0].x12.ack_channel: acknowledge is true but there is nowhere to send 997s: give ack_channel, or a tracking or inventory section',
    ]);
    expect(ok(edit(x12Only, 'partner_id: THEM', 'partner_id: THEM, acknowledge: false')).partners[0]?.x12?.ack_channel).toBeNull();
  });

  it('reports missing required keys at the parent map', () => {
    const ps = problems(edit(SPEC_EXAMPLE, '  ship_codes: mappings/fcp-ship-codes.csv\n', ''));
    expect(brief(ps)).toEqual(['7:3 fcp.ship_codes: missing required key "ship_codes"']);
    expect(brief(problems(edit(SPEC_EXAMPLE, '{ type: local, path: inbox/acme-catalog }', '{ path: inbox/acme-catalog }')))).toEqual([
      '31:16 partners[0].catalog.channel.type: missing required key "type"',
    ]);
  });

  it('reports a YAML syntax error with its position', () => {
    const ps = problems(edit(SPEC_EXAMPLE, 'limits: { max_file_bytes: 268435456 }', 'limits: { max_file_bytes: 268435456'));
    expect(ps.length).toBeGreaterThan(0);
    expect(ps[0]).toMatchObject({ file: FILE, line: 6, column: 1, path: '' });
    expect(formatConfigProblem(ps[0] as ConfigProblem)).toMatch(/^\/srv\/fcp-bridge\/config\/fcp-bridge\.yaml:6:1 \S/);
    expect(brief(problems('fcp:\n  merchant_id: "1"\n\tship_codes: x\n'))[0]).toBe('3:1 : Tabs are not allowed as indentation');
  });

  it('reports duplicate keys and still checks the rest', () => {
    const ps = problems(edit(SPEC_EXAMPLE, 'timezone: America/Los_Angeles', 'timezone: Mars/Olympus\ndata_dir: var'));
    expect(brief(ps)).toEqual([
      '2:11 timezone: unknown time zone "Mars/Olympus"; use an IANA name such as UTC or America/Los_Angeles',
      '3:1 : Map keys must be unique',
    ]);
  });

  it('refuses an invalid time zone', () => {
    expect(brief(problems(edit(SPEC_EXAMPLE, 'timezone: America/Los_Angeles', 'timezone: Pacific Time')))).toEqual([
      '2:11 timezone: unknown time zone "Pacific Time"; use an IANA name such as UTC or America/Los_Angeles',
    ]);
  });

  it('refuses two readers on one inbox and reading the bridge\'s own output', () => {
    let text = edit(SPEC_EXAMPLE, 'path: inbox/acme-catalog', 'path: inbox/acme');
    text = edit(text, 'path: inbox/fcp/shipments', 'path: outbox/fcp/orders');
    expect(brief(problems(text))).toEqual([
      '12:46 fcp.shipments.channel.path: fcp.orders.channel writes to this folder; the bridge would read its own output',
      '31:37 partners[0].catalog.channel.path: same folder as partners[0].orders.channel; each inbox needs its own folder',
    ]);
  });

  it('reports an empty file and a wrong enum value', () => {
    expect(brief(problems(''))).toEqual(['1:1 : the config file is empty']);
    expect(brief(problems(edit(SPEC_EXAMPLE, 'format: x12-846 ', 'format: x12-852 ')))).toEqual([
      '35:15 partners[0].inventory.format: must be one of: csv, xml, x12-846 (got the text "x12-852")',
    ]);
  });
});

describe('loadConfigFile', () => {
  it('reads a real file and checks referenced files on disk', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fcp-config-'));
    mkdirSync(path.join(dir, 'mappings'));
    writeFileSync(path.join(dir, 'mappings/codes.csv'), 'code,description,carrier\n');
    const file = path.join(dir, 'bridge.yaml');
    const text = `fcp:
  merchant_id: "7"
  ship_codes: mappings/codes.csv
  carriers: mappings
  orders: { format: fcp-xml, channel: { type: local, path: out } }
`;
    writeFileSync(file, text);
    const r = loadConfigFile(file);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(brief(r.problems)).toEqual([`4:13 fcp.carriers: file not found or not readable: ${dir}/mappings`]);
    writeFileSync(file, text.replace('  carriers: mappings\n', ''));
    const good = loadConfigFile(file);
    expect(good.ok && good.config.fcp.ship_codes).toBe(`${dir}/mappings/codes.csv`);
    const missing = loadConfigFile(path.join(dir, 'nope.yaml'));
    expect(!missing.ok && missing.problems[0]?.message).toMatch(/^cannot read the config file: ENOENT/);
  });
});
