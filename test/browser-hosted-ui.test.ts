import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { GetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { type BrowserContext, chromium } from 'playwright-core';
import { CALLBACK, type HostedSetup, hostedSetup, USER_PASSWORD } from './support/hosted-ui.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { chromiumLaunch, chromiumSkip } from './support/chromium.ts';

/**
 * The code flow in a real browser: headless Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core) opens /oauth2/authorize on the pool's local domain alias
 * `<prefix>.auth.<region>.localhost` (which Chromium resolves to this machine), is sent to
 * /login, types into the classic form and clicks "Sign in", and lands on the app's callback with
 * a code; the test then redeems it as the app's back end would. Once over plain HTTP, once over
 * HTTPS with the self-signed certificate `--tls` generates (its chain checked by Node with that
 * certificate as the only trusted root).
 *
 * SQLite only: the storage is exercised by the openid-client and wire suites on both backends;
 * this one adds what only a browser shows (cookies, the form as rendered, redirects, TLS).
 */

/** POSTs a form over HTTPS trusting only `ca` (the server's own certificate). */
function postTrusting(url: string, ca: string, form: Record<string, string>): Promise<{ status: number; json: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method: 'POST', ca, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(body) }));
    });
    req.on('error', reject);
    req.end(new URLSearchParams(form).toString());
  });
}

describe('hosted sign-in in Chromium', { skip: chromiumSkip }, () => {
  let context: BrowserContext;
  let userDataDir: string;
  let plain: TestServer;
  let secure: TestServer;

  before(async () => {
    plain = await startTestServer('sqlite');
    // HTTPS on a port of its own beside plain HTTP, so that the SDK sets things up over HTTP.
    secure = await startTestServer('sqlite', { flags: { tls: 'true', 'tls-port': '0' } });
    userDataDir = mkdtempSync(join(tmpdir(), 'cognate-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      ...chromiumLaunch,
      // The certificate is self-signed; Node checks its chain below.
      ignoreHTTPSErrors: true,
    });
    // The app: its callback page only shows that it was reached.
    await context.route(`${CALLBACK}**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<p id="app">signed in</p>' }));
  });

  after(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    await plain?.close();
    await secure?.close();
  });

  /** Signs in through the pages in the browser; resolves the callback URL it lands on. */
  async function browserSignIn(origin: string, h: HostedSetup, password: string): Promise<{ url: string; error: string | undefined }> {
    const page = await context.newPage();
    try {
      const authorize = `${origin}/oauth2/authorize?${new URLSearchParams({ client_id: h.clientId, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid email aws.cognito.signin.user.admin', state: 'st-1' })}`;
      await page.goto(authorize);
      assert.match(new URL(page.url()).pathname, /^\/login$/);
      await page.fill('#signInFormUsername', h.username);
      await page.fill('#signInFormPassword', password);
      await page.click('input[name="signInSubmitButton"]');
      // The form stays on /login until the answer arrives: wait for where it leads (the app's
      // callback, or the form again with its error), never for the page that is already there.
      const settled = (p: Promise<unknown>) => p.then(() => true).catch(() => false);
      const landedOrRefused = await Promise.race([
        settled(page.waitForURL((u) => u.href.startsWith(CALLBACK), { timeout: 20_000 })),
        settled(page.locator('#loginErrorMessage').waitFor({ state: 'attached', timeout: 20_000 })),
      ]);
      assert.ok(landedOrRefused, `the sign-in form led nowhere: still at ${page.url()}`);
      const error = (await page.locator('#loginErrorMessage').count()) > 0 ? ((await page.textContent('#loginErrorMessage')) ?? undefined) : undefined;
      return { url: page.url(), error };
    } finally {
      await page.close();
    }
  }

  test('over HTTP on the domain alias: a wrong password shows Cognito’s message, the right one lands on the app with a code', async () => {
    const h = await hostedSetup(plain);
    const origin = `http://${h.domain}.auth.${plain.config.region}.localhost:${new URL(plain.url).port}`;
    const wrong = await browserSignIn(origin, h, 'Wrong-passw0rd!');
    assert.equal(wrong.error, 'Incorrect username or password.');
    const landed = await browserSignIn(origin, h, USER_PASSWORD);
    const callback = new URL(landed.url);
    assert.equal(`${callback.origin}${callback.pathname}`, CALLBACK);
    assert.equal(callback.searchParams.get('state'), 'st-1');
    const res = await fetch(`${plain.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: h.clientId, code: callback.searchParams.get('code')!, redirect_uri: CALLBACK }),
    });
    const tokens = (await res.json()) as Record<string, string>;
    assert.equal(res.status, 200, JSON.stringify(tokens));
    assert.equal(decodeJwt(tokens.id_token!)['cognito:username'], h.username);
    assert.equal((await plain.sdk.send(new GetUserCommand({ AccessToken: tokens.access_token! }))).Username, h.username);
  });

  test('over HTTPS (--tls, self-signed): the same flow, and the certificate is valid for the domain alias and 127.0.0.1', async () => {
    assert.ok(secure.tlsUrl?.startsWith('https://127.0.0.1:'));
    assert.ok(secure.tls?.selfSigned);
    const h = await hostedSetup(secure);
    const port = new URL(secure.tlsUrl!).port;
    const origin = `https://${h.domain}.auth.${secure.config.region}.localhost:${port}`;
    const landed = await browserSignIn(origin, h, USER_PASSWORD);
    const code = new URL(landed.url).searchParams.get('code');
    assert.ok(code, landed.url);
    // Node trusts nothing but the generated certificate: the exchange only works if it is valid for 127.0.0.1.
    const exchanged = await postTrusting(`${secure.tlsUrl}/oauth2/token`, secure.tls!.cert, {
      grant_type: 'authorization_code',
      client_id: h.clientId,
      code,
      redirect_uri: CALLBACK,
    });
    assert.equal(exchanged.status, 200, JSON.stringify(exchanged.json));
    assert.equal(decodeJwt(exchanged.json.access_token!).username, h.username);
  });
});
