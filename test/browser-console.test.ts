import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  AdminListGroupsForUserCommand,
  AssociateSoftwareTokenCommand,
  CreateResourceServerCommand,
  CreateUserPoolDomainCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  UpdateUserPoolCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { alignClock, claims, totpCode, wrongTotp } from './support/mfa.ts';
import { rejectsWith } from './support/sdk.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { functionFolder } from './support/trigger-functions.ts';
import { chromiumLaunch, chromiumSkip } from './support/chromium.ts';

/**
 * The web console in headless Chromium (Debian's /usr/bin/chromium through playwright-core):
 * a pool, an app client and a user are created by filling the console's forms; the user signs in
 * with the AWS SDK through a new password, TOTP MFA (one wrong code first) and a
 * PreTokenGeneration trigger; the console shows that sign-in appear while it is in progress, and
 * its timeline grow to every step, with the trigger's claims, and no secret on the page. In
 * production mode the console refuses everyone until signed in with an --admin-credentials key.
 *
 * SQLite only: the console reads and writes through the application layer, whose storage is
 * tested on both backends; this adds what only a browser shows. Screenshots go to
 * test-artifacts/ (git-ignored).
 */

const ARTIFACTS = join(import.meta.dirname, '..', 'test-artifacts');
const TEMPORARY_PASSWORD = 'Temp-Passw0rd!x';
const PASSWORD = 'Console-Passw0rd!';
const ADMIN = { id: 'AKIACONSOLETEST0001', secret: 'console-test-secret-0123456789' };

const functions = functionFolder();
functions.write({
  'pre-token.mjs': `export const handler = async (event) => {
    event.response = { claimsOverrideDetails: { claimsToAddOrOverride: { console_demo: 'from-trigger', plan: 'gold' } } };
    return event;
  };`,
});

async function launch(): Promise<{ browser: Browser; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'cognate-chromium-'));
  const browser = await chromium.launch({
    ...chromiumLaunch,
  });
  return { browser, dir };
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `console-${name}.png`), fullPage: true });

