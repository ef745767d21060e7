#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { runDaemon, runOnce } from './commands/run.js';
import { ordersCommand } from './commands/orders.js';
import { orderCommand } from './commands/order.js';
import { cancelCommand, retryCommand } from './commands/retry-cancel.js';
import { statusCommand } from './commands/status.js';
import { validateCommand } from './commands/validate.js';
import { configPath, EXIT, loadConfigOrReport, UsageError } from './context.js';

const USAGE = `usage: fcp-bridge <command> [--config FILE] [--json]

commands:
  run [--once]                       the daemon (or one full cycle and exit)
  validate                           check the config and every mapping file
  status                             per partner: last files, orders by status, quarantine, errors
  orders [--partner P] [--status S]  the Received Orders list
  order P NUMBER                     one order: lines, FCP lines, files, history
  retry [P [NUMBER]]                 re-check IMPORT ERROR orders now
  cancel P NUMBER                    cancel an order (a cancellation request if the FCP has it)

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
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...args] = positionals;
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined && !values.help ? EXIT.USAGE : EXIT.OK;
  }
  const file = configPath(values.config);
  if (command === 'validate') return validateCommand(file);
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
