import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from './support/server.ts';

/**
 * Who gets into the web console in production mode, over plain HTTP: only a browser holding a
 * session cookie this server signed, not expired, opened with a key --admin-credentials still
 * lists; and no form is accepted without the CSRF token of the session that sends it.
 * (test/browser-console.test.ts drives the same pages in Chromium.)
 */

const ADMIN = { id: 'AKIACONSOLEACCESS001', secret: 'console-access-secret-0123456789' };
const OTHER = { id: 'AKIACONSOLEACCESS002', secret: 'console-access-secret-9876543210' };

interface Browserish {
  cookie: string;
  csrf: string;
}

describe('console access in production mode', () => {
  let server: TestServer;
  let base: string;

  before(async () => {
    server = await startTestServer('sqlite', { flags: { 'admin-credentials': `${ADMIN.id}:${ADMIN.secret},${OTHER.id}:${OTHER.secret}` } });
    (server.services.config as { production?: boolean }).production = true;
    base = `${server.url}/_cognate/console`;
  });
  after(() => server?.close());

  const cookieOf = (r: Response) => r.headers.get('set-cookie')?.split(';')[0];
  const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

  async function signInPage(): Promise<Browserish> {
    const r = await fetch(`${base}/sign-in`);
    assert.equal(r.status, 200);
    return { cookie: cookieOf(r)!, csrf: csrfOf(await r.text()) };
  }

  const post = (path: string, b: Partial<Browserish>, form: Record<string, string>) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(b.cookie ? { cookie: b.cookie } : {}) },
      body: new URLSearchParams({ ...(b.csrf ? { _csrf: b.csrf } : {}), ...form }),
    });

  async function signIn(key = ADMIN): Promise<Browserish> {
    const b = await signInPage();
    const r = await post('/sign-in', b, { accessKeyId: key.id, secretAccessKey: key.secret });
    assert.equal(r.status, 303);
    const cookie = cookieOf(r)!;
    assert.notEqual(cookie, b.cookie, 'signing in opens a new session');
    const home = await fetch(base, { headers: { cookie } });
    assert.equal(home.status, 200);
    return { cookie, csrf: csrfOf(await home.text()) };
  }

  const opens = async (cookie: string) => (await fetch(base, { headers: { cookie }, redirect: 'manual' })).status === 200;

  test('the credentials are both checked: a right id with a wrong secret, another key’s secret, an empty form are refused', async () => {
    for (const [id, secret] of [
      [ADMIN.id, OTHER.secret],
      [OTHER.id, ADMIN.secret],
      [ADMIN.id, ''],
      ['', ''],
      [ADMIN.id.toLowerCase(), ADMIN.secret],
    ] as const) {
      const b = await signInPage();
      const r = await post('/sign-in', b, { accessKeyId: id, secretAccessKey: secret });
      assert.equal(r.status, 401, `${id}:${secret}`);
      assert.equal(await opens(b.cookie), false);
    }
    // Each configured key opens the console.
    assert.ok(await opens((await signIn(ADMIN)).cookie));
    assert.ok(await opens((await signIn(OTHER)).cookie));
  });

  test('a sign-in without the sign-in page’s CSRF token is refused, right credentials or not', async () => {
    const b = await signInPage();
    const r = await post('/sign-in', { cookie: b.cookie }, { accessKeyId: ADMIN.id, secretAccessKey: ADMIN.secret });
    assert.equal(r.status, 403);
    assert.equal(cookieOf(r), undefined);
  });

  test('a changed cookie, one of another server, and an expired one do not open the console', async () => {
    const { cookie } = await signIn();
    assert.ok(await opens(cookie));
    // Its payload edited (another key id) with the signature kept.
    const [name, value] = cookie.split('=') as [string, string];
    const [payload, mac] = value.split('.') as [string, string];
    const edited = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), k: OTHER.id })).toString('base64url');
    assert.equal(await opens(`${name}=${edited}.${mac}`), false);
    assert.equal(await opens(`${name}=${payload}.${mac.slice(0, -2)}AA`), false);
    // Another server's session (another master secret) is not this server's.
    const other = await startTestServer('sqlite', {
      flags: { 'admin-credentials': `${ADMIN.id}:${ADMIN.secret}`, 'master-secret': 'another-master-secret-0123456789abcdef' },
    });
    try {
      (other.services.config as { production?: boolean }).production = true;
      assert.equal((await fetch(`${other.url}/_cognate/console`, { headers: { cookie }, redirect: 'manual' })).status, 303);
    } finally {
      await other.close();
    }
    // Eight hours later the session has ended.
    server.clock.advance(8 * 60 * 60 * 1000 + 1000);
    assert.equal(await opens(cookie), false);
  });

  test('a form with another session’s CSRF token, or none, is refused and changes nothing', async () => {
    const alice = await signIn();
    const mallory = await signIn(OTHER);
    for (const csrf of [mallory.csrf, '', `${alice.csrf}x`]) {
      const r = await post('', { cookie: alice.cookie, csrf }, { PoolName: 'forged' });
      assert.equal(r.status, 403);
    }
    const ok = await post('', alice, { PoolName: 'genuine' });
    assert.equal(ok.status, 303);
    const names = (await server.services.stores.pools.list(60, undefined)).items.map((p) => p.name);
    assert.deepEqual(names, ['genuine']);
  });

  test('local mode: open without signing in; the sign-in page sends back to the console', async () => {
    (server.services.config as { production?: boolean }).production = false;
    try {
      const r = await fetch(base, { redirect: 'manual' });
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-security-policy') ?? '', /default-src 'none'.*script-src 'nonce-/);
      assert.equal(r.headers.get('access-control-allow-origin'), null);
      assert.equal((await fetch(`${base}/sign-in`, { redirect: 'manual' })).status, 303);
    } finally {
      (server.services.config as { production?: boolean }).production = true;
    }
  });
});
