import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AdminDeleteSoftwareTokenCommand,
  AdminGetUserCommand,
  AdminListUserSessionsCommand,
  AdminRevokeUserSessionCommand,
  AdminUserGlobalSignOutCommand,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  type ExplicitAuthFlowsType,
  GetClientTokenCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListUserSessionsCommand,
  RevokeUserSessionCommand,
  SetUserPoolSessionConfigurationCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { allFlows, passwordAuth, signInSetup } from './support/auth.ts';
import { createClient, createPool } from './support/fixtures.ts';
import { mfaUser } from './support/mfa.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';

/**
 * The flow GetClientToken requires, as the API reference names it; the JavaScript SDK's
 * ExplicitAuthFlowsType does not list it yet (enums are open strings on the wire).
 */
const CLIENT_TOKEN_FLOW = 'ALLOW_CLIENT_TOKEN_AUTH' as ExplicitAuthFlowsType;

function refresh(server: TestServer, clientId: string, refreshToken: string) {
  return server.sdk.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: refreshToken } }));
}

describeEachBackend('user sessions, software tokens and client tokens', ({ server }) => {
  test('ListUserSessions: one token session per sign-in, across clients, the caller’s marked current; refreshes move LastActiveDate', async () => {
    const s = await signInSetup(server());
    const other = await createClient(server(), s.poolId, { config: { ExplicitAuthFlows: allFlows } });
    const first = (await passwordAuth(server(), s, s.username, s.password)).AuthenticationResult!;
    server().clock.advance(60_000);
    const second = (await passwordAuth(server(), { client: other }, s.username, s.password)).AuthenticationResult!;

    const listed = (await server().sdk.send(new ListUserSessionsCommand({ AccessToken: first.AccessToken! }))).Sessions!;
    assert.equal(listed.length, 2);
    const [newest, oldest] = listed;
    assert.equal(newest!.ClientId, other.clientId);
    assert.equal(oldest!.ClientId, s.client.clientId);
    assert.equal(oldest!.SessionId, `tkn${(decodeJwt(first.AccessToken!).origin_jti as string).replace(/-/g, '')}`);
    assert.deepEqual(
      listed.map((x) => [x.SessionType, x.IsCurrentSession]),
      [
        ['TOKEN', false],
        ['TOKEN', true],
      ],
    );
    assert.ok(oldest!.CreateDate! < newest!.CreateDate!);

    server().clock.advance(60_000);
    await refresh(server(), s.client.clientId, first.RefreshToken!);
    const after = (await server().sdk.send(new ListUserSessionsCommand({ AccessToken: second.AccessToken! }))).Sessions!;
    assert.equal(after[0]!.SessionId, oldest!.SessionId, 'the refreshed session is now the most recently used');
    assert.equal(after[0]!.IsCurrentSession, false);
    assert.ok(after[0]!.LastActiveDate! > oldest!.LastActiveDate!);
    assert.equal(after[0]!.CreateDate!.getTime(), oldest!.CreateDate!.getTime());

    const admin = (await server().sdk.send(new AdminListUserSessionsCommand({ UserPoolId: s.poolId, Username: s.username }))).Sessions!;
    assert.deepEqual(
      admin.map((x) => x.SessionId),
      after.map((x) => x.SessionId),
    );
    assert.ok(admin.every((x) => x.IsCurrentSession === false));
  });

  test('RevokeUserSession ends another session (its refresh and access tokens), never the caller’s own', async () => {
    const s = await signInSetup(server());
    const mine = (await passwordAuth(server(), s, s.username, s.password)).AuthenticationResult!;
    const lost = (await passwordAuth(server(), s, s.username, s.password)).AuthenticationResult!;
    const sessions = (await server().sdk.send(new ListUserSessionsCommand({ AccessToken: mine.AccessToken! }))).Sessions!;
    const current = sessions.find((x) => x.IsCurrentSession)!;
    const target = sessions.find((x) => !x.IsCurrentSession)!;

    await rejectsWith(
      server().sdk.send(new RevokeUserSessionCommand({ AccessToken: mine.AccessToken!, SessionId: current.SessionId! })),
      'InvalidParameterException',
      'The session that the access token belongs to cannot be revoked with RevokeUserSession.',
    );
    await server().sdk.send(new RevokeUserSessionCommand({ AccessToken: mine.AccessToken!, SessionId: target.SessionId!, RevokeAssociatedSessions: 'NONE' }));
    await rejectsWith(refresh(server(), s.client.clientId, lost.RefreshToken!), 'NotAuthorizedException', 'Refresh Token has been revoked');
    await rejectsWith(server().sdk.send(new GetUserCommand({ AccessToken: lost.AccessToken! })), 'NotAuthorizedException', 'Access Token has been revoked');
    assert.ok((await server().sdk.send(new GetUserCommand({ AccessToken: mine.AccessToken! }))).Username);
    assert.deepEqual(
      (await server().sdk.send(new ListUserSessionsCommand({ AccessToken: mine.AccessToken! }))).Sessions!.map((x) => x.SessionId),
      [current.SessionId],
    );
    await rejectsWith(
      server().sdk.send(new RevokeUserSessionCommand({ AccessToken: mine.AccessToken!, SessionId: target.SessionId! })),
      'ResourceNotFoundException',
      `Session ${target.SessionId} does not exist.`,
    );

    // The administrator may end any of them, the current one included.
    await server().sdk.send(
      new AdminRevokeUserSessionCommand({ UserPoolId: s.poolId, Username: s.username, SessionId: current.SessionId!, RevokeAssociatedSessions: 'LINKED' }),
    );
    await rejectsWith(server().sdk.send(new GetUserCommand({ AccessToken: mine.AccessToken! })), 'NotAuthorizedException', 'Access Token has been revoked');
    assert.deepEqual((await server().sdk.send(new AdminListUserSessionsCommand({ UserPoolId: s.poolId, Username: s.username }))).Sessions, []);
    await rejectsWith(
      server().sdk.send(new AdminListUserSessionsCommand({ UserPoolId: s.poolId, Username: 'nobody' })),
      'UserNotFoundException',
      'User does not exist.',
    );
  });

  test('a global sign-out ends every session; with session tracking on, MaxPerUser ends the least recently used', async () => {
    const s = await signInSetup(server());
    await passwordAuth(server(), s, s.username, s.password);
    await server().sdk.send(new AdminUserGlobalSignOutCommand({ UserPoolId: s.poolId, Username: s.username }));
    assert.deepEqual((await server().sdk.send(new AdminListUserSessionsCommand({ UserPoolId: s.poolId, Username: s.username }))).Sessions, []);

    await server().sdk.send(
      new SetUserPoolSessionConfigurationCommand({ UserPoolId: s.poolId, UserSessionTracking: 'ENABLED', TokenSession: { MaxPerUser: 2 } }),
    );
    const tokens = [];
    for (let i = 0; i < 3; i++) {
      server().clock.advance(1000);
      tokens.push((await passwordAuth(server(), s, s.username, s.password)).AuthenticationResult!);
    }
    const sessions = (await server().sdk.send(new AdminListUserSessionsCommand({ UserPoolId: s.poolId, Username: s.username }))).Sessions!;
    assert.equal(sessions.length, 2);
    await rejectsWith(refresh(server(), s.client.clientId, tokens[0]!.RefreshToken!), 'NotAuthorizedException', 'Refresh Token has been revoked');
    assert.ok((await refresh(server(), s.client.clientId, tokens[2]!.RefreshToken!)).AuthenticationResult!.AccessToken);
  });

  test('AdminDeleteSoftwareToken: the TOTP factor is gone, the user signs in without it and can associate a new one', async () => {
    const s = await mfaUser(server(), { mode: 'OPTIONAL', offered: ['SOFTWARE_TOKEN_MFA'], enable: ['SOFTWARE_TOKEN_MFA'], preferred: 'SOFTWARE_TOKEN_MFA' });
    const challenged = await passwordAuth(server(), s, s.username, s.password);
    assert.equal(challenged.ChallengeName, 'SOFTWARE_TOKEN_MFA');
    await server().sdk.send(new AdminDeleteSoftwareTokenCommand({ UserPoolId: s.poolId, Username: s.username }));
    const user = await server().sdk.send(new AdminGetUserCommand({ UserPoolId: s.poolId, Username: s.username }));
    assert.equal(user.PreferredMfaSetting, undefined);
    assert.deepEqual(user.UserMFASettingList ?? [], []);
    const signedIn = await passwordAuth(server(), s, s.username, s.password);
    assert.ok(signedIn.AuthenticationResult?.AccessToken, 'no MFA asked any more');
    // Again: nothing left to delete is not an error.
    await server().sdk.send(new AdminDeleteSoftwareTokenCommand({ UserPoolId: s.poolId, Username: s.username }));
    await rejectsWith(
      server().sdk.send(new AdminDeleteSoftwareTokenCommand({ UserPoolId: s.poolId, Username: 'nobody' })),
      'UserNotFoundException',
      'User does not exist.',
    );
  });

  test('GetClientToken: a machine-to-machine access token for the client’s custom scopes', async () => {
    const poolId = await createPool(server());
    const sdk = server().sdk;
    // Custom scopes name a resource server's (a client may only be given scopes that exist).
    await sdk.send(
      new CreateResourceServerCommand({
        UserPoolId: poolId,
        Identifier: 'orders',
        Name: 'Orders',
        Scopes: [
          { ScopeName: 'read', ScopeDescription: 'read orders' },
          { ScopeName: 'write', ScopeDescription: 'write orders' },
        ],
      }),
    );
    const { UserPoolClient } = await sdk.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: 'worker',
        GenerateSecret: true,
        ExplicitAuthFlows: [CLIENT_TOKEN_FLOW],
        AllowedOAuthScopes: ['orders/read', 'orders/write'],
      }),
    );
    const clientId = UserPoolClient!.ClientId!;
    const secret = UserPoolClient!.ClientSecret!;
    const all = (await sdk.send(new GetClientTokenCommand({ ClientId: clientId, Secret: secret }))).ClientAuthenticationResult!;
    assert.equal(all.TokenType, 'Bearer');
    assert.equal(all.ExpiresIn, 3600);
    const claims = decodeJwt(all.AccessToken!);
    assert.equal(claims.sub, clientId);
    assert.equal(claims.client_id, clientId);
    assert.equal(claims.token_use, 'access');
    assert.equal(claims.scope, 'orders/read orders/write');
    assert.equal(claims.iss, `${server().url}/${poolId}`);
    assert.ok(decodeProtectedHeader(all.AccessToken!).kid);

    const one = (await sdk.send(new GetClientTokenCommand({ ClientId: clientId, Secret: secret, Scopes: ['orders/read'] }))).ClientAuthenticationResult!;
    assert.equal(decodeJwt(one.AccessToken!).scope, 'orders/read');
    // Not a token for the user self-service operations.
    await rejectsWith(sdk.send(new GetUserCommand({ AccessToken: one.AccessToken! })), 'NotAuthorizedException', 'Access Token does not have required scopes.');

    await rejectsWith(
      sdk.send(new GetClientTokenCommand({ ClientId: clientId, Secret: secret, Scopes: ['orders/delete'] })),
      'InvalidParameterException',
      'Invalid scope requested: orders/delete',
    );
    await rejectsWith(
      sdk.send(new GetClientTokenCommand({ ClientId: clientId, Secret: 'wrongsecret0123456789abcdef' })),
      'NotAuthorizedException',
      `Unable to verify client secret for client ${clientId}`,
    );
    const s = await signInSetup(server(), { secret: true });
    await rejectsWith(
      sdk.send(new GetClientTokenCommand({ ClientId: s.client.clientId, Secret: s.client.secrets[0]!.value })),
      'InvalidParameterException',
      'Auth flow not enabled for this client',
    );
    await rejectsWith(
      sdk.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'mixed', ExplicitAuthFlows: [CLIENT_TOKEN_FLOW, 'ALLOW_USER_SRP_AUTH'] })),
      'InvalidParameterException',
      'ALLOW_CLIENT_TOKEN_AUTH cannot be combined with other authentication flows.',
    );
  });
});
