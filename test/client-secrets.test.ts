import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AddUserPoolClientSecretCommand,
  CreateUserPoolClientCommand,
  DeleteUserPoolClientSecretCommand,
  DescribeUserPoolClientCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  ListUserPoolClientSecretsCommand,
  RevokeTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { secretHash } from '../src/domain/secret-hash.ts';
import { createPool } from './support/fixtures.ts';
import { signInSetup } from './support/auth.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AddUserPoolClientSecret.html
// Rotation: a second secret is added, apps move to it, the first is deleted; meanwhile both work.

const CUSTOM = 'myOwnSecret_0123456789abcdefXYZ';

function signIn(server: TestServer, clientId: string, username: string, password: string, secret: string) {
  return server.sdk.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password, SECRET_HASH: secretHash(secret, username, clientId) },
    }),
  );
}

describeEachBackend('app client secrets', ({ server }) => {
  test('rotation: a second secret, both accepted (SECRET_HASH, refresh, revocation), the first deleted', async () => {
    const s = await signInSetup(server(), { secret: true, client: { RefreshTokenRotation: { Feature: 'DISABLED' } } });
    const clientId = s.client.clientId;
    const first = s.client.secrets[0]!.value;
    const sdk = server().sdk;

    const listed = await sdk.send(new ListUserPoolClientSecretsCommand({ UserPoolId: s.poolId, ClientId: clientId }));
    assert.equal(listed.ClientSecrets!.length, 1);
    const firstId = listed.ClientSecrets![0]!.ClientSecretId!;
    assert.match(firstId, new RegExp(`^${clientId}--\\d{13}$`));
    assert.equal(listed.ClientSecrets![0]!.ClientSecretValue, undefined, 'values are never listed');
    assert.ok(listed.ClientSecrets![0]!.ClientSecretCreateDate instanceof Date);
    assert.equal(listed.NextToken, undefined);

    const added = (await sdk.send(new AddUserPoolClientSecretCommand({ UserPoolId: s.poolId, ClientId: clientId }))).ClientSecretDescriptor!;
    const second = added.ClientSecretValue!;
    assert.match(second, /^[\w+]{24,64}$/);
    assert.notEqual(second, first);
    assert.match(added.ClientSecretId!, new RegExp(`^${clientId}--\\d{13}$`));
    assert.notEqual(added.ClientSecretId, firstId);
    const both = await sdk.send(new ListUserPoolClientSecretsCommand({ UserPoolId: s.poolId, ClientId: clientId }));
    assert.deepEqual(
      both.ClientSecrets!.map((c) => c.ClientSecretId),
      [firstId, added.ClientSecretId],
    );

    // A third is refused while two are active.
    await rejectsWith(sdk.send(new AddUserPoolClientSecretCommand({ UserPoolId: s.poolId, ClientId: clientId })), 'LimitExceededException', /2 client secrets/);

    // Either secret signs in and refreshes; the raw secret is checked against both too.
    const withFirst = await signIn(server(), clientId, s.username, s.password, first);
    const withSecond = await signIn(server(), clientId, s.username, s.password, second);
    assert.ok(withFirst.AuthenticationResult?.AccessToken && withSecond.AuthenticationResult?.AccessToken);
    for (const secret of [first, second]) {
      const refreshed = await sdk.send(
        new GetTokensFromRefreshTokenCommand({ ClientId: clientId, ClientSecret: secret, RefreshToken: withFirst.AuthenticationResult!.RefreshToken! }),
      );
      assert.ok(refreshed.AuthenticationResult!.AccessToken);
    }
    // The oldest active secret is the one DescribeUserPoolClient shows.
    const described = await sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: s.poolId, ClientId: clientId }));
    assert.equal(described.UserPoolClient!.ClientSecret, first);

    await sdk.send(new DeleteUserPoolClientSecretCommand({ UserPoolId: s.poolId, ClientId: clientId, ClientSecretId: firstId }));
    await rejectsWith(
      signIn(server(), clientId, s.username, s.password, first),
      'NotAuthorizedException',
      `Unable to verify secret hash for client ${clientId}`,
    );
    await rejectsWith(
      sdk.send(new RevokeTokenCommand({ ClientId: clientId, ClientSecret: first, Token: withSecond.AuthenticationResult!.RefreshToken! })),
      'UnauthorizedException',
      'Client authentication failed.',
    );
    assert.ok((await signIn(server(), clientId, s.username, s.password, second)).AuthenticationResult?.AccessToken);
    const after = await sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: s.poolId, ClientId: clientId }));
    assert.equal(after.UserPoolClient!.ClientSecret, second);

    // The last secret stays.
    await rejectsWith(
      sdk.send(new DeleteUserPoolClientSecretCommand({ UserPoolId: s.poolId, ClientId: clientId, ClientSecretId: added.ClientSecretId! })),
      'InvalidParameterException',
      `Client secret ${added.ClientSecretId} is the last secret of app client ${clientId} and cannot be deleted.`,
    );
    await rejectsWith(
      sdk.send(new DeleteUserPoolClientSecretCommand({ UserPoolId: s.poolId, ClientId: clientId, ClientSecretId: firstId })),
      'ResourceNotFoundException',
      `Client secret ${firstId} does not exist for app client ${clientId}.`,
    );
  });

  test('a secret of the caller’s choosing: accepted, not echoed back; the model’s 24..64 characters', async () => {
    const s = await signInSetup(server(), { secret: true });
    const sdk = server().sdk;
    const added = (await sdk.send(new AddUserPoolClientSecretCommand({ UserPoolId: s.poolId, ClientId: s.client.clientId, ClientSecret: CUSTOM })))
      .ClientSecretDescriptor!;
    assert.equal(added.ClientSecretValue, undefined);
    assert.ok(added.ClientSecretId);
    assert.ok((await signIn(server(), s.client.clientId, s.username, s.password, CUSTOM)).AuthenticationResult?.AccessToken);
    await rejectsWith(
      sdk.send(new AddUserPoolClientSecretCommand({ UserPoolId: s.poolId, ClientId: s.client.clientId, ClientSecret: 'short' })),
      'InvalidParameterException',
      "1 validation error detected: Value at 'clientSecret' failed to satisfy constraint: Member must have length greater than or equal to 24",
    );
  });

  test('public clients have no secrets to list or add; unknown clients and pools are not found', async () => {
    const poolId = await createPool(server());
    const sdk = server().sdk;
    const { UserPoolClient } = await sdk.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'spa' }));
    const clientId = UserPoolClient!.ClientId!;
    assert.deepEqual((await sdk.send(new ListUserPoolClientSecretsCommand({ UserPoolId: poolId, ClientId: clientId }))).ClientSecrets, []);
    await rejectsWith(
      sdk.send(new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: clientId })),
      'InvalidParameterException',
      `App client ${clientId} has no client secret: secrets can be added to confidential app clients only.`,
    );
    await rejectsWith(
      sdk.send(new ListUserPoolClientSecretsCommand({ UserPoolId: poolId, ClientId: 'nosuchclient' })),
      'ResourceNotFoundException',
      'User pool client nosuchclient does not exist.',
    );
    await rejectsWith(
      sdk.send(new AddUserPoolClientSecretCommand({ UserPoolId: 'us-east-1_nothere', ClientId: clientId })),
      'ResourceNotFoundException',
      'User pool us-east-1_nothere does not exist.',
    );
  });

  test('CreateUserPoolClient with a ClientSecret of the caller’s choosing, never with GenerateSecret too', async () => {
    const poolId = await createPool(server());
    const sdk = server().sdk;
    const { UserPoolClient } = await sdk.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'api', ClientSecret: CUSTOM }));
    assert.equal(UserPoolClient!.ClientSecret, CUSTOM);
    const listed = await sdk.send(new ListUserPoolClientSecretsCommand({ UserPoolId: poolId, ClientId: UserPoolClient!.ClientId! }));
    assert.equal(listed.ClientSecrets!.length, 1);
    await rejectsWith(
      sdk.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'api', ClientSecret: CUSTOM, GenerateSecret: true })),
      'InvalidParameterException',
      'GenerateSecret cannot be true when a ClientSecret is given.',
    );
  });
});
