import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolCommand,
  ListUsersCommand,
  type ListUsersCommandInput,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { describeEachBackend, type TestServer } from './support/server.ts';
import { rejectsWith } from './support/sdk.ts';

const people: { username: string; attributes: Record<string, string> }[] = [
  { username: 'amy', attributes: { email: 'amy@alpha.test', name: 'Amy Adams', given_name: 'Amy', family_name: 'Adams', phone_number: '+14325550001' } },
  { username: 'anna', attributes: { email: 'anna@alpha.test', name: 'Anna Bell', given_name: 'Anna', family_name: 'Bell', preferred_username: 'annab' } },
  { username: 'ben', attributes: { email: 'ben@beta.test', given_name: 'Ben', family_name: 'Adams', phone_number: '+14325550002' } },
  { username: 'cleo', attributes: { email: 'cleo@beta.test', name: 'Cleo "C" Diaz' } },
  { username: 'dora', attributes: { email: 'dora@gamma.test', family_name: 'Diaz' } },
  { username: 'ed', attributes: { phone_number: '+4420790000' } },
  { username: 'Fay', attributes: { email: 'fay@gamma.test' } },
];

const names = (users: UserType[] | undefined) => (users ?? []).map((u) => u.Username!).sort();

describeEachBackend('ListUsers', ({ server }) => {
  let poolId: string;
  const subs = new Map<string, string>();

  before(async () => {
    const s = server();
    const { UserPool } = await s.sdk.send(new CreateUserPoolCommand({ PoolName: 'list-users' }));
    poolId = UserPool!.Id!;
    for (const p of people) {
      const { User } = await s.sdk.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: p.username,
          MessageAction: 'SUPPRESS',
          UserAttributes: Object.entries(p.attributes).map(([Name, Value]) => ({ Name, Value })),
        }),
      );
      subs.set(p.username, User!.Attributes!.find((a) => a.Name === 'sub')!.Value!);
    }
    await s.sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'ben', Password: 'Passw0rd!', Permanent: true }));
    await s.sdk.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'cleo' }));
  });

  const listUsers = (input: Omit<ListUsersCommandInput, 'UserPoolId'> = {}) => server().sdk.send(new ListUsersCommand({ UserPoolId: poolId, ...input }));
  const filtered = async (Filter: string) => names((await listUsers({ Filter })).Users);

  test('without a filter, every user with the UserType members', async () => {
    const { Users, PaginationToken } = await listUsers();
    assert.deepEqual(names(Users), people.map((p) => p.username).sort());
    assert.equal(PaginationToken, undefined);
    const amy = Users!.find((u) => u.Username === 'amy')!;
    assert.equal(amy.UserStatus, 'FORCE_CHANGE_PASSWORD');
    assert.equal(amy.Enabled, true);
    assert.ok(amy.UserCreateDate instanceof Date);
    assert.ok(amy.UserLastModifiedDate instanceof Date);
    const attrs = Object.fromEntries(amy.Attributes!.map((a) => [a.Name, a.Value]));
    assert.equal(attrs.email, 'amy@alpha.test');
    assert.equal(attrs.sub, subs.get('amy'));
  });

  test('= and ^= on each searchable attribute, with or without spaces', async () => {
    assert.deepEqual(await filtered('email = "amy@alpha.test"'), ['amy']);
    assert.deepEqual(await filtered('email="amy@alpha.test"'), ['amy']);
    assert.deepEqual(await filtered('email ^= "a"'), ['amy', 'anna']);
    assert.deepEqual(await filtered('email^="d"'), ['dora']);
    assert.deepEqual(await filtered('email = "amy@alpha"'), []);
    assert.deepEqual(await filtered('username = "ben"'), ['ben']);
    assert.deepEqual(await filtered('username ^= "an"'), ['anna']);
    assert.deepEqual(await filtered('username = "fay"'), [], 'username is case-sensitive');
    assert.deepEqual(await filtered('phone_number ^= "+1432555"'), ['amy', 'ben']);
    assert.deepEqual(await filtered('phone_number = "+4420790000"'), ['ed']);
    assert.deepEqual(await filtered('name ^= "A"'), ['amy', 'anna']);
    assert.deepEqual(await filtered('given_name = "Ben"'), ['ben']);
    assert.deepEqual(await filtered('family_name = "Adams"'), ['amy', 'ben']);
    assert.deepEqual(await filtered('family_name ^= "Di"'), ['dora']);
    assert.deepEqual(await filtered('preferred_username = "annab"'), ['anna']);
    assert.deepEqual(await filtered(`sub = "${subs.get('dora')}"`), ['dora']);
    assert.deepEqual(await filtered('  email   =   "ed@nowhere"  '), []);
  });

  test('a quote inside the value is escaped with a backslash', async () => {
    assert.deepEqual(await filtered('name = "Cleo \\"C\\" Diaz"'), ['cleo']);
  });

  test('cognito:user_status (case-insensitive value) and status (Enabled / Disabled)', async () => {
    assert.deepEqual(await filtered('cognito:user_status = "CONFIRMED"'), ['ben']);
    assert.deepEqual(await filtered('cognito:user_status = "confirmed"'), ['ben']);
    assert.deepEqual(
      await filtered('cognito:user_status ^= "FORCE"'),
      people
        .map((p) => p.username)
        .filter((n) => n !== 'ben')
        .sort(),
    );
    assert.deepEqual(await filtered('status = "Disabled"'), ['cleo']);
    assert.deepEqual(
      await filtered('status = "Enabled"'),
      people
        .map((p) => p.username)
        .filter((n) => n !== 'cleo')
        .sort(),
    );
  });

  test('a malformed filter or an unsearchable attribute is InvalidParameterException', async () => {
    for (const bad of ['email', 'email = amy@alpha.test', 'email == "x"', 'email = "x" and name = "y"', '= "x"', 'email ~= "x"', 'email = "x']) {
      await rejectsWith(listUsers({ Filter: bad }), 'InvalidParameterException', 'Error while parsing filter.');
    }
    await rejectsWith(listUsers({ Filter: 'custom:tier = "gold"' }), 'InvalidParameterException', 'Invalid search attribute: custom:tier');
    await rejectsWith(listUsers({ Filter: 'locale = "en"' }), 'InvalidParameterException', 'Invalid search attribute: locale');
  });

  test('Limit pages through every user exactly once', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page: { Users?: UserType[]; PaginationToken?: string } = await listUsers({ Limit: 2, ...(token ? { PaginationToken: token } : {}) });
      assert.ok(page.Users!.length <= 2);
      seen.push(...page.Users!.map((u) => u.Username!));
      token = page.PaginationToken;
      pages++;
    } while (token !== undefined);
    assert.equal(pages, 4);
    assert.equal(seen.length, people.length);
    assert.deepEqual([...seen].sort(), people.map((p) => p.username).sort());
  });

  test('pagination keeps the filter', async () => {
    const first = await listUsers({ Filter: 'cognito:user_status = "FORCE_CHANGE_PASSWORD"', Limit: 4 });
    assert.equal(first.Users!.length, 4);
    assert.ok(first.PaginationToken);
    const second = await listUsers({ Filter: 'cognito:user_status = "FORCE_CHANGE_PASSWORD"', Limit: 4, PaginationToken: first.PaginationToken });
    assert.equal(second.Users!.length, 2);
    assert.equal(second.PaginationToken, undefined);
    assert.deepEqual(
      [...names(first.Users), ...names(second.Users)].sort(),
      people
        .map((p) => p.username)
        .filter((n) => n !== 'ben')
        .sort(),
    );
  });

  test('an exact page leaves no token behind', async () => {
    const { Users, PaginationToken } = await listUsers({ Limit: people.length });
    assert.equal(Users!.length, people.length);
    assert.equal(PaginationToken, undefined);
  });

  test('Limit 0 means the default page size; beyond 60 is refused', async () => {
    assert.equal((await listUsers({ Limit: 0 })).Users!.length, people.length);
    await rejectsWith(
      listUsers({ Limit: 61 }),
      'InvalidParameterException',
      "1 validation error detected: Value at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60",
    );
  });

  test('a token that is not ours, or from another filter, is InvalidParameterException', async () => {
    await rejectsWith(listUsers({ PaginationToken: 'garbage-token' }), 'InvalidParameterException');
    const first = await listUsers({ Limit: 2 });
    await rejectsWith(listUsers({ Limit: 2, Filter: 'email ^= "a"', PaginationToken: first.PaginationToken }), 'InvalidParameterException');
  });

  test('AttributesToGet narrows the attributes (sub always comes back)', async () => {
    const { Users } = await listUsers({ Filter: 'username = "amy"', AttributesToGet: ['email', 'given_name'] });
    const attrs = Object.fromEntries(Users![0]!.Attributes!.map((a) => [a.Name, a.Value]));
    assert.deepEqual(attrs, { sub: subs.get('amy'), email: 'amy@alpha.test', given_name: 'Amy' });
  });

  test('an unknown pool is ResourceNotFoundException', async () => {
    await rejectsWith(
      server().sdk.send(new ListUsersCommand({ UserPoolId: 'us-east-1_nope12345' })),
      'ResourceNotFoundException',
      'User pool us-east-1_nope12345 does not exist.',
    );
  });
});

describeEachBackend('ListUsers in an email-as-username pool', ({ server }) => {
  test('filters by email and returns the UUID usernames', async () => {
    const s: TestServer = server();
    const { UserPool } = await s.sdk.send(new CreateUserPoolCommand({ PoolName: 'list-email', UsernameAttributes: ['email'] }));
    const poolId = UserPool!.Id!;
    const { User } = await s.sdk.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'zoe@example.com', MessageAction: 'SUPPRESS' }));
    await s.sdk.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'yan@example.com', MessageAction: 'SUPPRESS' }));
    const { Users } = await s.sdk.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'email = "zoe@example.com"' }));
    assert.deepEqual(names(Users), [User!.Username]);
  });
});
