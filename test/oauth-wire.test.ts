import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { get as httpGet } from 'node:http';
import { test } from 'node:test';
import { AdminCreateUserCommand, CreateUserPoolClientCommand, UpdateUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { createPool } from './support/fixtures.ts';
import {
  CALLBACK,
  type HostedSetup,
  hop,
  hostedSetup,
  pageError,
  readForm,
  signInThroughForm,
  readStepForm,
  postForm,
  USER_PASSWORD,
} from './support/hosted-ui.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';

/**
 * Golden wire tests of the authorization server: for each endpoint, what a client sees of every
 * error (status, Location, body, headers), and the behaviours of the hosted sign-in that a user
 * sees on the page.
 */

/** A GET with a Host header of our choosing (fetch does not let one be set), as a browser on a domain alias sends it. */
function getWithHost(url: string, host: string): Promise<{ status: number; location: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpGet(url, { headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, location: res.headers.location, body }));
    });
    req.on('error', reject);
  });
}

const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-0123456789';
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');

function authorizeUrl(s: TestServer, params: Record<string, string>): string {
  return `${s.url}/oauth2/authorize?${new URLSearchParams(params)}`;
}

const base = (h: HostedSetup) => ({ client_id: h.clientId, response_type: 'code', redirect_uri: CALLBACK });

async function tokenCall(s: TestServer, params: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(`${s.url}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params).toString(),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : undefined };
}

const basic = (id: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` });

/** A code for the public client, with PKCE. */
async function codeFor(s: TestServer, h: HostedSetup, extra: Record<string, string> = {}) {
  const back = await signInThroughForm(
    authorizeUrl(s, { ...base(h), scope: 'openid', code_challenge: CHALLENGE, code_challenge_method: 'S256', ...extra }),
    h.username,
    USER_PASSWORD,
  );
  return new URL(back.location!).searchParams.get('code')!;
}

