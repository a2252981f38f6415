import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import {
  AddUserPoolClientSecretCommand,
  AdminAddUserToGroupCommand,
  AdminGetUserCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetGroupCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { secretHash } from '../src/domain/secret-hash.ts';
import { applySeedFile } from '../src/seed/apply-seed.ts';
import { exportPool } from '../src/seed/export-seed.ts';
import { passwordAuth, signInSetup } from './support/auth.ts';
import { runCli } from './support/cli.ts';
import { mfaUser, totpCode } from './support/mfa.ts';
import { rejectsWith } from './support/sdk.ts';
import { createTestStorage, describeEachBackend, startTestServer, type TestServer } from './support/server.ts';

/**
 * `cognate export --pool ID` then `cognate import FILE` into fresh storage: the pool, its client
 * (with its secret), group and user come back with the same ids, and the user signs in with the
 * same password and the same authenticator app.
 */

const folder = mkdtempSync(join(tmpdir(), 'cognate-export-'));
after(() => rmSync(folder, { recursive: true, force: true }));
let files = 0;
function writeFile(content: string): string {
  const path = join(folder, `export-${++files}.json`);
  writeFileSync(path, content, { mode: 0o600 });
  return path;
}

const storageOf = (server: TestServer) => ({ data: server.config.data, db: server.config.db });

/** USER_PASSWORD_AUTH through a client with a secret, answering SOFTWARE_TOKEN_MFA. */
async function signInWithTotp(server: TestServer, clientId: string, clientSecret: string, username: string, password: string, totpSecret: string) {
  const hash = secretHash(clientSecret, username, clientId);
  const first = await server.sdk.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password, SECRET_HASH: hash },
    }),
  );
  assert.equal(first.ChallengeName, 'SOFTWARE_TOKEN_MFA');
  const done = await server.sdk.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: first.Session,
      ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: totpCode(server, totpSecret), SECRET_HASH: hash },
    }),
  );
  const id = done.AuthenticationResult!.IdToken!;
  return JSON.parse(Buffer.from(id.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describeEachBackend('cognate export and import', ({ server, backend }) => {
  test('a pool exported and imported into fresh storage keeps its ids, secrets, groups, passwords and TOTP', async () => {
    const src = server();
    const u = await mfaUser(src, { mode: 'OPTIONAL', offered: ['SOFTWARE_TOKEN_MFA'], enable: ['SOFTWARE_TOKEN_MFA'], preferred: 'SOFTWARE_TOKEN_MFA' });
    const { UserPoolClient } = await src.sdk.send(
      new CreateUserPoolClientCommand({
        UserPoolId: u.poolId,
        ClientName: 'confidential',
        GenerateSecret: true,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    const clientId = UserPoolClient!.ClientId!;
    const clientSecret = UserPoolClient!.ClientSecret!;
    // A second secret being rotated in: both keep working after the import.
    const added = await src.sdk.send(new AddUserPoolClientSecretCommand({ UserPoolId: u.poolId, ClientId: clientId }));
    const secondSecret = added.ClientSecretDescriptor!.ClientSecretValue!;
    await src.sdk.send(new CreateGroupCommand({ UserPoolId: u.poolId, GroupName: 'staff', Description: 'Staff', Precedence: 3 }));
    await src.sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: u.poolId, Username: u.username, GroupName: 'staff' }));
    const before = await signInWithTotp(src, clientId, clientSecret, u.username, u.password, u.secret!);

    const exported = await runCli(['export', '--pool', u.poolId], storageOf(src));
    assert.equal(exported.status, 0, exported.stderr);
    const doc = JSON.parse(exported.stdout) as { '//': string; UserPools: Array<Record<string, unknown>> };
    assert.match(doc['//'], /^SENSITIVE: /);
    assert.equal(doc.UserPools.length, 1);
    assert.equal(doc.UserPools[0]!.Id, u.poolId);
    // Never a password in clear: the server has none, only verifiers.
    assert.ok(!exported.stdout.includes(u.password));
    const file = writeFile(exported.stdout);

    const target = await createTestStorage(backend);
    try {
      const imported = await runCli(['import', file], target);
      assert.equal(imported.status, 0, imported.stderr);
      assert.match(imported.stdout, new RegExp(`^${u.poolId}: imported \\(2 clients, 1 groups, 1 users\\)$`, 'm'));

      const t = await startTestServer(backend, { storage: target });
      try {
        const after = await signInWithTotp(t, clientId, clientSecret, u.username, u.password, u.secret!);
        t.clock.advance(30_000); // the next TOTP step: a code is accepted once
        const withSecond = await signInWithTotp(t, clientId, secondSecret, u.username, u.password, u.secret!);
        assert.equal(withSecond.sub, before.sub);
        assert.equal(after.sub, before.sub);
        assert.equal(after['cognito:username'], before['cognito:username']);
        assert.deepEqual(after['cognito:groups'], ['staff']);
        assert.equal(after.aud, clientId);
        assert.equal(after.email, before.email);

        const { UserPool } = await t.sdk.send(new DescribeUserPoolCommand({ UserPoolId: u.poolId }));
        assert.equal(UserPool!.Id, u.poolId);
        assert.equal(UserPool!.MfaConfiguration, 'OPTIONAL');
        const client = (await t.sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: u.poolId, ClientId: clientId }))).UserPoolClient!;
        assert.equal(client.ClientSecret, clientSecret);
        assert.equal(client.ClientName, 'confidential');
        const group = (await t.sdk.send(new GetGroupCommand({ UserPoolId: u.poolId, GroupName: 'staff' }))).Group!;
        assert.equal(group.Description, 'Staff');
        assert.equal(group.Precedence, 3);
        const user = await t.sdk.send(new AdminGetUserCommand({ UserPoolId: u.poolId, Username: u.username }));
        assert.equal(user.UserStatus, 'CONFIRMED');
        assert.equal(user.PreferredMfaSetting, 'SOFTWARE_TOKEN_MFA');
        assert.deepEqual(user.UserMFASettingList, ['SOFTWARE_TOKEN_MFA']);

        // The old password is the only one that works.
        await rejectsWith(
          t.sdk.send(
            new InitiateAuthCommand({
              AuthFlow: 'USER_PASSWORD_AUTH',
              ClientId: clientId,
              AuthParameters: { USERNAME: u.username, PASSWORD: `${u.password}x`, SECRET_HASH: secretHash(clientSecret, u.username, clientId) },
            }),
          ),
          'NotAuthorizedException',
          'Incorrect username or password.',
        );
      } finally {
        await t.close();
      }

      // Importing the same file again changes nothing and succeeds.
      const again = await runCli(['import', file], target);
      assert.equal(again.status, 0, again.stderr);
    } finally {
      await target.dispose();
    }
  });

  test('a pool whose users sign in by email: the imported user keeps its sub (its internal username) and password', async () => {
    const src = server();
    const s = await signInSetup(src, { pool: { UsernameAttributes: ['email'] }, username: 'dora@example.com', attributes: { email_verified: 'true' } });
    const before = (await passwordAuth(src, s, s.username, s.password)).AuthenticationResult!;
    const file = writeFile(JSON.stringify(await exportPool(src.services, s.poolId)));
    const target = await createTestStorage(backend);
    try {
      const t = await startTestServer(backend, { storage: target });
      try {
        await applySeedFile(t.services, file, 'import');
        const after = (await passwordAuth(t, s, s.username, s.password)).AuthenticationResult!;
        const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));
        assert.equal(claims(after.IdToken!).sub, claims(before.IdToken!).sub);
        assert.equal(claims(after.IdToken!)['cognito:username'], claims(before.IdToken!)['cognito:username']);
        assert.equal(claims(after.IdToken!).email, 'dora@example.com');
        // Applying it again finds the user by email and changes nothing.
        const stored = await t.services.stores.users.getBySub(s.poolId, claims(after.IdToken!).sub);
        await applySeedFile(t.services, file, 'import');
        assert.deepEqual(await t.services.stores.users.getBySub(s.poolId, claims(after.IdToken!).sub), stored);
      } finally {
        await t.close();
      }
    } finally {
      await target.dispose();
    }
  });

  test('cognate migrate applies the migrations of fresh storage, names them, and then has nothing to do', async () => {
    const storage = await createTestStorage(backend);
    try {
      const first = await runCli(['migrate'], storage);
      assert.equal(first.status, 0, first.stderr);
      const lines = first.stdout.trim().split('\n');
      assert.match(lines[0]!, new RegExp(`^${backend} \\(.*\\): applied \\d+$`));
      assert.equal(lines[1], '  0001_initial');
      assert.equal(Number(/applied (\d+)/.exec(lines[0]!)![1]), lines.length - 1);
      const second = await runCli(['migrate'], storage);
      assert.equal(second.status, 0, second.stderr);
      assert.match(second.stdout, /: up to date, nothing to apply\n$/);
    } finally {
      await storage.dispose();
    }
  });

  test('the seed format refuses a password together with a verifier, and a malformed verifier', async () => {
    const poolId = 'us-east-1_Exported1';
    const base = (user: Record<string, unknown>) =>
      writeFile(JSON.stringify({ '//': 'SENSITIVE: test', UserPools: [{ Id: poolId, PoolName: 'x', Users: [user] }] }));
    await assert.rejects(
      applySeedFile(server().services, base({ Username: 'eve', Password: 'Passw0rd!!', PasswordVerifier: { Salt: 'ab', Verifier: 'cd' } }), 'import'),
      (error: Error) => /^import \S+: pool us-east-1_Exported1: user eve: give Password or PasswordVerifier, not both$/.test(error.message),
    );
    await assert.rejects(
      applySeedFile(server().services, base({ Username: 'eve', PasswordVerifier: { Salt: 'xyz', Verifier: 'cd' } }), 'import'),
      (error: Error) => /^import \S+: 1 validation error detected: Value at '.*salt' failed to satisfy constraint/i.test(error.message),
    );
  });
});
