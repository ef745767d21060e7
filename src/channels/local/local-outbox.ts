import { mkdirSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalChannelConfig } from '../../config/types.js';
import type { OutboundChannel } from '../../jobs/ports.js';
import { isTemporaryName, writeFileAtomic } from './atomic-write.js';

/** Output names are built by the bridge from safe parts; anything else is a bug, not data. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

export function openLocalOutbox(config: Pick<LocalChannelConfig, 'path'>): OutboundChannel {
  const dir = config.path;
  return {
    label: `local:${dir}`,

    async writeAtomic(name, content) {
      if (!SAFE_NAME.test(name)) throw new Error(`refusing unsafe output name ${JSON.stringify(name)}`);
      mkdirSync(dir, { recursive: true });
      writeFileAtomic(join(dir, name), content);
    },

    async sweepTemporaries() {
      let removed = 0;
      let names: string[];
      try { names = readdirSync(dir); } catch { return 0; }
      for (const name of names) {
        if (!isTemporaryName(name)) continue;
        try { unlinkSync(join(dir, name)); removed += 1; } catch { /* raced with another sweep */ }
      }
      return removed;
    },

    async close() { /* nothing held open */ },
  };
}
