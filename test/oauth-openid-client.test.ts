import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GetUserCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { JwtVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { decodeJwt } from 'jose';
import * as client from 'openid-client';
import { CALLBACK, hostedSetup, signInThroughForm, USER_PASSWORD } from './support/hosted-ui.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';

/**
 * The authorization server driven by openid-client v6 (a certified relying party) as published:
 * discovery, the authorization code flow with PKCE (the sign-in form filled over HTTP, as
 * scrapers do), userInfo, refresh, revocation, client_credentials; and the access tokens checked
 * by aws-jwt-verify with their scopes. The server publishes the `extended` discovery document so
 * that openid-client finds the revocation endpoint (Cognito's own document lacks it).
 */

const insecure = { execute: [client.allowInsecureRequests] };

function verifier(s: TestServer, poolId: string, clientId: string, scope?: string[]) {
  const issuer = `${s.url}/${poolId}`;
  return JwtVerifier.create(
    {
      issuer,
      jwksUri: `${issuer}/.well-known/jwks.json`,
      audience: null,
      scope,
      customJwtCheck: ({ payload }) => validateCognitoJwtFields(payload, { tokenUse: 'access', clientId }),
    },
    { jwksCache: new SimpleJwksCache({ fetcher: { fetch: async (uri: string) => (await (await fetch(uri)).arrayBuffer()) as ArrayBuffer } }) },
  );
}

describeEachBackend(
  'OAuth 2.0 with openid-client',
  ({ server }) => {
    test('code flow with PKCE through the sign-in form, userInfo, refresh, revocation', async () => {
      const s = server();
      const h = await hostedSetup(s);
      const config = await client.discovery(new URL(`${s.url}/${h.poolId}`), h.clientId, undefined, client.None(), insecure);
      assert.equal(config.serverMetadata().authorization_endpoint, `${s.url}/oauth2/authorize`);

      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: CALLBACK,
        scope: 'openid email profile aws.cognito.signin.user.admin api/read',
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      const back = await signInThroughForm(url.href, h.username, USER_PASSWORD);
      assert.equal(back.status, 302);
      assert.ok(back.location!.startsWith(`${CALLBACK}?code=`), back.location);

      const tokens = await client.authorizationCodeGrant(config, new URL(back.location!), {
        pkceCodeVerifier: codeVerifier,
        expectedState: state,
        expectedNonce: nonce,
      });
      assert.equal(tokens.token_type.toLowerCase(), 'bearer');
      assert.equal(tokens.expires_in, 3600);
      const id = tokens.claims()!;
      assert.equal(id['cognito:username'], h.username);
      assert.equal(id.nonce, nonce);
      assert.equal(typeof id.at_hash, 'string');
      assert.equal(id.email, 'alice@example.com');

      const access = decodeJwt(tokens.access_token);
      assert.equal(access.scope, 'aws.cognito.signin.user.admin openid profile email api/read');
      assert.equal(access.version, 2);
      assert.equal(access.username, h.username);
      // aws-jwt-verify, as APIs check an access token's scopes.
      await verifier(s, h.poolId, h.clientId, ['api/read']).verify(tokens.access_token);
      await assert.rejects(verifier(s, h.poolId, h.clientId, ['api/write']).verify(tokens.access_token), /scope/i);
      // The sign-in scope lets the token call the API.
      const user = await s.sdk.send(new GetUserCommand({ AccessToken: tokens.access_token }));
      assert.equal(user.Username, h.username);

      const info = await client.fetchUserInfo(config, tokens.access_token, id.sub);
      assert.deepEqual(info, {
        sub: id.sub,
        given_name: 'Alice',
        email: 'alice@example.com',
        email_verified: 'true',
        username: h.username,
      });

      s.clock.advance(60_000);
      const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
      assert.equal(refreshed.refresh_token, undefined, 'no rotation: no new refresh token');
      assert.equal(decodeJwt(refreshed.access_token).scope, access.scope);
      assert.equal(refreshed.claims()!.sub, id.sub);
      assert.equal(decodeJwt(refreshed.access_token).auth_time, access.auth_time);

      await client.tokenRevocation(config, tokens.refresh_token!);
      await assert.rejects(client.refreshTokenGrant(config, tokens.refresh_token!), (e: Error & { error?: string }) => e.error === 'invalid_grant');
      // Every access token of the sign-in dies with it, whichever endpoint issued it.
      await rejectsWith(s.sdk.send(new GetUserCommand({ AccessToken: refreshed.access_token })), 'NotAuthorizedException', 'Access Token has been revoked');
      await assert.rejects(client.fetchUserInfo(config, refreshed.access_token, id.sub));
    });

    test('a confidential client (client_secret_basic), rotation on: a new refresh token each time', async () => {
      const s = server();
      const h = await hostedSetup(s, { client: { RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 } } });
      const { clientId, secret } = h.confidential;
      const config = await client.discovery(new URL(`${s.url}/${h.poolId}`), clientId, secret, client.ClientSecretBasic(secret), insecure);
      const url = client.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: 'openid', state: 'xyz' });
      const back = await signInThroughForm(url.href, h.username, USER_PASSWORD);
      const tokens = await client.authorizationCodeGrant(config, new URL(back.location!), { expectedState: 'xyz' });
      assert.equal(decodeJwt(tokens.access_token).scope, 'openid');
      const rotated = await client.refreshTokenGrant(config, tokens.refresh_token!);
      assert.ok(rotated.refresh_token && rotated.refresh_token !== tokens.refresh_token);
      await assert.rejects(client.refreshTokenGrant(config, tokens.refresh_token!), (e: Error & { error?: string }) => e.error === 'invalid_grant');
      // client_secret_post works as well.
      const post = await client.discovery(new URL(`${s.url}/${h.poolId}`), clientId, secret, client.ClientSecretPost(secret), insecure);
      assert.ok((await client.refreshTokenGrant(post, rotated.refresh_token!)).access_token);
    });

    test('an access token without aws.cognito.signin.user.admin cannot call the API', async () => {
      const s = server();
      const h = await hostedSetup(s);
      const config = await client.discovery(new URL(`${s.url}/${h.poolId}`), h.clientId, undefined, client.None(), insecure);
      const url = client.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: 'openid email' });
      const back = await signInThroughForm(url.href, h.username, USER_PASSWORD);
      const tokens = await client.authorizationCodeGrant(config, new URL(back.location!));
      await rejectsWith(
        s.sdk.send(new GetUserCommand({ AccessToken: tokens.access_token })),
        'NotAuthorizedException',
        'Access Token does not have required scopes.',
      );
      // userInfo: email only, with openid email.
      const info = await client.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub);
      assert.deepEqual(Object.keys(info).sort(), ['email', 'email_verified', 'sub', 'username']);
    });

    test('client_credentials: custom scopes only, all of the client when none asked, no ID or refresh token', async () => {
      const s = server();
      const h = await hostedSetup(s);
      const { clientId, secret } = h.machine;
      const config = await client.discovery(new URL(`${s.url}/${h.poolId}`), clientId, secret, client.ClientSecretBasic(secret), insecure);
      const all = await client.clientCredentialsGrant(config);
      assert.equal(all.refresh_token, undefined);
      assert.equal(all.id_token, undefined);
      const claims = decodeJwt(all.access_token);
      assert.equal(claims.scope, 'api/read api/write');
      assert.equal(claims.sub, clientId);
      assert.equal(claims.client_id, clientId);
      assert.equal(claims.token_use, 'access');
      assert.equal(claims.version, 2);
      assert.equal(claims.username, undefined);
      await verifier(s, h.poolId, clientId, ['api/write']).verify(all.access_token);
      const one = await client.clientCredentialsGrant(config, { scope: 'api/read' });
      assert.equal(decodeJwt(one.access_token).scope, 'api/read');
      await assert.rejects(client.clientCredentialsGrant(config, { scope: 'openid' }), (e: Error & { error?: string }) => e.error === 'invalid_scope');
      await rejectsWith(
        s.sdk.send(new GetUserCommand({ AccessToken: one.access_token })),
        'NotAuthorizedException',
        'Access Token does not have required scopes.',
      );
    });

    test('API-issued tokens stay as they are, and the API refreshes an OAuth sign-in with its scopes', async () => {
      const s = server();
      const h = await hostedSetup(s, { client: { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] } });
      const api = await s.sdk.send(
        new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: h.clientId, AuthParameters: { USERNAME: h.username, PASSWORD: USER_PASSWORD } }),
      );
      const claims = decodeJwt(api.AuthenticationResult!.AccessToken!);
      assert.equal(claims.scope, 'aws.cognito.signin.user.admin');
      assert.equal(claims.version, undefined);
      assert.equal(decodeJwt(api.AuthenticationResult!.IdToken!).at_hash, undefined);

      const config = await client.discovery(new URL(`${s.url}/${h.poolId}`), h.clientId, undefined, client.None(), insecure);
      const url = client.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: 'openid api/read' });
      const tokens = await client.authorizationCodeGrant(config, new URL((await signInThroughForm(url.href, h.username, USER_PASSWORD)).location!));
      const viaApi = await s.sdk.send(
        new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: h.clientId, AuthParameters: { REFRESH_TOKEN: tokens.refresh_token! } }),
      );
      assert.equal(decodeJwt(viaApi.AuthenticationResult!.AccessToken!).scope, 'openid api/read');
    });
  },
  { flags: { discovery: 'extended' } },
);
