/**
 * The validated, frozen configuration (SPEC §3). Every path is absolute (resolved against the
 * config file's folder); every default is filled in. Jobs receive only the slice they need.
 */

export interface LocalChannelConfig {
  type: 'local';
  path: string;
  /** Inbound only: a file is taken when its mtime is at least this old and its size is stable. */
  stable_secs: number;
  /** Inbound only: glob on the file name (`*` and `?`), default all. */
  pattern: string | null;
  /** Inbound only: how often the folder is re-scanned besides watcher events. */
  poll_interval_secs: number;
}

export interface SftpChannelConfig {
  type: 'sftp';
  host: string;
  port: number;
  username: string;
  private_key_file: string | null;
  password_file: string | null;
  password_env: string | null;
  passphrase_file: string | null;
  passphrase_env: string | null;
  /** One or more pinned host key fingerprints, `SHA256:<base64>` as `ssh-keygen -lf` prints them. */
  host_key_sha256: string[];
  path: string;
  poll_interval_secs: number;
  stable_secs: number;
  pattern: string | null;
  /** `delete`, or `move:<remote folder>`. */
  after_download: string;
  timeout_secs: number;
}

export type ChannelConfig = LocalChannelConfig | SftpChannelConfig;

export type CsvPreset = 'standard' | 'extensiv-simple';

export interface CsvOptions {
  preset: CsvPreset;
  /** Standard field name → the partner's header text. */
  columns: Record<string, string> | null;
  delimiter: string;
  /** `auto` (ISO, MM/DD/YYYY, MM/DD/YY) or one of `YYYY-MM-DD`, `MM/DD/YYYY`, `MM/DD/YY`, `DD/MM/YYYY`, `DD.MM.YYYY`. */
  date_format: string;
}

export interface X12Config {
  our_qualifier: string;
  our_id: string;
  partner_qualifier: string;
  partner_id: string;
  version: '00401' | '00501';
  acknowledge: boolean;
  /** Where 997s go. Filled in when absent: the tracking channel, else the inventory channel (SPEC §3). */
  ack_channel: ChannelConfig | null;
  product_qualifiers: string[];
  sku_qualifier: string;
  accept_test: boolean;
}

export interface PartnerOrdersConfig {
  channel: ChannelConfig;
  format: 'csv' | 'xml' | 'x12';
  csv: CsvOptions;
  order_number_prefix: string;
  max_order_age_days: number;
  ship_methods_are_fcp_codes: boolean;
}

export interface PartnerMappingsConfig {
  items: string | null;
  skus: string | null;
  ship_methods: string | null;
}

export interface ItemFilterConfig {
  mode: 'allow' | 'deny';
  skus_file: string;
  level: 'item' | 'order';
}

export interface InventorySnapshotConfig {
  schedule: string;
  channel: ChannelConfig;
  format: 'csv' | 'xml' | 'x12-846';
  warehouse: string;
  minimum_level: number;
  bundles: 'compute' | 'one-to-one-only';
  send: 'always' | 'when-new-feed';
  max_zeroed_pct: number;
}

export interface TrackingSnapshotConfig {
  schedule: string;
  channel: ChannelConfig;
  format: 'csv' | 'xml' | 'x12-856' | 'x12-945';
}

export interface PartnerConfig {
  id: string;
  name: string;
  orders: PartnerOrdersConfig | null;
  mappings: PartnerMappingsConfig;
  item_filter: ItemFilterConfig | null;
  catalog: { channel: ChannelConfig } | null;
  inventory: InventorySnapshotConfig | null;
  tracking: TrackingSnapshotConfig | null;
  x12: X12Config | null;
}

export interface FcpConfig {
  merchant_id: string;
  ship_codes: string;
  carriers: string | null;
  orders: {
    format: 'fcp-csv' | 'fcp-xml';
    channel: ChannelConfig;
    /** Column order of fcp-csv; null = the SPEC §6 default order. */
    columns: string[] | null;
  };
  inventory: { channel: ChannelConfig } | null;
  shipments: { channel: ChannelConfig } | null;
}

export interface Config {
  /** Absolute path of the file this config came from. */
  file: string;
  data_dir: string;
  timezone: string;
  log: { level: 'error' | 'warn' | 'info' | 'debug'; file: string | null };
  limits: { max_file_bytes: number };
  retry_interval_mins: number;
  retry_max_days: number;
  fcp: FcpConfig;
  partners: PartnerConfig[];
}

/** A config problem: always names the file, the 1-based line and column, and the key path. */
export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  /** Dotted key path, e.g. `partners[0].inventory.schedule`. */
  path: string;
  message: string;
}
