import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AdminGetUserCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier, JwtVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import {
  CognitoJwtInvalidClientIdError,
  CognitoJwtInvalidTokenUseError,
  JwtInvalidSignatureError,
  KidNotFoundInJwksError,
  ParameterValidationError,
} from 'aws-jwt-verify/error';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { secretHash } from '../src/domain/secret-hash.ts';
import { type SignInSetup, passwordAuth, signInSetup } from './support/auth.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';

/**
 * Tokens from the SDK's InitiateAuth (USER_PASSWORD_AUTH, then REFRESH_TOKEN_AUTH), verified the
 * way applications verify Cognito tokens: aws-jwt-verify's generic JwtVerifier pointed at this
 * server's issuer and JWKS, and its CognitoJwtVerifier on a server that issues AWS-form issuers.
 */

type Claims = Record<string, unknown>;

const refreshAuth = (server: TestServer, s: { client: { clientId: string } }, refreshToken: string, extra: Record<string, string> = {}) =>
  server.sdk.send(
    new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: s.client.clientId, AuthParameters: { REFRESH_TOKEN: refreshToken, ...extra } }),
  );

/** Signs in with USER_PASSWORD_AUTH, then refreshes with REFRESH_TOKEN_AUTH, the clock moved in between. */
async function signInAndRefresh(server: TestServer, s: SignInSetup) {
  const signedIn = (await passwordAuth(server, s, s.username, s.password)).AuthenticationResult!;
  server.clock.advance(10 * 60_000);
  const refreshed = await refreshAuth(server, s, signedIn.RefreshToken!);
  return { signedIn, refreshed: refreshed.AuthenticationResult! };
}

async function subOf(server: TestServer, s: SignInSetup): Promise<string> {
  const user = await server.sdk.send(new AdminGetUserCommand({ UserPoolId: s.poolId, Username: s.username }));
  return user.UserAttributes!.find((a) => a.Name === 'sub')!.Value!;
}

/**
 * aws-jwt-verify's own Node fetcher speaks https only; this one fetches the JWKS URL over
 * plain http with the global fetch, as an application on a developer's machine would.
 */
const httpJwksCache = () => new SimpleJwksCache({ fetcher: { fetch: async (uri: string) => (await (await fetch(uri)).arrayBuffer()) as ArrayBuffer } });

/** The checks every pair of tokens from one sign-in must pass. */
function checkPair(id: Claims, access: Claims, expect: { sub: string; username: string; clientId: string }) {
  assert.equal(id.sub, expect.sub);
  assert.equal(access.sub, expect.sub);
  assert.equal(id['cognito:username'], expect.username);
  assert.equal(access.username, expect.username);
  assert.equal(id.token_use, 'id');
  assert.equal(access.token_use, 'access');
  assert.equal(id.aud, expect.clientId);
  assert.equal(access.client_id, expect.clientId);
  assert.equal(access.aud, undefined);
  assert.equal(access.scope, 'aws.cognito.signin.user.admin');
  for (const claims of [id, access]) {
    assert.equal(typeof claims.iat, 'number');
    assert.equal(typeof claims.auth_time, 'number');
    assert.equal(typeof claims.origin_jti, 'string');
    assert.equal(claims.exp, (claims.iat as number) + 3600);
  }
  assert.equal(id.origin_jti, access.origin_jti);
  assert.equal(id.auth_time, access.auth_time);
}

/** What a refresh must keep from the sign-in, and what it must renew. */
function checkRefreshed(before: Claims, after: Claims) {
  assert.equal(after.auth_time, before.auth_time);
  assert.equal(after.origin_jti, before.origin_jti);
  assert.notEqual(after.jti, before.jti);
  assert.ok((after.iat as number) >= (before.iat as number) + 600);
}

