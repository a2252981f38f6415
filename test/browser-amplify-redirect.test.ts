import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { build } from 'esbuild';
import { decodeJwt } from 'jose';
import { type Browser, chromium } from 'playwright-core';
import { chromiumLaunch, chromiumSkip } from './support/chromium.ts';
import { hostedSetup, USER_PASSWORD } from './support/hosted-ui.ts';
import { startTestServer, type TestServer } from './support/server.ts';

/**
 * Amplify v6's `signInWithRedirect` in headless Chromium: an app page served by the test, with
 * Amplify bundled by esbuild and configured with the pool's domain (the local alias, over
 * `--tls`, as Amplify only speaks https to it), sends the browser to the hosted pages, signs in
 * there, comes back with a code that Amplify redeems itself (`fetchAuthSession` then has the
 * tokens), and `signOut` goes through /logout back to the app.
 */

const ENTRY = `
import { Amplify } from 'aws-amplify';
import { fetchAuthSession, signInWithRedirect, signOut } from 'aws-amplify/auth';
import 'aws-amplify/auth/enable-oauth-listener';
Amplify.configure(window.AMPLIFY_CONFIG);
window.app = {
  signIn: () => signInWithRedirect(),
  session: async () => {
    const s = await fetchAuthSession();
    return { access: s.tokens?.accessToken?.toString(), id: s.tokens?.idToken?.toString() };
  },
  signOut: () => signOut(),
};
`;

describe('Amplify signInWithRedirect through the hosted pages in Chromium', { skip: chromiumSkip }, () => {
  let browser: Browser;
  let s: TestServer;
  let app: Server;
  let bundle = '';
  let appOrigin = '';
  let config = '';

  before(async () => {
    const built = await build({
      stdin: { contents: ENTRY, resolveDir: fileURLToPath(new URL('..', import.meta.url)), loader: 'js' },
      bundle: true,
      format: 'iife',
      platform: 'browser',
      write: false,
      logLevel: 'silent',
    });
    bundle = built.outputFiles[0]!.text;
    s = await startTestServer('sqlite', { flags: { tls: 'true', 'tls-port': '0' } });
    app = createServer((req, res) => {
      if (req.url === '/app.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          `<!DOCTYPE html><html><body><p id="where">${req.url === '/signed-out' ? 'signed out' : 'app'}</p><script>window.AMPLIFY_CONFIG = ${config};</script><script src="/app.js"></script></body></html>`,
        );
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    appOrigin = `http://localhost:${(app.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      ...chromiumLaunch,
    });
  });

  after(async () => {
    await browser?.close();
    await s?.close();
    app?.close();
  });

  test('signInWithRedirect → the hosted sign-in → fetchAuthSession has the tokens → signOut through /logout', { timeout: 120_000 }, async () => {
    const h = await hostedSetup(s, { client: { CallbackURLs: [`${appOrigin}/`], LogoutURLs: [`${appOrigin}/signed-out`] } });
    const domain = `${h.domain}.auth.${s.config.region}.localhost:${new URL(s.tlsUrl!).port}`;
    config = JSON.stringify({
      Auth: {
        Cognito: {
          userPoolId: h.poolId,
          userPoolClientId: h.clientId,
          loginWith: {
            oauth: {
              domain,
              scopes: ['openid', 'email', 'aws.cognito.signin.user.admin'],
              redirectSignIn: [`${appOrigin}/`],
              redirectSignOut: [`${appOrigin}/signed-out`],
              responseType: 'code',
            },
          },
        },
      },
    });
    // The self-signed certificate of --tls (its chain is checked by Node in browser-hosted-ui.test.ts).
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await page.goto(`${appOrigin}/`);
    await Promise.all([page.waitForURL((u) => u.pathname === '/login', { timeout: 30_000 }), page.evaluate(() => (window as any).app.signIn())]);
    assert.equal(new URL(page.url()).host, domain);
    await page.fill('#signInFormUsername', h.username);
    await page.fill('#signInFormPassword', USER_PASSWORD);
    await Promise.all([page.waitForURL((u) => u.origin === appOrigin, { timeout: 30_000 }), page.click('input[name="signInSubmitButton"]')]);
    // Amplify redeems the code on load; the session has the tokens once it is done.
    let tokens: { access?: string; id?: string } = {};
    for (let i = 0; i < 50 && !tokens.access; i++) {
      tokens = await page.evaluate(() => (window as any).app.session());
      if (!tokens.access) await page.waitForTimeout(200);
    }
    assert.ok(tokens.access && tokens.id, 'fetchAuthSession has the tokens');
    assert.equal(decodeJwt(tokens.id)['cognito:username'], h.username);
    assert.equal(decodeJwt(tokens.access).client_id, h.clientId);
    assert.match(String(decodeJwt(tokens.access).scope), /aws\.cognito\.signin\.user\.admin/);

    assert.equal((await context.cookies(`https://${domain}`)).filter((c) => c.name === 'cognito').length, 1, 'signed in at the pool');
    const visited: string[] = [];
    page.on('request', (r) => visited.push(r.url()));
    await Promise.all([page.waitForURL(`${appOrigin}/signed-out`, { timeout: 30_000 }), page.evaluate(() => (window as any).app.signOut())]);
    const logout = visited.find((u) => u.startsWith(`https://${domain}/logout?`));
    assert.ok(logout, visited.join('\n'));
    assert.equal(new URL(logout).searchParams.get('client_id'), h.clientId);
    // The browser's sign-in session at the pool ended with it.
    assert.equal((await context.cookies(`https://${domain}`)).filter((c) => c.name === 'cognito').length, 0);
    assert.equal(await page.textContent('#where'), 'signed out');
    const after = await page.evaluate(() => (window as any).app.session());
    assert.equal(after.access, undefined);
    await context.close();
  });
});
