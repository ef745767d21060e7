import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeWorkspace, type Workspace } from '../../test/e2e/harness.js';
import { loadConfigFile } from '../config/read.js';
import { Ledger } from '../ledger/ledger.js';
import { MappingState } from './mapping-state.js';
import * as registry from './mapping-registry.js';

vi.mock('./mapping-registry.js', { spy: true });

let ws: Workspace;
let ledger: Ledger;
afterEach(() => {
  ledger.close();
  ws.cleanup();
  vi.clearAllMocks();
});

function mappingState(): MappingState {
  ws = makeWorkspace();
  const loaded = loadConfigFile(ws.config);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  ledger = new Ledger(join(ws.dir, 'var', 'ledger.sqlite'));
  const log = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  return new MappingState(loaded.config, log, ledger, { now: () => new Date('2026-11-22T18:15:00Z') });
}

describe('MappingState.refresh', () => {
  it('reads the files again only when one of them was written', () => {
    const state = mappingState();
    state.refresh();
    const first = state.set();
    expect(first).not.toBeNull();
    // Every cycle calls refresh: unchanged files are not read or parsed again.
    state.refresh();
    state.refresh();
    expect(registry.loadMappings).toHaveBeenCalledTimes(1);
    expect(state.set()).toBe(first);

    // An edit of the same size is still seen (ctime changes on every write).
    ws.write('mappings/acme/skus.csv', 'partner_sku,fcp_sku,quantity\nGIFTSET,101BC,1\nGIFTSET,102NR/C,2\n');
    expect(state.refresh()).toBe(true);
    expect(registry.loadMappings).toHaveBeenCalledTimes(2);
    expect(state.set()?.partners.get('acme')?.skus.resolve('GIFTSET')).toEqual([{ fcpSku: '101BC', quantity: 1 }, { fcpSku: '102NR/C', quantity: 2 }]);
  });

  it('keeps the previous set on a broken edit, and does not re-read the broken file each cycle', () => {
    const state = mappingState();
    state.refresh();
    const first = state.set();
    ws.write('mappings/acme/skus.csv', 'partner_sku,fcp_sku,quantity\nGIFTSET,101BC,zero\n');
    expect(state.refresh()).toBe(false);
    expect(state.set()).toBe(first);
    expect(state.lastProblems.join('\n')).toContain("quantity 'zero' is not a whole number");
    state.refresh();
    expect(registry.loadMappings).toHaveBeenCalledTimes(2);
    expect(state.lastProblems).toHaveLength(1);
  });
});