describeEachBackend('OAuth 2.0 wire', ({ server }) => {
  test('/oauth2/authorize: success goes to /login with the same query', async () => {
    const s = server();
    const h = await hostedSetup(s);
    const url = authorizeUrl(s, { ...base(h), state: 'abc', scope: 'openid' });
    const r = await hop(url);
    assert.equal(r.status, 302);
    assert.equal(r.location, `${s.url}/login?${new URL(url).searchParams}`);
  });

  test('/oauth2/authorize: errors on the page, on /error, and redirected to the app', async () => {
    const s = server();
    const h = await hostedSetup(s);
    const unknown = await hop(authorizeUrl(s, { ...base(h), client_id: 'nosuchclient' }));
    assert.equal(unknown.status, 400);
    assert.match(unknown.headers.get('content-type')!, /^text\/html/);
    assert.match(unknown.body, /An error was encountered with the requested page/);

    const mismatch = await hop(authorizeUrl(s, { ...base(h), redirect_uri: `${CALLBACK}/` }));
    assert.equal(mismatch.status, 302);
    assert.equal(mismatch.location, `${s.url}/error?error=redirect_mismatch&client_id=${h.clientId}`);

    const scope = await hop(authorizeUrl(s, { ...base(h), scope: 'openid api/write' }));
    assert.equal(scope.location, `${s.url}/error?error=invalid_scope&client_id=${h.clientId}`);

    const cases: Array<[Record<string, string>, string]> = [
      [{ response_type: '' }, `${CALLBACK}?error=invalid_request&error_description=The+response_type+parameter+is+missing.&state=st`],
      [{ response_type: 'id_token' }, `${CALLBACK}?error=unsupported_response_type&state=st`],
      [
        { code_challenge_method: 'plain', code_challenge: CHALLENGE },
        `${CALLBACK}?error=invalid_request&error_description=The+only+code_challenge_method+supported+is+S256.&state=st`,
      ],
      [{ code_challenge: CHALLENGE }, `${CALLBACK}?error=invalid_request&error_description=code_challenge+and+code_challenge_method+go+together.&state=st`],
      [
        { identity_provider: 'Google' },
        `${CALLBACK}?error=invalid_request&error_description=The+identity+provider+Google+is+not+enabled+for+this+client.&state=st`,
      ],
      [{ prompt: 'none' }, `${CALLBACK}?error=login_required&state=st`],
    ];
    for (const [params, location] of cases) {
      const r = await hop(authorizeUrl(s, { ...base(h), state: 'st', ...params }));
      assert.equal(r.status, 302, JSON.stringify(params));
      assert.equal(r.location, location);
    }
    // The implicit grant's errors travel in the fragment.
    const implicit = await hop(authorizeUrl(s, { ...base(h), response_type: 'token', state: 'st', prompt: 'none' }));
    assert.equal(implicit.location, `${CALLBACK}#error=login_required&state=st`);

    // A flow the client does not allow.
    const conf = await hop(authorizeUrl(s, { ...base(h), client_id: h.confidential.clientId, response_type: 'token', state: 'st' }));
    assert.equal(conf.location, `${CALLBACK}#error=unauthorized_client&state=st`);

    const post = await fetch(authorizeUrl(s, base(h)), { method: 'POST', redirect: 'manual' });
    assert.equal(post.status, 405);
    assert.equal(await post.text(), '');
  });

  test('a pool without a domain has no endpoints: the pages say it needs one', async () => {
    const s = server();
    const poolId = await createPool(s);
    const { UserPoolClient } = await s.sdk.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: 'web',
        AllowedOAuthFlows: ['code'],
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthScopes: ['openid'],
        CallbackURLs: [CALLBACK],
        SupportedIdentityProviders: ['COGNITO'],
      }),
    );
    const r = await hop(authorizeUrl(s, { client_id: UserPoolClient!.ClientId!, response_type: 'code', redirect_uri: CALLBACK }));
    assert.equal(r.status, 400);
    assert.match(r.body, /This user pool has no domain/);
    const t = await tokenCall(s, { grant_type: 'authorization_code', client_id: UserPoolClient!.ClientId!, code: 'x', redirect_uri: CALLBACK });
    assert.equal(t.status, 400);
    assert.deepEqual(t.json, { error: 'invalid_request', error_description: 'The user pool has no domain.' });
  });

  test('the Host names the pool: a domain alias serves its own clients only', async () => {
    const s = server();
    const h = await hostedSetup(s);
    const other = await hostedSetup(s);
    const host = `${h.domain}.auth.${s.config.region}.localhost:${new URL(s.url).port}`;
    const own = await getWithHost(authorizeUrl(s, base(h)), host);
    assert.equal(own.status, 302);
    assert.equal(own.location, `http://${host}/login?${new URLSearchParams(base(h))}`);
    const foreign = await getWithHost(authorizeUrl(s, base(other)), host);
    assert.equal(foreign.status, 400);
    assert.match(foreign.body, /names no app client of this user pool/);
    // The domain's name on Cognito's own host form names it too.
    const aws = await getWithHost(authorizeUrl(s, base(h)), `${h.domain}.auth.${s.config.region}.amazoncognito.com`);
    assert.equal(aws.status, 302);
  });

  test('/login: the classic form, Cognito messages for wrong passwords and unknown users, CSRF', async () => {
    const s = server();
    const h = await hostedSetup(s);
    const jar = new Map<string, string>();
    const loginUrl = `${s.url}/login?${new URLSearchParams({ ...base(h), login_hint: 'alice' })}`;
    const page = await hop(loginUrl, { jar });
    assert.equal(page.status, 200);
    assert.match(page.headers.get('set-cookie')!, /^XSRF-TOKEN=[\w-]+; Path=\/; HttpOnly; SameSite=Lax$/);
    assert.equal(page.headers.get('x-frame-options'), 'DENY');
    assert.match(page.body, /<input id="signInFormUsername" name="username" type="text"[^>]*value="alice"/);
    assert.match(page.body, /<input id="signInFormPassword" name="password" type="password"/);
    assert.match(page.body, /name="signInSubmitButton"/);
    const { action, csrf } = readForm(page.body);
    assert.equal(action, `/login?${new URL(loginUrl).searchParams}`);
    const post = (username: string, password: string, token = csrf) =>
      hop(new URL(action, s.url).toString(), {
        jar,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: token, username, password }).toString(),
      });
    const wrong = await post('alice', 'Wrong-passw0rd!');
    assert.equal(wrong.status, 200);
    assert.equal(pageError(wrong.body), 'Incorrect username or password.');
    assert.equal(pageError((await post('nobody', 'Wrong-passw0rd!')).body), 'User does not exist.');
    const forged = await post('alice', USER_PASSWORD, 'not-the-cookie');
    assert.equal(forged.status, 403);
    const ok = await post('alice', USER_PASSWORD);
    assert.equal(ok.status, 302);
    assert.match(ok.location!, new RegExp(`^${CALLBACK}\\?code=[0-9a-f-]{36}$`));
  });

  test('/login honours PreventUserExistenceErrors and lockout', async () => {
    const s = server();
    const h = await hostedSetup(s, { client: { PreventUserExistenceErrors: 'ENABLED' } });
    const url = authorizeUrl(s, base(h));
    assert.equal(pageError((await signInThroughForm(url, 'nobody', 'Wrong-passw0rd!')).body), 'Incorrect username or password.');
    for (let i = 0; i < 5; i++) assert.equal(pageError((await signInThroughForm(url, h.username, 'Wrong-passw0rd!')).body), 'Incorrect username or password.');
    assert.equal(pageError((await signInThroughForm(url, h.username, USER_PASSWORD)).body), 'Password attempts exceeded');
  });

  test('/login: a further challenge is a page of its own, answered by a plain form post; a replayed post signs nobody in', async () => {
    const s = server();
    const h = await hostedSetup(s);
    await s.sdk.send(new AdminCreateUserCommand({ UserPoolId: h.poolId, Username: 'newbie', TemporaryPassword: 'Temp-Passw0rd!', MessageAction: 'SUPPRESS' }));
    const r = await signInThroughForm(authorizeUrl(s, { ...base(h), state: 'st' }), 'newbie', 'Temp-Passw0rd!');
    assert.equal(r.status, 200);
    const form = readStepForm(r.body);
    assert.equal(form.challenge, 'NEW_PASSWORD_REQUIRED');
    assert.match(r.body, /<label for="newPassword">New password<\/label>/);
    // The engine's Session never shows: the step travels sealed.
    assert.doesNotMatch(form.step, /^[A-Za-z0-9_-]{86}$/);
    const url = new URL(form.action, r.loginUrl).toString();
    const weak = await postForm(url, r.jar, { _csrf: form.csrf, _step: form.step, password: 'short' });
    assert.equal(weak.status, 200);
    assert.match(pageError(weak.body) ?? '', /^Password does not conform to policy/);
    // Without the browser's CSRF token the sealed step is worth nothing.
    const stranger = await postForm(url, new Map([['XSRF-TOKEN', 'A'.repeat(43)]]), {
      _csrf: 'A'.repeat(43),
      _step: form.step,
      password: 'Brand-New-Passw0rd!',
    });
    assert.equal(pageError(stranger.body), 'Invalid session for the user.');
    const fields = { _csrf: form.csrf, _step: form.step, password: 'Brand-New-Passw0rd!' };
    const done = await postForm(url, r.jar, fields);
    assert.equal(done.status, 302);
    assert.match(done.location!, new RegExp(`^${CALLBACK}\\?code=[0-9a-f-]{36}&state=st$`));
    const replayed = await postForm(url, r.jar, fields);
    assert.equal(replayed.status, 200);
    assert.equal(pageError(replayed.body), 'Invalid session for the user, session can only be used once.');
    assert.equal(replayed.location, undefined);
  });

  test('the sign-in session cookie: authorize answers without the page, prompt=none and prompt=login, /logout revokes even a copy kept elsewhere', async () => {
    const s = server();
    const h = await hostedSetup(s);
    const first = await signInThroughForm(authorizeUrl(s, { ...base(h), state: 'a' }), h.username, USER_PASSWORD);
    assert.equal(first.status, 302);
    const setCookie = first.headers.getSetCookie().find((c) => c.startsWith('cognito='));
    assert.match(setCookie ?? '', /^cognito=v1\.[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=3600$/);
    const jar = first.jar;
    const copy = new Map(jar);
    // Any client of the pool, at once.
    const silent = await hop(authorizeUrl(s, { ...base(h), client_id: h.confidential.clientId, state: 'b', prompt: 'none' }), { jar });
    assert.match(silent.location ?? '', new RegExp(`^${CALLBACK}\\?code=[0-9a-f-]{36}&state=b$`));
    // Not renewed by use.
    assert.equal(
      silent.headers.getSetCookie().find((c) => c.startsWith('cognito=')),
      undefined,
    );
    const forced = await hop(authorizeUrl(s, { ...base(h), prompt: 'login' }), { jar });
    assert.match(forced.location ?? '', /\/login\?/);
    // Another browser, without the cookie.
    const stranger = await hop(authorizeUrl(s, { ...base(h), state: 'c', prompt: 'none' }));
    assert.equal(stranger.location, `${CALLBACK}?error=login_required&state=c`);
    // A disabled user is signed in no more.
    const { AdminDisableUserCommand, AdminEnableUserCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    await s.sdk.send(new AdminDisableUserCommand({ UserPoolId: h.poolId, Username: h.username }));
    assert.equal((await hop(authorizeUrl(s, { ...base(h), state: 'd', prompt: 'none' }), { jar })).location, `${CALLBACK}?error=login_required&state=d`);
    await s.sdk.send(new AdminEnableUserCommand({ UserPoolId: h.poolId, Username: h.username }));

    const out = await hop(`${s.url}/logout?${new URLSearchParams({ client_id: h.clientId, logout_uri: 'http://localhost:8080/signed-out' })}`, { jar });
    assert.equal(out.location, 'http://localhost:8080/signed-out');
    assert.ok(out.headers.getSetCookie().some((c) => /^cognito=; .*Max-Age=0$/.test(c)));
    assert.equal((await hop(authorizeUrl(s, { ...base(h), state: 'e', prompt: 'none' }), { jar })).location, `${CALLBACK}?error=login_required&state=e`);
    // The cookie copied before the sign-out is revoked too.
    assert.equal((await hop(authorizeUrl(s, { ...base(h), state: 'f', prompt: 'none' }), { jar: copy })).location, `${CALLBACK}?error=login_required&state=f`);
    // Nor does a cookie of this pool sign anyone in at another pool.
    const other = await hostedSetup(s);
    const elsewhere = await hop(authorizeUrl(s, { ...base(other), state: 'g', prompt: 'none' }), {
      jar: new Map([['cognito', setCookie!.split(';')[0]!.slice(8)]]),
    });
    assert.equal(elsewhere.location, `${CALLBACK}?error=login_required&state=g`);
  });

  test('sign-up and recovery pages only where the pool allows them; managed login keeps the classic form names', async () => {
    const s = server();
    const open = await hostedSetup(s);
    const login = await hop((await hop(authorizeUrl(s, base(open)))).location!);
    assert.match(login.body, /id="signUpLink" href="\/signup\?client_id=/);
    assert.match(login.body, /id="forgotPasswordLink" href="\/forgotPassword\?client_id=/);
    assert.match(login.body, /<p class="app" id="appName">spa<\/p>/);
    // No choice-based sign-in for a client without ALLOW_USER_AUTH.
    assert.doesNotMatch(login.body, /otherWaysButton/);

    const closed = await hostedSetup(s, {
      pool: {
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'admin_only', Priority: 1 }] },
      },
    });
    const closedLogin = await hop((await hop(authorizeUrl(s, base(closed)))).location!);
    assert.doesNotMatch(closedLogin.body, /signUpLink|forgotPasswordLink/);
    const query = new URLSearchParams(base(closed));
    const signup = await hop(`${s.url}/signup?${query}`);
    assert.equal(signup.status, 400);
    assert.match(signup.body, /SignUp is not permitted for this user pool/);
    const forgot = await hop(`${s.url}/forgotPassword?${query}`);
    assert.equal(forgot.status, 400);
    assert.match(forgot.body, /Contact administrator to reset password\./);
    // A post without the CSRF token is refused before anything else.
    const posted = await hop(`${s.url}/signup?${new URLSearchParams(base(open))}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=x&password=y',
    });
    assert.equal(posted.status, 403);

    // Managed login (version 2): a newer look, the same form.
    const { UpdateUserPoolDomainCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    await s.sdk.send(new UpdateUserPoolDomainCommand({ UserPoolId: open.poolId, Domain: open.domain, ManagedLoginVersion: 2 }));
    const managed = await hop((await hop(authorizeUrl(s, base(open)))).location!);
    assert.match(managed.body, /linear-gradient/);
    assert.ok(readForm(managed.body));
    assert.match(managed.body, /id="signInFormUsername" name="username"/);
    assert.match(managed.body, /id="signInFormPassword" name="password"/);
  });

  test('MFA set-up offering the app and email: both forms on the page; the email one leads to the code sent there', async () => {
    const s = server();
    const h = await hostedSetup(s);
    const { SetUserPoolMfaConfigCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    await s.sdk.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: h.poolId,
        MfaConfiguration: 'ON',
        SoftwareTokenMfaConfiguration: { Enabled: true },
        EmailMfaConfiguration: { Message: 'Your code is {####}', Subject: 'Code' },
      }),
    );
    const r = await signInThroughForm(authorizeUrl(s, { ...base(h), state: 'st' }), h.username, USER_PASSWORD);
    const form = readStepForm(r.body);
    assert.equal(form.challenge, 'MFA_SETUP');
    assert.match(r.body, /id="totpSecret">[A-Z2-7]{16,}</);
    assert.match(r.body, /<form name="cognitoAlternativeForm" id="alternativeForm"/);
    assert.match(r.body, /<label for="alternativeEmail">Email address for sign-in codes<\/label>/);
    const url = new URL(form.action, r.loginUrl).toString();
    const bad = await postForm(url, r.jar, { _csrf: form.csrf, _step: form.step, email: 'not-an-address' });
    assert.equal(pageError(bad.body), 'Invalid email address format.');
    const next = await postForm(url, r.jar, { _csrf: form.csrf, _step: form.step, email: 'alice@example.com' });
    const code = readStepForm(next.body);
    assert.equal(code.challenge, 'EMAIL_OTP');
    const { lastCode } = await import('./support/fixtures.ts');
    const done = await postForm(url, r.jar, { _csrf: code.csrf, _step: code.step, code: await lastCode(s, h.poolId, h.username) });
    assert.equal(done.status, 302, done.body);
    assert.match(done.location!, new RegExp(`^${CALLBACK}\\?code=[0-9a-f-]{36}&state=st$`));
  });

  test('the implicit grant: tokens in the fragment, ID token only with openid, no refresh token', async () => {
    const s = server();
    const h = await hostedSetup(s);
    const r = await signInThroughForm(
      authorizeUrl(s, { ...base(h), response_type: 'token', scope: 'openid email', state: 's1', nonce: 'n1' }),
      h.username,
      USER_PASSWORD,
    );
    const fragment = new URLSearchParams(new URL(r.location!).hash.slice(1));
    assert.deepEqual([...fragment.keys()].sort(), ['access_token', 'expires_in', 'id_token', 'state', 'token_type']);
    assert.equal(fragment.get('token_type'), 'Bearer');
    assert.equal(fragment.get('state'), 's1');
    assert.equal(decodeJwt(fragment.get('id_token')!).nonce, 'n1');
    const noOpenid = await signInThroughForm(authorizeUrl(s, { ...base(h), response_type: 'token', scope: 'api/read' }), h.username, USER_PASSWORD);
    assert.equal(new URLSearchParams(new URL(noOpenid.location!).hash.slice(1)).get('id_token'), null);
  });

  test('/oauth2/token errors: JSON, status 400, CORS *', async () => {
    const s = server();
    const h = await hostedSetup(s);
    const code = await codeFor(s, h);
    const golden: Array<[Record<string, string>, Record<string, string>, unknown]> = [
      [{ client_id: h.clientId }, {}, { error: 'invalid_request', error_description: 'The grant_type parameter is missing.' }],
      [{ grant_type: 'password', client_id: h.clientId }, {}, { error: 'unsupported_grant_type' }],
      [{ grant_type: 'authorization_code', client_id: 'nosuchclient', code }, {}, { error: 'invalid_client' }],
      [{ grant_type: 'authorization_code', client_id: h.confidential.clientId, code }, {}, { error: 'invalid_client' }],
      [{ grant_type: 'authorization_code', code }, basic(h.confidential.clientId, 'wrong-secret'), { error: 'invalid_client' }],
      [
        { grant_type: 'authorization_code', client_id: h.clientId, code, redirect_uri: `${CALLBACK}/x` },
        {},
        { error: 'unauthorized_client', error_description: 'invalid_redirect' },
      ],
      [
        { grant_type: 'authorization_code', client_id: h.clientId, code, redirect_uri: CALLBACK },
        {},
        { error: 'invalid_grant', error_description: 'The code_verifier does not match the code_challenge.' },
      ],
      [
        { grant_type: 'authorization_code', client_id: h.clientId, code: 'nope', redirect_uri: CALLBACK, code_verifier: VERIFIER },
        {},
        { error: 'invalid_grant' },
      ],
      [{ grant_type: 'refresh_token', client_id: h.clientId }, {}, { error: 'invalid_request', error_description: 'The refresh_token parameter is missing.' }],
      [{ grant_type: 'refresh_token', client_id: h.clientId, refresh_token: 'unknown' }, {}, { error: 'invalid_grant' }],
      [{ grant_type: 'client_credentials', client_id: h.clientId }, {}, { error: 'unauthorized_client' }],
      [{ grant_type: 'client_credentials', scope: 'api/nope' }, basic(h.machine.clientId, h.machine.secret), { error: 'invalid_scope' }],
    ];
    for (const [params, headers, body] of golden) {
      const r = await tokenCall(s, params, headers);
      assert.equal(r.status, 400, JSON.stringify(params));
      assert.deepEqual(r.json, body, JSON.stringify(params));
      assert.equal(r.headers.get('content-type'), 'application/json;charset=UTF-8');
      assert.equal(r.headers.get('access-control-allow-origin'), '*');
    }
    // None of those used the code up: it still works, once, and expires after 5 minutes.
    const ok = await tokenCall(s, { grant_type: 'authorization_code', client_id: h.clientId, code, redirect_uri: CALLBACK, code_verifier: VERIFIER });
    assert.equal(ok.status, 200, ok.text);
    assert.deepEqual(Object.keys(ok.json).sort(), ['access_token', 'expires_in', 'id_token', 'refresh_token', 'token_type']);
    assert.equal(ok.headers.get('cache-control'), 'no-cache, no-store, max-age=0, must-revalidate');
    const again = await tokenCall(s, { grant_type: 'authorization_code', client_id: h.clientId, code, redirect_uri: CALLBACK, code_verifier: VERIFIER });
    assert.deepEqual(again.json, { error: 'invalid_grant' });
    const late = await codeFor(s, h);
    s.clock.advance(5 * 60_000 + 1);
    const expired = await tokenCall(s, {
      grant_type: 'authorization_code',
      client_id: h.clientId,
      code: late,
      redirect_uri: CALLBACK,
      code_verifier: VERIFIER,
    });
    assert.deepEqual(expired.json, { error: 'invalid_grant' });

    const json = await fetch(`${s.url}/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(json.status, 400);
    assert.equal((await json.json()).error, 'invalid_request');
    const get = await fetch(`${s.url}/oauth2/token`);
    assert.equal(get.status, 405);
    assert.equal(await get.text(), '');
  });

  test('/oauth2/userInfo errors: WWW-Authenticate, no body', async () => {
    const s = server();
    const h = await hostedSetup(s);
    const info = (authorization?: string) => fetch(`${s.url}/oauth2/userInfo`, { headers: authorization ? { authorization } : {} });
    const missing = await info();
    assert.equal(missing.status, 400);
    assert.equal(missing.headers.get('www-authenticate'), 'error="invalid_request", error_description="Bad OAuth2 request at UserInfo Endpoint"');
    assert.equal(await missing.text(), '');
    const bogus = await info('Bearer abc.def.ghi');
    assert.equal(bogus.status, 401);
    assert.equal(
      bogus.headers.get('www-authenticate'),
      'error="invalid_token", error_description="Access token is expired, disabled, or deleted, or the user has globally signed out."',
    );
    // An API token has no openid scope.
    const code = await codeFor(s, h, { scope: 'aws.cognito.signin.user.admin' });
    const t = await tokenCall(s, { grant_type: 'authorization_code', client_id: h.clientId, code, redirect_uri: CALLBACK, code_verifier: VERIFIER });
    const noOpenid = await info(`Bearer ${t.json.access_token}`);
    assert.equal(noOpenid.status, 401);
    assert.equal(noOpenid.headers.get('www-authenticate'), 'error="invalid_token", error_description="Access token does not contain openid scope"');
    assert.equal(noOpenid.headers.get('access-control-allow-origin'), '*');
    // POST answers as GET does.
    const openid = await tokenCall(s, {
      grant_type: 'authorization_code',
      client_id: h.clientId,
      code: await codeFor(s, h, { scope: 'openid phone' }),
      redirect_uri: CALLBACK,
      code_verifier: VERIFIER,
    });
    const posted = await fetch(`${s.url}/oauth2/userInfo`, { method: 'POST', headers: { authorization: `Bearer ${openid.json.access_token}` } });
    assert.equal(posted.status, 200);
    assert.deepEqual(await posted.json(), { sub: decodeJwt(openid.json.access_token).sub, phone_number: '+15555550100', username: 'alice' });
  });

  test('/oauth2/revoke: 200 for unknown tokens, unsupported_token_type, invalid_client 401, invalid_request when revocation is off', async () => {
    const s = server();
    const h = await hostedSetup(s);
    const revoke = (params: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(`${s.url}/oauth2/revoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(params).toString(),
      });
    const unknown = await revoke({ token: 'unknown-token', client_id: h.clientId });
    assert.equal(unknown.status, 200);
    assert.equal(await unknown.text(), '');
    const t = await tokenCall(s, {
      grant_type: 'authorization_code',
      client_id: h.clientId,
      code: await codeFor(s, h),
      redirect_uri: CALLBACK,
      code_verifier: VERIFIER,
    });
    const access = await revoke({ token: t.json.access_token, client_id: h.clientId });
    assert.equal(access.status, 400);
    assert.deepEqual(await access.json(), { error: 'unsupported_token_type' });
    const bad = await revoke({ token: t.json.refresh_token }, basic(h.confidential.clientId, 'wrong'));
    assert.equal(bad.status, 401);
    assert.deepEqual(await bad.json(), { error: 'invalid_client' });
    const noToken = await revoke({ client_id: h.clientId });
    assert.deepEqual([noToken.status, await noToken.json()], [400, { error: 'invalid_request' }]);
    await s.sdk.send(
      new UpdateUserPoolClientCommand({
        UserPoolId: h.poolId,
        ClientId: h.clientId,
        EnableTokenRevocation: false,
        AllowedOAuthFlows: ['code'],
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthScopes: ['openid'],
        CallbackURLs: [CALLBACK],
      }),
    );
    const off = await revoke({ token: t.json.refresh_token, client_id: h.clientId });
    assert.deepEqual([off.status, await off.json()], [400, { error: 'invalid_request' }]);
  });

  test('/logout: to a registered logout_uri, or back to sign-in; anything else to /error', async () => {
    const s = server();
    const h = await hostedSetup(s);
    const logout = (params: Record<string, string>) => hop(`${s.url}/logout?${new URLSearchParams(params)}`);
    const out = await logout({ client_id: h.clientId, logout_uri: 'http://localhost:8080/signed-out', redirect_uri: CALLBACK });
    assert.deepEqual([out.status, out.location], [302, 'http://localhost:8080/signed-out']);
    const unregistered = await logout({ client_id: h.clientId, logout_uri: 'http://localhost:8080/elsewhere' });
    assert.equal(unregistered.location, `${s.url}/error?error=redirect_mismatch&client_id=${h.clientId}`);
    const again = await logout({ client_id: h.clientId, redirect_uri: CALLBACK, response_type: 'code', state: 'z' });
    assert.equal(again.location, `${s.url}/login?${new URLSearchParams({ client_id: h.clientId, redirect_uri: CALLBACK, response_type: 'code', state: 'z' })}`);
    const noType = await logout({ client_id: h.clientId, redirect_uri: CALLBACK });
    assert.equal(noType.status, 400);
    const noClient = await logout({ logout_uri: 'http://localhost:8080/signed-out' });
    assert.equal(noClient.status, 400);
    const page = await hop(`${s.url}/error?error=redirect_mismatch&client_id=${h.clientId}`);
    assert.equal(page.status, 400);
    assert.match(page.body, /An error was encountered with the requested page/);
  });

  test('discovery: the fields Cognito publishes, sorted, endpoints on this origin', async () => {
    const s = server();
    const h = await hostedSetup(s);
    const doc = (await (await fetch(`${s.url}/${h.poolId}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(doc), [
      'authorization_endpoint',
      'id_token_signing_alg_values_supported',
      'issuer',
      'jwks_uri',
      'response_types_supported',
      'scopes_supported',
      'subject_types_supported',
      'token_endpoint',
      'token_endpoint_auth_methods_supported',
      'userinfo_endpoint',
    ]);
    assert.equal(doc.userinfo_endpoint, `${s.url}/oauth2/userInfo`);
  });
});
