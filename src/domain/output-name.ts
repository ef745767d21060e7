/**
 * Output file names (SPEC §10): `<kind>-<partner>-<UTC yyyymmddTHHMMSSZ>-<sequence>.<ext>`.
 * Built only from our own values (kind, partner id, clock, counter); the name is stored in the
 * ledger when the output is created, so a replay after a crash rewrites the very same name.
 */
export function outputName(kind: string, partner: string, at: Date, sequence: number, ext: string): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  return `${kind}-${partner}-${stamp}-${String(sequence).padStart(6, '0')}.${ext}`;
}
