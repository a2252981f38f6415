import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import {
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { options } from '../src/config/schema.ts';
import { verifyPassword } from '../src/crypto/srp.ts';
import { usernameKey } from '../src/domain/pool.ts';
import { describeEachBackend, createTestStorage, startTestServer, type Backend, type TestServer } from './support/server.ts';

const POOL = 'us-east-1_Local1234';
const EMAIL_POOL = 'us-east-1_LocalMail';
const WEB = 'localwebclient0000000000001';
const API = 'localapiclient0000000000001';
const GEN = 'localgenclient0000000000001';
const SECRET = 'localsecret0123456789abcdefghijklmnopqrstuvwxyz';

const folder = mkdtempSync(join(tmpdir(), 'cognate-seed-'));
after(() => rmSync(folder, { recursive: true, force: true }));
let files = 0;

/** Writes a seed file (an object is written as JSON, a string as is) and returns its path. */
function seedFile(content: unknown): string {
  const path = join(folder, `seed-${++files}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

type Loose = Record<string, unknown>;
type LoosePool = Loose & { Clients?: Loose[]; Groups?: Loose[]; Users?: Loose[] };

function baseSeed(): { UserPools: LoosePool[] } {
  return {
    UserPools: [
      {
        Id: POOL,
        PoolName: 'local',
        Policies: { PasswordPolicy: { MinimumLength: 10, RequireSymbols: false } },
        Schema: [{ Name: 'tier', AttributeDataType: 'String', Mutable: true }],
        AutoVerifiedAttributes: ['email'],
        Clients: [
          { ClientId: WEB, ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
          {
            ClientId: API,
            ClientName: 'api',
            ClientSecret: SECRET,
            ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
            AccessTokenValidity: 15,
            TokenValidityUnits: { AccessToken: 'minutes' },
          },
          { ClientId: GEN, ClientName: 'generated', GenerateSecret: true },
        ],
        Groups: [
          { GroupName: 'admins', Description: 'Administrators', Precedence: 1 },
          { GroupName: 'staff', Precedence: 5, RoleArn: 'arn:aws:iam::123456789012:role/staff' },
        ],
        Users: [
          {
            Username: 'alice',
            Password: 'Correct-horse-1',
            Attributes: { email: 'alice@example.com', email_verified: 'true', 'custom:tier': 'gold' },
            Groups: ['admins', 'staff'],
          },
          { Username: 'bob', Password: 'Temporary-pass-2', Status: 'FORCE_CHANGE_PASSWORD' },
        ],
      },
      {
        Id: EMAIL_POOL,
        PoolName: 'by-email',
        UsernameAttributes: ['email'],
        Users: [{ Username: 'carol@example.com', Password: 'Passw0rd!!' }],
      },
    ],
  };
}

/** Every stored record the seed touches, to compare two starts. */
async function snapshot(s: TestServer) {
  const { stores } = s.services;
  const pool = (await stores.pools.get(POOL))!;
  const emailPool = (await stores.pools.get(EMAIL_POOL))!;
  const users = await stores.users.list(POOL, { limit: 60, after: undefined });
  const emailUsers = await stores.users.list(EMAIL_POOL, { limit: 60, after: undefined });
  return {
    pools: [pool, emailPool],
    clients: await Promise.all([WEB, API, GEN].map((id) => stores.clients.get(id))),
    groups: await Promise.all(['admins', 'staff'].map((g) => stores.groups.get(POOL, g))),
    users: [...users.items, ...emailUsers.items],
    memberships: await stores.groups.groupsOf(POOL, 'alice'),
  };
}

async function passwordOf(s: TestServer, poolId: string, username: string, password: string): Promise<boolean> {
  const pool = (await s.services.stores.pools.get(poolId))!;
  const user = (await s.services.stores.users.get(poolId, usernameKey(pool, username)))!;
  return verifyPassword(poolId.split('_')[1]!, user.username, password, user.password!);
}

async function startTwice(backend: Backend, first: string, second: string, between?: (s: TestServer) => Promise<void>) {
  const storage = await createTestStorage(backend);
  try {
    const one = await startTestServer(backend, { storage, flags: { config: first } });
    const before = await snapshot(one);
    await between?.(one);
    await one.close();
    const two = await startTestServer(backend, { storage, flags: { config: second } });
    return { before, two, storage };
  } catch (error) {
    await storage.dispose();
    throw error;
  }
}

describeEachBackend('seed file (--config)', ({ backend }) => {
  test('creates the declared pools, clients, groups and users', async () => {
    const storage = await createTestStorage(backend);
    const s = await startTestServer(backend, { storage, flags: { config: seedFile(baseSeed()) } });
    try {
      const { UserPool } = await s.sdk.send(new DescribeUserPoolCommand({ UserPoolId: POOL }));
      assert.equal(UserPool!.Id, POOL);
      assert.equal(UserPool!.Name, 'local');
      assert.equal(UserPool!.Policies!.PasswordPolicy!.MinimumLength, 10);
      assert.equal(UserPool!.Policies!.PasswordPolicy!.RequireSymbols, false);
      assert.deepEqual(UserPool!.AutoVerifiedAttributes, ['email']);
      assert.ok(UserPool!.SchemaAttributes!.some((a) => a.Name === 'custom:tier'));

      const web = (await s.sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: POOL, ClientId: WEB }))).UserPoolClient!;
      assert.equal(web.ClientName, 'web');
      assert.equal(web.ClientSecret, undefined);
      assert.deepEqual(web.ExplicitAuthFlows, ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
      const api = (await s.sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: POOL, ClientId: API }))).UserPoolClient!;
      assert.equal(api.ClientSecret, SECRET);
      assert.equal(api.AccessTokenValidity, 15);
      assert.equal(api.TokenValidityUnits!.AccessToken, 'minutes');
      assert.equal(api.AuthSessionValidity, 3);
      const gen = (await s.sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: POOL, ClientId: GEN }))).UserPoolClient!;
      assert.match(gen.ClientSecret!, /^[\w+]{20,64}$/);

      const admins = (await s.sdk.send(new GetGroupCommand({ UserPoolId: POOL, GroupName: 'admins' }))).Group!;
      assert.equal(admins.Description, 'Administrators');
      assert.equal(admins.Precedence, 1);
      const staff = (await s.sdk.send(new GetGroupCommand({ UserPoolId: POOL, GroupName: 'staff' }))).Group!;
      assert.equal(staff.RoleArn, 'arn:aws:iam::123456789012:role/staff');

      const alice = await s.sdk.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: 'alice' }));
      assert.equal(alice.UserStatus, 'CONFIRMED');
      const attrs = Object.fromEntries(alice.UserAttributes!.map((a) => [a.Name, a.Value]));
      assert.equal(attrs.email, 'alice@example.com');
      assert.equal(attrs.email_verified, 'true');
      assert.equal(attrs['custom:tier'], 'gold');
      assert.match(attrs.sub!, /^[0-9a-f-]{36}$/);
      const groups = await s.sdk.send(new AdminListGroupsForUserCommand({ UserPoolId: POOL, Username: 'alice' }));
      assert.deepEqual(groups.Groups!.map((g) => g.GroupName).sort(), ['admins', 'staff']);
      assert.equal(await passwordOf(s, POOL, 'alice', 'Correct-horse-1'), true);
      assert.equal(await passwordOf(s, POOL, 'alice', 'Correct-horse-2'), false);

      const bob = await s.sdk.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: 'bob' }));
      assert.equal(bob.UserStatus, 'FORCE_CHANGE_PASSWORD');

      // Username-attribute pool: the email is an alias of a sub-shaped username.
      const carol = await s.sdk.send(new AdminGetUserCommand({ UserPoolId: EMAIL_POOL, Username: 'carol@example.com' }));
      assert.match(carol.Username!, /^[0-9a-f-]{36}$/);
      assert.equal(carol.UserStatus, 'CONFIRMED');
    } finally {
      await s.close();
      await storage.dispose();
    }
  });

  test('starting again with the same file changes nothing', async () => {
    const file = seedFile(baseSeed());
    const { before, two, storage } = await startTwice(backend, file, file);
    try {
      assert.deepEqual(await snapshot(two), before);
    } finally {
      await two.close();
      await storage.dispose();
    }
  });

  test('a setting changed in the file is changed at the next start', async () => {
    const changed = baseSeed();
    const pool = changed.UserPools[0]!;
    Object.assign(pool, { PoolName: 'renamed', MfaConfiguration: 'OFF', Policies: { PasswordPolicy: { MinimumLength: 12 } } });
    delete pool.AutoVerifiedAttributes;
    const [clients, groups, users] = [pool.Clients!, pool.Groups!, pool.Users!];
    clients[0] = { ...clients[0], ClientName: 'web2', AuthSessionValidity: 10 };
    clients[1] = { ...clients[1], ClientSecret: 'othersecret0123456789abcdef' };
    groups[0] = { ...groups[0], Description: 'Admins, renamed' };
    users[0] = { ...users[0], Password: 'Another-horse-9', Attributes: { 'custom:tier': 'silver' }, Groups: ['staff'] };
    users[1] = { ...users[1], Status: 'CONFIRMED' };
    const { before, two: s, storage } = await startTwice(backend, seedFile(baseSeed()), seedFile(changed));
    try {
      const { UserPool } = await s.sdk.send(new DescribeUserPoolCommand({ UserPoolId: POOL }));
      assert.equal(UserPool!.Name, 'renamed');
      assert.equal(UserPool!.Policies!.PasswordPolicy!.MinimumLength, 12);
      assert.equal(UserPool!.AutoVerifiedAttributes, undefined, 'a setting removed from the file is reset');
      assert.equal(UserPool!.CreationDate!.getTime(), before.pools[0]!.createdAt - (before.pools[0]!.createdAt % 1000));

      const web = (await s.sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: POOL, ClientId: WEB }))).UserPoolClient!;
      assert.equal(web.ClientName, 'web2');
      assert.equal(web.AuthSessionValidity, 10);
      assert.deepEqual(web.ExplicitAuthFlows, ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
      const api = (await s.sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: POOL, ClientId: API }))).UserPoolClient!;
      assert.equal(api.ClientSecret, 'othersecret0123456789abcdef');
      const gen = (await s.sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: POOL, ClientId: GEN }))).UserPoolClient!;
      assert.equal(gen.ClientSecret, before.clients[2]!.secrets[0]!.value, 'a generated secret is kept');

      const admins = (await s.sdk.send(new GetGroupCommand({ UserPoolId: POOL, GroupName: 'admins' }))).Group!;
      assert.equal(admins.Description, 'Admins, renamed');

      const alice = await s.sdk.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: 'alice' }));
      const attrs = Object.fromEntries(alice.UserAttributes!.map((a) => [a.Name, a.Value]));
      assert.equal(attrs['custom:tier'], 'silver');
      assert.equal(attrs.email, 'alice@example.com', 'attributes not in the file are kept');
      assert.equal(await passwordOf(s, POOL, 'alice', 'Another-horse-9'), true);
      const groups = await s.sdk.send(new AdminListGroupsForUserCommand({ UserPoolId: POOL, Username: 'alice' }));
      assert.deepEqual(
        groups.Groups!.map((g) => g.GroupName),
        ['staff'],
      );
      const bob = await s.sdk.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: 'bob' }));
      assert.equal(bob.UserStatus, 'CONFIRMED');
    } finally {
      await s.close();
      await storage.dispose();
    }
  });

  test('a bad file stops the start with one line naming the file and the fault', async () => {
    const cases: [unknown, RegExp][] = [
      ['{ "UserPools": [', /: not valid JSON: /],
      [{ Pools: [] }, /Value at 'userPools' failed to satisfy constraint: Member must not be null/],
      [
        { UserPools: [{ Id: 'local', PoolName: 'x' }] },
        /Value at 'userPools\.1\.member\.id' failed to satisfy constraint: Member must satisfy regular expression pattern/,
      ],
      [
        { UserPools: [{ Id: 'eu-west-1_Local1234', PoolName: 'x' }] },
        /pool eu-west-1_Local1234: the pool id's region eu-west-1 is not the server's region us-east-1 \(--region\)$/,
      ],
      [{ UserPools: [{ Id: POOL, PoolName: 'x', UsernameAtributes: ['email'] }] }, /userPools\.1\.member.*UsernameAtributes/],
      [
        {
          UserPools: [
            { Id: POOL, PoolName: 'x' },
            { Id: POOL, PoolName: 'y' },
          ],
        },
        /: pool us-east-1_Local1234 is declared twice$/,
      ],
      [
        { UserPools: [{ Id: POOL, PoolName: 'x', Users: [{ Username: 'dan', Password: 'Passw0rd!!', Groups: ['nope'] }] }] },
        /: pool us-east-1_Local1234: user dan: group nope does not exist \(declare it under Groups\)$/,
      ],
      [
        { UserPools: [{ Id: POOL, PoolName: 'x', Users: [{ Username: 'dan', Password: 'short' }] }] },
        /: pool us-east-1_Local1234: user dan: InvalidPasswordException: Password does not conform to policy: Password not long enough$/,
      ],
      [
        { UserPools: [{ Id: POOL, PoolName: 'x', Users: [{ Username: 'dan', Attributes: { shoe: '42' } }] }] },
        /: pool us-east-1_Local1234: user dan: InvalidParameterException: Attributes did not conform to the schema: shoe: Attribute does not exist in the schema\.$/,
      ],
      [
        { UserPools: [{ Id: POOL, PoolName: 'x', Clients: [{ ClientId: WEB, ClientName: 'w', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] }] }] },
        /: pool us-east-1_Local1234: client localwebclient0000000000001: InvalidParameterException: REFRESH_TOKEN_AUTH should always be allowed\.$/,
      ],
    ];
    for (const [content, expected] of cases) {
      const path = seedFile(content);
      await assert.rejects(startTestServer(backend, { flags: { config: path } }), (error: Error) => {
        assert.ok(error.message.startsWith(`--config ${path}: `), error.message);
        assert.match(error.message, expected);
        assert.ok(!error.message.includes('\n'), 'one line');
        return true;
      });
    }
    await assert.rejects(startTestServer(backend, { flags: { config: join(folder, 'missing.json') } }), {
      message: `--config ${join(folder, 'missing.json')}: file not found`,
    });
  });

  test('a creation-only setting cannot change once the pool exists', async () => {
    const changed = baseSeed();
    changed.UserPools[0] = { ...changed.UserPools[0], UsernameAttributes: ['email'] };
    const storage = await createTestStorage(backend);
    try {
      const one = await startTestServer(backend, { storage, flags: { config: seedFile(baseSeed()) } });
      await one.close();
      const path = seedFile(changed);
      await assert.rejects(startTestServer(backend, { storage, flags: { config: path } }), {
        message: `--config ${path}: pool ${POOL}: UsernameAttributes cannot be changed once the pool exists (delete the pool, or the data, to change it)`,
      });
    } finally {
      await storage.dispose();
    }
  });
});

test('a trigger whose function cannot run here is named at start, with the reason', async () => {
  const fn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
  const functions = mkdtempSync(join(tmpdir(), 'cognate-fns-'));
  writeFileSync(join(functions, 'present.mjs'), 'export const handler = async (event) => event;\n');
  const path = seedFile({
    UserPools: [{ Id: POOL, PoolName: 'triggers', LambdaConfig: { PreSignUp: fn('present'), PostConfirmation: fn('absent') } }],
  });
  const s = await startTestServer('sqlite', { captureLog: true, flags: { config: path, functions, 'log-level': 'warn' } });
  try {
    const warnings = s.log.filter((l) => l.level === 40).map((l) => l.msg);
    assert.deepEqual(warnings, [
      `pool ${POOL}: its PostConfirmation trigger cannot run here: neither absent.mjs nor absent.js is in the --functions folder, and no --lambda-endpoint is configured`,
    ]);
  } finally {
    await s.close();
    rmSync(functions, { recursive: true, force: true });
  }
});

test('cognate serve exits non-zero with one line for a bad seed file', () => {
  const data = mkdtempSync(join(tmpdir(), 'cognate-cli-'));
  try {
    const path = seedFile({ UserPools: [{ Id: 'bad id', PoolName: 'x' }] });
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'serve', '--port', '0', '--data', data, '--log-level', 'silent', '--config', path],
      { cwd: fileURLToPath(new URL('..', import.meta.url)), encoding: 'utf8', timeout: 60_000 },
    );
    assert.notEqual(run.status, 0);
    const lines = run.stderr.trim().split('\n');
    assert.equal(lines.length, 1, run.stderr);
    assert.match(lines[0]!, new RegExp(`^cognate: --config ${path}: 1 validation error detected: Value at 'userPools\\.1\\.member\\.id'`));
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});

test('docs/configuration.md lists every flag, and its seed example applies', async () => {
  const docs = readFileSync(fileURLToPath(new URL('../docs/configuration.md', import.meta.url)), 'utf8');
  for (const o of options) {
    const row = docs.split('\n').find((line) => line.startsWith(`| \`--${o.flag}`));
    assert.ok(row, `--${o.flag} is documented`);
    assert.ok(row.includes(`\`${o.env}\``), `${o.env} is documented`);
    if (o.default !== undefined) assert.ok(row.includes(`\`${o.default}\``), `the default of --${o.flag} is documented`);
  }
  const example = /## Seed file \(--config\)[\s\S]*?```json\n([\s\S]*?)```/.exec(docs)![1]!;
  const s = await startTestServer('sqlite', { flags: { config: seedFile(example) } });
  try {
    const alice = await s.sdk.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: 'alice@example.com' }));
    assert.equal(alice.UserStatus, 'CONFIRMED');
  } finally {
    await s.close();
  }
});