describe('the web console in Chromium', { skip: chromiumSkip }, () => {
  let server: TestServer;
  let browser: Browser;
  let dir: string;
  let context: BrowserContext;
  let page: Page;
  const outside: string[] = [];

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startTestServer('sqlite', { flags: { functions: functions.dir } });
    ({ browser, dir } = await launch());
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Nothing but cognate: a request anywhere else is recorded (and fails the test below).
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (!url.startsWith(server.url)) {
        outside.push(url);
        return route.abort();
      }
      return route.continue();
    });
    page = await context.newPage();
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await server?.close();
  });

  test('create a pool, a client and a user; watch an MFA sign-in with a trigger; no secret on the page', { timeout: 180_000 }, async () => {
    const base = `${server.url}/_cognate/console`;
    await page.goto(base);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'User pools');

    // The pool, from the console's form.
    await page.getByLabel('Pool name').fill('console-demo');
    await page.getByRole('button', { name: 'Create pool' }).click();
    await page.waitForURL(/\/pools\/[^/?]+\?done=pool-created$/);
    const poolId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!);
    assert.match(poolId, /^us-east-1_\w+$/);
    assert.equal(await page.getByRole('status').textContent(), 'User pool created.');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'console-demo');

    // MFA with authenticator apps and the trigger, through the API.
    await server.sdk.send(
      new UpdateUserPoolCommand({
        UserPoolId: poolId,
        AutoVerifiedAttributes: ['email'],
        LambdaConfig: { PreTokenGeneration: 'arn:aws:lambda:us-east-1:123456789012:function:pre-token' },
      }),
    );
    await server.sdk.send(
      new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } }),
    );
    await page.reload();
    assert.ok(await page.getByRole('cell', { name: 'PreTokenGeneration' }).isVisible(), 'the settings page shows the trigger');

    // The app client.
    await page.getByRole('link', { name: 'App clients' }).click();
    await page.getByLabel('Client name').fill('web');
    await page.getByLabel('Password sent to the server (USER_PASSWORD_AUTH)').check();
    await page.getByRole('button', { name: 'Create app client' }).click();
    await page.waitForURL(/done=client-created/);
    const clientId = (await page.locator('table code').first().textContent())!;
    assert.match(clientId, /^[a-z0-9]{26}$/);

    // The user.
    await page.getByRole('navigation', { name: 'Pool' }).getByRole('link', { name: 'Users' }).click();
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Email address (optional)').fill('alice@example.com');
    await page.getByLabel('Temporary password (optional: generated when empty)').fill(TEMPORARY_PASSWORD);
    await page.getByLabel('Do not send the invitation message').check();
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.waitForURL(/\/users\/alice\?done=user-created$/);
    assert.ok(await page.getByText('FORCE_CHANGE_PASSWORD').isVisible());

    // Searching with a ListUsers filter finds her; a bad filter gets ListUsers' error.
    await page.goto(`${base}/pools/${poolId}/users`);
    await page.getByLabel('Filter').fill('email ^= "ali"');
    await page.getByRole('button', { name: 'Search' }).click();
    assert.ok(await page.getByRole('link', { name: 'alice' }).isVisible());
    await page.getByLabel('Filter').fill('custom:x = "1"');
    await page.getByRole('button', { name: 'Search' }).click();
    assert.equal(await page.getByRole('alert').textContent(), 'InvalidParameterException: Invalid search attribute: custom:x');

    // First sign-in: a new password, then TOTP enrolment (the pool's MFA is optional).
    const initiate = (password: string) =>
      server.sdk.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD: password } }),
      );
    const first = await initiate(TEMPORARY_PASSWORD);
    assert.equal(first.ChallengeName, 'NEW_PASSWORD_REQUIRED');
    const signedIn = await server.sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: first.Session,
        ChallengeResponses: { USERNAME: 'alice', NEW_PASSWORD: PASSWORD },
      }),
    );
    const accessToken = signedIn.AuthenticationResult!.AccessToken!;
    const { SecretCode } = await server.sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
    await server.sdk.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: totpCode(server, SecretCode!), FriendlyDeviceName: 'phone' }));
    await server.sdk.send(new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
    alignClock(server);

    // The user's page lists the sign-ins; a new one appears while the page is open.
    await page.goto(`${base}/pools/${poolId}/users/alice`);
    assert.ok(await page.getByText('SOFTWARE_TOKEN_MFA').first().isVisible(), 'the MFA section shows the factor');
    const rows = page.locator('[data-live] tbody tr');
    assert.equal(await rows.count(), 1);
    const started = await initiate(PASSWORD);
    assert.equal(started.ChallengeName, 'SOFTWARE_TOKEN_MFA');
    await rows.nth(1).waitFor({ timeout: 15_000 });
    assert.match((await rows.first().textContent())!, /In progress/);
    await shot(page, 'user');

    // The event, opened while in progress: its timeline grows as the sign-in goes on.
    await rows.first().getByRole('link').click();
    await page.getByRole('heading', { name: /Challenge issued: SOFTWARE_TOKEN_MFA/ }).waitFor();
    const wrong = wrongTotp(server, SecretCode!);
    const respond = (code: string) =>
      server.sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: 'SOFTWARE_TOKEN_MFA',
          Session: started.Session,
          ChallengeResponses: { USERNAME: 'alice', SOFTWARE_TOKEN_MFA_CODE: code },
        }),
      );
    await rejectsWith(respond(wrong), 'CodeMismatchException');
    await page.getByRole('heading', { name: /SOFTWARE_TOKEN_MFA answered: wrong/ }).waitFor({ timeout: 15_000 });
    const code = totpCode(server, SecretCode!);
    const done = await respond(code);
    const result = done.AuthenticationResult!;
    assert.equal(claims(result.IdToken!).console_demo, 'from-trigger');
    await page.getByRole('heading', { name: /Tokens issued/ }).waitFor({ timeout: 15_000 });
    await page.getByText('Pass', { exact: true }).waitFor();

    // Every step of the trace is on the page, in order.
    const event = (await server.services.stores.authEvents.listForUser(poolId, 'alice', 1, undefined)).items[0]!;
    const titles = await page.locator('ol.timeline > li > h3').allTextContents();
    assert.equal(titles.length, event.trace.length);
    const expected = [
      /^1\. Started USER_PASSWORD_AUTH$/,
      /The standard policy asked for SOFTWARE_TOKEN_MFA/,
      /Challenge issued: SOFTWARE_TOKEN_MFA/,
      /SOFTWARE_TOKEN_MFA answered: wrong failed here/,
      /Failed: CodeMismatchException failed here/,
      /SOFTWARE_TOKEN_MFA answered: passed/,
      /The standard policy decided: issue tokens/,
      /Trigger PreTokenGeneration \(TokenGeneration_Authentication\)/,
      /Tokens issued/,
    ];
    let at = 0;
    for (const pattern of expected) {
      const found = titles.findIndex((t, i) => i >= at && pattern.test(t));
      assert.ok(found >= 0, `no step after ${at} matches ${pattern}: ${titles.join(' | ')}`);
      at = found + 1;
    }
    // Why the policy asked for TOTP: the facts it decided on.
    const why = page.locator('ol.timeline > li.decision').first();
    assert.match((await why.textContent())!, /MFA factors the user can be asked\s*SOFTWARE_TOKEN_MFA/);
    assert.match((await why.textContent())!, /Pool MFA setting\s*OPTIONAL/);
    // The trigger's input and output side by side, and its claims in the ID token.
    const trigger = page.locator('ol.timeline > li.trigger');
    assert.match((await trigger.locator('.side > div').first().textContent())!, /Input \(event\)[\s\S]*"triggerSource": "TokenGeneration_Authentication"/);
    assert.match((await trigger.locator('.side > div').nth(1).textContent())!, /Output \(response\)[\s\S]*"console_demo": "from-trigger"/);
    const tokens = page.locator('ol.timeline > li.tokens');
    assert.match((await tokens.textContent())!, /ID token claims[\s\S]*"console_demo": "from-trigger"[\s\S]*"plan": "gold"/);
    await shot(page, 'event');
    // The README's picture (docs/images/console.png is copied from it): the timeline down to the trigger, smaller.
    await page.setViewportSize({ width: 1000, height: 900 });
    const end = await trigger.evaluate((el) => el.getBoundingClientRect().bottom + window.scrollY + 12);
    await page.screenshot({ path: join(ARTIFACTS, 'console-readme.png'), clip: { x: 0, y: 0, width: 1000, height: Math.ceil(end) }, fullPage: true });

    // No secret anywhere on the page: passwords, the codes, sessions, token signatures, the TOTP secret.
    const html = await page.content();
    const secrets: [string, string][] = [
      ['the password', PASSWORD],
      ['the temporary password', TEMPORARY_PASSWORD],
      ['the TOTP secret', SecretCode!],
      ['the first session', first.Session!],
      ['the MFA session', started.Session!],
      ['the refresh token', result.RefreshToken!],
      ['the ID token signature', result.IdToken!.split('.')[2]!],
      ['the access token signature', result.AccessToken!.split('.')[2]!],
      ['the access token', result.AccessToken!],
    ];
    for (const [what, secret] of secrets) assert.ok(!html.includes(secret), `${what} is on the page`);
    for (const c of [code, wrong]) assert.doesNotMatch(html, new RegExp(`(?<![0-9])${c}(?![0-9])`), `the TOTP code ${c} is on the page`);
    assert.deepEqual(outside, [], 'the console reached nothing but cognate');

    // A lost phone: the authenticator app removed from the console; the next sign-in asks no MFA.
    await page.goto(`${base}/pools/${poolId}/users/alice`);
    await page.getByRole('button', { name: 'Remove authenticator app' }).click();
    await page.waitForURL(/done=software-token-deleted/);
    assert.equal(await page.getByRole('button', { name: 'Remove authenticator app' }).count(), 0);
    assert.ok((await initiate(PASSWORD)).AuthenticationResult?.AccessToken);
  });

  test('users: reset password, disable and enable, groups, delete — each from its button', { timeout: 120_000 }, async () => {
    const base = `${server.url}/_cognate/console`;
    await page.goto(base);
    await page.getByLabel('Pool name').fill('actions');
    await page.getByRole('button', { name: 'Create pool' }).click();
    await page.waitForURL(/done=pool-created/);
    const poolId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!);
    await page.getByRole('link', { name: 'Groups' }).click();
    await page.getByLabel('Group name').fill('admins');
    await page.getByRole('button', { name: 'Create group' }).click();
    await page.waitForURL(/done=group-created/);
    // A name already taken: Cognito's error, on the page the form came from.
    await page.getByLabel('Group name').fill('admins');
    await page.getByRole('button', { name: 'Create group' }).click();
    assert.equal(await page.getByRole('alert').textContent(), 'GroupExistsException: A group with the name already exists.');

    await page.goto(`${base}/pools/${poolId}/users`);
    await page.getByLabel('Username').fill('bob');
    await page.getByLabel('Email address (optional)').fill('bob@example.com');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.waitForURL(/\/users\/bob\?done=user-created$/);

    await page.getByRole('button', { name: 'Add to group' }).click();
    await page.waitForURL(/done=group-added/);
    assert.ok(await page.getByRole('button', { name: 'Remove from admins' }).isVisible());
    const { Groups } = await server.sdk.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: 'bob' }));
    assert.deepEqual(
      Groups?.map((g) => g.GroupName),
      ['admins'],
    );

    await page.getByRole('button', { name: 'Disable user' }).click();
    await page.waitForURL(/done=user-disabled/);
    assert.ok(await page.getByRole('button', { name: 'Enable user' }).isVisible());
    // A disabled user's password cannot be reset (AdminResetUserPassword's rule).
    await page.getByRole('button', { name: 'Reset password' }).click();
    assert.equal(await page.getByRole('alert').textContent(), 'NotAuthorizedException: User is disabled.');
    await page.getByRole('button', { name: 'Enable user' }).click();
    await page.waitForURL(/done=user-enabled/);
    await page.getByRole('button', { name: 'Reset password' }).click();
    await page.waitForURL(/done=password-reset/);
    assert.ok(await page.getByText('RESET_REQUIRED').isVisible());

    // The reset code is in the outbox page (local mode).
    await page.getByRole('link', { name: 'Messages' }).click();
    assert.match((await page.locator('tbody tr').first().textContent())!, /bob[\s\S]*EMAIL[\s\S]*forgot[\s\S]*\d{6}/);
    await shot(page, 'messages');

    await page.goto(`${base}/pools/${poolId}/users/bob`);
    await page.getByRole('button', { name: 'Delete user bob' }).click();
    await page.waitForURL(/\/users\?done=user-deleted$/);
    assert.equal(await page.getByRole('link', { name: 'bob' }).count(), 0);

    // The group goes too.
    await page.getByRole('link', { name: 'Groups' }).click();
    await page.getByRole('button', { name: 'Delete group admins' }).click();
    await page.waitForURL(/done=group-deleted/);
    assert.equal(await page.getByRole('cell', { name: 'admins' }).count(), 0);

    // Domains and resource servers, as the API created them.
    await server.sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: 'console-actions' }));
    await server.sdk.send(
      new CreateResourceServerCommand({
        UserPoolId: poolId,
        Identifier: 'https://api.example.com',
        Name: 'API',
        Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read things' }],
      }),
    );
    await page.getByRole('link', { name: 'Domains and resource servers' }).click();
    assert.ok(await page.getByText('console-actions.auth.us-east-1.localhost').isVisible());
    assert.ok(await page.getByText('https://api.example.com/read').isVisible());
  });

  test('a form posted without the session’s CSRF token is refused', async () => {
    const response = await fetch(`${server.url}/_cognate/console`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'PoolName=forged',
      redirect: 'manual',
    });
    assert.equal(response.status, 403);
    const pools = await server.services.stores.pools.list(60, undefined);
    assert.ok(!pools.items.some((p) => p.name === 'forged'));
  });
});

