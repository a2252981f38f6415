import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AdminUserGlobalSignOutCommand,
  ChangePasswordCommand,
  DeleteUserAttributesCommand,
  DeleteUserCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  RevokeTokenCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt, SignJWT } from 'jose';
import { verifyPassword } from '../src/crypto/srp.ts';
import { poolName } from '../src/domain/pool.ts';
import type { AppClient, ClientConfig, User, UserPool } from '../src/domain/types.ts';
import { createUser } from '../src/users/write-user.ts';
import { issueTokens } from '../src/tokens/issue.ts';
import { poolKeys } from '../src/tokens/keys.ts';
import { createClient, createPool, lastCode, messagesFor } from './support/fixtures.ts';
import { rawCall, rejectsWith } from './support/sdk.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';

const PASSWORD = 'Passw0rd!';

interface Setup {
  pool: UserPool;
  client: AppClient;
  user: User;
}

let counter = 0;

async function setup(
  server: TestServer,
  options: { pool?: Record<string, unknown>; client?: ClientConfig; secret?: boolean; attributes?: Record<string, string> } = {},
): Promise<Setup> {
  const poolId = await createPool(server, options.pool ?? {});
  const pool = (await server.services.stores.pools.get(poolId))!;
  const client = await createClient(server, poolId, {
    secret: options.secret,
    config: {
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AuthSessionValidity: 3,
      EnableTokenRevocation: true,
      ...options.client,
    },
  });
  const user = await createUser(server.services, pool, {
    username: `user${++counter}`,
    status: 'CONFIRMED',
    password: PASSWORD,
    attributes: options.attributes ?? { email: 'jane@example.com', email_verified: 'true', given_name: 'Jane', family_name: 'Doe' },
  });
  return { pool, client, user };
}

async function addUser(server: TestServer, s: Setup, attributes: Record<string, string>): Promise<Setup> {
  const user = await createUser(server.services, s.pool, { username: `user${++counter}`, status: 'CONFIRMED', password: PASSWORD, attributes });
  return { ...s, user };
}

/** Signs in in-process (the engine is tested elsewhere); the user is re-read so the record is fresh. */
async function signIn(server: TestServer, s: Setup, deviceKey?: string) {
  const user = (await server.services.stores.users.get(s.pool.id, s.user.username))!;
  return issueTokens(server.services, { pool: s.pool, client: s.client, user, authTime: server.clock.now(), refreshToken: true, deviceKey });
}

const reload = async (server: TestServer, s: Setup) => (await server.services.stores.users.get(s.pool.id, s.user.username))!;

const attrs = (list: { Name?: string; Value?: string }[] | undefined) => Object.fromEntries((list ?? []).map((a) => [a.Name, a.Value]));

