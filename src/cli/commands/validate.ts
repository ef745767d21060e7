import { formatConfigProblem } from '../../config/format.js';
import { loadConfigFile } from '../../config/read.js';
import { formatMappingProblem, loadMappings } from '../../daemon/mapping-registry.js';
import { EXIT } from '../context.js';

/** `validate`: the config and every mapping file; every problem with file:line(:col); exit 0 or 2. */
export function validateCommand(file: string): number {
  const result = loadConfigFile(file);
  if (!result.ok) {
    for (const p of result.problems) process.stdout.write(`${formatConfigProblem(p)}\n`);
    process.stdout.write(`${result.problems.length} problem(s) in ${file}\n`);
    return EXIT.USAGE;
  }
  const mappings = loadMappings(result.config);
  if (!mappings.ok) {
    for (const p of mappings.problems) process.stdout.write(`${formatMappingProblem(p)}\n`);
    process.stdout.write(`${mappings.problems.length} problem(s) in mapping files\n`);
    return EXIT.USAGE;
  }
  const c = result.config;
  process.stdout.write(`ok: ${file} — ${c.partners.length} partner(s), ${mappings.set.shipCodes.codes().length} FCP ship code(s)\n`);
  return EXIT.OK;
}
