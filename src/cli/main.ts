#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { runDaemon, runOnce } from './commands/run.js';
import { ordersCommand } from './commands/orders.js';
import { orderCommand } from './commands/order.js';
import { cancelCommand, retryCommand } from './commands/retry-cancel.js';
import { statusCommand } from './commands/status.js';
import { explainCommand } from './commands/explain.js';
import { itemsCommand } from './commands/items.js';
import { productSyncCommand } from './commands/product-sync.js';
import { syncCommand } from './commands/sync.js';
import { validateCommand } from './commands/validate.js';
import { doctorCommand } from './commands/doctor.js';
import { statusWithInvalidConfig } from './commands/daemon-status.js';
import { loadConfigFile } from '../config/read.js';
import { configPath, EXIT, loadConfigOrReport, UsageError } from './context.js';

const USAGE = `usage: fcp-bridge <command> [--config FILE] [--json]

commands:
  run [--once]                       the daemon (or one full cycle and exit)
  validate                           check the config and every mapping file
  doctor [P]                         run the troubleshooting checklist; every finding with its fix
  status                             per partner: last files, orders by status, quarantine, errors
  orders [--partner P] [--status S]  the Received Orders list
  order P NUMBER                     one order: lines, FCP lines, files, history
  retry [P [NUMBER]]                 re-check IMPORT ERROR orders now
  cancel P NUMBER                    cancel an order (a cancellation request if the FCP has it)
  items P                            the item list: status, mapping, FCP match, duplicate SKUs
  product-sync P                     per SKU: inventory enabled, last sync time (or NEVER), last quantity
  explain P SKU                      why the SKU shows N in P's inventory snapshot, step by step
  sync P orders|inventory|tracking [--force]  run that job now (--force: send a snapshot the zeroed guard held back)

The config is --config, else $FCP_BRIDGE_CONFIG, else config/fcp-bridge.yaml.
Exit status: 0 fine, 1 failed, 2 bad usage or invalid config.
`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      config: { type: 'string' },
      json: { type: 'boolean', default: false },
      once: { type: 'boolean', default: false },
      partner: { type: 'string' },
      status: { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...args] = positionals;
  // `fcp-bridge explain … | head`: a reader that stops early is not a failure of the command. The
  // daemon (`run`) keeps the default, so that losing its log stream is an error systemd restarts on.
  if (command !== 'run') {
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(EXIT.OK);
    });
  }
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined && !values.help ? EXIT.USAGE : EXIT.OK;
  }
  const file = configPath(values.config);
  if (command === 'validate') return validateCommand(file);
  // Before the config is loaded: an invalid config is one of the doctor's findings, not exit 2.
  if (command === 'doctor') {
    if (args.length > 1) throw new UsageError('doctor takes [partner]');
    return doctorCommand(file, args[0], values.json);
  }
  // A refused reload leaves an invalid file behind; status still shows what the daemon runs on.
  if (command === 'status') {
    const loaded = loadConfigFile(file);
    if (!loaded.ok) return statusWithInvalidConfig(file, loaded.problems, values.json);
  }
  const config = loadConfigOrReport(file);
  if (config === null) return EXIT.USAGE;
  const need = (n: number, what: string): void => {
    if (args.length !== n) throw new UsageError(`${command} takes ${what}`);
  };
  switch (command) {
    case 'run':
      need(0, 'no arguments');
      return values.once ? runOnce(config) : runDaemon(config);
    case 'orders':
      need(0, 'no arguments (use --partner and --status)');
      return ordersCommand(config, { partner: values.partner, status: values.status, json: values.json });
    case 'order':
      need(2, 'a partner and an order number');
      return orderCommand(config, args[0] as string, args[1] as string, values.json);
    case 'status':
      return statusCommand(config, values.json);
    case 'retry':
      if (args.length > 2) throw new UsageError('retry takes [partner [order number]]');
      return retryCommand(config, args[0], args[1]);
    case 'cancel':
      need(2, 'a partner and an order number');
      return cancelCommand(config, args[0] as string, args[1] as string);
    case 'items':
      need(1, 'a partner');
      return itemsCommand(config, args[0] as string, values.json);
    case 'product-sync':
      need(1, 'a partner');
      return productSyncCommand(config, args[0] as string, values.json);
    case 'explain':
      need(2, 'a partner and a SKU');
      return explainCommand(config, args[0] as string, args[1] as string, values.json);
    case 'sync':
      need(2, 'a partner and orders, inventory or tracking');
      return syncCommand(config, args[0] as string, args[1] as string, values.force);
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    const usage = error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`fcp-bridge: ${(error as Error).message}\n${usage ? 'see fcp-bridge --help\n' : ''}`);
    process.exitCode = usage ? EXIT.USAGE : EXIT.FAILED;
  },
);