describe('the web console in production mode', { skip: chromiumSkip }, () => {
  let server: TestServer;
  let browser: Browser;
  let dir: string;

  before(async () => {
    server = await startTestServer('sqlite', { flags: { 'admin-credentials': `${ADMIN.id}:${ADMIN.secret}` } });
    // Production mode as the `production` setting turns it on (set on the running server's configuration).
    (server.services.config as { production?: boolean }).production = true;
    ({ browser, dir } = await launch());
  });

  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await server?.close();
  });

  test('refuses without signing in, and accepts the admin credentials', { timeout: 120_000 }, async () => {
    const base = `${server.url}/_cognate/console`;
    // Without a session: every page sends to the sign-in page; fragments answer 401; forms 403.
    for (const path of ['', '/pools/us-east-1_nope/users', '/pools/us-east-1_nope/messages']) {
      const r = await fetch(`${base}${path}`, { redirect: 'manual' });
      assert.equal(r.status, 303, path);
      assert.equal(r.headers.get('location'), '/_cognate/console/sign-in');
    }
    assert.equal((await fetch(`${base}/pools/us-east-1_nope/users/x/sign-ins?part=list`, { redirect: 'manual' })).status, 401);

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(base);
    assert.equal(new URL(page.url()).pathname, '/_cognate/console/sign-in');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Sign in to the console');
    await shot(page, 'sign-in');

    // Wrong secret: refused, still on the sign-in page.
    await page.getByLabel('Access key id').fill(ADMIN.id);
    await page.getByLabel('Secret access key').fill('not-the-secret-0123456789');
    await page.getByRole('button', { name: 'Sign in' }).click();
    assert.equal(await page.getByRole('alert').textContent(), 'Wrong access key id or secret access key.');
    await page.goto(base);
    assert.equal(new URL(page.url()).pathname, '/_cognate/console/sign-in');

    // The right one: the console opens, with a session cookie scripts cannot read.
    await page.getByLabel('Access key id').fill(ADMIN.id);
    await page.getByLabel('Secret access key').fill(ADMIN.secret);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(base);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'User pools');
    const [cookie] = await context.cookies();
    assert.equal(cookie?.name, 'cognate_console');
    assert.equal(cookie?.httpOnly, true);
    assert.equal(cookie?.sameSite, 'Strict');
    assert.ok(!(await page.content()).includes(ADMIN.secret));

    // Signed in, forms work; the outbox (codes of real people) is not offered.
    await page.getByLabel('Pool name').fill('prod-pool');
    await page.getByRole('button', { name: 'Create pool' }).click();
    await page.waitForURL(/done=pool-created/);
    assert.equal(await page.getByRole('link', { name: 'Messages' }).count(), 0);
    const poolId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!);
    const messages = await page.goto(`${base}/pools/${poolId}/messages`);
    assert.equal(messages?.status(), 404);

    // Signing out ends it.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${base}/sign-in`);
    await page.goto(base);
    assert.equal(new URL(page.url()).pathname, '/_cognate/console/sign-in');
    await context.close();
  });
});
