import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UpdateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { CALLBACK, hostedSetup, signInThroughForm, USER_PASSWORD } from './support/hosted-ui.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';
import { arn, functionFolder } from './support/trigger-functions.ts';

/**
 * PreTokenGeneration (V3) on the OAuth endpoints: TokenGeneration_HostedAuth for a hosted
 * sign-in's tokens, TokenGeneration_RefreshTokens for a refresh at /oauth2/token, and
 * TokenGeneration_ClientCredentials (userName ClientCredentials, aws_client_metadata as
 * clientMetadata) for a machine's token; the scopes it adds appear in the access token.
 */

const fx = functionFolder();
fx.write({
  'oauthPreToken.mjs': `export const handler = async (event) => {
    ${fx.record('pre-token')}
    event.response = { claimsAndScopeOverrideDetails: { accessTokenGeneration: { scopesToAdd: ['api/write'], claimsToAddOrOverride: { source: event.triggerSource } } } };
    return event;
  };`,
});

async function form(s: TestServer, params: Record<string, string>, auth?: string) {
  const res = await fetch(`${s.url}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(auth ? { authorization: auth } : {}) },
    body: new URLSearchParams(params),
  });
  return (await res.json()) as Record<string, string>;
}

describeEachBackend(
  'OAuth 2.0 and PreTokenGeneration',
  ({ server }) => {
    test('HostedAuth, RefreshTokens and ClientCredentials sources', async () => {
      const s = server();
      const h = await hostedSetup(s);
      await s.sdk.send(
        new UpdateUserPoolCommand({
          UserPoolId: h.poolId,
          LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: arn('oauthPreToken'), LambdaVersion: 'V3_0' } },
        }),
      );
      const url = `${s.url}/oauth2/authorize?${new URLSearchParams({ client_id: h.clientId, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid' })}`;
      const code = new URL((await signInThroughForm(url, h.username, USER_PASSWORD)).location!).searchParams.get('code')!;
      const tokens = await form(s, { grant_type: 'authorization_code', client_id: h.clientId, code, redirect_uri: CALLBACK });
      const access = decodeJwt(tokens.access_token!);
      assert.equal(access.source, 'TokenGeneration_HostedAuth');
      assert.equal(access.scope, 'openid api/write');
      const refreshed = await form(s, { grant_type: 'refresh_token', client_id: h.clientId, refresh_token: tokens.refresh_token! });
      assert.equal(decodeJwt(refreshed.access_token!).source, 'TokenGeneration_RefreshTokens');

      const machine = `Basic ${Buffer.from(`${h.machine.clientId}:${h.machine.secret}`).toString('base64')}`;
      const m2m = await form(s, { grant_type: 'client_credentials', scope: 'api/read', aws_client_metadata: JSON.stringify({ tenant: 't1' }) }, machine);
      assert.equal(decodeJwt(m2m.access_token!).source, 'TokenGeneration_ClientCredentials');
      const events = fx.recorded(h.poolId, 'pre-token');
      assert.deepEqual(
        events.map((e) => e.triggerSource),
        ['TokenGeneration_HostedAuth', 'TokenGeneration_RefreshTokens', 'TokenGeneration_ClientCredentials'],
      );
      const cc = events[2];
      assert.equal(cc.userName, 'ClientCredentials');
      assert.equal(cc.callerContext.clientId, h.machine.clientId);
      assert.deepEqual(cc.request.clientMetadata, { tenant: 't1' });
      assert.deepEqual(cc.request.scopes, ['api/read']);
      assert.deepEqual(events[0].request.scopes, ['openid']);
    });
  },
  { flags: { functions: fx.dir } },
);