describeEachBackend('token-authorised operations: access token checks', ({ server }) => {
  const getUser = (token: string) => server().sdk.send(new GetUserCommand({ AccessToken: token }));

  test('GetUser returns the username and the readable attributes, sub first', async () => {
    const s = await setup(server(), { client: { ReadAttributes: ['email', 'email_verified', 'given_name'] } });
    const tokens = await signIn(server(), s);
    const out = await getUser(tokens.AccessToken);
    assert.equal(out.Username, s.user.username);
    assert.equal(out.UserAttributes![0]!.Name, 'sub');
    assert.deepEqual(attrs(out.UserAttributes), { sub: s.user.sub, email: 'jane@example.com', email_verified: 'true', given_name: 'Jane' });
    assert.equal(out.MFAOptions, undefined);
    assert.equal(out.PreferredMfaSetting, undefined);
    assert.equal(out.UserMFASettingList, undefined);
  });

  test('GetUser reports MFA settings when set', async () => {
    const s = await setup(server());
    const user = await reload(server(), s);
    user.mfa = { smsOptions: true, smsEnabled: true, totpEnabled: true, preferred: 'SOFTWARE_TOKEN_MFA' };
    user.attributes.phone_number = '+14325551212';
    await server().services.stores.users.update(user, user.username);
    const out = await getUser((await signIn(server(), s)).AccessToken);
    assert.deepEqual(out.MFAOptions, [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }]);
    assert.equal(out.PreferredMfaSetting, 'SOFTWARE_TOKEN_MFA');
    assert.deepEqual(out.UserMFASettingList, ['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);
    assert.equal(attrs(out.UserAttributes).family_name, 'Doe');
  });

  test('an expired access token', async () => {
    const s = await setup(server(), { client: { AccessTokenValidity: 10, TokenValidityUnits: { AccessToken: 'minutes' } } });
    const tokens = await signIn(server(), s);
    server().clock.advance(9 * 60_000);
    await getUser(tokens.AccessToken);
    server().clock.advance(61_000);
    await rejectsWith(getUser(tokens.AccessToken), 'NotAuthorizedException', 'Access Token has expired');
  });

  test('garbage, forged, the ID token, another pool, a foreign scope: Invalid Access Token', async () => {
    const s = await setup(server());
    const other = await setup(server());
    const tokens = await signIn(server(), s);
    const [h, p, sig] = tokens.AccessToken.split('.') as [string, string, string];
    const flipped = sig.slice(0, 100) + (sig[100] === 'A' ? 'B' : 'A') + sig.slice(101);
    const claims = decodeJwt(tokens.AccessToken);
    const foreignKeys = await poolKeys(server().services, other.pool.id);
    const ownKeys = await poolKeys(server().services, s.pool.id);
    const sign = (payload: Record<string, unknown>, key: typeof ownKeys.access) =>
      new SignJWT(payload).setProtectedHeader({ kid: key.kid, alg: 'RS256' }).sign(key.privateKey);
    const bad = [
      'garbage',
      'a.b.c',
      `${h}.${p}`,
      `${h}.${p}.${flipped}`,
      // A payload changed under the original signature.
      `${h}.${Buffer.from(JSON.stringify({ ...claims, username: other.user.username })).toString('base64url')}.${sig}`,
      tokens.IdToken!,
      // Signed with the other pool's key, claiming this pool.
      await sign(claims, foreignKeys.access),
      // Signed with this pool's ID-token key.
      await sign(claims, ownKeys.id),
      // An issuer that is not this server's.
      await sign({ ...claims, iss: `https://example.com/${s.pool.id}` }, ownKeys.access),
    ];
    for (const token of bad) await rejectsWith(getUser(token), 'NotAuthorizedException', 'Invalid Access Token');
    // This pool's access key, but not the sign-in scope (an OAuth token granted other scopes only).
    const unscoped = await sign({ ...claims, scope: 'openid email' }, ownKeys.access);
    await rejectsWith(getUser(unscoped), 'NotAuthorizedException', 'Access Token does not have required scopes.');
    // The other pool's own tokens work for that pool's user.
    const out = await getUser((await signIn(server(), other)).AccessToken);
    assert.equal(out.Username, other.user.username);
  });

  test('bad AccessToken members never give a 500', async () => {
    for (const body of [{ AccessToken: 'x.y.z' }, { AccessToken: `${Buffer.from('{"alg":"RS256","kid":"k"}').toString('base64url')}.e30.AA` }, {}]) {
      const res = await rawCall(server().url, 'GetUser', JSON.stringify(body));
      assert.equal(res.status, 400);
      assert.ok(['NotAuthorizedException', 'InvalidParameterException'].includes(res.json.__type), res.text);
    }
  });

  test('revoked: tokens issued before the user was signed out everywhere', async () => {
    const s = await setup(server());
    const tokens = await signIn(server(), s);
    server().clock.advance(1000);
    const user = await reload(server(), s);
    user.tokensValidAfter = server().clock.now();
    await server().services.stores.users.update(user, user.username);
    await rejectsWith(getUser(tokens.AccessToken), 'NotAuthorizedException', 'Access Token has been revoked');
    // A sign-in right after works at once.
    assert.equal((await getUser((await signIn(server(), s)).AccessToken)).Username, s.user.username);
  });

  test('a disabled user, a user needing a reset, a deleted user', async () => {
    const s = await setup(server());
    const tokens = await signIn(server(), s);
    const user = await reload(server(), s);
    user.enabled = false;
    await server().services.stores.users.update(user, user.username);
    await rejectsWith(getUser(tokens.AccessToken), 'NotAuthorizedException', 'User is disabled.');
    user.enabled = true;
    user.status = 'RESET_REQUIRED';
    await server().services.stores.users.update(user, user.username);
    await rejectsWith(getUser(tokens.AccessToken), 'PasswordResetRequiredException', 'Password reset required for the user');
    await server().services.stores.users.delete(s.pool.id, user.username, user.username);
    await rejectsWith(getUser(tokens.AccessToken), 'UserNotFoundException', 'User does not exist.');
    // A new user with the same name is not the token's user.
    await createUser(server().services, s.pool, { username: s.user.username, status: 'CONFIRMED', attributes: {} });
    await rejectsWith(getUser(tokens.AccessToken), 'UserNotFoundException', 'User does not exist.');
  });
});

describeEachBackend('token-authorised operations: refresh, revocation, sign-out', ({ server }) => {
  const getUser = (token: string) => server().sdk.send(new GetUserCommand({ AccessToken: token }));
  const refresh = (s: Setup, token: string, extra: { ClientSecret?: string; DeviceKey?: string } = {}) =>
    server().sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: s.client.clientId, RefreshToken: token, ...extra }));

  test('GetTokensFromRefreshToken: new tokens, same auth_time and origin_jti, no refresh token', async () => {
    const s = await setup(server());
    const tokens = await signIn(server(), s);
    server().clock.advance(60_000);
    const { AuthenticationResult: r } = await refresh(s, tokens.RefreshToken!);
    assert.equal(r!.RefreshToken, undefined);
    assert.equal(r!.TokenType, 'Bearer');
    assert.equal(r!.ExpiresIn, 3600);
    assert.equal(decodeJwt(r!.AccessToken!).auth_time, decodeJwt(tokens.AccessToken).auth_time);
    assert.equal(decodeJwt(r!.IdToken!).origin_jti, decodeJwt(tokens.IdToken!).origin_jti);
    assert.equal((await getUser(r!.AccessToken!)).Username, s.user.username);
  });

  test('GetTokensFromRefreshToken: bad token, unknown client, client secret', async () => {
    const s = await setup(server(), { secret: true });
    const tokens = await signIn(server(), s);
    await rejectsWith(
      refresh(s, tokens.RefreshToken!),
      'NotAuthorizedException',
      `Client ${s.client.clientId} is configured with secret but ClientSecret was not received`,
    );
    await rejectsWith(
      refresh(s, tokens.RefreshToken!, { ClientSecret: 'wrongsecret0123456789abcdef' }),
      'NotAuthorizedException',
      `Unable to verify client secret for client ${s.client.clientId}`,
    );
    const ok = await refresh(s, tokens.RefreshToken!, { ClientSecret: s.client.secrets[0]!.value });
    assert.ok(ok.AuthenticationResult!.AccessToken);
    await rejectsWith(refresh(s, 'bm90LWEtdG9rZW4', { ClientSecret: s.client.secrets[0]!.value }), 'NotAuthorizedException', 'Invalid Refresh Token.');
    await rejectsWith(
      server().sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: 'nosuchclient', RefreshToken: tokens.RefreshToken! })),
      'ResourceNotFoundException',
      'User pool client nosuchclient does not exist.',
    );
  });

  test('GetTokensFromRefreshToken: rotation and device binding', async () => {
    const s = await setup(server(), { client: { RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 } } });
    const deviceKey = 'us-east-1_aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
    const tokens = await signIn(server(), s, deviceKey);
    await rejectsWith(refresh(s, tokens.RefreshToken!), 'NotAuthorizedException', 'Invalid Refresh Token.');
    const { AuthenticationResult: r } = await refresh(s, tokens.RefreshToken!, { DeviceKey: deviceKey });
    assert.ok(r!.RefreshToken);
    assert.equal(decodeJwt(r!.AccessToken!).device_key, deviceKey);
    await rejectsWith(refresh(s, tokens.RefreshToken!, { DeviceKey: deviceKey }), 'RefreshTokenReuseException');
    const { AuthenticationResult: r2 } = await refresh(s, r!.RefreshToken!, { DeviceKey: deviceKey });
    assert.ok(r2!.RefreshToken);
  });

  test('RevokeToken ends one sign-in: its refresh token and its access tokens', async () => {
    const s = await setup(server());
    const a = await signIn(server(), s);
    const b = await signIn(server(), s);
    const { AuthenticationResult: aRefreshed } = await refresh(s, a.RefreshToken!);
    await server().sdk.send(new RevokeTokenCommand({ ClientId: s.client.clientId, Token: a.RefreshToken! }));
    await rejectsWith(refresh(s, a.RefreshToken!), 'NotAuthorizedException', 'Refresh Token has been revoked');
    await rejectsWith(getUser(a.AccessToken), 'NotAuthorizedException', 'Access Token has been revoked');
    await rejectsWith(getUser(aRefreshed!.AccessToken!), 'NotAuthorizedException', 'Access Token has been revoked');
    // The other sign-in is untouched.
    assert.equal((await getUser(b.AccessToken)).Username, s.user.username);
    await refresh(s, b.RefreshToken!);
    // Revoking again, or an unknown token, is not an error.
    await server().sdk.send(new RevokeTokenCommand({ ClientId: s.client.clientId, Token: a.RefreshToken! }));
    await server().sdk.send(new RevokeTokenCommand({ ClientId: s.client.clientId, Token: 'bm90LWEtdG9rZW4' }));
  });

  test('RevokeToken failures', async () => {
    const s = await setup(server(), { secret: true });
    const tokens = await signIn(server(), s);
    const revoke = (input: { Token: string; ClientId?: string; ClientSecret?: string }) =>
      server().sdk.send(new RevokeTokenCommand({ ClientId: s.client.clientId, ...input }));
    await rejectsWith(revoke({ Token: tokens.RefreshToken! }), 'UnauthorizedException', 'Client authentication failed.');
    await rejectsWith(
      revoke({ Token: tokens.RefreshToken!, ClientSecret: 'wrongsecret0123456789abcdef' }),
      'UnauthorizedException',
      'Client authentication failed.',
    );
    await rejectsWith(revoke({ Token: tokens.RefreshToken!, ClientId: 'nosuchclient' }), 'UnauthorizedException', 'Client authentication failed.');
    await rejectsWith(
      revoke({ Token: tokens.AccessToken, ClientSecret: s.client.secrets[0]!.value }),
      'UnsupportedTokenTypeException',
      'Only refresh tokens can be revoked.',
    );
    // A refresh token of another client of the pool.
    const other = await createClient(server(), s.pool.id, { config: { EnableTokenRevocation: true } });
    await rejectsWith(
      server().sdk.send(new RevokeTokenCommand({ ClientId: other.clientId, Token: tokens.RefreshToken! })),
      'UnauthorizedException',
      'Client authentication failed.',
    );
    await refresh(s, tokens.RefreshToken!, { ClientSecret: s.client.secrets[0]!.value });
    // Revocation turned off on the client.
    const off = await setup(server(), { client: { EnableTokenRevocation: false } });
    const offTokens = await signIn(server(), off);
    await rejectsWith(
      server().sdk.send(new RevokeTokenCommand({ ClientId: off.client.clientId, Token: offTokens.RefreshToken! })),
      'UnsupportedOperationException',
      'Token revocation is not enabled for this app client.',
    );
  });

  test('GlobalSignOut revokes every session of the user, not later ones', async () => {
    const s = await setup(server());
    const someoneElse = await signIn(server(), await addUser(server(), s, {}));
    const a = await signIn(server(), s);
    const b = await signIn(server(), s);
    await server().sdk.send(new GlobalSignOutCommand({ AccessToken: a.AccessToken }));
    for (const t of [a, b]) {
      await rejectsWith(getUser(t.AccessToken), 'NotAuthorizedException', 'Access Token has been revoked');
      await rejectsWith(refresh(s, t.RefreshToken!), 'NotAuthorizedException', 'Refresh Token has been revoked');
    }
    await rejectsWith(server().sdk.send(new GlobalSignOutCommand({ AccessToken: a.AccessToken })), 'NotAuthorizedException', 'Access Token has been revoked');
    // Other users and new sign-ins are unaffected.
    await getUser(someoneElse.AccessToken);
    const c = await signIn(server(), s);
    await getUser(c.AccessToken);
    await refresh(s, c.RefreshToken!);
  });

  test('AdminUserGlobalSignOut does the same by name', async () => {
    const s = await setup(server());
    const a = await signIn(server(), s);
    const before = (await reload(server(), s)).updatedAt;
    server().clock.advance(5000);
    await server().sdk.send(new AdminUserGlobalSignOutCommand({ UserPoolId: s.pool.id, Username: s.user.username }));
    await rejectsWith(getUser(a.AccessToken), 'NotAuthorizedException', 'Access Token has been revoked');
    await rejectsWith(refresh(s, a.RefreshToken!), 'NotAuthorizedException', 'Refresh Token has been revoked');
    assert.equal((await reload(server(), s)).updatedAt, before);
    await rejectsWith(
      server().sdk.send(new AdminUserGlobalSignOutCommand({ UserPoolId: s.pool.id, Username: 'nobody' })),
      'UserNotFoundException',
      'User does not exist.',
    );
    await rejectsWith(
      server().sdk.send(new AdminUserGlobalSignOutCommand({ UserPoolId: 'us-east-1_nope12345', Username: 'nobody' })),
      'ResourceNotFoundException',
      'User pool us-east-1_nope12345 does not exist.',
    );
  });
});

