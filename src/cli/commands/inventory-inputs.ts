import type { Config, PartnerConfig } from '../../config/types.js';
import { formatMappingProblem, loadMappings } from '../../daemon/mapping-registry.js';
import type { InventoryMappings } from '../../jobs/inventory-snapshot/inputs.js';
import { UsageError } from '../context.js';

/** The partner a command names, or a usage error (exit 2). */
export function partnerOrUsage(config: Config, id: string): PartnerConfig {
  const partner = config.partners.find((p) => p.id === id);
  if (partner === undefined) throw new UsageError(`unknown partner '${id}' (configured: ${config.partners.map((p) => p.id).join(', ') || 'none'})`);
  return partner;
}

/**
 * The partner's mappings read from the files now, as the daemon would load them. Listing
 * commands read the files themselves (they do not ask the daemon), so an invalid edit shows here
 * at once: every problem and its line go to stderr, and the caller exits 1 on null.
 */
export function partnerMappingsOrReport(config: Config, partner: string): InventoryMappings | null {
  const loaded = loadMappings(config);
  const mappings = loaded.ok ? loaded.set.partners.get(partner) : undefined;
  if (mappings !== undefined) return mappings;
  const problems = loaded.ok ? [`no mappings loaded for partner ${partner}`] : loaded.problems.map(formatMappingProblem);
  for (const p of problems) process.stderr.write(`${p}\n`);
  process.stderr.write('mapping files are invalid (the daemon keeps the previous version in force); run `fcp-bridge validate`\n');
  return null;
}

/** `12 min`, `3 h 5 min`, `2 d 4 h`: ages for people. */
export function describeAge(ms: number): string {
  const mins = Math.max(0, Math.floor(ms / 60_000));
  if (mins < 60) return `${mins} min`;
  const hours = Math.floor(mins / 60);
  if (hours < 48) return `${hours} h ${mins % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** Times in files and the ledger carry milliseconds; people read them without. */
export function shortTime(iso: string): string {
  return iso.replace(/\.000Z$/, 'Z');
}
