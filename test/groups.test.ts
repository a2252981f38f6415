import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AdminAddUserToGroupCommand,
  AdminDeleteUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  CreateGroupCommand,
  CreateUserPoolCommand,
  DeleteGroupCommand,
  GetGroupCommand,
  ListGroupsCommand,
  ListUsersInGroupCommand,
  UpdateGroupCommand,
  type AdminListGroupsForUserCommandOutput,
  type ListGroupsCommandOutput,
  type ListUsersInGroupCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { usernameKey } from '../src/domain/pool.ts';
import { operations } from '../src/operations/index.ts';
import { loadPool } from '../src/pools/load.ts';
import { createUser } from '../src/users/write-user.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';
import { rejectsWith } from './support/sdk.ts';

const ROLE = 'arn:aws:iam::123456789012:role/readers';
const OTHER_ROLE = 'arn:aws:iam::123456789012:role/writers';

async function newPool(s: TestServer, settings: { UsernameAttributes?: ('email' | 'phone_number')[] } = {}): Promise<string> {
  const { UserPool } = await s.sdk.send(new CreateUserPoolCommand({ PoolName: 'groups', ...settings }));
  return UserPool!.Id!;
}

/** Users are a fixture here (AdminCreateUser is tested on its own): created through the shared user rules. */
async function newUser(s: TestServer, poolId: string, username: string, attributes: Record<string, string> = {}): Promise<string> {
  const pool = await loadPool(s.services, poolId);
  const user = await createUser(s.services, pool, { username, attributes, status: 'CONFIRMED' });
  return user.username;
}

/** Deletes a user the way a client would (AdminDeleteUser) once that operation exists; through the store until then. */
async function deleteUser(s: TestServer, poolId: string, username: string): Promise<void> {
  if (operations.has('AdminDeleteUser')) {
    await s.sdk.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: username }));
    return;
  }
  const pool = await loadPool(s.services, poolId);
  await s.services.stores.users.delete(poolId, usernameKey(pool, username), username);
}

async function groupsOf(s: TestServer, poolId: string, username: string): Promise<string[]> {
  const { Groups, NextToken } = await s.sdk.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: username }));
  assert.equal(NextToken, undefined);
  return Groups!.map((g) => g.GroupName!);
}

async function membersOf(s: TestServer, poolId: string, group: string): Promise<string[]> {
  const { Users, NextToken } = await s.sdk.send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: group }));
  assert.equal(NextToken, undefined);
  return Users!.map((u) => u.Username!);
}

