import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolCommand,
  ListUserPoolsCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describeEachBackend } from './support/server.ts';
import { rawCall, rejectsWith } from './support/sdk.ts';

describeEachBackend('user pools', ({ server }) => {
  test('CreateUserPool then DescribeUserPool returns the settings with defaults', async () => {
    const { sdk } = server();
    const created = await sdk.send(
      new CreateUserPoolCommand({
        PoolName: 'orders',
        UsernameAttributes: ['email'],
        Policies: { PasswordPolicy: { MinimumLength: 10, RequireSymbols: false } },
        UserPoolTags: { team: 'a' },
      }),
    );
    const id = created.UserPool!.Id!;
    assert.match(id, /^us-east-1_[0-9A-Za-z]{9}$/);
    const { UserPool } = await sdk.send(new DescribeUserPoolCommand({ UserPoolId: id }));
    assert.equal(UserPool!.Name, 'orders');
    assert.deepEqual(UserPool!.UsernameAttributes, ['email']);
    assert.equal(UserPool!.Policies!.PasswordPolicy!.MinimumLength, 10);
    assert.equal(UserPool!.Policies!.PasswordPolicy!.RequireSymbols, false);
    assert.equal(UserPool!.Policies!.PasswordPolicy!.RequireUppercase, true);
    assert.equal(UserPool!.MfaConfiguration, 'OFF');
    assert.deepEqual(UserPool!.UserPoolTags, { team: 'a' });
    assert.ok(UserPool!.CreationDate instanceof Date);
  });

  test('DescribeUserPool of an unknown pool is ResourceNotFoundException', async () => {
    await rejectsWith(
      server().sdk.send(new DescribeUserPoolCommand({ UserPoolId: 'us-east-1_nope12345' })),
      'ResourceNotFoundException',
      'User pool us-east-1_nope12345 does not exist.',
    );
  });

  test('a bad member is InvalidParameterException naming it', async () => {
    await rejectsWith(
      server().sdk.send(new CreateUserPoolCommand({ PoolName: 'x', Policies: { PasswordPolicy: { MinimumLength: 3 } } })),
      'InvalidParameterException',
      "1 validation error detected: Value at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint: Member must have value greater than or equal to 6",
    );
  });
});

