import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CognitoJwtVerifier, JwtVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { AppClient, ClientConfig, User, UserPool } from '../src/domain/types.ts';
import { CognitoError } from '../src/errors.ts';
import { createUser } from '../src/users/write-user.ts';
import type { Services } from '../src/services.ts';
import { openDatabase } from '../src/storage/kysely/db.ts';
import { createStores } from '../src/storage/kysely/index.ts';
import { issueTokens } from '../src/tokens/issue.ts';
import { poolKeys } from '../src/tokens/keys.ts';
import { refreshTokens } from '../src/tokens/refresh.ts';
import { rejectsWith } from './support/sdk.ts';
import { createClient, createPool } from './support/fixtures.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Signed {
  pool: UserPool;
  client: AppClient;
  user: User;
}

/** A pool (with a custom and a developer-only attribute), a client and a confirmed user. */
async function signedUp(
  server: TestServer,
  clientConfig: ClientConfig = {},
  poolInput: { UsernameAttributes?: ('email' | 'phone_number')[] } = {},
): Promise<Signed> {
  const poolId = await createPool(server, {
    Schema: [
      { Name: 'tier', AttributeDataType: 'Number', Mutable: true },
      { Name: 'secret', AttributeDataType: 'String', DeveloperOnlyAttribute: true },
    ],
    ...poolInput,
  });
  const pool = (await server.services.stores.pools.get(poolId))!;
  const client = await createClient(server, poolId, {
    config: {
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AuthSessionValidity: 3,
      EnableTokenRevocation: true,
      ...clientConfig,
    },
  });
  const user = await createUser(server.services, pool, {
    username: poolInput.UsernameAttributes ? 'jane@example.com' : `user${Math.random().toString(36).slice(2, 8)}`,
    status: 'CONFIRMED',
    password: 'Passw0rd!',
    attributes: {
      email: 'jane@example.com',
      email_verified: 'true',
      given_name: 'Jane',
      'custom:tier': '3',
      'dev:custom:secret': 'hidden',
    },
  });
  return { pool, client, user };
}

const signIn = (services: Services, s: Signed, extra: { deviceKey?: string; authTime?: number } = {}) =>
  issueTokens(services, {
    pool: s.pool,
    client: s.client,
    user: s.user,
    authTime: extra.authTime ?? services.clock.now(),
    refreshToken: true,
    deviceKey: extra.deviceKey,
  });

/** aws-jwt-verify's generic verifier, fetching our JWKS over http through a custom fetcher. */
function genericVerifier(server: TestServer, poolId: string, tokenUse: 'id' | 'access', clientId: string) {
  const issuer = `${server.url}/${poolId}`;
  const jwksCache = new SimpleJwksCache({
    fetcher: { fetch: async (uri: string) => (await (await fetch(uri)).arrayBuffer()) as ArrayBuffer },
  });
  return JwtVerifier.create(
    {
      issuer,
      jwksUri: `${issuer}/.well-known/jwks.json`,
      audience: null,
      customJwtCheck: ({ payload }) => validateCognitoJwtFields(payload, { tokenUse, clientId }),
    },
    { jwksCache },
  );
}