describeEachBackend('aws-jwt-verify: JwtVerifier against the local issuer', ({ server }) => {
  function verifiers(s: SignInSetup, clientId = s.client.clientId) {
    const issuer = `${server().url}/${s.poolId}`;
    const make = (tokenUse: 'id' | 'access') =>
      JwtVerifier.create(
        {
          issuer,
          jwksUri: `${issuer}/.well-known/jwks.json`,
          audience: null,
          customJwtCheck: ({ payload }) => validateCognitoJwtFields(payload, { tokenUse, clientId }),
        },
        { jwksCache: httpJwksCache() },
      );
    return { id: make('id'), access: make('access') };
  }

  test('USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH tokens verify, with the claims of the user', async () => {
    const s = await signInSetup(server());
    const { signedIn, refreshed } = await signInAndRefresh(server(), s);
    const v = verifiers(s);
    const expect = { sub: await subOf(server(), s), username: 'alice', clientId: s.client.clientId };

    const id = (await v.id.verify(signedIn.IdToken!)) as Claims;
    const access = (await v.access.verify(signedIn.AccessToken!)) as Claims;
    checkPair(id, access, expect);
    assert.equal(id.iss, `${server().url}/${s.poolId}`);
    assert.equal(id.email, 'alice@example.com');

    const id2 = (await v.id.verify(refreshed.IdToken!)) as Claims;
    const access2 = (await v.access.verify(refreshed.AccessToken!)) as Claims;
    checkPair(id2, access2, expect);
    checkRefreshed(id, id2);
    checkRefreshed(access, access2);
    assert.equal(id2.email, 'alice@example.com');
  });

  test('the verifier refuses the wrong token use, another client, a forged signature and the AWS issuer', async () => {
    const s = await signInSetup(server());
    const { AuthenticationResult: r } = await passwordAuth(server(), s, s.username, s.password);
    const v = verifiers(s);
    await assert.rejects(v.id.verify(r!.AccessToken!), CognitoJwtInvalidTokenUseError);
    await assert.rejects(v.access.verify(r!.IdToken!), CognitoJwtInvalidTokenUseError);
    const other = verifiers(s, 'someotherclient0000000000');
    await assert.rejects(other.id.verify(r!.IdToken!), CognitoJwtInvalidClientIdError);
    await assert.rejects(other.access.verify(r!.AccessToken!), CognitoJwtInvalidClientIdError);

    // A changed payload under the original signature.
    const [header, payload, signature] = r!.AccessToken!.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    const forged = [header, Buffer.from(JSON.stringify({ ...claims, username: 'mallory' })).toString('base64url'), signature].join('.');
    await assert.rejects(v.access.verify(forged), JwtInvalidSignatureError);

    // CognitoJwtVerifier expects https://cognito-idp.<region>.amazonaws.com/<poolId>: the local
    // issuer is not that, hence `--issuer aws` (next suite).
    const jwks = (await (await fetch(`${server().url}/${s.poolId}/.well-known/jwks.json`)).json()) as Jwks;
    const cognito = CognitoJwtVerifier.create({ userPoolId: s.poolId, tokenUse: 'access', clientId: s.client.clientId });
    cognito.cacheJwks(jwks);
    // (verifySync: it only ever looks in the cache, so nothing is fetched from AWS.)
    assert.throws(
      () => cognito.verifySync(r!.AccessToken!),
      (error: Error) => error instanceof ParameterValidationError && error.message === `issuer not configured: ${server().url}/${s.poolId}`,
    );
  });

  test('REFRESH_TOKEN_AUTH returns no refresh token, and the old one keeps working', async () => {
    const s = await signInSetup(server());
    const { signedIn, refreshed } = await signInAndRefresh(server(), s);
    assert.deepEqual(Object.keys(refreshed).sort(), ['AccessToken', 'ExpiresIn', 'IdToken', 'TokenType']);
    assert.equal(refreshed.TokenType, 'Bearer');
    assert.equal(refreshed.ExpiresIn, 3600);
    const again = await refreshAuth(server(), s, signedIn.RefreshToken!);
    assert.equal(again.ChallengeName, undefined);
    assert.equal(again.AuthenticationResult!.RefreshToken, undefined);
    assert.ok(again.AuthenticationResult!.AccessToken);
  });

  test('REFRESH_TOKEN_AUTH with a client secret: SECRET_HASH over the internal username', async () => {
    // An email-as-username pool: the internal username is a UUID, not what the user typed.
    const s = await signInSetup(server(), {
      secret: true,
      pool: { UsernameAttributes: ['email'] },
      username: 'dave@example.com',
      attributes: { email_verified: 'true' },
    });
    const { clientId, secret } = { clientId: s.client.clientId, secret: s.client.secrets[0]!.value };
    const signedIn = (await passwordAuth(server(), s, s.username, s.password, { SECRET_HASH: secretHash(secret, s.username, clientId) })).AuthenticationResult!;
    const internal = JSON.parse(Buffer.from(signedIn.IdToken!.split('.')[1]!, 'base64url').toString('utf8'))['cognito:username'] as string;
    assert.match(internal, /^[0-9a-f-]{36}$/);
    const token = signedIn.RefreshToken!;

    await rejectsWith(
      refreshAuth(server(), s, token),
      'NotAuthorizedException',
      `Client ${clientId} is configured with secret but SECRET_HASH was not received`,
    );
    // Over the email the user typed: Cognito's refresh wording.
    await rejectsWith(
      refreshAuth(server(), s, token, { SECRET_HASH: secretHash(secret, s.username, clientId) }),
      'NotAuthorizedException',
      `SecretHash does not match for the client: ${clientId}`,
    );
    await rejectsWith(
      refreshAuth(server(), s, token, { SECRET_HASH: secretHash('not-the-secret', internal, clientId) }),
      'NotAuthorizedException',
      `SecretHash does not match for the client: ${clientId}`,
    );

    server().clock.advance(60_000);
    const refreshed = await refreshAuth(server(), s, token, { SECRET_HASH: secretHash(secret, internal, clientId) });
    assert.equal(refreshed.AuthenticationResult!.RefreshToken, undefined);
    const v = verifiers(s);
    const sub = await subOf(server(), s);
    const before = { id: (await v.id.verify(signedIn.IdToken!)) as Claims, access: (await v.access.verify(signedIn.AccessToken!)) as Claims };
    const id = (await v.id.verify(refreshed.AuthenticationResult!.IdToken!)) as Claims;
    const access = (await v.access.verify(refreshed.AuthenticationResult!.AccessToken!)) as Claims;
    checkPair(id, access, { sub, username: internal, clientId });
    assert.equal(internal, sub);
    assert.equal(id.email, 'dave@example.com');
    assert.equal(id.auth_time, before.id.auth_time);
    assert.equal(access.origin_jti, before.access.origin_jti);
    assert.notEqual(access.jti, before.access.jti);
  });
});

