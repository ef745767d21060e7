import { readFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateEncryptedPrivateKey } from '../sftp/ssh2-server.js';
import { allFiles, acmeConfig, makeWorkspace, ORDER_HEADER, orderRow, type Workspace } from './harness.js';

let ws: Workspace;
afterEach(() => ws?.cleanup());


const CANARY = {
  passwordEnv: 'CANARY-pw-env-7f3a91c2',
  passwordFile: 'CANARY-pw-file-4be81d07',
  passphraseEnv: 'CANARY-passphrase-env-9c22e5aa',
  passphraseFile: 'CANARY-passphrase-file-1d7f0b3e',
  keyFile: 'CANARY-key-body-55aa13f9',
};

const HOST_KEY = `SHA256:${'A'.repeat(43)}`;
/** Port 1 on localhost: nothing listens, so every SFTP channel fails fast with "connection refused". */
const sftp = (auth: string, path: string): string => `{ type: sftp, host: 127.0.0.1, port: 1, username: bridge, ${auth}, host_key_sha256: "${HOST_KEY}", path: ${path}, timeout_secs: 2 }`;

function partner(id: string, auth: string): string {
  return `  - id: ${id}
    orders: { channel: ${sftp(auth, `/in/${id}`)}, format: csv }
    mappings: { ship_methods: mappings/acme/ship-methods.csv }
`;
}

describe('secrets never leak (reliability research §4.1 canary test)', () => {
  it('keeps a canary from every secret slot out of logs, the ledger, outputs, archive and quarantine', () => {
    ws = makeWorkspace(acmeConfig({ extraPartnerYaml: [
      partner('pw-env', 'password_env: FCP_BRIDGE_CANARY_PW'),
      partner('pw-file', 'password_file: secrets/password'),
      partner('key-env', 'private_key_file: secrets/key-a, passphrase_env: FCP_BRIDGE_CANARY_PASSPHRASE'),
      partner('key-file', 'private_key_file: secrets/key-b, passphrase_file: secrets/passphrase'),
      partner('bad-key', 'private_key_file: secrets/key-c'),
    ].join('') }));
    // Real encrypted keys (so each passphrase is actually used) and a garbage one holding a canary.
        for (const [name, content] of [
      ['secrets/password', `${CANARY.passwordFile}\n`], ['secrets/passphrase', `${CANARY.passphraseFile}\n`],
      ['secrets/key-a', generateEncryptedPrivateKey(CANARY.passphraseEnv)], ['secrets/key-b', generateEncryptedPrivateKey(CANARY.passphraseFile)],
      ['secrets/key-c', `-----BEGIN OPENSSH PRIVATE KEY-----\n${CANARY.keyFile}\n-----END OPENSSH PRIVATE KEY-----\n`],
    ] as const) chmodSync(ws.write(name, content), 0o600);
    ws.write('inbox/acme/good.csv', `${ORDER_HEADER}\n${orderRow('C1')}\n`);
    ws.write('inbox/acme/ragged.csv', `${ORDER_HEADER}\n${orderRow('C2')},extra\n`);
    const env = { FCP_BRIDGE_CANARY_PW: CANARY.passwordEnv, FCP_BRIDGE_CANARY_PASSPHRASE: CANARY.passphraseEnv };

    const run = ws.cli(['run', '--once'], env);
    // The SFTP partners cannot connect: a channel failure is exit 1, the local partner still ran.
    expect(run.status, run.stdout + run.stderr).toBe(1);
    expect(ws.list('outbox/fcp/orders')).toHaveLength(1);
    expect(ws.list('var/quarantine/acme')).toHaveLength(2);
    const status = ws.cli(['status', '--json'], env);
    const doctor = ws.cli(['doctor', '--json'], env);
    expect(doctor.status).toBe(1);

    const texts: [string, string][] = [
      ['run stdout', run.stdout], ['run stderr', run.stderr], ['status', status.stdout + status.stderr], ['doctor', doctor.stdout + doctor.stderr],
      ...allFiles(join(ws.dir, 'var')).map((f): [string, string] => [f, readFileSync(f).toString('latin1')]),
      ...allFiles(join(ws.dir, 'outbox')).map((f): [string, string] => [f, readFileSync(f).toString('latin1')]),
    ];
    expect(texts.some(([name]) => name.endsWith('ledger.sqlite'))).toBe(true);
    for (const [name, text] of texts) {
      for (const canary of Object.values(CANARY)) expect(text.includes(canary), `${canary} found in ${name}`).toBe(false);
    }
    // The failures are there and readable, just without the secrets: the keys were decrypted
    // (so the passphrases were used) and only the connection failed; the garbage key was refused.
    const refused = run.stdout.split('\n').filter((l) => l.includes('connection refused by 127.0.0.1:1')).join('\n');
    for (const p of ['pw-env', 'pw-file', 'key-env', 'key-file']) expect(refused).toContain(`/in/${p}`);
    expect(run.stdout).toContain('key-c cannot be used');
  });
});
