import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CreateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  DeleteUserPoolClientCommand,
  DescribeUserPoolClientCommand,
  ListUserPoolClientsCommand,
  UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { tokenValiditySeconds } from '../src/tokens/validity.ts';
import { createPool } from './support/fixtures.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';

async function createClient(server: TestServer, poolId: string, input: Partial<CreateUserPoolClientCommandInput> = {}) {
  const { UserPoolClient } = await server.sdk.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'web', ...input }));
  return UserPoolClient!;
}

describeEachBackend('app clients', ({ server }) => {
  test('CreateUserPoolClient without settings answers with Cognito defaults, and Describe agrees', async () => {
    const s = server();
    const poolId = await createPool(s);
    const created = await createClient(s, poolId);
    assert.match(created.ClientId!, /^[a-z0-9]{26}$/);
    assert.equal(created.UserPoolId, poolId);
    assert.equal(created.ClientName, 'web');
    assert.equal(created.ClientSecret, undefined);
    assert.deepEqual(created.ExplicitAuthFlows, ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    assert.equal(created.AccessTokenValidity, 1);
    assert.equal(created.IdTokenValidity, 1);
    assert.equal(created.RefreshTokenValidity, 30);
    assert.deepEqual(created.TokenValidityUnits, { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'days' });
    assert.equal(created.PreventUserExistenceErrors, 'LEGACY');
    assert.equal(created.EnableTokenRevocation, true);
    assert.equal(created.EnablePropagateAdditionalUserContextData, false);
    assert.equal(created.AuthSessionValidity, 3);
    assert.equal(created.RefreshTokenRotation!.Feature, 'DISABLED');
    assert.ok(created.CreationDate instanceof Date && created.LastModifiedDate instanceof Date);

    const { UserPoolClient } = await s.sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: created.ClientId! }));
    assert.deepEqual(UserPoolClient, created);

    const stored = await s.services.stores.clients.get(created.ClientId!);
    assert.deepEqual(tokenValiditySeconds(stored!), { access: 3600, id: 3600, refresh: 30 * 86400 });
  });

  test('GenerateSecret returns a ClientSecret in Create and Describe, never in List', async () => {
    const s = server();
    const poolId = await createPool(s);
    const created = await createClient(s, poolId, { GenerateSecret: true });
    assert.match(created.ClientSecret!, /^[\w+]{1,64}$/);
    const { UserPoolClient } = await s.sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: created.ClientId! }));
    assert.equal(UserPoolClient!.ClientSecret, created.ClientSecret);
    const other = await createClient(s, poolId, { GenerateSecret: true });
    assert.notEqual(other.ClientSecret, created.ClientSecret);
    const list = await s.sdk.send(new ListUserPoolClientsCommand({ UserPoolId: poolId }));
    for (const c of list.UserPoolClients!) assert.deepEqual(Object.keys(c).sort(), ['ClientId', 'ClientName', 'UserPoolId']);
  });

  test('every setting is stored and returned', async () => {
    const s = server();
    const poolId = await createPool(s, { Schema: [{ Name: 'tier', AttributeDataType: 'String', Mutable: true }] });
    const settings = {
      ClientName: 'mobile',
      AccessTokenValidity: 30,
      IdTokenValidity: 1,
      RefreshTokenValidity: 90,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'hours', RefreshToken: 'minutes' },
      ReadAttributes: ['email', 'custom:tier', 'email_verified'],
      WriteAttributes: ['email', 'custom:tier'],
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_AUTH'],
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: ['https://app.example.com/callback'],
      LogoutURLs: ['https://app.example.com/bye'],
      DefaultRedirectURI: 'https://app.example.com/callback',
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email'],
      AllowedOAuthFlowsUserPoolClient: true,
      AnalyticsConfiguration: { ApplicationId: 'app-1', UserDataShared: true },
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: false,
      EnablePropagateAdditionalUserContextData: true,
      AuthSessionValidity: 15,
      RefreshTokenRotation: { Feature: 'DISABLED', RetryGracePeriodSeconds: 30 },
    } as const;
    const created = await createClient(s, poolId, settings as unknown as CreateUserPoolClientCommandInput);
    const { UserPoolClient } = await s.sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: created.ClientId! }));
    for (const [key, value] of Object.entries(settings)) {
      assert.deepEqual((UserPoolClient as Record<string, unknown>)[key], value, key);
    }
    const stored = await s.services.stores.clients.get(created.ClientId!);
    assert.deepEqual(tokenValiditySeconds(stored!), { access: 1800, id: 3600, refresh: 5400 });
  });

  test('token validity units: defaults follow the given unit, 0 refresh means the default', async () => {
    const s = server();
    const poolId = await createPool(s);
    const c = await createClient(s, poolId, { RefreshTokenValidity: 0, TokenValidityUnits: { AccessToken: 'minutes', RefreshToken: 'hours' } });
    assert.equal(c.AccessTokenValidity, 60);
    assert.equal(c.RefreshTokenValidity, 720);
    assert.deepEqual(c.TokenValidityUnits, { AccessToken: 'minutes', IdToken: 'hours', RefreshToken: 'hours' });
    const d = await createClient(s, poolId, { AccessTokenValidity: 1, IdTokenValidity: 1, TokenValidityUnits: { AccessToken: 'days', IdToken: 'days' } });
    assert.equal(d.AccessTokenValidity, 1);
    assert.equal(d.TokenValidityUnits!.AccessToken, 'days');
  });

  test('token validity out of Cognito ranges is InvalidParameterException', async () => {
    const s = server();
    const poolId = await createPool(s);
    const bad: Partial<CreateUserPoolClientCommandInput>[] = [
      { AccessTokenValidity: 4, TokenValidityUnits: { AccessToken: 'minutes' } },
      { AccessTokenValidity: 25 },
      { IdTokenValidity: 299, TokenValidityUnits: { IdToken: 'seconds' } },
      { IdTokenValidity: 2, TokenValidityUnits: { IdToken: 'days' } },
      { RefreshTokenValidity: 59, TokenValidityUnits: { RefreshToken: 'minutes' } },
      { RefreshTokenValidity: 3651 },
    ];
    for (const input of bad) {
      await rejectsWith(createClient(s, poolId, input), 'InvalidParameterException', 'Invalid range for token validity.');
    }
    await rejectsWith(
      createClient(s, poolId, { AccessTokenValidity: 86401, TokenValidityUnits: { AccessToken: 'seconds' } }),
      'InvalidParameterException',
      "1 validation error detected: Value at 'accessTokenValidity' failed to satisfy constraint: Member must have value less than or equal to 86400",
    );
    await rejectsWith(
      createClient(s, poolId, { AccessTokenValidity: 2, RefreshTokenValidity: 60, TokenValidityUnits: { AccessToken: 'hours', RefreshToken: 'minutes' } }),
      'InvalidParameterException',
      'Access and ID token validity cannot be greater than refresh token validity.',
    );
  });

  test('ExplicitAuthFlows rules', async () => {
    const s = server();
    const poolId = await createPool(s);
    await rejectsWith(
      createClient(s, poolId, { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] }),
      'InvalidParameterException',
      'REFRESH_TOKEN_AUTH should always be allowed.',
    );
    await rejectsWith(
      createClient(s, poolId, { ExplicitAuthFlows: ['USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
      'InvalidParameterException',
      'Legacy ExplicitAuthFlows values (ADMIN_NO_SRP_AUTH, CUSTOM_AUTH_FLOW_ONLY, USER_PASSWORD_AUTH) cannot be combined with ALLOW_ values.',
    );
    await rejectsWith(
      createClient(s, poolId, { ExplicitAuthFlows: ['ALLOW_EVERYTHING' as never] }),
      'InvalidParameterException',
      /^1 validation error detected: Value at 'explicitAuthFlows.1.member' failed to satisfy constraint: Member must satisfy enum value set: \[/,
    );
    const legacy = await createClient(s, poolId, { ExplicitAuthFlows: ['ADMIN_NO_SRP_AUTH', 'USER_PASSWORD_AUTH'] });
    assert.deepEqual(legacy.ExplicitAuthFlows, ['ADMIN_NO_SRP_AUTH', 'USER_PASSWORD_AUTH']);
    const empty = await createClient(s, poolId, { ExplicitAuthFlows: [] });
    assert.deepEqual(empty.ExplicitAuthFlows, ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    // With refresh token rotation, refreshing goes through GetTokensFromRefreshToken.
    const rotating = await createClient(s, poolId, {
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 },
    });
    assert.deepEqual(rotating.RefreshTokenRotation, { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 });
  });

  test('model constraints on the other members', async () => {
    const s = server();
    const poolId = await createPool(s);
    await rejectsWith(
      createClient(s, poolId, { AuthSessionValidity: 2 }),
      'InvalidParameterException',
      "1 validation error detected: Value at 'authSessionValidity' failed to satisfy constraint: Member must have value greater than or equal to 3",
    );
    await rejectsWith(
      createClient(s, poolId, { RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 61 } }),
      'InvalidParameterException',
      "1 validation error detected: Value at 'refreshTokenRotation.retryGracePeriodSeconds' failed to satisfy constraint: Member must have value less than or equal to 60",
    );
    await rejectsWith(
      createClient(s, poolId, { PreventUserExistenceErrors: 'SOMETIMES' as never }),
      'InvalidParameterException',
      "1 validation error detected: Value at 'preventUserExistenceErrors' failed to satisfy constraint: Member must satisfy enum value set: [LEGACY, ENABLED]",
    );
    await rejectsWith(
      s.sdk.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'x'.repeat(129) })),
      'InvalidParameterException',
      "1 validation error detected: Value at 'clientName' failed to satisfy constraint: Member must have length less than or equal to 128",
    );
  });

  test('read and write attributes must exist in the pool', async () => {
    const s = server();
    const poolId = await createPool(s);
    await rejectsWith(
      createClient(s, poolId, { ReadAttributes: ['email', 'custom:nope'] }),
      'InvalidParameterException',
      'Invalid read attributes specified while creating a client',
    );
    await rejectsWith(
      createClient(s, poolId, { WriteAttributes: ['shoe_size'] }),
      'InvalidParameterException',
      'Invalid write attributes specified while creating a client',
    );
    await rejectsWith(
      createClient(s, poolId, { WriteAttributes: ['sub'] }),
      'InvalidParameterException',
      'Invalid write attributes specified while creating a client',
    );
    const c = await createClient(s, poolId);
    await rejectsWith(
      s.sdk.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: c.ClientId!, WriteAttributes: ['custom:nope'] })),
      'InvalidParameterException',
      'Invalid write attributes specified while updating a client',
    );
  });

  test('unknown pool or client is ResourceNotFoundException; a client belongs to its pool', async () => {
    const s = server();
    const poolId = await createPool(s);
    const otherPool = await createPool(s);
    const c = await createClient(s, poolId);
    const ghost = 'us-east-1_ghost1234';
    await rejectsWith(createClient(s, ghost), 'ResourceNotFoundException', `User pool ${ghost} does not exist.`);
    await rejectsWith(
      s.sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: ghost, ClientId: c.ClientId! })),
      'ResourceNotFoundException',
      `User pool ${ghost} does not exist.`,
    );
    await rejectsWith(
      s.sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: 'nosuchclient0000000000000' })),
      'ResourceNotFoundException',
      'User pool client nosuchclient0000000000000 does not exist.',
    );
    for (const command of [
      new DescribeUserPoolClientCommand({ UserPoolId: otherPool, ClientId: c.ClientId! }),
      new UpdateUserPoolClientCommand({ UserPoolId: otherPool, ClientId: c.ClientId! }),
      new DeleteUserPoolClientCommand({ UserPoolId: otherPool, ClientId: c.ClientId! }),
    ]) {
      await rejectsWith(s.sdk.send(command as never), 'ResourceNotFoundException', `User pool client ${c.ClientId} does not exist.`);
    }
    await rejectsWith(s.sdk.send(new ListUserPoolClientsCommand({ UserPoolId: ghost })), 'ResourceNotFoundException', `User pool ${ghost} does not exist.`);
    // Still there after the refused cross-pool delete.
    await s.sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: c.ClientId! }));
  });

  test('UpdateUserPoolClient replaces the settings; name and secret stay unless given', async () => {
    const s = server();
    const poolId = await createPool(s);
    const c = await createClient(s, poolId, {
      GenerateSecret: true,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
      AuthSessionValidity: 10,
      CallbackURLs: ['https://a.example.com/cb'],
    });
    const { UserPoolClient: updated } = await s.sdk.send(
      new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: c.ClientId!, AccessTokenValidity: 2 }),
    );
    assert.equal(updated!.ClientName, 'web');
    assert.equal(updated!.ClientSecret, c.ClientSecret);
    assert.equal(updated!.AccessTokenValidity, 2);
    assert.deepEqual(updated!.ExplicitAuthFlows, ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    assert.equal(updated!.PreventUserExistenceErrors, 'LEGACY');
    assert.equal(updated!.AuthSessionValidity, 3);
    assert.equal(updated!.CallbackURLs, undefined);
    assert.equal(updated!.CreationDate!.getTime(), c.CreationDate!.getTime());
    const { UserPoolClient: described } = await s.sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: c.ClientId! }));
    assert.deepEqual(described, updated);

    const { UserPoolClient: renamed } = await s.sdk.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: c.ClientId!, ClientName: 'renamed' }));
    assert.equal(renamed!.ClientName, 'renamed');
    assert.equal(renamed!.AccessTokenValidity, 1);

    await rejectsWith(
      s.sdk.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: c.ClientId!, ExplicitAuthFlows: ['ALLOW_CUSTOM_AUTH'] })),
      'InvalidParameterException',
      'REFRESH_TOKEN_AUTH should always be allowed.',
    );
    await rejectsWith(
      s.sdk.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: c.ClientId!, IdTokenValidity: 2, TokenValidityUnits: { IdToken: 'days' } })),
      'InvalidParameterException',
      'Invalid range for token validity.',
    );
  });

  test('DeleteUserPoolClient removes the client', async () => {
    const s = server();
    const poolId = await createPool(s);
    const c = await createClient(s, poolId);
    const keep = await createClient(s, poolId, { ClientName: 'keep' });
    await s.sdk.send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: c.ClientId! }));
    await rejectsWith(
      s.sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: c.ClientId! })),
      'ResourceNotFoundException',
      `User pool client ${c.ClientId} does not exist.`,
    );
    await rejectsWith(
      s.sdk.send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: c.ClientId! })),
      'ResourceNotFoundException',
      `User pool client ${c.ClientId} does not exist.`,
    );
    const list = await s.sdk.send(new ListUserPoolClientsCommand({ UserPoolId: poolId }));
    assert.deepEqual(
      list.UserPoolClients!.map((x) => x.ClientId),
      [keep.ClientId],
    );
  });

  test('ListUserPoolClients pages with MaxResults and NextToken', async () => {
    const s = server();
    const poolId = await createPool(s);
    const otherPool = await createPool(s);
    await createClient(s, otherPool, { ClientName: 'elsewhere' });
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await createClient(s, poolId, { ClientName: `c${i}` })).ClientId!);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await s.sdk.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 2, NextToken: token }));
      assert.ok(page.UserPoolClients!.length <= 2);
      for (const c of page.UserPoolClients!) {
        assert.equal(c.UserPoolId, poolId);
        assert.match(c.ClientName!, /^c[0-4]$/);
        seen.push(c.ClientId!);
      }
      token = page.NextToken;
      pages++;
    } while (token);
    assert.equal(pages, 3);
    assert.deepEqual(new Set(seen), ids);
    assert.equal(seen.length, 5);

    const first = await s.sdk.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 2 }));
    await rejectsWith(
      s.sdk.send(new ListUserPoolClientsCommand({ UserPoolId: otherPool, MaxResults: 2, NextToken: first.NextToken })),
      'InvalidParameterException',
      /^Paging marker is invalid for request /,
    );
    await rejectsWith(
      s.sdk.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 61 })),
      'InvalidParameterException',
      "1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60",
    );
    const empty = await s.sdk.send(new ListUserPoolClientsCommand({ UserPoolId: await createPool(s) }));
    assert.deepEqual(empty.UserPoolClients, []);
    assert.equal(empty.NextToken, undefined);
  });
});