describeEachBackend(
  'aws-jwt-verify: CognitoJwtVerifier with --issuer aws',
  ({ server }) => {
    test('both tokens of a sign-in and of a refresh verify with the JWKS cached from the server', async () => {
      const s = await signInSetup(server());
      const { signedIn, refreshed } = await signInAndRefresh(server(), s);
      const jwks = (await (await fetch(`${server().url}/${s.poolId}/.well-known/jwks.json`)).json()) as Jwks;
      const verifier = CognitoJwtVerifier.create({ userPoolId: s.poolId, clientId: s.client.clientId, tokenUse: null });
      verifier.cacheJwks(jwks);
      const expect = { sub: await subOf(server(), s), username: 'alice', clientId: s.client.clientId };

      const id = (await verifier.verify(signedIn.IdToken!)) as Claims;
      const access = (await verifier.verify(signedIn.AccessToken!)) as Claims;
      checkPair(id, access, expect);
      assert.equal(id.iss, `https://cognito-idp.us-east-1.amazonaws.com/${s.poolId}`);
      assert.equal(access.iss, id.iss);

      const id2 = (await verifier.verify(refreshed.IdToken!)) as Claims;
      const access2 = (await verifier.verify(refreshed.AccessToken!)) as Claims;
      checkPair(id2, access2, expect);
      checkRefreshed(id, id2);
      checkRefreshed(access, access2);
      assert.equal(refreshed.RefreshToken, undefined);

      // The per-use verifiers too, and the same refusals as with the generic one.
      const idOnly = CognitoJwtVerifier.create({ userPoolId: s.poolId, clientId: s.client.clientId, tokenUse: 'id' });
      idOnly.cacheJwks(jwks);
      assert.equal(((await idOnly.verify(refreshed.IdToken!)) as Claims).token_use, 'id');
      await assert.rejects(idOnly.verify(refreshed.AccessToken!), CognitoJwtInvalidTokenUseError);
      const otherClient = CognitoJwtVerifier.create({ userPoolId: s.poolId, clientId: 'someotherclient0000000000', tokenUse: 'access' });
      otherClient.cacheJwks(jwks);
      await assert.rejects(otherClient.verify(refreshed.AccessToken!), CognitoJwtInvalidClientIdError);
    });

    test("another pool's JWKS does not verify this pool's tokens", async () => {
      const a = await signInSetup(server());
      const b = await signInSetup(server());
      const { AuthenticationResult: r } = await passwordAuth(server(), a, a.username, a.password);
      const jwksOfB = (await (await fetch(`${server().url}/${b.poolId}/.well-known/jwks.json`)).json()) as Jwks;
      // Claimed to be pool a's keys: the kids are not there, so the verifier cannot find a key.
      const verifier = CognitoJwtVerifier.create({ userPoolId: a.poolId, clientId: a.client.clientId, tokenUse: 'access' });
      verifier.cacheJwks(jwksOfB);
      // (verifySync: verify would go and fetch the real pool's JWKS from AWS.)
      assert.throws(() => verifier.verifySync(r!.AccessToken!), KidNotFoundInJwksError);
    });
  },
  { flags: { issuer: 'aws' } },
);
