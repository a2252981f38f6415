import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  UpdateUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import * as client from 'openid-client';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type HostedSetup, hostedSetup as setupPool, USER_PASSWORD } from './support/hosted-ui.ts';
import { messagesFor } from './support/fixtures.ts';
import { factorBlocks, totpCode, wrongTotp } from './support/mfa.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { chromiumLaunch, chromiumSkip } from './support/chromium.ts';

/**
 * The whole hosted sign-in journey in headless Chromium, with openid-client as the app finishing
 * the code flow: every step the engine asks after the password is a page of its own (new
 * password, MFA set-up with an authenticator app, TOTP, a choice of factor, SMS and email codes),
 * wrong codes show Cognito's message and may be retried, a replayed step post signs nobody in,
 * and the browser's sign-in session (the `cognito` cookie) skips the page until /logout.
 * Screenshots go to test-artifacts/ (git-ignored).
 *
 * SQLite only: the storage these pages touch is the engine's, exercised on both backends by the
 * API suites.
 */

const ARTIFACTS = new URL('../test-artifacts/', import.meta.url);
const insecure = { execute: [client.allowInsecureRequests] };

// Both page versions: the classic hosted UI (1) and managed login (2), the same steps.
for (const version of [1, 2] as const)
  describe(`hosted sign-in pages in Chromium (ManagedLoginVersion ${version})`, { skip: chromiumSkip }, () => {
    let browser: Browser;
    let s: TestServer;
    // The app: a page of its own that only shows it was reached (its callback and sign-out URL).
    let app: Server;
    let CALLBACK = '';
    let SIGNED_OUT = '';
    type Options = NonNullable<Parameters<typeof setupPool>[1]>;
    const hostedSetup = async (server: TestServer, pool?: Options['pool'], clientSettings?: Options['client']) => {
      const h = await setupPool(server, { pool, client: { CallbackURLs: [CALLBACK], LogoutURLs: [SIGNED_OUT], ...clientSettings } });
      if (version === 2) await server.sdk.send(new UpdateUserPoolDomainCommand({ UserPoolId: h.poolId, Domain: h.domain, ManagedLoginVersion: 2 }));
      return h;
    };

    before(async () => {
      mkdirSync(ARTIFACTS, { recursive: true });
      app = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p id="app">signed in</p>'));
      await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
      const port = (app.address() as AddressInfo).port;
      CALLBACK = `http://localhost:${port}/callback`;
      SIGNED_OUT = `http://localhost:${port}/signed-out`;
      s = await startTestServer('sqlite');
      browser = await chromium.launch({
        ...chromiumLaunch,
      });
    });

    after(async () => {
      await browser?.close();
      await s?.close();
      app?.close();
    });

    /** A fresh browser (no cookies). */
    async function freshContext(): Promise<BrowserContext> {
      return browser.newContext();
    }

    /** openid-client's side of a code flow: the authorization URL, and the exchange of where the browser lands. */
    async function relyingParty(h: HostedSetup, extra: Record<string, string> = {}) {
      const config = await client.discovery(new URL(`${s.url}/${h.poolId}`), h.clientId, undefined, client.None(), insecure);
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: CALLBACK,
        scope: 'openid email aws.cognito.signin.user.admin',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        ...extra,
      });
      return {
        url: url.href,
        async finish(landed: string) {
          const tokens = await client.authorizationCodeGrant(config, new URL(landed), {
            pkceCodeVerifier: verifier,
            expectedState: state,
            expectedNonce: nonce,
          });
          return tokens.claims()!;
        },
      };
    }

    /** Waits for the page a form post leads to: the app's callback, or a page of the pool. */
    async function submitted(page: Page, click: string) {
      await Promise.all([page.waitForLoadState('load'), page.waitForNavigation({ timeout: 20_000 }), page.click(click)]);
    }

    const atApp = (page: Page) => page.url().startsWith(CALLBACK);

    /** Every input a person fills on the page has a label (radio buttons included). */
    async function assertLabelled(page: Page) {
      const unlabelled = await page
        .locator('input:not([type=hidden]):not([type=submit])')
        .evaluateAll((els) => els.filter((e) => ((e as HTMLInputElement).labels?.length ?? 0) === 0).map((e) => (e as HTMLInputElement).name));
      assert.deepEqual(unlabelled, [], `unlabelled inputs on ${page.url()}`);
    }

    /** The challenge of the step page shown, its inputs checked to be labelled. */
    async function stepOf(page: Page) {
      await assertLabelled(page);
      return page.getAttribute('#stepForm', 'data-step');
    }
    const errorOf = async (page: Page) => ((await page.locator('#loginErrorMessage').count()) ? await page.textContent('#loginErrorMessage') : null);

    async function password(page: Page, username: string, pw: string) {
      await page.fill('#signInFormUsername', username);
      await page.fill('#signInFormPassword', pw);
      await submitted(page, 'input[name="signInSubmitButton"]');
    }

    async function codeFromOutbox(h: HostedSetup, channel: 'SMS' | 'EMAIL') {
      const last = (await messagesFor(s, h.poolId, h.username)).at(-1);
      assert.equal(last?.channel, channel);
      return last!.code!;
    }

    test('a temporary password: the new-password page asks the required attribute, then the app gets tokens', async () => {
      const h = await hostedSetup(s);
      await s.sdk.send(
        new AdminCreateUserCommand({
          UserPoolId: h.poolId,
          Username: 'newbie',
          TemporaryPassword: 'Temp-Passw0rd!',
          MessageAction: 'SUPPRESS',
          UserAttributes: [{ Name: 'email', Value: 'newbie@example.com' }],
        }),
      );
      const rp = await relyingParty(h);
      const context = await freshContext();
      const page = await context.newPage();
      await page.goto(rp.url);
      assert.equal(await page.textContent('#appName'), 'spa');
      await page.fill('#signInFormUsername', 'newbie');
      await page.screenshot({ path: new URL(`v${version}-hosted-login.png`, ARTIFACTS).pathname });
      await password(page, 'newbie', 'Temp-Passw0rd!');
      assert.equal(await stepOf(page), 'NEW_PASSWORD_REQUIRED');
      await page.screenshot({ path: new URL(`v${version}-new-password.png`, ARTIFACTS).pathname });
      // The pool's policy refuses a weak one, with Cognito's message; the same page takes another.
      await page.fill('#newPassword', 'short');
      await submitted(page, '#changePasswordSubmitButton');
      assert.match((await errorOf(page)) ?? '', /Password does not conform to policy/);
      await page.fill('#newPassword', 'Brand-New-Passw0rd!');
      await submitted(page, '#changePasswordSubmitButton');
      assert.ok(atApp(page), page.url());
      const claims = await rp.finish(page.url());
      assert.equal(claims['cognito:username'], 'newbie');
      const user = await s.sdk.send(new AdminGetUserCommand({ UserPoolId: h.poolId, Username: 'newbie' }));
      assert.equal(user.UserStatus, 'CONFIRMED');
      await context.close();
    });

    test('MFA required: the set-up page shows the secret and its QR code, then TOTP is asked at the next sign-in; a replayed post is refused', async () => {
      const h = await hostedSetup(s);
      await s.sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: h.poolId, MfaConfiguration: 'ON', ...factorBlocks(['SOFTWARE_TOKEN_MFA']) }));
      const rp = await relyingParty(h);
      const context = await freshContext();
      // The pages load nothing from anywhere but cognate (and the browser ends at the app).
      const origins = new Set<string>();
      context.on('request', (r) => origins.add(new URL(r.url()).origin));
      const page = await context.newPage();
      await page.goto(rp.url);
      await password(page, h.username, USER_PASSWORD);
      assert.equal(await stepOf(page), 'MFA_SETUP');
      const secret = (await page.textContent('#totpSecret'))!.trim();
      assert.match(secret, /^[A-Z2-7]{16,}$/);
      assert.match((await page.getAttribute('#totpQrCode', 'src'))!, /^data:image\/png;base64,/);
      assert.match((await page.getAttribute('#totpQrCode', 'alt'))!, /QR code/);
      await page.screenshot({ path: new URL(`v${version}-mfa-setup.png`, ARTIFACTS).pathname });
      await page.fill('#code', wrongTotp(s, secret));
      await submitted(page, '#setupMfaSubmitButton');
      assert.equal(await errorOf(page), 'Code mismatch and fail enable Software Token MFA');
      await page.fill('#code', totpCode(s, secret));
      await submitted(page, '#setupMfaSubmitButton');
      assert.ok(atApp(page), page.url());
      assert.equal((await rp.finish(page.url()))['cognito:username'], h.username);
      assert.deepEqual([...origins].sort(), [new URL(CALLBACK).origin, s.url].sort());
      await context.close();

      // The next sign-in (another browser) asks the authenticator's code.
      s.clock.advance(30_000);
      const rp2 = await relyingParty(h);
      const second = await freshContext();
      const page2 = await second.newPage();
      await page2.goto(rp2.url);
      await password(page2, h.username, USER_PASSWORD);
      assert.equal(await stepOf(page2), 'SOFTWARE_TOKEN_MFA');
      await page2.screenshot({ path: new URL(`v${version}-totp.png`, ARTIFACTS).pathname });
      await page2.fill('#code', wrongTotp(s, secret));
      await submitted(page2, '#verifyCodeSubmitButton');
      assert.equal(await errorOf(page2), 'Invalid code or auth state for the user.');
      await page2.fill('#code', totpCode(s, secret));
      // Record the form post, to replay it once it has signed in.
      const posted = page2.waitForRequest((r) => r.method() === 'POST');
      await submitted(page2, '#verifyCodeSubmitButton');
      const request = await posted;
      assert.ok(atApp(page2), page2.url());
      assert.equal((await rp2.finish(page2.url()))['cognito:username'], h.username);

      const cookies = (await second.cookies(s.url)).map((c) => `${c.name}=${c.value}`).join('; ');
      const replay = await fetch(request.url(), {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies },
        body: request.postData()!,
      });
      assert.equal(replay.status, 200, 'no redirect to the app');
      assert.match(await replay.text(), /Invalid session for the user, session can only be used once\./);
      await second.close();
    });

    test('MFA required with email codes: the set-up page takes an address, then the code sent there signs in', async () => {
      const h = await hostedSetup(s);
      await s.sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: h.poolId, MfaConfiguration: 'ON', ...factorBlocks(['EMAIL_OTP']) }));
      const rp = await relyingParty(h);
      const context = await freshContext();
      const page = await context.newPage();
      await page.goto(rp.url);
      await password(page, h.username, USER_PASSWORD);
      assert.equal(await stepOf(page), 'MFA_SETUP');
      assert.equal(await page.locator('#totpSecret').count(), 0);
      await page.fill('#setupEmail', 'alice@example.com');
      await submitted(page, '#setupEmailSubmitButton');
      assert.equal(await stepOf(page), 'EMAIL_OTP');
      await page.fill('#code', await codeFromOutbox(h, 'EMAIL'));
      await submitted(page, '#verifyCodeSubmitButton');
      assert.ok(atApp(page), `${page.url()} ${await errorOf(page)}`);
      assert.equal((await rp.finish(page.url()))['cognito:username'], h.username);
      await context.close();
    });

    test('SMS and email MFA: the choice page, then the code read from the messages endpoint', async () => {
      const h = await hostedSetup(s);
      await s.sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: h.poolId, MfaConfiguration: 'ON', ...factorBlocks(['SMS_MFA', 'EMAIL_OTP']) }));
      await s.sdk.send(
        new AdminSetUserMFAPreferenceCommand({
          UserPoolId: h.poolId,
          Username: h.username,
          SMSMfaSettings: { Enabled: true },
          EmailMfaSettings: { Enabled: true },
        }),
      );
      for (const [choice, channel] of [
        ['EMAIL_OTP', 'EMAIL'],
        ['SMS_MFA', 'SMS'],
      ] as const) {
        const rp = await relyingParty(h);
        const context = await freshContext();
        const page = await context.newPage();
        await page.goto(rp.url);
        await password(page, h.username, USER_PASSWORD);
        assert.equal(await stepOf(page), 'SELECT_MFA_TYPE');
        await page.check(`#mfa-${choice}`);
        await submitted(page, '#selectMfaSubmitButton');
        assert.equal(await stepOf(page), choice);
        const code = await codeFromOutbox(h, channel);
        await page.fill('#code', String((Number(code) + 1) % 1_000_000).padStart(6, '0'));
        await submitted(page, '#verifyCodeSubmitButton');
        assert.equal(await errorOf(page), 'Invalid code or auth state for the user.');
        // The keyboard alone: type the code, press Enter.
        await page.fill('#code', code);
        await Promise.all([page.waitForNavigation({ timeout: 20_000 }), page.press('#code', 'Enter')]);
        assert.ok(atApp(page), page.url());
        assert.equal((await rp.finish(page.url()))['cognito:username'], h.username);
        await context.close();
      }
    });

    test('sign-up, then the code from the messages endpoint confirms the account and signs in; the app gets tokens', async () => {
      const h = await hostedSetup(s, {
        AutoVerifiedAttributes: ['email'],
        Schema: [{ Name: 'given_name', Required: true, Mutable: true, AttributeDataType: 'String' }],
      });
      const rp = await relyingParty(h);
      const context = await freshContext();
      const page = await context.newPage();
      await page.goto(rp.url);
      await Promise.all([page.waitForNavigation(), page.click('#signUpLink')]);
      assert.equal(new URL(page.url()).pathname, '/signup');
      await assertLabelled(page);
      assert.equal(await page.textContent('#appName'), 'spa');
      assert.match((await page.textContent('#passwordRules')) ?? '', /At least 8 characters/);
      await page.fill('#username', 'carol');
      await page.fill('#attr-email', 'carol@example.com');
      await page.fill('#attr-given_name', 'Carol');
      await page.fill('#password', 'weak');
      await submitted(page, '#signupSubmitButton');
      assert.match((await errorOf(page)) ?? '', /^Password did not conform with policy/);
      await page.fill('#password', 'Carols-Passw0rd!');
      await page.screenshot({ path: new URL(`v${version}-sign-up.png`, ARTIFACTS).pathname });
      await submitted(page, '#signupSubmitButton');
      assert.equal(new URL(page.url()).pathname, '/signup');
      assert.match((await page.textContent('#codeDestination')) ?? '', /c\*\*\*@e\*\*\*/);
      const last = (await messagesFor(s, h.poolId, 'carol')).at(-1)!;
      assert.equal(last.channel, 'EMAIL');
      await page.fill('#code', String((Number(last.code) + 1) % 1_000_000).padStart(6, '0'));
      await submitted(page, '#confirmSubmitButton');
      assert.equal(await errorOf(page), 'Invalid verification code provided, please try again.');
      await page.fill('#code', last.code!);
      await submitted(page, '#confirmSubmitButton');
      assert.ok(atApp(page), page.url());
      const claims = await rp.finish(page.url());
      assert.equal(claims['cognito:username'], 'carol');
      assert.equal(claims.email_verified, true);
      await context.close();
    });

    test('forgot password: the code from the messages endpoint and a new password sign the user in', async () => {
      const h = await hostedSetup(s);
      const rp = await relyingParty(h);
      const context = await freshContext();
      const page = await context.newPage();
      await page.goto(rp.url);
      await Promise.all([page.waitForNavigation(), page.click('#forgotPasswordLink')]);
      await assertLabelled(page);
      await page.fill('#username', h.username);
      await submitted(page, '#forgotPasswordSubmitButton');
      assert.match((await page.textContent('#codeDestination')) ?? '', /a\*\*\*@e\*\*\*/);
      const code = await codeFromOutbox(h, 'EMAIL');
      await page.fill('#username', h.username);
      await page.fill('#code', code);
      await page.fill('#password', 'Reset-Passw0rd!');
      await page.screenshot({ path: new URL(`v${version}-reset-password.png`, ARTIFACTS).pathname });
      await submitted(page, '#confirmforgotPasswordSubmitButton');
      assert.ok(atApp(page), page.url());
      assert.equal((await rp.finish(page.url()))['cognito:username'], h.username);
      await context.close();
    });

    test('choice-based sign-in (ALLOW_USER_AUTH): other ways to sign in offers a code by email or the password', async () => {
      const h = await hostedSetup(
        s,
        { Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP'] } } },
        { ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
      );
      for (const factor of ['EMAIL_OTP', 'PASSWORD'] as const) {
        const rp = await relyingParty(h);
        const context = await freshContext();
        const page = await context.newPage();
        await page.goto(rp.url);
        await page.fill('#signInFormUsername', h.username);
        await submitted(page, '#otherWaysButton');
        assert.equal(await stepOf(page), 'SELECT_CHALLENGE');
        // alice's phone number is not verified: no SMS code is offered.
        assert.deepEqual(await page.locator('input[name="factor"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)), [
          'PASSWORD',
          'EMAIL_OTP',
        ]);
        await page.check(`#factor-${factor}`);
        if (factor === 'PASSWORD') {
          await page.fill('#password', USER_PASSWORD);
          await submitted(page, '#selectChallengeSubmitButton');
        } else {
          await page.screenshot({ path: new URL(`v${version}-choose-factor.png`, ARTIFACTS).pathname });
          await submitted(page, '#selectChallengeSubmitButton');
          assert.equal(await stepOf(page), 'EMAIL_OTP');
          await page.fill('#code', await codeFromOutbox(h, 'EMAIL'));
          await submitted(page, '#verifyCodeSubmitButton');
        }
        assert.ok(atApp(page), page.url());
        assert.equal((await rp.finish(page.url()))['cognito:username'], h.username);
        await context.close();
      }
    });

    test('passkeys: /passkeys/add registers one for the signed-in user (navigator.credentials.create), then it signs in (navigator.credentials.get)', async () => {
      const h = await hostedSetup(
        s,
        { Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } } },
        { ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
      );
      // Passkeys need a host name: the pool's local domain alias, its relying party.
      const host = `${h.domain}.auth.${s.config.region}.localhost`;
      const origin = `http://${host}:${new URL(s.url).port}`;
      await s.sdk.send(
        new SetUserPoolMfaConfigCommand({ UserPoolId: h.poolId, WebAuthnConfiguration: { RelyingPartyId: host, UserVerification: 'required' } }),
      );
      const onAlias = (url: string) => `${origin}${url.slice(new URL(url).origin.length)}`;
      const context = await freshContext();
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('WebAuthn.enable');
      const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
      });

      // Signed in with the password, the user adds a passkey and goes back to the app.
      const first = await relyingParty(h);
      await page.goto(onAlias(first.url));
      await password(page, h.username, USER_PASSWORD);
      assert.ok(atApp(page), page.url());
      await first.finish(page.url());
      const add = await relyingParty(h);
      await page.goto(onAlias(add.url).replace('/oauth2/authorize?', '/passkeys/add?'));
      assert.equal(await page.textContent('h1'), 'Add a passkey');
      await page.screenshot({ path: new URL(`v${version}-passkey-add.png`, ARTIFACTS).pathname });
      await submitted(page, '#passkeyAddSubmitButton');
      assert.ok(atApp(page), `${page.url()} ${await errorOf(page)}`);
      assert.equal((await add.finish(page.url()))['cognito:username'], h.username);
      const held = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      assert.equal(held.credentials.length, 1);
      assert.equal(held.credentials[0]!.rpId, host);

      // Signed out, the passkey signs the user in.
      await page.goto(`${origin}/logout?${new URLSearchParams({ client_id: h.clientId, logout_uri: SIGNED_OUT })}`);
      const rp = await relyingParty(h);
      await page.goto(onAlias(rp.url));
      assert.equal(new URL(page.url()).pathname, '/login');
      await page.fill('#signInFormUsername', h.username);
      await submitted(page, '#otherWaysButton');
      assert.equal(await stepOf(page), 'SELECT_CHALLENGE');
      await page.check('#factor-WEB_AUTHN');
      await submitted(page, '#selectChallengeSubmitButton');
      assert.equal(await stepOf(page), 'WEB_AUTHN');
      await submitted(page, '#passkeySubmitButton');
      assert.ok(atApp(page), `${page.url()} ${await errorOf(page)}`);
      assert.equal((await rp.finish(page.url()))['cognito:username'], h.username);
      await context.close();
    });

    test('the sign-in session: the next authorization skips the page for any client of the pool, prompt=login shows it, prompt=none answers at once, /logout ends it', async () => {
      const h = await hostedSetup(s);
      const context = await freshContext();
      const page = await context.newPage();
      const rp = await relyingParty(h);
      await page.goto(rp.url);
      await password(page, h.username, USER_PASSWORD);
      assert.ok(atApp(page));
      await rp.finish(page.url());

      // Another client of the pool: no page, a code at once.
      const authorize = (clientId: string, extra: Record<string, string> = {}) =>
        `${s.url}/oauth2/authorize?${new URLSearchParams({ client_id: clientId, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid', state: 'st', ...extra })}`;
      await page.goto(authorize(h.confidential.clientId));
      assert.ok(atApp(page), page.url());
      assert.ok(new URL(page.url()).searchParams.get('code'));

      const forced = await relyingParty(h, { prompt: 'login' });
      await page.goto(forced.url);
      assert.equal(new URL(page.url()).pathname, '/login');

      const silent = await relyingParty(h, { prompt: 'none' });
      await page.goto(silent.url);
      assert.ok(atApp(page));
      assert.equal((await silent.finish(page.url()))['cognito:username'], h.username);

      await page.goto(`${s.url}/logout?${new URLSearchParams({ client_id: h.clientId, logout_uri: SIGNED_OUT })}`);
      assert.equal(page.url(), SIGNED_OUT);
      assert.equal((await context.cookies(s.url)).filter((c) => c.name === 'cognito').length, 0);
      const after = await relyingParty(h, { prompt: 'none' });
      await page.goto(after.url);
      assert.equal(new URL(page.url()).searchParams.get('error'), 'login_required');
      await page.goto((await relyingParty(h)).url);
      assert.equal(new URL(page.url()).pathname, '/login');

      // An hour after the sign-in the session is over, used or not.
      await password(page, h.username, USER_PASSWORD);
      assert.ok(atApp(page));
      s.clock.advance(59 * 60_000);
      await page.goto(authorize(h.clientId, { prompt: 'none' }));
      assert.ok(new URL(page.url()).searchParams.get('code'), page.url());
      s.clock.advance(2 * 60_000);
      await page.goto(authorize(h.clientId, { prompt: 'none' }));
      assert.equal(new URL(page.url()).searchParams.get('error'), 'login_required');
      await context.close();
    });
  });
