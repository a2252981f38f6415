import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AdminGetUserCommand, AdminListGroupsForUserCommand, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { assertSameAsJs, boto3RejectsWith, describeBoto3 } from './support/boto3.ts';
import { messagesFor } from './support/fixtures.ts';

// Users and groups through boto3, compared with the JavaScript SDK tests (test/admin-users.test.ts,
// test/list-users.test.ts, test/groups.test.ts).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const attrs = (list: { Name: string; Value: string }[]) => Object.fromEntries(list.map((a) => [a.Name, a.Value]));
const list = (pairs: Record<string, string>) => Object.entries(pairs).map(([Name, Value]) => ({ Name, Value }));

describeBoto3('boto3: users and groups', ({ server, boto3 }) => {
  const newPool = async (name = 'users') => (await boto3().call('create_user_pool', { PoolName: name })).UserPool.Id as string;

  test('admin_create_user, admin_get_user (also by sub), admin_set_user_password', async () => {
    const poolId = await newPool();
    const { User } = await boto3().call('admin_create_user', {
      UserPoolId: poolId,
      Username: 'alice',
      TemporaryPassword: 'Passw0rd!',
      MessageAction: 'SUPPRESS',
      UserAttributes: list({ email: 'alice@example.com', name: 'Alice' }),
    });
    assert.equal(User.Username, 'alice');
    assert.equal(User.UserStatus, 'FORCE_CHANGE_PASSWORD');
    assert.equal(User.Enabled, true);
    const a = attrs(User.Attributes);
    assert.match(a.sub!, UUID);
    assert.equal(a.email, 'alice@example.com');
    assert.equal(a.name, 'Alice');
    assert.deepEqual(await messagesFor(server(), poolId, 'alice'), []);

    const got = await boto3().call('admin_get_user', { UserPoolId: poolId, Username: 'alice' });
    assert.equal(got.Username, 'alice');
    assert.equal(got.UserStatus, 'FORCE_CHANGE_PASSWORD');
    assert.deepEqual(attrs(got.UserAttributes), a);
    assert.equal(got.MFAOptions, undefined);
    assert.equal(got.UserMFASettingList, undefined);
    assert.equal((await boto3().call('admin_get_user', { UserPoolId: poolId, Username: a.sub })).Username, 'alice');
    const js = await server().sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }));
    assertSameAsJs(got, js, ['Username', 'UserAttributes', 'UserCreateDate', 'UserLastModifiedDate', 'Enabled', 'UserStatus']);

    const set = await boto3().call('admin_set_user_password', { UserPoolId: poolId, Username: 'alice', Password: 'N3w-passw0rd!', Permanent: true });
    assert.deepEqual(Object.keys(set), ['ResponseMetadata'], 'an empty answer');
    assert.equal((await boto3().call('admin_get_user', { UserPoolId: poolId, Username: 'alice' })).UserStatus, 'CONFIRMED');
  });

  test('list_users with a Filter, a Limit and PaginationToken (and its paginator)', async () => {
    const poolId = await newPool();
    const people: Record<string, Record<string, string>> = {
      amy: { email: 'amy@alpha.test', family_name: 'Adams' },
      anna: { email: 'anna@alpha.test', family_name: 'Bell' },
      ben: { email: 'ben@beta.test', family_name: 'Adams' },
      cleo: { email: 'cleo@beta.test', name: 'Cleo "C" Diaz' },
    };
    for (const [Username, a] of Object.entries(people)) {
      await boto3().call('admin_create_user', { UserPoolId: poolId, Username, MessageAction: 'SUPPRESS', UserAttributes: list(a) });
    }
    await boto3().call('admin_set_user_password', { UserPoolId: poolId, Username: 'ben', Password: 'Passw0rd!', Permanent: true });
    const filtered = async (Filter: string) =>
      ((await boto3().call('list_users', { UserPoolId: poolId, Filter })).Users as { Username: string }[]).map((u) => u.Username).sort();
    assert.deepEqual(await filtered('email ^= "a"'), ['amy', 'anna']);
    assert.deepEqual(await filtered('family_name = "Adams"'), ['amy', 'ben']);
    assert.deepEqual(await filtered('name = "Cleo \\"C\\" Diaz"'), ['cleo']);
    assert.deepEqual(await filtered('cognito:user_status = "CONFIRMED"'), ['ben']);
    assert.deepEqual(await filtered('username = "nobody"'), []);

    const all = await boto3().call('list_users', { UserPoolId: poolId, Filter: 'email ^= "a"' });
    const js = await server().sdk.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'email ^= "a"' }));
    assertSameAsJs(all, js, ['Users']);

    const { pages } = await boto3().python(
      `
pages = [[u['Username'] for u in page['Users']] for page in client.get_paginator('list_users').paginate(UserPoolId=pool_id, PaginationConfig={'PageSize': 3})]
result = {'pages': pages}
`,
      { pool_id: poolId },
    );
    assert.deepEqual(
      pages.map((p: string[]) => p.length),
      [3, 1],
    );
    assert.deepEqual(pages.flat().sort(), Object.keys(people));

    await boto3RejectsWith(
      boto3().call('list_users', { UserPoolId: poolId, Filter: 'email = amy@alpha.test' }),
      'InvalidParameterException',
      'Error while parsing filter.',
    );
    await boto3RejectsWith(
      boto3().call('list_users', { UserPoolId: poolId, Filter: 'locale = "en"' }),
      'InvalidParameterException',
      'Invalid search attribute: locale',
    );
  });

  test('create_group, admin_add_user_to_group, admin_list_groups_for_user', async () => {
    const poolId = await newPool('groups');
    const role = 'arn:aws:iam::123456789012:role/readers';
    const { Group } = await boto3().call('create_group', { UserPoolId: poolId, GroupName: 'readers', Description: 'Can read', RoleArn: role, Precedence: 3 });
    assert.equal(Group.GroupName, 'readers');
    assert.equal(Group.UserPoolId, poolId);
    assert.equal(Group.RoleArn, role);
    assert.equal(Group.Precedence, 3);
    assert.ok(Math.abs(Date.parse(Group.CreationDate) - server().clock.now()) < 60_000);
    await boto3().call('create_group', { UserPoolId: poolId, GroupName: 'writers', Precedence: 0 });
    await boto3().call('admin_create_user', { UserPoolId: poolId, Username: 'gus', MessageAction: 'SUPPRESS' });
    for (const GroupName of ['readers', 'writers']) {
      const out = await boto3().call('admin_add_user_to_group', { UserPoolId: poolId, Username: 'gus', GroupName });
      assert.deepEqual(Object.keys(out), ['ResponseMetadata']);
    }
    const groups = await boto3().call('admin_list_groups_for_user', { UserPoolId: poolId, Username: 'gus' });
    assert.deepEqual(groups.Groups.map((g: { GroupName: string }) => g.GroupName).sort(), ['readers', 'writers']);
    assert.equal(groups.NextToken, undefined);
    const writers = groups.Groups.find((g: { GroupName: string }) => g.GroupName === 'writers');
    assert.equal(writers.Precedence, 0, 'Precedence 0 is kept');
    assert.equal(writers.Description, undefined);
    const js = await server().sdk.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: 'gus' }));
    assertSameAsJs(groups, js, ['Groups']);

    await boto3RejectsWith(
      boto3().call('create_group', { UserPoolId: poolId, GroupName: 'readers' }),
      'GroupExistsException',
      'A group with the name already exists.',
    );
    await boto3RejectsWith(
      boto3().call('admin_add_user_to_group', { UserPoolId: poolId, Username: 'gus', GroupName: 'nosuch' }),
      'ResourceNotFoundException',
      'Group not found.',
    );
  });

  test('errors: UserNotFoundException, UsernameExistsException, InvalidPasswordException', async () => {
    const poolId = await newPool();
    await boto3RejectsWith(boto3().call('admin_get_user', { UserPoolId: poolId, Username: 'nobody' }), 'UserNotFoundException', 'User does not exist.');
    await boto3().call('admin_create_user', { UserPoolId: poolId, Username: 'dup', MessageAction: 'SUPPRESS' });
    await boto3RejectsWith(
      boto3().call('admin_create_user', { UserPoolId: poolId, Username: 'dup', MessageAction: 'SUPPRESS' }),
      'UsernameExistsException',
      'User account already exists',
    );
    await boto3RejectsWith(
      boto3().call('admin_set_user_password', { UserPoolId: poolId, Username: 'dup', Password: 'short', Permanent: true }, { validate: false }),
      'InvalidPasswordException',
      /^Password does not conform to policy: /,
    );
  });
});
