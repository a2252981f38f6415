import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { AdminCreateUserCommand, CognitoIdentityProviderClient, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { resolveConfig } from '../src/config/schema.ts';
import { startServer } from '../src/server.ts';

// The SQLite database (and its -wal and -shm files) hold password verifiers, sealed secrets and
// every user's attributes: like the master key, they are readable by their owner only, whatever
// the umask lets through.

const root = mkdtempSync(join(tmpdir(), 'cognate-files-'));
after(() => rmSync(root, { recursive: true, force: true }));

const mode = (path: string) => statSync(path).mode & 0o777;
const octal = (n: number) => `0${n.toString(8)}`;

async function serveAndWrite(data: string, users: string[]) {
  // No --master-secret: the key file is generated into the data folder.
  const server = await startServer(resolveConfig({ port: '0', data, 'log-level': 'silent', 'crypto-threads': '0' }, {}));
  const sdk = new CognitoIdentityProviderClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
    maxAttempts: 1,
  });
  try {
    const poolId = (await sdk.send(new CreateUserPoolCommand({ PoolName: 'files' }))).UserPool!.Id!;
    for (const Username of users) await sdk.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username, MessageAction: 'SUPPRESS' }));
    // Checked while the server runs: the -wal and -shm files exist until it closes.
    const files = ['cognate.sqlite', 'cognate.sqlite-wal', 'cognate.sqlite-shm', 'master.key'].map((f) => join(data, f));
    for (const f of files) assert.ok(existsSync(f), `${f} exists while the server runs`);
    return Object.fromEntries(files.map((f) => [f.slice(data.length + 1), octal(mode(f))]));
  } finally {
    sdk.destroy();
    await server.close();
  }
}

test('a new data folder, its database, -wal, -shm and master key are its owner’s only, even under umask 022', async () => {
  const previous = process.umask(0o022);
  try {
    const data = join(root, 'fresh', 'data');
    const modes = await serveAndWrite(data, ['alice', 'bob']);
    assert.deepEqual(modes, { 'cognate.sqlite': '0600', 'cognate.sqlite-wal': '0600', 'cognate.sqlite-shm': '0600', 'master.key': '0600' });
    assert.equal(octal(mode(data)), '0700', 'the data folder it created');
  } finally {
    process.umask(previous);
  }
});

test('a database left readable by an earlier version is narrowed to 0600 at start', async () => {
  const previous = process.umask(0o022);
  try {
    const data = join(root, 'older');
    await serveAndWrite(data, ['carol']);
    for (const f of ['cognate.sqlite', 'cognate.sqlite-wal', 'cognate.sqlite-shm']) {
      if (existsSync(join(data, f))) chmodSync(join(data, f), 0o644);
    }
    const modes = await serveAndWrite(data, ['dave']);
    assert.equal(modes['cognate.sqlite'], '0600');
    assert.equal(modes['cognate.sqlite-wal'], '0600');
    assert.equal(modes['cognate.sqlite-shm'], '0600');
  } finally {
    process.umask(previous);
  }
});