describeEachBackend('groups', ({ server }) => {
  test('CreateGroup returns the GroupType and GetGroup reads it back', async () => {
    const s = server();
    const poolId = await newPool(s);
    const created = await s.sdk.send(
      new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'readers', Description: 'Can read', RoleArn: ROLE, Precedence: 3 }),
    );
    const g = created.Group!;
    assert.equal(g.GroupName, 'readers');
    assert.equal(g.UserPoolId, poolId);
    assert.equal(g.Description, 'Can read');
    assert.equal(g.RoleArn, ROLE);
    assert.equal(g.Precedence, 3);
    assert.ok(g.CreationDate instanceof Date);
    assert.ok(Math.abs(g.CreationDate.getTime() - s.clock.now()) < 60_000);
    assert.equal(g.LastModifiedDate!.getTime(), g.CreationDate.getTime());

    const { Group } = await s.sdk.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'readers' }));
    assert.deepEqual(Group, g);
  });

  test('optional members are absent when not set; Precedence 0 is kept', async () => {
    const s = server();
    const poolId = await newPool(s);
    const { Group } = await s.sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'plain' }));
    assert.equal(Group!.Description, undefined);
    assert.equal(Group!.RoleArn, undefined);
    assert.equal(Group!.Precedence, undefined);
    const zero = await s.sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'first', Precedence: 0 }));
    assert.equal(zero.Group!.Precedence, 0);
  });

  test('a group name is taken once per pool: GroupExistsException', async () => {
    const s = server();
    const poolId = await newPool(s);
    await s.sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'admins' }));
    await rejectsWith(
      s.sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'admins', Description: 'again' })),
      'GroupExistsException',
      'A group with the name already exists.',
    );
    // Names are case-sensitive, and another pool has its own namespace.
    await s.sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'Admins' }));
    const other = await newPool(s);
    await s.sdk.send(new CreateGroupCommand({ UserPoolId: other, GroupName: 'admins' }));
    const { Group } = await s.sdk.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'admins' }));
    assert.equal(Group!.Description, undefined);
  });

  test('group operations on an unknown pool are ResourceNotFoundException', async () => {
    const { sdk } = server();
    const UserPoolId = 'us-east-1_nope12345';
    const message = `User pool ${UserPoolId} does not exist.`;
    await rejectsWith(sdk.send(new CreateGroupCommand({ UserPoolId, GroupName: 'g' })), 'ResourceNotFoundException', message);
    await rejectsWith(sdk.send(new GetGroupCommand({ UserPoolId, GroupName: 'g' })), 'ResourceNotFoundException', message);
    await rejectsWith(sdk.send(new ListGroupsCommand({ UserPoolId })), 'ResourceNotFoundException', message);
    await rejectsWith(sdk.send(new UpdateGroupCommand({ UserPoolId, GroupName: 'g' })), 'ResourceNotFoundException', message);
    await rejectsWith(sdk.send(new DeleteGroupCommand({ UserPoolId, GroupName: 'g' })), 'ResourceNotFoundException', message);
    await rejectsWith(sdk.send(new ListUsersInGroupCommand({ UserPoolId, GroupName: 'g' })), 'ResourceNotFoundException', message);
    await rejectsWith(sdk.send(new AdminAddUserToGroupCommand({ UserPoolId, GroupName: 'g', Username: 'u' })), 'ResourceNotFoundException', message);
    await rejectsWith(sdk.send(new AdminRemoveUserFromGroupCommand({ UserPoolId, GroupName: 'g', Username: 'u' })), 'ResourceNotFoundException', message);
    await rejectsWith(sdk.send(new AdminListGroupsForUserCommand({ UserPoolId, Username: 'u' })), 'ResourceNotFoundException', message);
  });

  test('unknown groups are ResourceNotFoundException "Group not found."', async () => {
    const s = server();
    const poolId = await newPool(s);
    const alice = await newUser(s, poolId, 'alice');
    const cases = [
      new GetGroupCommand({ UserPoolId: poolId, GroupName: 'ghosts' }),
      new UpdateGroupCommand({ UserPoolId: poolId, GroupName: 'ghosts', Description: 'x' }),
      new DeleteGroupCommand({ UserPoolId: poolId, GroupName: 'ghosts' }),
      new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: 'ghosts' }),
      new AdminAddUserToGroupCommand({ UserPoolId: poolId, GroupName: 'ghosts', Username: alice }),
      new AdminRemoveUserFromGroupCommand({ UserPoolId: poolId, GroupName: 'ghosts', Username: alice }),
    ];
    for (const command of cases) {
      await rejectsWith(s.sdk.send(command as never), 'ResourceNotFoundException', 'Group not found.');
    }
  });

  test('unknown users are UserNotFoundException "User does not exist."', async () => {
    const s = server();
    const poolId = await newPool(s);
    await s.sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'staff' }));
    const message = 'User does not exist.';
    await rejectsWith(
      s.sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, GroupName: 'staff', Username: 'nobody' })),
      'UserNotFoundException',
      message,
    );
    await rejectsWith(
      s.sdk.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: poolId, GroupName: 'staff', Username: 'nobody' })),
      'UserNotFoundException',
      message,
    );
    await rejectsWith(s.sdk.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: 'nobody' })), 'UserNotFoundException', message);
  });

  test('member constraints are InvalidParameterException naming the member', async () => {
    const s = server();
    const poolId = await newPool(s);
    const v = (member: string, constraint: string) => `1 validation error detected: Value at '${member}' failed to satisfy constraint: ${constraint}`;
    await rejectsWith(
      s.sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'g'.repeat(129) })),
      'InvalidParameterException',
      v('groupName', 'Member must have length less than or equal to 128'),
    );
    await rejectsWith(
      s.sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'g', Description: 'd'.repeat(2049) })),
      'InvalidParameterException',
      v('description', 'Member must have length less than or equal to 2048'),
    );
    await rejectsWith(
      s.sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'g', Precedence: -1 })),
      'InvalidParameterException',
      v('precedence', 'Member must have value greater than or equal to 0'),
    );
    await rejectsWith(
      s.sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'g', RoleArn: 'not-an-arn-but-long-enough' })),
      'InvalidParameterException',
      /^1 validation error detected: Value at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:/,
    );
    await rejectsWith(
      s.sdk.send(new UpdateGroupCommand({ UserPoolId: poolId, GroupName: 'g', Precedence: 2 ** 31 })),
      'InvalidParameterException',
      v('precedence', 'Member must have value less than or equal to 2147483647'),
    );
    await rejectsWith(
      s.sdk.send(new ListGroupsCommand({ UserPoolId: poolId, Limit: 61 })),
      'InvalidParameterException',
      v('limit', 'Member must have value less than or equal to 60'),
    );
    await rejectsWith(
      s.sdk.send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: 'g', Limit: 61 })),
      'InvalidParameterException',
      v('limit', 'Member must have value less than or equal to 60'),
    );
    await rejectsWith(
      s.sdk.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: 'u', Limit: 61 })),
      'InvalidParameterException',
      v('limit', 'Member must have value less than or equal to 60'),
    );
    // Nothing was created by the refused calls.
    const { Groups } = await s.sdk.send(new ListGroupsCommand({ UserPoolId: poolId }));
    assert.deepEqual(Groups, []);
  });

  test('UpdateGroup changes the members given, keeps the others, and moves LastModifiedDate', async () => {
    const s = server();
    const poolId = await newPool(s);
    const { Group: before } = await s.sdk.send(
      new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'editors', Description: 'Edit', RoleArn: ROLE, Precedence: 5 }),
    );
    s.clock.advance(90_000);
    const { Group: updated } = await s.sdk.send(new UpdateGroupCommand({ UserPoolId: poolId, GroupName: 'editors', Description: 'Edit things' }));
    assert.equal(updated!.Description, 'Edit things');
    assert.equal(updated!.RoleArn, ROLE);
    assert.equal(updated!.Precedence, 5);
    assert.equal(updated!.CreationDate!.getTime(), before!.CreationDate!.getTime());
    assert.ok(updated!.LastModifiedDate!.getTime() >= before!.LastModifiedDate!.getTime() + 90_000);

    await s.sdk.send(new UpdateGroupCommand({ UserPoolId: poolId, GroupName: 'editors', RoleArn: OTHER_ROLE, Precedence: 0 }));
    const { Group } = await s.sdk.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'editors' }));
    assert.equal(Group!.Description, 'Edit things');
    assert.equal(Group!.RoleArn, OTHER_ROLE);
    assert.equal(Group!.Precedence, 0);
  });

  test('DeleteGroup removes the group; a second delete is "Group not found."', async () => {
    const s = server();
    const poolId = await newPool(s);
    await s.sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'temp' }));
    await s.sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'keep' }));
    const answer = await s.sdk.send(new DeleteGroupCommand({ UserPoolId: poolId, GroupName: 'temp' }));
    assert.equal(answer.$metadata.httpStatusCode, 200);
    await rejectsWith(s.sdk.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'temp' })), 'ResourceNotFoundException', 'Group not found.');
    await rejectsWith(s.sdk.send(new DeleteGroupCommand({ UserPoolId: poolId, GroupName: 'temp' })), 'ResourceNotFoundException', 'Group not found.');
    const { Groups } = await s.sdk.send(new ListGroupsCommand({ UserPoolId: poolId }));
    assert.deepEqual(
      Groups!.map((g) => g.GroupName),
      ['keep'],
    );
  });

  test('ListGroups pages with Limit and NextToken, in name order, only this pool', async () => {
    const s = server();
    const poolId = await newPool(s);
    const names = ['delta', 'alpha', 'echo', 'charlie', 'bravo'];
    for (const name of names) await s.sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: name }));
    const other = await newPool(s);
    await s.sdk.send(new CreateGroupCommand({ UserPoolId: other, GroupName: 'zulu' }));

    const all = await s.sdk.send(new ListGroupsCommand({ UserPoolId: poolId }));
    assert.deepEqual(
      all.Groups!.map((g) => g.GroupName),
      [...names].sort(),
    );
    assert.equal(all.NextToken, undefined);
    assert.equal(all.Groups![0]!.UserPoolId, poolId);

    const seen: string[] = [];
    const sizes: number[] = [];
    let token: string | undefined;
    do {
      const page: ListGroupsCommandOutput = await s.sdk.send(new ListGroupsCommand({ UserPoolId: poolId, Limit: 2, NextToken: token }));
      sizes.push(page.Groups!.length);
      seen.push(...page.Groups!.map((g) => g.GroupName!));
      token = page.NextToken;
    } while (token !== undefined);
    assert.deepEqual(sizes, [2, 2, 1]);
    assert.deepEqual(seen, [...names].sort());

    // Exactly a page's worth: no NextToken pointing at an empty page.
    const exact = await s.sdk.send(new ListGroupsCommand({ UserPoolId: other, Limit: 1 }));
    assert.deepEqual(
      exact.Groups!.map((g) => g.GroupName),
      ['zulu'],
    );
    assert.equal(exact.NextToken, undefined);

    // Limit 0 means the default page size.
    const zero = await s.sdk.send(new ListGroupsCommand({ UserPoolId: poolId, Limit: 0 }));
    assert.equal(zero.Groups!.length, names.length);
  });

  test('a garbled, tampered or foreign NextToken is InvalidParameterException', async () => {
    const s = server();
    const poolId = await newPool(s);
    for (const name of ['a', 'b', 'c']) await s.sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: name }));
    const first = await s.sdk.send(new ListGroupsCommand({ UserPoolId: poolId, Limit: 1 }));
    const token = first.NextToken!;
    assert.ok(token.length > 0);

    const flipped = token.slice(0, -2) + (token.at(-2) === 'A' ? 'B' : 'A') + token.at(-1);
    const other = await newPool(s);
    const bad = ['garbage', 'v1.', 'v1.AAAA', flipped, Buffer.from('["ListGroups","a"]').toString('base64url')];
    for (const NextToken of bad) {
      await rejectsWith(
        s.sdk.send(new ListGroupsCommand({ UserPoolId: poolId, NextToken })),
        'InvalidParameterException',
        /^Paging marker is invalid for request [0-9a-f-]{36}\.$/,
      );
    }
    // A token of another pool's listing, or of another listing, does not carry over.
    await rejectsWith(s.sdk.send(new ListGroupsCommand({ UserPoolId: other, NextToken: token })), 'InvalidParameterException');
    await newUser(s, poolId, 'ursula');
    await rejectsWith(s.sdk.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: 'ursula', NextToken: token })), 'InvalidParameterException');
    await rejectsWith(s.sdk.send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: 'a', NextToken: token })), 'InvalidParameterException');
    // The genuine token still works.
    const second = await s.sdk.send(new ListGroupsCommand({ UserPoolId: poolId, Limit: 1, NextToken: token }));
    assert.deepEqual(
      second.Groups!.map((g) => g.GroupName),
      ['b'],
    );
  });

  test('membership is listed both ways; adding twice and removing a non-member are not errors', async () => {
    const s = server();
    const poolId = await newPool(s);
    for (const name of ['writers', 'readers', 'admins']) {
      await s.sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: name, Precedence: name.length }));
    }
    const alice = await newUser(s, poolId, 'alice', { email: 'alice@example.com' });
    const bob = await newUser(s, poolId, 'bob');

    const add = await s.sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, GroupName: 'writers', Username: alice }));
    assert.equal(add.$metadata.httpStatusCode, 200);
    await s.sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, GroupName: 'readers', Username: alice }));
    await s.sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, GroupName: 'readers', Username: alice }));
    await s.sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, GroupName: 'readers', Username: bob }));

    const { Groups } = await s.sdk.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: alice }));
    assert.deepEqual(
      Groups!.map((g) => g.GroupName),
      ['readers', 'writers'],
    );
    assert.equal(Groups![0]!.Precedence, 'readers'.length);
    assert.equal(Groups![0]!.UserPoolId, poolId);
    assert.deepEqual(await groupsOf(s, poolId, bob), ['readers']);
    assert.deepEqual(await groupsOf(s, poolId, alice), ['readers', 'writers']);

    const { Users } = await s.sdk.send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: 'readers' }));
    assert.deepEqual(
      Users!.map((u) => u.Username),
      ['alice', 'bob'],
    );
    const a = Users![0]!;
    assert.equal(a.Enabled, true);
    assert.equal(a.UserStatus, 'CONFIRMED');
    assert.ok(a.UserCreateDate instanceof Date);
    assert.equal(a.Attributes!.find((x) => x.Name === 'email')!.Value, 'alice@example.com');
    assert.match(a.Attributes!.find((x) => x.Name === 'sub')!.Value!, /^[0-9a-f-]{36}$/);
    assert.deepEqual(await membersOf(s, poolId, 'writers'), ['alice']);
    assert.deepEqual(await membersOf(s, poolId, 'admins'), []);

    const removed = await s.sdk.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: poolId, GroupName: 'readers', Username: alice }));
    assert.equal(removed.$metadata.httpStatusCode, 200);
    await s.sdk.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: poolId, GroupName: 'admins', Username: alice }));
    assert.deepEqual(await groupsOf(s, poolId, alice), ['writers']);
    assert.deepEqual(await membersOf(s, poolId, 'readers'), ['bob']);
  });

  test('in a username-attribute pool, members are named by email and listed by their internal username', async () => {
    const s = server();
    const poolId = await newPool(s, { UsernameAttributes: ['email'] });
    await s.sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'team' }));
    const internal = await newUser(s, poolId, 'carol@example.com');
    assert.notEqual(internal, 'carol@example.com');
    await s.sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, GroupName: 'team', Username: 'carol@example.com' }));
    assert.deepEqual(await membersOf(s, poolId, 'team'), [internal]);
    assert.deepEqual(await groupsOf(s, poolId, 'carol@example.com'), ['team']);
    assert.deepEqual(await groupsOf(s, poolId, internal), ['team']);
    await s.sdk.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: poolId, GroupName: 'team', Username: 'carol@example.com' }));
    assert.deepEqual(await membersOf(s, poolId, 'team'), []);
  });

  test('AdminListGroupsForUser and ListUsersInGroup page with Limit and NextToken', async () => {
    const s = server();
    const poolId = await newPool(s);
    const groups = ['g1', 'g2', 'g3', 'g4', 'g5'];
    const users = ['u1', 'u2', 'u3', 'u4', 'u5'];
    for (const g of groups) await s.sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: g }));
    for (const u of users) await newUser(s, poolId, u);
    for (const g of groups) await s.sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, GroupName: g, Username: 'u1' }));
    for (const u of users) await s.sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, GroupName: 'g1', Username: u }));

    const seenGroups: string[] = [];
    const groupPages: number[] = [];
    let token: string | undefined;
    do {
      const page: AdminListGroupsForUserCommandOutput = await s.sdk.send(
        new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: 'u1', Limit: 2, NextToken: token }),
      );
      groupPages.push(page.Groups!.length);
      seenGroups.push(...page.Groups!.map((g) => g.GroupName!));
      token = page.NextToken;
    } while (token !== undefined);
    assert.deepEqual(groupPages, [2, 2, 1]);
    assert.deepEqual(seenGroups, groups);

    const seenUsers: string[] = [];
    const userPages: number[] = [];
    token = undefined;
    do {
      const page: ListUsersInGroupCommandOutput = await s.sdk.send(
        new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: 'g1', Limit: 3, NextToken: token }),
      );
      userPages.push(page.Users!.length);
      seenUsers.push(...page.Users!.map((u) => u.Username!));
      token = page.NextToken;
    } while (token !== undefined);
    assert.deepEqual(userPages, [3, 2]);
    assert.deepEqual(seenUsers, users);

    // A ListUsersInGroup token is bound to its group.
    const first = await s.sdk.send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: 'g1', Limit: 1 }));
    await rejectsWith(
      s.sdk.send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: 'g2', NextToken: first.NextToken })),
      'InvalidParameterException',
    );
  });

  test('deleting a group removes its memberships', async () => {
    const s = server();
    const poolId = await newPool(s);
    await s.sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'old' }));
    await s.sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'stay' }));
    const dan = await newUser(s, poolId, 'dan');
    await s.sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, GroupName: 'old', Username: dan }));
    await s.sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, GroupName: 'stay', Username: dan }));
    await s.sdk.send(new DeleteGroupCommand({ UserPoolId: poolId, GroupName: 'old' }));
    assert.deepEqual(await groupsOf(s, poolId, dan), ['stay']);
    // A new group of the same name starts empty.
    await s.sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'old' }));
    assert.deepEqual(await membersOf(s, poolId, 'old'), []);
    assert.deepEqual(await membersOf(s, poolId, 'stay'), ['dan']);
  });

  test('deleting a user removes its memberships', async () => {
    const s = server();
    const poolId = await newPool(s);
    await s.sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'club' }));
    const erin = await newUser(s, poolId, 'erin');
    const fay = await newUser(s, poolId, 'fay');
    await s.sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, GroupName: 'club', Username: erin }));
    await s.sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, GroupName: 'club', Username: fay }));
    await deleteUser(s, poolId, erin);
    assert.deepEqual(await membersOf(s, poolId, 'club'), ['fay']);
    // A new user of the same name does not inherit the memberships.
    await newUser(s, poolId, 'erin');
    assert.deepEqual(await groupsOf(s, poolId, 'erin'), []);
    assert.deepEqual(await membersOf(s, poolId, 'club'), ['fay']);
  });
});