describeEachBackend('user pools: update, delete, list', ({ server }) => {
  test('UpdateUserPool replaces the settings it takes and keeps the creation-only ones', async () => {
    const { sdk } = server();
    const trigger = 'arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up';
    const created = await sdk.send(
      new CreateUserPoolCommand({
        PoolName: 'before',
        UsernameAttributes: ['email'],
        UsernameConfiguration: { CaseSensitive: false },
        Schema: [{ Name: 'tier', AttributeDataType: 'String', Mutable: true }],
        LambdaConfig: { PreSignUp: trigger },
        MfaConfiguration: 'OFF',
        AutoVerifiedAttributes: ['email'],
        UserPoolTags: { team: 'a' },
      }),
    );
    const id = created.UserPool!.Id!;
    const answer = await sdk.send(
      new UpdateUserPoolCommand({
        UserPoolId: id,
        PoolName: 'after',
        Policies: { PasswordPolicy: { MinimumLength: 12 } },
        DeletionProtection: 'ACTIVE',
      }),
    );
    assert.deepEqual(
      Object.keys(answer).filter((k) => k !== '$metadata'),
      [],
    );
    const { UserPool } = await sdk.send(new DescribeUserPoolCommand({ UserPoolId: id }));
    assert.equal(UserPool!.Name, 'after');
    assert.equal(UserPool!.Policies!.PasswordPolicy!.MinimumLength, 12);
    assert.equal(UserPool!.DeletionProtection, 'ACTIVE');
    // Not given: back to the defaults, as in Cognito.
    assert.deepEqual(UserPool!.LambdaConfig, {});
    assert.equal(UserPool!.AutoVerifiedAttributes, undefined);
    assert.deepEqual(UserPool!.UserPoolTags, {});
    // Creation-only: kept.
    assert.deepEqual(UserPool!.UsernameAttributes, ['email']);
    assert.deepEqual(UserPool!.UsernameConfiguration, { CaseSensitive: false });
    assert.ok(UserPool!.SchemaAttributes!.some((a) => a.Name === 'custom:tier'));
  });

  test('UpdateUserPool without PoolName keeps the name', async () => {
    const { sdk } = server();
    const { UserPool: p } = await sdk.send(new CreateUserPoolCommand({ PoolName: 'named' }));
    await sdk.send(new UpdateUserPoolCommand({ UserPoolId: p!.Id!, MfaConfiguration: 'OFF' }));
    const { UserPool } = await sdk.send(new DescribeUserPoolCommand({ UserPoolId: p!.Id! }));
    assert.equal(UserPool!.Name, 'named');
  });

  test('UpdateUserPool errors: unknown pool, bad member, creation-only member', async () => {
    const { sdk } = server();
    await rejectsWith(
      sdk.send(new UpdateUserPoolCommand({ UserPoolId: 'us-east-1_nope12345' })),
      'ResourceNotFoundException',
      'User pool us-east-1_nope12345 does not exist.',
    );
    const { UserPool: p } = await sdk.send(new CreateUserPoolCommand({ PoolName: 'x' }));
    await rejectsWith(
      sdk.send(new UpdateUserPoolCommand({ UserPoolId: p!.Id!, MfaConfiguration: 'SOMETIMES' as never })),
      'InvalidParameterException',
      "1 validation error detected: Value at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum value set: [OFF, ON, OPTIONAL]",
    );
    // UsernameAttributes is not an UpdateUserPool member: ignored, like any unknown member.
    const raw = await rawCall(server().url, 'UpdateUserPool', JSON.stringify({ UserPoolId: p!.Id!, UsernameAttributes: ['email'] }));
    assert.equal(raw.status, 200);
    const { UserPool } = await sdk.send(new DescribeUserPoolCommand({ UserPoolId: p!.Id! }));
    assert.equal(UserPool!.UsernameAttributes, undefined);
  });

  test('DeleteUserPool deletes the pool and its clients', async () => {
    const { sdk } = server();
    const { UserPool: p } = await sdk.send(new CreateUserPoolCommand({ PoolName: 'doomed' }));
    const id = p!.Id!;
    const { UserPoolClient } = await sdk.send(new CreateUserPoolClientCommand({ UserPoolId: id, ClientName: 'app' }));
    await sdk.send(new DeleteUserPoolCommand({ UserPoolId: id }));
    await rejectsWith(sdk.send(new DescribeUserPoolCommand({ UserPoolId: id })), 'ResourceNotFoundException', `User pool ${id} does not exist.`);
    assert.equal(await server().services.stores.clients.get(UserPoolClient!.ClientId!), undefined);
    await rejectsWith(sdk.send(new DeleteUserPoolCommand({ UserPoolId: id })), 'ResourceNotFoundException', `User pool ${id} does not exist.`);
  });

  test('DeleteUserPool refuses a pool with deletion protection until it is turned off', async () => {
    const { sdk } = server();
    const { UserPool: p } = await sdk.send(new CreateUserPoolCommand({ PoolName: 'kept', DeletionProtection: 'ACTIVE' }));
    const id = p!.Id!;
    await rejectsWith(
      sdk.send(new DeleteUserPoolCommand({ UserPoolId: id })),
      'InvalidParameterException',
      'The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.',
    );
    await sdk.send(new DescribeUserPoolCommand({ UserPoolId: id }));
    await sdk.send(new UpdateUserPoolCommand({ UserPoolId: id, DeletionProtection: 'INACTIVE' }));
    await sdk.send(new DeleteUserPoolCommand({ UserPoolId: id }));
    await rejectsWith(sdk.send(new DescribeUserPoolCommand({ UserPoolId: id })), 'ResourceNotFoundException');
  });

  test('ListUserPools pages through every pool with NextToken', async () => {
    const { sdk } = server();
    const mine: string[] = [];
    for (const name of ['list-a', 'list-b', 'list-c']) {
      const { UserPool } = await sdk.send(
        new CreateUserPoolCommand({ PoolName: name, LambdaConfig: { PostConfirmation: 'arn:aws:lambda:us-east-1:123456789012:function:post' } }),
      );
      mine.push(UserPool!.Id!);
    }
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await sdk.send(new ListUserPoolsCommand({ MaxResults: 2, NextToken: token }));
      assert.ok(page.UserPools!.length <= 2);
      for (const p of page.UserPools!) {
        seen.push(p.Id!);
        assert.ok(p.CreationDate instanceof Date && p.LastModifiedDate instanceof Date);
        if (mine.includes(p.Id!)) {
          assert.match(p.Name!, /^list-[abc]$/);
          assert.equal(p.LambdaConfig!.PostConfirmation, 'arn:aws:lambda:us-east-1:123456789012:function:post');
        }
      }
      token = page.NextToken;
      pages++;
    } while (token !== undefined);
    assert.equal(new Set(seen).size, seen.length, 'no pool listed twice');
    for (const id of mine) assert.ok(seen.includes(id), `${id} listed`);
    assert.equal(pages, Math.ceil(seen.length / 2));
    const all = await sdk.send(new ListUserPoolsCommand({ MaxResults: 60 }));
    assert.equal(all.NextToken, undefined);
    assert.deepEqual(
      all.UserPools!.map((p) => p.Id),
      seen,
    );
  });

  test('ListUserPools errors: MaxResults missing or out of range, bad NextToken', async () => {
    const { sdk, url } = server();
    const missing = await rawCall(url, 'ListUserPools', '{}');
    assert.equal(missing.status, 400);
    assert.equal(missing.json.__type, 'InvalidParameterException');
    assert.equal(missing.json.message, "1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must not be null");
    await rejectsWith(
      sdk.send(new ListUserPoolsCommand({ MaxResults: 0 })),
      'InvalidParameterException',
      "1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    await rejectsWith(
      sdk.send(new ListUserPoolsCommand({ MaxResults: 61 })),
      'InvalidParameterException',
      "1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60",
    );
    await rejectsWith(
      sdk.send(new ListUserPoolsCommand({ MaxResults: 5, NextToken: 'not-a-token' })),
      'InvalidParameterException',
      /^Paging marker is invalid for request /,
    );
  });
});