describeEachBackend('tokens: keys, JWKS and discovery', ({ server }) => {
  test('JWKS publishes two RS256 signing keys with distinct kids', async () => {
    const poolId = await createPool(server());
    const res = await fetch(`${server().url}/${poolId}/.well-known/jwks.json`);
    assert.equal(res.status, 200);
    const jwks = (await res.json()) as { keys: Record<string, string>[] };
    assert.equal(jwks.keys.length, 2);
    for (const key of jwks.keys) {
      assert.deepEqual(Object.keys(key).sort(), ['alg', 'e', 'kid', 'kty', 'n', 'use']);
      assert.equal(key.alg, 'RS256');
      assert.equal(key.kty, 'RSA');
      assert.equal(key.use, 'sig');
      assert.equal(key.e, 'AQAB');
      assert.match(key.n!, /^[A-Za-z0-9_-]{342}$/); // 2048-bit modulus, base64url
    }
    assert.notEqual(jwks.keys[0]!.kid, jwks.keys[1]!.kid);
    // The same keys on every call (and after the cache: straight from the database).
    const again = (await (await fetch(`${server().url}/${poolId}/.well-known/jwks.json`)).json()) as typeof jwks;
    assert.deepEqual(again, jwks);
    const stored = await server().services.stores.signingKeys.list(poolId);
    assert.deepEqual(stored.map((k) => k.kid).sort(), jwks.keys.map((k) => k.kid).sort());
    assert.deepEqual(stored.map((k) => k.purpose).sort(), ['access', 'id']);
    assert.ok(stored.every((k) => k.privateKeyPem.startsWith('-----BEGIN PRIVATE KEY-----')));
  });

  test('the private keys are sealed at rest', async () => {
    const poolId = await createPool(server());
    await poolKeys(server().services, poolId);
    const rows = await server().services.database.db.selectFrom('signing_keys').select(['private_key']).where('pool_id', '=', poolId).execute();
    assert.equal(rows.length, 2);
    for (const row of rows) {
      assert.ok(row.private_key.startsWith('v1.'));
      assert.ok(!row.private_key.includes('PRIVATE KEY'));
    }
  });

  test('openid-configuration names the issuer and the JWKS', async () => {
    const poolId = await createPool(server());
    const res = await fetch(`${server().url}/${poolId}/.well-known/openid-configuration`);
    assert.equal(res.status, 200);
    const doc = (await res.json()) as Record<string, unknown>;
    const issuer = `${server().url}/${poolId}`;
    assert.equal(doc.issuer, issuer);
    assert.equal(doc.jwks_uri, `${issuer}/.well-known/jwks.json`);
    assert.deepEqual(doc.id_token_signing_alg_values_supported, ['RS256']);
    assert.deepEqual(doc.subject_types_supported, ['public']);
    assert.deepEqual(doc.response_types_supported, ['code', 'token']);
    assert.deepEqual(doc.scopes_supported, ['openid', 'email', 'phone', 'profile']);
    assert.deepEqual(doc.token_endpoint_auth_methods_supported, ['client_secret_basic', 'client_secret_post']);
    // The authorization server's endpoints: on the server's own origin, at Cognito's paths.
    assert.equal(doc.authorization_endpoint, `${server().url}/oauth2/authorize`);
    assert.equal(doc.token_endpoint, `${server().url}/oauth2/token`);
    assert.equal(doc.userinfo_endpoint, `${server().url}/oauth2/userInfo`);
    // The jwks_uri it gives really serves the keys.
    assert.equal((await fetch(doc.jwks_uri as string)).status, 200);
  });

  test('an unknown pool is 404 with a Cognito-shaped body', async () => {
    for (const doc of ['jwks.json', 'openid-configuration']) {
      const res = await fetch(`${server().url}/us-east-1_nope12345/.well-known/${doc}`);
      assert.equal(res.status, 404);
      assert.deepEqual(await res.json(), { __type: 'ResourceNotFoundException', message: 'User pool us-east-1_nope12345 does not exist.' });
    }
  });

  test('concurrent key creation for one pool converges on one key per purpose', async () => {
    const s = server();
    const poolId = await createPool(s);
    // Independent process caches: on PostgreSQL separate connection pools (real concurrency);
    // on SQLite separate caches over the one embedded connection.
    const extra: { close(): Promise<void> }[] = [];
    const others: Services[] = [];
    for (let i = 0; i < 3; i++) {
      if (s.backend === 'postgres') {
        const db = await openDatabase({ url: s.config.db!, dataDir: s.config.data });
        extra.push(db);
        others.push({ ...s.services, database: db, stores: createStores(db.db, s.services.sealer) });
      } else {
        others.push({ ...s.services, database: { ...s.services.database } });
      }
    }
    try {
      const all = await Promise.all([s.services, ...others].map((services) => poolKeys(services, poolId)));
      assert.equal(new Set(all.map((k) => k.id.kid)).size, 1);
      assert.equal(new Set(all.map((k) => k.access.kid)).size, 1);
      assert.notEqual(all[0]!.id.kid, all[0]!.access.kid);
      const stored = await s.services.stores.signingKeys.list(poolId);
      assert.equal(stored.length, 2);
      const jwks = (await (await fetch(`${s.url}/${poolId}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
      assert.deepEqual(jwks.keys.map((k) => k.kid).sort(), [all[0]!.id.kid, all[0]!.access.kid].sort());
    } finally {
      for (const db of extra) await db.close();
    }
  });
});

describeEachBackend('tokens: issuance', ({ server }) => {
  test('ID and access token claims, verified by aws-jwt-verify', async () => {
    const s = await signedUp(server());
    const authTime = server().clock.now() - 5000;
    const result = await signIn(server().services, s, { authTime });
    assert.equal(result.TokenType, 'Bearer');
    assert.equal(result.ExpiresIn, 3600);
    assert.match(result.RefreshToken!, /^[A-Za-z0-9\-_=.]{43,}$/);

    const id = await genericVerifier(server(), s.pool.id, 'id', s.client.clientId).verify(result.IdToken!);
    const access = await genericVerifier(server(), s.pool.id, 'access', s.client.clientId).verify(result.AccessToken);
    const issuer = `${server().url}/${s.pool.id}`;
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

    assert.equal(id.sub, s.user.sub);
    assert.equal(id.iss, issuer);
    assert.equal(id.aud, s.client.clientId);
    assert.equal(id.token_use, 'id');
    assert.equal(id.auth_time, Math.floor(authTime / 1000));
    assert.equal(id.exp! - id.iat!, 3600);
    assert.match(id.jti as string, uuid);
    assert.match(id.origin_jti as string, uuid);
    assert.match(id.event_id as string, uuid);
    assert.equal(id['cognito:username'], s.user.username);
    assert.equal(id.email, 'jane@example.com');
    assert.equal(id.email_verified, true);
    assert.equal(id.given_name, 'Jane');
    assert.equal(id['custom:tier'], '3');
    assert.equal(id['dev:custom:secret'], undefined);
    assert.equal(id['cognito:groups'], undefined);

    assert.equal(access.sub, s.user.sub);
    assert.equal(access.iss, issuer);
    assert.equal(access.client_id, s.client.clientId);
    assert.equal(access.aud, undefined);
    assert.equal(access.token_use, 'access');
    assert.equal(access.scope, 'aws.cognito.signin.user.admin');
    assert.equal(access.username, s.user.username);
    assert.equal(access.auth_time, id.auth_time);
    assert.equal(access.origin_jti, id.origin_jti);
    assert.equal(access.event_id, id.event_id);
    assert.notEqual(access.jti, id.jti);
    assert.equal(access.email, undefined);
    assert.equal(access.device_key, undefined);

    const idKid = decodeProtectedHeader(result.IdToken!).kid;
    const accessKid = decodeProtectedHeader(result.AccessToken).kid;
    assert.equal(decodeProtectedHeader(result.IdToken!).alg, 'RS256');
    assert.notEqual(idKid, accessKid);
    assert.match(idKid!, /=$/);
  });

  test('the generic verifier refuses a token of another client or the wrong kind', async () => {
    const s = await signedUp(server());
    const result = await signIn(server().services, s);
    await assert.rejects(genericVerifier(server(), s.pool.id, 'id', 'someotherclient').verify(result.IdToken!));
    await assert.rejects(genericVerifier(server(), s.pool.id, 'access', s.client.clientId).verify(result.IdToken!));
  });

  test('groups by precedence, their roles and the preferred role', async () => {
    const s = await signedUp(server());
    const { groups } = server().services.stores;
    const now = server().clock.now();
    const group = (name: string, precedence: number | undefined, roleArn: string | undefined) =>
      groups.create({ poolId: s.pool.id, name, description: undefined, roleArn, precedence, createdAt: now, updatedAt: now });
    await group('zeta', 1, 'arn:aws:iam::123456789012:role/zeta');
    await group('alpha', 5, 'arn:aws:iam::123456789012:role/alpha');
    await group('beta', undefined, undefined);
    for (const name of ['alpha', 'beta', 'zeta']) await groups.addUser(s.pool.id, name, s.user.username);
    const result = await signIn(server().services, s);
    const id = decodeJwt(result.IdToken!);
    const access = decodeJwt(result.AccessToken);
    assert.deepEqual(id['cognito:groups'], ['zeta', 'alpha', 'beta']);
    assert.deepEqual(access['cognito:groups'], ['zeta', 'alpha', 'beta']);
    assert.deepEqual(id['cognito:roles'], ['arn:aws:iam::123456789012:role/zeta', 'arn:aws:iam::123456789012:role/alpha']);
    assert.equal(id['cognito:preferred_role'], 'arn:aws:iam::123456789012:role/zeta');
    assert.equal(access['cognito:roles'], undefined);

    // Two groups sharing the lowest precedence with different roles: no preferred role.
    await group('omega', 1, 'arn:aws:iam::123456789012:role/omega');
    await groups.addUser(s.pool.id, 'omega', s.user.username);
    const tie = decodeJwt((await signIn(server().services, s)).IdToken!);
    assert.equal(tie['cognito:preferred_role'], undefined);
    assert.equal((tie['cognito:roles'] as string[]).length, 3);
  });

  test('ReadAttributes limits the ID token attributes', async () => {
    const s = await signedUp(server(), { ReadAttributes: ['email', 'custom:tier'] });
    const id = decodeJwt((await signIn(server().services, s)).IdToken!);
    assert.equal(id.email, 'jane@example.com');
    assert.equal(id['custom:tier'], '3');
    assert.equal(id.given_name, undefined);
    assert.equal(id.email_verified, undefined);
    assert.equal(id.sub, s.user.sub);
  });

  test('validities follow the client settings and units', async () => {
    const s = await signedUp(server(), {
      AccessTokenValidity: 5,
      IdTokenValidity: 1,
      RefreshTokenValidity: 90,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'hours', RefreshToken: 'minutes' },
    });
    const result = await signIn(server().services, s);
    assert.equal(result.ExpiresIn, 300);
    const access = decodeJwt(result.AccessToken);
    const id = decodeJwt(result.IdToken!);
    assert.equal(access.exp! - access.iat!, 300);
    assert.equal(id.exp! - id.iat!, 3600);
    server().clock.advance(89 * 60_000);
    await refreshTokens(server().services, { client: s.client, refreshToken: result.RefreshToken!, rotate: false });
    server().clock.advance(2 * 60_000);
    await rejectsWith(
      refreshTokens(server().services, { client: s.client, refreshToken: result.RefreshToken!, rotate: false }),
      'NotAuthorizedException',
      'Refresh Token has expired',
    );
  });

  test('a client with revocation off gets no origin_jti', async () => {
    const s = await signedUp(server(), { EnableTokenRevocation: false });
    const result = await signIn(server().services, s);
    assert.equal(decodeJwt(result.IdToken!).origin_jti, undefined);
    assert.equal(decodeJwt(result.AccessToken).origin_jti, undefined);
    assert.ok(decodeJwt(result.AccessToken).jti);
  });

  test('device_key is in the access token when given', async () => {
    const s = await signedUp(server());
    const deviceKey = 'us-east-1_0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
    const result = await signIn(server().services, s, { deviceKey });
    assert.equal(decodeJwt(result.AccessToken).device_key, deviceKey);
    assert.equal(decodeJwt(result.IdToken!).device_key, undefined);
  });

  test('the refresh token is stored only as a hash', async () => {
    const s = await signedUp(server());
    const result = await signIn(server().services, s);
    const rows = await server().services.database.db.selectFrom('refresh_tokens').selectAll().where('username', '=', s.user.username).execute();
    assert.equal(rows.length, 1);
    assert.notEqual(rows[0]!.token_hash, result.RefreshToken);
    assert.ok(!JSON.stringify(rows).includes(result.RefreshToken!));
    assert.equal(rows[0]!.origin_jti, decodeJwt(result.AccessToken).origin_jti);
  });
});

describeEachBackend('tokens: refresh', ({ server }) => {
  test('refresh keeps auth_time and origin_jti and returns no refresh token', async () => {
    const s = await signedUp(server());
    const authTime = server().clock.now();
    const first = await signIn(server().services, s, { authTime });
    server().clock.advance(2 * HOUR);
    const again = await refreshTokens(server().services, { client: s.client, refreshToken: first.RefreshToken!, rotate: false });
    assert.equal(again.RefreshToken, undefined);
    assert.equal(again.TokenType, 'Bearer');
    const [a0, a1] = [decodeJwt(first.AccessToken), decodeJwt(again.AccessToken)];
    const [i0, i1] = [decodeJwt(first.IdToken!), decodeJwt(again.IdToken!)];
    assert.equal(a1.auth_time, Math.floor(authTime / 1000));
    assert.equal(i1.auth_time, Math.floor(authTime / 1000));
    assert.equal(a1.origin_jti, a0.origin_jti);
    assert.equal(i1.origin_jti, i0.origin_jti);
    assert.notEqual(a1.jti, a0.jti);
    assert.ok(a1.iat! >= a0.iat! + 7200);
    // The same refresh token keeps working.
    await refreshTokens(server().services, { client: s.client, refreshToken: first.RefreshToken!, rotate: false });
  });

  test('checkOwner sees the internal username before the user is loaded, and can refuse', async () => {
    const s = await signedUp(server(), {}, { UsernameAttributes: ['email'] });
    const first = await signIn(server().services, s);
    const seen: string[] = [];
    await refreshTokens(server().services, { client: s.client, refreshToken: first.RefreshToken!, rotate: false, checkOwner: (u) => void seen.push(u) });
    // In an email-as-username pool the internal username is the sub.
    assert.deepEqual(seen, [s.user.sub]);
    await rejectsWith(
      refreshTokens(server().services, {
        client: s.client,
        refreshToken: first.RefreshToken!,
        rotate: false,
        checkOwner: () => {
          throw new CognitoError('NotAuthorizedException', 'SecretHash does not match for the client: x');
        },
      }),
      'NotAuthorizedException',
      'SecretHash does not match for the client: x',
    );
  });

  test('refresh failures', async () => {
    const s = await signedUp(server());
    const { services } = server();
    const first = await signIn(services, s);
    const refresh = (token: string, client = s.client, deviceKey?: string) =>
      refreshTokens(services, { client, refreshToken: token, rotate: false, deviceKey });
    await rejectsWith(refresh('garbage'), 'NotAuthorizedException', 'Invalid Refresh Token.');
    await rejectsWith(refresh('not a token!'), 'NotAuthorizedException', 'Invalid Refresh Token.');
    const other = await createClient(server(), s.pool.id);
    await rejectsWith(refresh(first.RefreshToken!, other), 'NotAuthorizedException', 'Invalid Refresh Token.');

    // Disabled, then deleted.
    s.user.enabled = false;
    await services.stores.users.update(s.user, s.user.username);
    await rejectsWith(refresh(first.RefreshToken!), 'NotAuthorizedException', 'User is disabled.');
    s.user.enabled = true;
    await services.stores.users.update(s.user, s.user.username);
    await refresh(first.RefreshToken!);
    // The user row alone goes (UserStore.delete also drops the user's refresh tokens, which
    // would answer Invalid Refresh Token before the user is looked up).
    await services.database.db.deleteFrom('users').where('pool_id', '=', s.pool.id).where('username', '=', s.user.username).execute();
    await rejectsWith(refresh(first.RefreshToken!), 'UserNotFoundException', 'User does not exist.');
    // A new user under the same name is not the token's user.
    server().clock.advance(1000);
    await createUser(services, s.pool, { username: s.user.username, status: 'CONFIRMED', attributes: {} });
    await rejectsWith(refresh(first.RefreshToken!), 'UserNotFoundException', 'User does not exist.');
  });

  test('a token revoked, or issued before a global sign-out, is refused', async () => {
    const s = await signedUp(server());
    const { services } = server();
    const a = await signIn(services, s);
    const b = await signIn(services, s);
    await services.stores.refreshTokens.revokeOrigin(s.pool.id, decodeJwt(a.AccessToken).origin_jti as string, services.clock.now());
    await rejectsWith(
      refreshTokens(services, { client: s.client, refreshToken: a.RefreshToken!, rotate: false }),
      'NotAuthorizedException',
      'Refresh Token has been revoked',
    );
    await refreshTokens(services, { client: s.client, refreshToken: b.RefreshToken!, rotate: false });
    server().clock.advance(10);
    s.user.tokensValidAfter = services.clock.now();
    await services.stores.users.update(s.user, s.user.username);
    await rejectsWith(
      refreshTokens(services, { client: s.client, refreshToken: b.RefreshToken!, rotate: false }),
      'NotAuthorizedException',
      'Refresh Token has been revoked',
    );
    // A sign-in after that works.
    server().clock.advance(10);
    const c = await signIn(services, s);
    await refreshTokens(services, { client: s.client, refreshToken: c.RefreshToken!, rotate: false });
  });

  test('expiry after the default 30 days', async () => {
    const s = await signedUp(server());
    const first = await signIn(server().services, s);
    server().clock.advance(30 * DAY - 60_000);
    await refreshTokens(server().services, { client: s.client, refreshToken: first.RefreshToken!, rotate: false });
    server().clock.advance(120_000);
    await rejectsWith(
      refreshTokens(server().services, { client: s.client, refreshToken: first.RefreshToken!, rotate: false }),
      'NotAuthorizedException',
      'Refresh Token has expired',
    );
  });

  test('device binding: a device-bound token needs its device key; an unbound one ignores it', async () => {
    const s = await signedUp(server());
    const { services } = server();
    const deviceKey = 'us-east-1_11111111-2222-4333-8444-555555555555';
    const bound = await signIn(services, s, { deviceKey });
    const refresh = (token: string, key?: string) => refreshTokens(services, { client: s.client, refreshToken: token, rotate: false, deviceKey: key });
    await rejectsWith(refresh(bound.RefreshToken!), 'NotAuthorizedException', 'Invalid Refresh Token.');
    await rejectsWith(refresh(bound.RefreshToken!, 'us-east-1_99999999-2222-4333-8444-555555555555'), 'NotAuthorizedException', 'Invalid Refresh Token.');
    const ok = await refresh(bound.RefreshToken!, deviceKey);
    assert.equal(decodeJwt(ok.AccessToken).device_key, deviceKey);
    const unbound = await signIn(services, s);
    const ignored = await refresh(unbound.RefreshToken!, deviceKey);
    assert.equal(decodeJwt(ignored.AccessToken).device_key, undefined);
  });

  test('rotation: a new refresh token; the old one works through the grace period, then is reuse', async () => {
    const s = await signedUp(server(), { RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 30 } });
    const { services } = server();
    const authTime = services.clock.now();
    const first = await signIn(services, s, { authTime });
    const rotated = await refreshTokens(services, { client: s.client, refreshToken: first.RefreshToken!, rotate: true });
    assert.ok(rotated.RefreshToken);
    assert.notEqual(rotated.RefreshToken, first.RefreshToken);
    assert.equal(decodeJwt(rotated.AccessToken).origin_jti, decodeJwt(first.AccessToken).origin_jti);
    assert.equal(decodeJwt(rotated.IdToken!).auth_time, Math.floor(authTime / 1000));
    server().clock.advance(20_000);
    // A retry within the grace period still succeeds.
    await refreshTokens(services, { client: s.client, refreshToken: first.RefreshToken!, rotate: true });
    server().clock.advance(11_000);
    await rejectsWith(refreshTokens(services, { client: s.client, refreshToken: first.RefreshToken!, rotate: true }), 'RefreshTokenReuseException');
    const next = await refreshTokens(services, { client: s.client, refreshToken: rotated.RefreshToken!, rotate: true });
    assert.ok(next.RefreshToken);
  });

  test('rotation without a grace period retires the old token at once', async () => {
    const s = await signedUp(server(), { RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 } });
    const { services } = server();
    const first = await signIn(services, s);
    await refreshTokens(services, { client: s.client, refreshToken: first.RefreshToken!, rotate: true });
    await rejectsWith(refreshTokens(services, { client: s.client, refreshToken: first.RefreshToken!, rotate: true }), 'RefreshTokenReuseException');
  });
});

describeEachBackend(
  'tokens: the aws issuer',
  ({ server }) => {
    test('CognitoJwtVerifier accepts both tokens once given our JWKS', async () => {
      const s = await signedUp(server());
      const result = await signIn(server().services, s);
      assert.equal(decodeJwt(result.IdToken!).iss, `https://cognito-idp.us-east-1.amazonaws.com/${s.pool.id}`);
      const jwks = await (await fetch(`${server().url}/${s.pool.id}/.well-known/jwks.json`)).json();
      const idVerifier = CognitoJwtVerifier.create({ userPoolId: s.pool.id, tokenUse: 'id', clientId: s.client.clientId });
      idVerifier.cacheJwks(jwks);
      const accessVerifier = CognitoJwtVerifier.create({ userPoolId: s.pool.id, tokenUse: 'access', clientId: s.client.clientId });
      accessVerifier.cacheJwks(jwks);
      const id = await idVerifier.verify(result.IdToken!);
      const access = await accessVerifier.verify(result.AccessToken);
      assert.equal(id['cognito:username'], s.user.username);
      assert.equal(access.username, s.user.username);
      const doc = (await (await fetch(`${server().url}/${s.pool.id}/.well-known/openid-configuration`)).json()) as Record<string, string>;
      assert.equal(doc.issuer, `https://cognito-idp.us-east-1.amazonaws.com/${s.pool.id}`);
      assert.equal(doc.jwks_uri, `${server().url}/${s.pool.id}/.well-known/jwks.json`);
    });
  },
  { flags: { issuer: 'aws' } },
);
