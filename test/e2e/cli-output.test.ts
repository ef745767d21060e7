import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI } from './harness.js';

/** Runs the CLI with its stdout read by nobody: the reader has gone before the first write. */
function runWithClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stderr })));
}

describe('CLI output into a closed pipe (`fcp-bridge … | head`)', () => {
  it('stops quietly with exit 0 instead of a stack trace', async () => {
    const result = await runWithClosedStdout(['--help']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});
