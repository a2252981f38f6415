import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UpdateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { CALLBACK, hop, hostedSetup, postForm, signInThroughForm, USER_PASSWORD } from './support/hosted-ui.ts';
import { lastCode } from './support/fixtures.ts';
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
  'pagesPreSignUp.mjs': `export const handler = async (event) => {
    ${fx.record('pre-sign-up')}
    event.response.autoConfirmUser = event.request.userAttributes.email.endsWith('@trusted.example');
    return event;
  };`,
  'pagesPostAuth.mjs': `export const handler = async (event) => {
    ${fx.record('post-auth')}
    return event;
  };`,
  'pagesPostConfirm.mjs': `export const handler = async (event) => {
    ${fx.record('post-confirm')}
    return event;
  };`,
});

/** An account form of the hosted pages: where it posts and its `_csrf`. */
function accountForm(html: string, name: string) {
  const action = new RegExp(`<form name="${name}Form" id="${name}Form" method="post" action="([^"]*)"`).exec(html);
  const csrf = /<input name="_csrf" type="hidden" value="([^"]*)"/.exec(html);
  assert.ok(action && csrf, `the page has the ${name} form`);
  return { action: action[1]!.replace(/&amp;/g, '&'), csrf: csrf[1]! };
}

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

    test('the sign-up and recovery pages fire the triggers the API operations fire', async () => {
      const s = server();
      const h = await hostedSetup(s, { pool: { AutoVerifiedAttributes: ['email'] } });
      await s.sdk.send(
        new UpdateUserPoolCommand({
          UserPoolId: h.poolId,
          AutoVerifiedAttributes: ['email'],
          LambdaConfig: { PreSignUp: arn('pagesPreSignUp'), PostAuthentication: arn('pagesPostAuth'), PostConfirmation: arn('pagesPostConfirm') },
        }),
      );
      const query = new URLSearchParams({ client_id: h.clientId, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid', state: 'st' });
      const jar = new Map<string, string>();
      // PreSignUp confirms a trusted address: the new user is signed in at once.
      const signup = await hop(`${s.url}/signup?${query}`, { jar });
      const form = accountForm(signup.body, 'signup');
      const done = await postForm(new URL(form.action, s.url).toString(), jar, {
        _csrf: form.csrf,
        username: 'dave',
        'requiredAttributes[email]': 'dave@trusted.example',
        password: 'Daves-Passw0rd!',
      });
      assert.equal(done.status, 302, done.body);
      assert.match(done.location!, new RegExp(`^${CALLBACK}\\?code=[0-9a-f-]{36}&state=st$`));
      assert.deepEqual(
        fx.recorded(h.poolId, 'pre-sign-up').map((e) => [e.triggerSource, e.userName, e.callerContext.clientId]),
        [['PreSignUp_SignUp', 'dave', h.clientId]],
      );
      assert.deepEqual(
        fx.recorded(h.poolId, 'post-auth').map((e) => [e.triggerSource, e.userName]),
        [['PostAuthentication_Authentication', 'dave']],
      );

      // A reset through the pages: PostConfirmation_ConfirmForgotPassword, then the sign-in's PostAuthentication.
      const forgot = await hop(`${s.url}/forgotPassword?${query}`, { jar });
      const f1 = accountForm(forgot.body, 'forgotPassword');
      const sent = await postForm(new URL(f1.action, s.url).toString(), jar, { _csrf: f1.csrf, username: h.username });
      const f2 = accountForm(sent.body, 'confirmforgotPassword');
      const code = await lastCode(s, h.poolId, h.username);
      const reset = await postForm(new URL(f2.action, s.url).toString(), jar, { _csrf: f2.csrf, username: h.username, code, password: 'Reset-Passw0rd!' });
      assert.equal(reset.status, 302, reset.body);
      assert.deepEqual(
        fx.recorded(h.poolId, 'post-confirm').map((e) => e.triggerSource),
        ['PostConfirmation_ConfirmForgotPassword'],
      );
      assert.deepEqual(
        fx.recorded(h.poolId, 'post-auth').map((e) => e.userName),
        ['dave', h.username],
      );
    });
  },
  { flags: { functions: fx.dir } },
);
