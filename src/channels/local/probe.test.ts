import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { probeLocalFolder, realProbeFs, type ProbeFs } from './probe.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const fresh = (): string => (dir = mkdtempSync(join(tmpdir(), 'fcp-probe-')));

const denied = (code: string): Error => Object.assign(new Error(code), { code });

describe('probeLocalFolder', () => {
  it('ok for a writable folder, and leaves nothing behind', () => {
    const d = fresh();
    expect(probeLocalFolder(d)).toEqual({ status: 'ok' });
    expect(readdirSync(d)).toEqual([]);
  });

  it('missing: creatable under a writable parent, not under a file', () => {
    const d = fresh();
    expect(probeLocalFolder(join(d, 'a', 'b'))).toEqual({ status: 'missing', creatable: true, blocker: null });
    writeFileSync(join(d, 'file'), 'x');
    expect(probeLocalFolder(join(d, 'file', 'sub'))).toEqual({ status: 'missing', creatable: false, blocker: `${join(d, 'file')} is a file, not a folder` });
    expect(probeLocalFolder(join(d, 'file'))).toEqual({ status: 'not-a-folder' });
  });

  it('not writable: by access() (EACCES, as a non-root user sees it) or by the test write (EROFS, ENOSPC)', () => {
    const d = fresh();
    mkdirSync(join(d, 'x'));
    const noAccess: ProbeFs = { ...realProbeFs, access: () => { throw denied('EACCES'); } };
    expect(probeLocalFolder(join(d, 'x'), noAccess)).toMatchObject({ status: 'not-writable', error: expect.stringMatching(/^EACCES for uid \d+/) });
    const readOnly: ProbeFs = { ...realProbeFs, writeAndRemove: () => { throw denied('EROFS'); } };
    expect(probeLocalFolder(join(d, 'x'), readOnly)).toEqual({ status: 'not-writable', error: 'a test file could not be written: EROFS' });
    const parentDenied: ProbeFs = { ...realProbeFs, access: () => { throw denied('EACCES'); } };
    expect(probeLocalFolder(join(d, 'x', 'new'), parentDenied)).toEqual({ status: 'missing', creatable: false, blocker: `${join(d, 'x')} is not writable (EACCES)` });
  });
});