describeEachBackend('token-authorised operations: self-service', ({ server }) => {
  const getUser = (token: string) => server().sdk.send(new GetUserCommand({ AccessToken: token }));

  test('ChangePassword checks the previous password and the policy', async () => {
    const s = await setup(server());
    const { AccessToken } = await signIn(server(), s);
    const change = (PreviousPassword: string | undefined, ProposedPassword: string) =>
      server().sdk.send(new ChangePasswordCommand({ AccessToken, PreviousPassword, ProposedPassword }));
    await rejectsWith(change('Wrong-passw0rd', 'N3w-Passw0rd!'), 'NotAuthorizedException', 'Incorrect username or password.');
    await rejectsWith(change(undefined, 'N3w-Passw0rd!'), 'NotAuthorizedException', 'Incorrect username or password.');
    await rejectsWith(change(PASSWORD, 'Sh0rt!'), 'InvalidPasswordException', 'Password does not conform to policy: Password not long enough');
    await rejectsWith(
      change(PASSWORD, 'n3w-passw0rd!'),
      'InvalidPasswordException',
      'Password does not conform to policy: Password must have uppercase characters',
    );
    await change(PASSWORD, 'N3w-Passw0rd!');
    const user = await reload(server(), s);
    assert.ok(verifyPassword(poolName(s.pool), user.username, 'N3w-Passw0rd!', user.password!));
    assert.ok(!verifyPassword(poolName(s.pool), user.username, PASSWORD, user.password!));
  });

  test('UpdateUserAttributes: a plain attribute, and a new email that needs verifying', async () => {
    const s = await setup(server(), { pool: { AutoVerifiedAttributes: ['email'] } });
    const { AccessToken } = await signIn(server(), s);
    const plain = await server().sdk.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'given_name', Value: 'Janet' }] }));
    assert.equal(plain.CodeDeliveryDetailsList, undefined);
    const out = await server().sdk.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'email', Value: 'new@example.org' }] }));
    assert.deepEqual(out.CodeDeliveryDetailsList, [{ Destination: 'n***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' }]);
    let seen = attrs((await getUser(AccessToken)).UserAttributes);
    assert.equal(seen.given_name, 'Janet');
    assert.equal(seen.email, 'new@example.org');
    assert.equal(seen.email_verified, 'false');
    const sent = (await messagesFor(server(), s.pool.id, s.user.username)).at(-1)!;
    assert.equal(sent.destination, 'new@example.org');
    assert.equal(sent.purpose, 'verify:email');

    const verify = (Code: string) => server().sdk.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code }));
    const code = await lastCode(server(), s.pool.id, s.user.username);
    await rejectsWith(verify(code === '000000' ? '111111' : '000000'), 'CodeMismatchException', 'Invalid verification code provided, please try again.');
    await verify(code);
    seen = attrs((await getUser(AccessToken)).UserAttributes);
    assert.equal(seen.email_verified, 'true');
    await rejectsWith(verify(code), 'ExpiredCodeException', 'Invalid code provided, please request a code again.');
  });

  test('UpdateUserAttributes enforces WriteAttributes and refuses the verified flags', async () => {
    const s = await setup(server(), { client: { WriteAttributes: ['given_name'] } });
    const { AccessToken } = await signIn(server(), s);
    const update = (Name: string, Value: string) => server().sdk.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name, Value }] }));
    await update('given_name', 'Janet');
    await rejectsWith(update('family_name', 'Roe'), 'NotAuthorizedException', 'A client attempted to write unauthorized attribute');
    await rejectsWith(update('email_verified', 'true'), 'NotAuthorizedException', 'A client attempted to write unauthorized attribute');
    const open = await setup(server());
    const openTokens = await signIn(server(), open);
    await rejectsWith(
      server().sdk.send(
        new UpdateUserAttributesCommand({ AccessToken: openTokens.AccessToken, UserAttributes: [{ Name: 'phone_number_verified', Value: 'true' }] }),
      ),
      'NotAuthorizedException',
      'A client attempted to write unauthorized attribute',
    );
    await rejectsWith(
      server().sdk.send(new UpdateUserAttributesCommand({ AccessToken: openTokens.AccessToken, UserAttributes: [{ Name: 'phone_number', Value: '12345' }] })),
      'InvalidParameterException',
      'Invalid phone number format.',
    );
  });

  test('GetUserAttributeVerificationCode and VerifyUserAttribute claim an alias in alias pools', async () => {
    const s = await setup(server(), {
      pool: { AliasAttributes: ['email'], AutoVerifiedAttributes: ['email'] },
      attributes: { email: 'shared@example.com', email_verified: 'false' },
    });
    const { AccessToken } = await signIn(server(), s);
    const { CodeDeliveryDetails } = await server().sdk.send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: 'email' }));
    assert.deepEqual(CodeDeliveryDetails, { Destination: 's***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    assert.equal(await server().services.stores.users.findAlias(s.pool.id, 'email', 'shared@example.com'), undefined);
    await server().sdk.send(
      new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: await lastCode(server(), s.pool.id, s.user.username) }),
    );
    assert.equal(await server().services.stores.users.findAlias(s.pool.id, 'email', 'shared@example.com'), s.user.username);

    // A second user with the same, unverified email cannot verify it.
    const second = await addUser(server(), s, { email: 'shared@example.com', email_verified: 'false' });
    const secondTokens = await signIn(server(), second);
    await server().sdk.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: secondTokens.AccessToken, AttributeName: 'email' }));
    await rejectsWith(
      server().sdk.send(
        new VerifyUserAttributeCommand({
          AccessToken: secondTokens.AccessToken,
          AttributeName: 'email',
          Code: await lastCode(server(), s.pool.id, second.user.username),
        }),
      ),
      'AliasExistsException',
      'An account with the given email already exists.',
    );
  });

  test('GetUserAttributeVerificationCode refuses what cannot be verified', async () => {
    const s = await setup(server());
    const { AccessToken } = await signIn(server(), s);
    const ask = (AttributeName: string) => server().sdk.send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName }));
    await rejectsWith(ask('given_name'), 'InvalidParameterException', 'Invalid attribute name: given_name cannot be verified.');
    await rejectsWith(ask('phone_number'), 'InvalidParameterException', 'User has no value for attribute phone_number.');
    await rejectsWith(
      server().sdk.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'phone_number', Code: '123456' })),
      'InvalidParameterException',
      'User has no value for attribute phone_number.',
    );
    // Verifying without a code ever sent.
    await rejectsWith(
      server().sdk.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: '123456' })),
      'ExpiredCodeException',
      'Invalid code provided, please request a code again.',
    );
  });

  test('DeleteUserAttributes', async () => {
    const s = await setup(server(), {
      pool: { Schema: [{ Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true }] },
      client: { WriteAttributes: ['given_name', 'email'] },
    });
    const { AccessToken } = await signIn(server(), s);
    const del = (names: string[]) => server().sdk.send(new DeleteUserAttributesCommand({ AccessToken, UserAttributeNames: names }));
    await del(['given_name']);
    const seen = attrs((await getUser(AccessToken)).UserAttributes);
    assert.equal(seen.given_name, undefined);
    assert.equal(seen.family_name, 'Doe');
    await rejectsWith(del(['family_name']), 'NotAuthorizedException', 'A client attempted to write unauthorized attribute');
    await rejectsWith(del(['email']), 'InvalidParameterException', 'Attributes did not conform to the schema: email: The attribute is required');
  });

  test('DeleteUser removes the user; its tokens then name nobody', async () => {
    const s = await setup(server());
    const tokens = await signIn(server(), s);
    await server().sdk.send(new DeleteUserCommand({ AccessToken: tokens.AccessToken }));
    assert.equal(await server().services.stores.users.get(s.pool.id, s.user.username), undefined);
    await rejectsWith(getUser(tokens.AccessToken), 'UserNotFoundException', 'User does not exist.');
    await rejectsWith(server().sdk.send(new DeleteUserCommand({ AccessToken: tokens.AccessToken })), 'UserNotFoundException', 'User does not exist.');
  });
});
