import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListUserPoolsCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { SignatureV4 } from '@smithy/signature-v4';
import { ConfigError, resolveConfig } from '../src/config/schema.ts';
import { Sha256 } from '../src/protocol/sigv4.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';
import { rawCall, rejectsWith } from './support/sdk.ts';

// With --admin-credentials, signed (admin and management) calls are checked against the keys:
// the SDK signing with one of them is served, anything else gets the AWS signature errors.

const KEY = { accessKeyId: 'AKIACOGNATETEST0001', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const OTHER = { accessKeyId: 'AKIACOGNATETEST0002', secretAccessKey: 'second-secret-0123456789' };
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

function sdk(s: TestServer, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, region = s.config.region) {
  return new CognitoIdentityProviderClient({ endpoint: s.url, region, credentials, maxAttempts: 1 });
}

/** A request signed by hand with the SDK's signer, so the test can change it afterwards. */
async function signed(s: TestServer, target: string, body: string, options: { key?: typeof KEY; contentHash?: boolean } = {}) {
  const key = options.key ?? KEY;
  const url = new URL(s.url);
  const headers: Record<string, string> = {
    host: url.host,
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': `AWSCognitoIdentityProviderService.${target}`,
  };
  if (options.contentHash) headers['x-amz-content-sha256'] = createHash('sha256').update(body).digest('hex');
  const signer = new SignatureV4({ credentials: key, region: s.config.region, service: 'cognito-idp', sha256: Sha256, applyChecksum: false });
  const request = await signer.sign(
    { method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', headers, body },
    { signingDate: new Date(s.clock.now()) },
  );
  return request.headers as Record<string, string>;
}

async function send(s: TestServer, headers: Record<string, string>, body: string) {
  const { host: _host, ...rest } = headers;
  return rawCall(s.url, undefined, body, rest);
}

describeEachBackend(
  'SigV4 checked against --admin-credentials',
  ({ server }) => {
    test('a call signed with a configured key is served, with either key', async () => {
      const s = server();
      const created = await sdk(s, KEY).send(new CreateUserPoolCommand({ PoolName: 'signed' }));
      const poolId = created.UserPool!.Id!;
      await sdk(s, OTHER).send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'alice', MessageAction: 'SUPPRESS' }));
      const alice = await sdk(s, KEY).send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }));
      assert.equal(alice.Username, 'alice');
    });

    test('an unknown access key is UnrecognizedClientException, and so is a session token', async () => {
      const s = server();
      const unknown = { accessKeyId: 'AKIACOGNATEUNKNOWN1', secretAccessKey: KEY.secretAccessKey };
      await rejectsWith(
        sdk(s, unknown).send(new ListUserPoolsCommand({ MaxResults: 10 })),
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
      );
      await rejectsWith(
        sdk(s, { ...KEY, sessionToken: 'FQoGZXIvYXdzEXAMPLE' }).send(new ListUserPoolsCommand({ MaxResults: 10 })),
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
      );
    });

    test('the right key with the wrong secret is InvalidSignatureException', async () => {
      const s = server();
      await rejectsWith(
        sdk(s, { accessKeyId: KEY.accessKeyId, secretAccessKey: OTHER.secretAccessKey }).send(new ListUserPoolsCommand({ MaxResults: 10 })),
        'InvalidSignatureException',
        MISMATCH,
      );
    });

    test('a body changed after signing is refused, with or without a signed payload hash', async () => {
      const s = server();
      const body = JSON.stringify({ MaxResults: 10 });
      const good = await signed(s, 'ListUserPools', body);
      assert.equal((await send(s, good, body)).status, 200, 'the untouched request is served');
      const changed = JSON.stringify({ MaxResults: 11 });
      const plain = await send(s, good, changed);
      assert.equal(plain.status, 400);
      assert.deepEqual(plain.json, { __type: 'InvalidSignatureException', message: MISMATCH });
      const hashed = await signed(s, 'ListUserPools', body, { contentHash: true });
      assert.equal((await send(s, hashed, body)).status, 200);
      assert.equal((await send(s, hashed, changed)).json.__type, 'InvalidSignatureException');
      // A different operation under the same signature is refused too (X-Amz-Target is signed).
      const other = await send(s, { ...good, 'x-amz-target': 'AWSCognitoIdentityProviderService.DescribeUserPool' }, body);
      assert.equal(other.json.__type, 'InvalidSignatureException');
    });

    test('a signature that leaves out X-Amz-Target is refused: it cannot be replayed as another operation', async () => {
      const s = server();
      const poolId = (await sdk(s, KEY).send(new CreateUserPoolCommand({ PoolName: 'target' }))).UserPool!.Id!;
      await sdk(s, KEY).send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'carol', MessageAction: 'SUPPRESS' }));
      // Signed over host and x-amz-date only; the operation is named afterwards, outside the signature.
      const body = JSON.stringify({ UserPoolId: poolId, Username: 'carol' });
      const url = new URL(s.url);
      const signer = new SignatureV4({ credentials: KEY, region: s.config.region, service: 'cognito-idp', sha256: Sha256, applyChecksum: false });
      const request = await signer.sign(
        { method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', headers: { host: url.host }, body },
        { signingDate: new Date(s.clock.now()) },
      );
      const headers = request.headers as Record<string, string>;
      assert.match(headers.authorization!, /SignedHeaders=host;x-amz-date,/);
      const expected = { __type: 'InvalidSignatureException', message: "'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization." };
      for (const target of ['AdminGetUser', 'AdminDeleteUser']) {
        const res = await send(s, { ...headers, 'x-amz-target': `AWSCognitoIdentityProviderService.${target}` }, body);
        assert.equal(res.status, 400, target);
        assert.deepEqual(res.json, expected, target);
      }
      const carol = await sdk(s, KEY).send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'carol' }));
      assert.equal(carol.Username, 'carol', 'the user is still there');
    });

    test('a signature more than 15 minutes old, or ahead, has expired or is not yet current', async () => {
      const s = server();
      const body = JSON.stringify({ MaxResults: 10 });
      const headers = await signed(s, 'ListUserPools', body);
      s.clock.advance(16 * 60_000);
      try {
        const late = await send(s, headers, body);
        assert.equal(late.json.__type, 'InvalidSignatureException');
        assert.match(late.json.message, /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/);
      } finally {
        s.clock.advance(-16 * 60_000);
      }
      s.clock.advance(-16 * 60_000);
      try {
        const early = await send(s, headers, body);
        assert.match(early.json.message, /^Signature not yet current: /);
      } finally {
        s.clock.advance(16 * 60_000);
      }
      assert.equal((await send(s, headers, body)).status, 200, 'within the window it is served');
    });

    test('a credential scoped to another region is refused', async () => {
      const s = server();
      await rejectsWith(
        sdk(s, KEY, 'eu-west-1').send(new ListUserPoolsCommand({ MaxResults: 10 })),
        'InvalidSignatureException',
        "Credential should be scoped to a valid region, not 'eu-west-1'.",
      );
    });

    test('no Authorization is MissingAuthenticationTokenException; a malformed one IncompleteSignatureException', async () => {
      const s = server();
      const none = await rawCall(s.url, 'ListUserPools', '{"MaxResults":10}', { authorization: '' });
      assert.equal(none.json.__type, 'MissingAuthenticationTokenException');
      const partial = await rawCall(s.url, 'ListUserPools', '{"MaxResults":10}', {
        authorization: `AWS4-HMAC-SHA256 Credential=${KEY.accessKeyId}/20260101/us-east-1/cognito-idp/aws4_request`,
      });
      assert.equal(partial.status, 400);
      assert.equal(partial.json.__type, 'IncompleteSignatureException');
    });

    test('public operations need no signature even with keys configured', async () => {
      const s = server();
      const poolId = (await sdk(s, KEY).send(new CreateUserPoolCommand({ PoolName: 'public' }))).UserPool!.Id!;
      const client = await sdk(s, KEY).send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'app' }));
      // Credentials nobody configured: the SDK does not sign SignUp, and the server does not ask.
      const anonymous = sdk(s, { accessKeyId: 'nobody', secretAccessKey: 'nothing' });
      const out = await anonymous.send(new SignUpCommand({ ClientId: client.UserPoolClient!.ClientId!, Username: 'bob', Password: 'Passw0rd!' }));
      assert.equal(out.UserConfirmed, false);
    });
  },
  { flags: { 'admin-credentials': `${KEY.accessKeyId}:${KEY.secretAccessKey},${OTHER.accessKeyId}:${OTHER.secretAccessKey}` } },
);

test('--admin-credentials must be ID:SECRET pairs', () => {
  for (const bad of ['AKIACOGNATETEST0001', 'short:wJalrXUtnFEMI/K7MDENG', 'AKIACOGNATETEST0001:tooshort', 'AKIACOGNATETEST0001:wJalrXUtnFEMI/K7MDENG,']) {
    assert.throws(
      () => resolveConfig({ 'admin-credentials': bad }, {}),
      (e: unknown) => e instanceof ConfigError && /--admin-credentials must be/.test(e.message) && !e.message.includes('wJalr'),
    );
  }
  assert.equal(
    resolveConfig({}, { COGNATE_ADMIN_CREDENTIALS: `${KEY.accessKeyId}:${KEY.secretAccessKey}` }).adminCredentials,
    `${KEY.accessKeyId}:${KEY.secretAccessKey}`,
  );
});
