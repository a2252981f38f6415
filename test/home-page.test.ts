import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CognitoIdentityProviderClient, CreateUserPoolCommand, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { version } from '../src/config/version.ts';
import { defaultPublicUrl } from '../src/public-url.ts';
import { startTestServer } from './support/server.ts';

test('GET / is a page about the server: version, endpoints, the console and the documentation, which is served', async () => {
  const s = await startTestServer('sqlite');
  try {
    const res = await fetch(`${s.url}/`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
    const html = await res.text();
    assert.match(html, new RegExp(`<h1>cognate ${version.replace(/\./g, '\\.')}</h1>`));
    for (const path of [
      '/_cognate/messages',
      '/_cognate/console',
      '/health',
      '/_cognate/docs/README.md',
      '/_cognate/docs/clients.md',
      '/_cognate/docs/configuration.md',
    ]) {
      assert.ok(html.includes(`href="${s.publicUrl}${path}"`), `links ${path}`);
    }
    assert.ok(html.includes(`--endpoint-url ${s.publicUrl} --region us-east-1`));

    const doc = await fetch(`${s.url}/_cognate/docs/clients.md`);
    assert.equal(doc.status, 200);
    assert.equal(doc.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.match(await doc.text(), /^# Using the JavaScript client libraries/);
    // Only the listed files: nothing else of the file system.
    for (const path of ['/_cognate/docs/package.json', '/_cognate/docs/..%2Fpackage.json', '/_cognate/docs/%2E%2E%2FLICENSE']) {
      assert.equal((await fetch(`${s.url}${path}`)).status, 404, path);
    }
  } finally {
    await s.close();
  }
});

test('an unknown GET path is 404 with the Cognito envelope; POST / is still the API', async () => {
  const s = await startTestServer('sqlite');
  try {
    const res = await fetch(`${s.url}/no/such/page?x=1`);
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('x-amzn-errortype'), 'ResourceNotFoundException:');
    assert.deepEqual(await res.json(), { __type: 'ResourceNotFoundException', message: 'No such resource: GET /no/such/page' });
    const { UserPool } = await s.sdk.send(new CreateUserPoolCommand({ PoolName: 'still-the-api' }));
    assert.match(UserPool!.Id!, /^us-east-1_/);
  } finally {
    await s.close();
  }
});

test('bound to 0.0.0.0 without --public-url: issuers and URLs name 127.0.0.1, which clients reach', async () => {
  const s = await startTestServer('sqlite', { flags: { host: '0.0.0.0' } });
  try {
    const port = new URL(s.url).port;
    assert.equal(s.url, `http://0.0.0.0:${port}`);
    assert.equal(s.publicUrl, `http://127.0.0.1:${port}`);
    assert.equal(s.replacedWildcard, '0.0.0.0');
    const sdk = new CognitoIdentityProviderClient({
      endpoint: s.publicUrl,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    try {
      const { UserPool } = await sdk.send(new CreateUserPoolCommand({ PoolName: 'wildcard' }));
      assert.ok((await sdk.send(new ListUserPoolsCommand({ MaxResults: 10 }))).UserPools!.some((p) => p.Id === UserPool!.Id));
      const discovery = (await (await fetch(`${s.publicUrl}/${UserPool!.Id}/.well-known/openid-configuration`)).json()) as Record<string, string>;
      assert.equal(discovery.issuer, `http://127.0.0.1:${port}/${UserPool!.Id}`);
      assert.equal(discovery.jwks_uri, `http://127.0.0.1:${port}/${UserPool!.Id}/.well-known/jwks.json`);
      const jwks = (await (await fetch(discovery.jwks_uri!)).json()) as { keys: unknown[] };
      assert.ok(jwks.keys.length > 0);
    } finally {
      sdk.destroy();
    }
  } finally {
    await s.close();
  }
});

test('the URL standing in for a bound address: loopback for a wildcard of either family, the address itself otherwise', () => {
  assert.deepEqual(defaultPublicUrl('http', { address: '0.0.0.0', family: 'IPv4', port: 9229 }), {
    url: 'http://127.0.0.1:9229',
    replacedWildcard: '0.0.0.0',
  });
  assert.deepEqual(defaultPublicUrl('https', { address: '::', family: 'IPv6', port: 443 }), { url: 'https://[::1]:443', replacedWildcard: '::' });
  assert.deepEqual(defaultPublicUrl('http', { address: '192.168.1.20', family: 'IPv4', port: 80 }), {
    url: 'http://192.168.1.20:80',
    replacedWildcard: undefined,
  });
  assert.deepEqual(defaultPublicUrl('http', { address: 'fe80::1', family: 'IPv6', port: 80 }), { url: 'http://[fe80::1]:80', replacedWildcard: undefined });
});

test('--public-url wins over a wildcard bind', async () => {
  const s = await startTestServer('sqlite', { flags: { host: '0.0.0.0', 'public-url': 'http://idp.example.test' } });
  try {
    assert.equal(s.publicUrl, 'http://idp.example.test');
    assert.equal(s.replacedWildcard, undefined);
  } finally {
    await s.close();
  }
});
