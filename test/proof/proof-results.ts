/**
 * The proof suites report their figures to the scoreboard (`npm run proof`, src/bench/proof.ts)
 * through JSON files in $FCP_BRIDGE_PROOF_OUT. Under plain `npm test` the variable is unset and
 * nothing is written: the assertions are the test, the files only feed the scoreboard.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function recordProofResult(suite: string, result: unknown): void {
  const dir = process.env.FCP_BRIDGE_PROOF_OUT;
  if (dir === undefined || dir === '') return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${suite}.json`), `${JSON.stringify(result, null, 2)}\n`);
}
